/**
 * Whether this browser can keep checking a watch once its page is closed: Periodic
 * Background Sync (a WICG draft; Chromium has it and grants its permission only to
 * installed apps, judged by the site's engagement). What runs then is the service worker's
 * background check (src/sw/background-check.ts). Where it is unavailable, the reason is
 * said, never guessed at: no service worker yet, no such API, or no permission.
 */
import { WATCH_SYNC_MIN_INTERVAL_MS, WATCH_SYNC_TAG } from '../../store/watch-record';

/** The draft's manager, which TypeScript's DOM lib does not describe. */
interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

export type BackgroundOffer =
  | { readonly kind: 'checking' }
  | { readonly kind: 'available' }
  | { readonly kind: 'unavailable'; readonly reason: string };

function periodicSyncOf(registration: ServiceWorkerRegistration): PeriodicSyncManager | null {
  return 'periodicSync' in registration
    ? (registration as ServiceWorkerRegistration & { periodicSync: PeriodicSyncManager })
        .periodicSync
    : null;
}

/** The permission's state; `prompt` where the browser does not know the name. */
async function permissionState(): Promise<PermissionState> {
  try {
    const status = await navigator.permissions.query({
      name: 'periodic-background-sync' as PermissionName,
    });
    return status.state;
  } catch {
    return 'prompt';
  }
}

/** What can be offered now; `keep`: the watch is stored, where the service worker reads it. */
export async function backgroundOffer(keep: boolean): Promise<BackgroundOffer> {
  if (!keep) {
    return {
      kind: 'unavailable',
      reason: 'saving is off in the settings, so the watch is not kept for it to read.',
    };
  }
  if (!('serviceWorker' in navigator)) {
    return { kind: 'unavailable', reason: 'this browser runs no service worker for this page.' };
  }
  const registration = await navigator.serviceWorker.getRegistration();
  if (registration === undefined) {
    return {
      kind: 'unavailable',
      reason: 'the app is not installed for offline use in this browser yet.',
    };
  }
  if (periodicSyncOf(registration) === null) {
    return {
      kind: 'unavailable',
      reason:
        'this browser has no Periodic Background Sync (Chromium-based browsers have it, for installed apps). The watch runs while this page is open.',
    };
  }
  if ((await permissionState()) !== 'granted') {
    return {
      kind: 'unavailable',
      reason:
        'the browser allows it (Periodic Background Sync) only to installed apps. Install SERVFAIL Lens from the browser’s menu, then open this watch in the app.',
    };
  }
  return { kind: 'available' };
}

/** Asks the browser to wake the service worker now and then; resolves with a problem or null. */
export async function registerBackground(): Promise<string | null> {
  try {
    const registration = await navigator.serviceWorker.ready;
    const sync = periodicSyncOf(registration);
    if (sync === null) return 'This browser has no Periodic Background Sync.';
    await sync.register(WATCH_SYNC_TAG, { minInterval: WATCH_SYNC_MIN_INTERVAL_MS });
    return null;
  } catch (error) {
    return `The browser refused the background check (${error instanceof Error ? error.message : String(error)}).`;
  }
}
