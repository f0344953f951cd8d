/**
 * When a watch runs its check again (issue 15: at least 10 s apart, backing off towards
 * 10 min while nothing changes). The interval itself is a function the watch is given
 * (`NextDelaySeconds`), so a better estimate — one derived from the TTLs in the evidence —
 * replaces the local default without touching the loop; the loop only bounds what it says.
 */
import {
  WATCH_BACKOFF,
  WATCH_MAX_SECONDS,
  WATCH_MIN_SECONDS,
} from '../../diagnosis/watch-interval';
import type { WatchRun } from '../../report/watch-timeline';

/** The longest wait the default backs off to (issue 15: "towards 10 min"). */
export const BACKOFF_MAX_SECONDS = WATCH_MAX_SECONDS;
/** How much longer each unchanged run makes the next wait, by default. */
export const BACKOFF_FACTOR = WATCH_BACKOFF;

/**
 * Seconds to wait after a run before the next one.
 *
 * @param runIndex the run that just finished, 0 for the first
 * @param unchangedRuns how many runs in a row (ending with that one) observed the same as the
 *   run before them (report/watch-timeline.ts `unchangedRuns`): 0 right after a change
 * @param lastRun that run
 */
export type NextDelaySeconds = (
  runIndex: number,
  unchangedRuns: number,
  lastRun: WatchRun,
) => number;

/**
 * The local default: 10 s, ×1.5 per unchanged run, at most 10 min (10, 15, 22.5, 33.75 …
 * reaches 600 after the 11th unchanged run).
 *
 * @example defaultNextDelaySeconds(5, 2, run) // 22.5
 */
export const defaultNextDelaySeconds: NextDelaySeconds = (_runIndex, unchangedRuns) =>
  Math.min(BACKOFF_MAX_SECONDS, WATCH_MIN_SECONDS * BACKOFF_FACTOR ** Math.max(0, unchangedRuns));

/**
 * The wait the loop uses: what `next` says, never under `floorSeconds` (the `watch=` the
 * person asked for, at least the minimum); a value that is not a number counts as the floor.
 */
export function boundedDelaySeconds(said: number, floorSeconds: number): number {
  const floor = Math.max(WATCH_MIN_SECONDS, floorSeconds);
  return Number.isFinite(said) ? Math.max(floor, said) : floor;
}
