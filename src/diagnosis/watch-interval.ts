/**
 * How long a watch waits before it checks a name again (issue 15, "Watch until it works"):
 * derived from the fix ETA, bounded, backing off while nothing changes. A module of its
 * own so the page can import it without the ETA's evidence reading (fix-eta.ts re-exports
 * it).
 */

import type { FixEta } from './fix-eta';

/** Issue 15: "at least 10 s". */
export const WATCH_MIN_SECONDS = 10;
/** Issue 15: "backing off towards 10 min". */
export const WATCH_MAX_SECONDS = 600;
/** Growth per run that changed nothing. */
export const WATCH_BACKOFF = 1.5;
/** The first wait when the evidence holds no TTL to go by (a working name, say). */
export const WATCH_DEFAULT_FIRST_SECONDS = 60;

const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

/**
 * The first wait: no sooner than the first cache that can change — the least TTL a failing
 * resolver had left on the record that matters, plus one second so it has run out — and
 * no later than the ETA itself, when every resolver should have followed (then a check
 * says whether it did).
 */
function firstWait(eta: FixEta | null): number {
  if (eta === null) return WATCH_DEFAULT_FIRST_SECONDS;
  const left = eta.perResolver.flatMap((r) =>
    r.state === 'failing' && r.remaining !== null ? [r.remaining + 1] : [],
  );
  const soonest = left.length > 0 ? Math.min(...left) : WATCH_DEFAULT_FIRST_SECONDS;
  return Math.min(soonest, Math.max(eta.seconds, WATCH_MIN_SECONDS));
}

/**
 * Seconds to wait before the next run of a watch: the first wait (above) times 1.5 for
 * every run in a row that changed nothing, always within 10 s … 600 s, whole seconds.
 *
 * Fair use, per resolver: one run asks every resolver the name with CD=0 and CD=1 (2
 * queries), and the first resolver also the chain of trust and the nameservers (DS,
 * DNSKEY and NS of each zone on the path, the NS hosts' addresses: about 15 more for
 * `www.example.com`, so about 17). At the 10 s floor that is 6 runs a minute: 12 queries
 * a minute to a resolver, about 100 to the first. The floor lasts one run: the backoff
 * (10, 15, 23, 34, 51, 76, 114, 171, 256, 384, 577 s) reaches the 600 s ceiling after 11
 * runs and under half an hour, and from then on it is 6 runs an hour: 12 queries an hour
 * to a resolver, about 100 to the first. A 24-hour watch that never sees a change makes
 * about 152 runs: some 300 queries to each resolver and 2,600 to the first, one every
 * 33 s on average. A change starts the count again (`unchangedRuns` = 0).
 *
 * @example
 * watchIntervalSeconds(null, 0); // 60
 * watchIntervalSeconds(eta, 0); // 10 for the lab, whose resolvers keep records 5 s
 * watchIntervalSeconds(eta, 20); // 600
 */
export function watchIntervalSeconds(eta: FixEta | null, unchangedRuns: number): number {
  const runs = Number.isFinite(unchangedRuns) ? Math.max(0, Math.floor(unchangedRuns)) : 0;
  const first = clamp(firstWait(eta), WATCH_MIN_SECONDS, WATCH_MAX_SECONDS);
  // 1.5^18 already takes 10 s past 600 s: stop multiplying there (no Infinity).
  const grown = first * WATCH_BACKOFF ** Math.min(runs, 32);
  return Math.round(clamp(grown, WATCH_MIN_SECONDS, WATCH_MAX_SECONDS));
}
