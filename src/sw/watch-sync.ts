/**
 * The service worker's part of a watch, added to the generated worker with workbox's
 * `importScripts` (vite.config.ts; built as one classic script by build/watch-sync.ts).
 *
 * - `periodicsync` (tag WATCH_SYNC_TAG): one background round (background-check.ts); when
 *   no watch wants it any more, the sync is unregistered, so the browser stops waking us.
 * - `notificationclick` on a watch's notification: focuses a window of the app and opens
 *   the watch there, or opens a new one.
 */
import { queryDoh, toExchange } from '../doh/transport';
import { summariseExchange } from '../report/summarise';
import { outcomeOf } from '../report/watch-timeline';
import { listWatches, updateWatch } from '../store/watches';
import { checkWatchesInBackground, WATCH_SYNC_TAG, type BackgroundHost } from './background-check';

/**
 * What this script uses of the service worker's global scope, declared here: it is type
 * checked with the worker's lib and with the page's (svelte-check), and neither describes
 * a service worker's events, nor Periodic Background Sync (a WICG draft).
 */
interface ExtendableEventLike extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface WindowClientLike {
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration & {
    readonly periodicSync?: { unregister(tag: string): Promise<void> };
  };
  readonly clients: {
    matchAll(options: { type: 'window' }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: string, listener: (event: Event) => void): void;
}

const scope = globalThis as unknown as ServiceWorkerScope;

/** The name itself gets at least 10 s, as in a check (resolvers take long on dead servers). */
const TARGET_TIMEOUT_MS = 10_000;

const host: BackgroundHost = {
  now: () => Date.now(),
  listWatches: async () => {
    const result = await listWatches();
    if (!result.ok) throw new Error(result.message);
    return result.watches;
  },
  updateWatch: async (id, change) => {
    const result = await updateWatch(id, change);
    if (!result.ok) throw new Error(result.message);
  },
  ask: async (url, name, type) => {
    const outcome = await queryDoh({ url, name, type, cd: false, timeoutMs: TARGET_TIMEOUT_MS });
    return outcomeOf(
      summariseExchange(toExchange(outcome, { id: 'b0', purpose: 'target', wave: 1 })),
    );
  },
  notify: async (title, body, tag, url) => {
    await scope.registration.showNotification(title, {
      body,
      tag,
      icon: new URL('pwa-192x192.png', scope.registration.scope).href,
      data: { url: new URL(url, scope.registration.scope).href },
    });
  },
};

async function round(): Promise<void> {
  const wanted = await checkWatchesInBackground(host);
  if (wanted === 0) {
    await scope.registration.periodicSync?.unregister(WATCH_SYNC_TAG).catch(() => undefined);
  }
}

scope.addEventListener('periodicsync', (event) => {
  const sync = event as ExtendableEventLike & { readonly tag?: unknown };
  if (sync.tag === WATCH_SYNC_TAG) sync.waitUntil(round());
});

scope.addEventListener('notificationclick', (event) => {
  const click = event as ExtendableEventLike & { readonly notification: Notification };
  const url: unknown = (click.notification.data as { url?: unknown } | null)?.url;
  if (!click.notification.tag.startsWith(WATCH_SYNC_TAG) || typeof url !== 'string') return;
  click.notification.close();
  click.waitUntil(
    (async () => {
      const windows = await scope.clients.matchAll({ type: 'window' });
      const open = windows[0];
      if (open !== undefined) {
        await open.focus();
        await open.navigate(url);
      } else {
        await scope.clients.openWindow(url);
      }
    })(),
  );
});
