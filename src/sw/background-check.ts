/**
 * The background check of watches (issue 15): what the service worker does on a
 * `periodicsync` event (Periodic Background Sync, which Chromium offers to installed apps),
 * while no page of the app is open. For each watch the person asked to keep checking (not
 * stopped, within its 24 h), every resolver is asked the target question with CD=0 over
 * DoH GET, exactly as a check asks it (doh/transport.ts); the outcomes are added to the
 * watch, and when a resolver's RCODE or AD bit is not what the watch saw last, a
 * notification says which. No validation and no verdict here: opening the notification
 * opens the watch, whose page runs the full check.
 *
 * Everything it touches is passed in, so the rules are tested in Node.
 */
import { visibleText } from '../dns/visible-text';
import { checkFragment } from '../report/route';
import {
  outcomeChanges,
  outcomeWords,
  type OutcomeChange,
  type WatchOutcome,
} from '../report/watch-timeline';
import {
  WATCH_SYNC_TAG,
  watchExpired,
  withBackgroundCheck,
  type BackgroundCheck,
  type StoredWatch,
} from '../store/watch-record';

export { WATCH_SYNC_TAG };

export interface BackgroundHost {
  now(): number;
  listWatches(): Promise<readonly StoredWatch[]>;
  /** Replaces the stored watch by what `change` makes of it (null: it is gone). */
  updateWatch(
    id: string,
    change: (stored: StoredWatch | null) => StoredWatch | null,
  ): Promise<void>;
  /** One resolver's CD=0 answer to the question (a transport failure is its error class). */
  ask(resolverUrl: string, name: string, type: string): Promise<WatchOutcome>;
  notify(title: string, body: string, tag: string, url: string): Promise<void>;
}

/** A watch the person asked to keep checking, that has not ended. */
export function wantsBackground(watch: StoredWatch, now: number): boolean {
  return watch.background && watch.stop === undefined && !watchExpired(watch, now);
}

/** What the watch saw last: its last background check, else its last run. */
function lastSeen(watch: StoredWatch): readonly WatchOutcome[] | null {
  return watch.backgroundChecks.at(-1)?.outcomes ?? watch.runs.at(-1)?.outcomes ?? null;
}

/** The page of a watch: its check with its own resolvers, anchors and registry, watched. */
export function watchFragment(watch: StoredWatch): string {
  return checkFragment(watch.name, watch.type, {
    resolvers: watch.resolvers.map((r) => r.url),
    ...(watch.trustAnchors.length > 0 ? { trustAnchors: watch.trustAnchors } : {}),
    ...(watch.rdapBootstrap === undefined ? {} : { rdap: watch.rdapBootstrap }),
    watchSeconds: watch.intervalSeconds,
  });
}

/**
 * The notification's words: the name, and per resolver what it answered before and now.
 *
 * @example changeNotice(watch, changes).body // '8.8.8.8: SERVFAIL → NOERROR AD'
 */
export function changeNotice(
  watch: StoredWatch,
  changes: readonly OutcomeChange[],
): { readonly title: string; readonly body: string } {
  const name = visibleText(watch.name.replace(/\.$/, '') || '.');
  const label = (url: string) =>
    visibleText(watch.resolvers.find((r) => r.url === url)?.label || url);
  const lines = changes.map(
    (c) => `${label(c.resolver)}: ${outcomeWords(c.before)} → ${outcomeWords(c.after)}`,
  );
  return {
    title: `Changed: ${name}`,
    body: `${lines.join('\n')}\nChecked in the background; open it for the verdict.`,
  };
}

/** Checks one watch: asks, records, and notifies a change. */
async function checkOne(watch: StoredWatch, host: BackgroundHost): Promise<void> {
  const outcomes = await Promise.all(
    watch.resolvers.map((r) => host.ask(r.url, watch.name, watch.type)),
  );
  const check: BackgroundCheck = { at: host.now(), outcomes };
  await host.updateWatch(watch.id, (stored) =>
    stored === null ? null : withBackgroundCheck(stored, check),
  );
  const before = lastSeen(watch);
  const changes = before === null ? [] : outcomeChanges(before, outcomes);
  if (changes.length === 0) return;
  const notice = changeNotice(watch, changes);
  await host.notify(
    notice.title,
    notice.body,
    `${WATCH_SYNC_TAG}-${watch.id}`,
    watchFragment(watch),
  );
}

/**
 * One background round over every watch that wants it; resolves with how many did, so
 * the service worker can unregister the sync when none is left.
 */
export async function checkWatchesInBackground(host: BackgroundHost): Promise<number> {
  const now = host.now();
  const due = (await host.listWatches()).filter((w) => wantsBackground(w, now));
  // One watch at a time: a round is a few queries per resolver, no hurry, no burst.
  for (const watch of due) await checkOne(watch, host);
  return due.length;
}
