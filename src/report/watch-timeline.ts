/**
 * A watch's timeline (issue 15): the same check run again and again until it changes, each
 * run kept as its verdict and, per resolver, what the target question with CD=0 came back
 * with (RCODE, AD bit, EDE; RFC 8914). Plain data: the page shows it, the store keeps it,
 * the owner's report tells it (markdown.ts). The full Evidence of each run is saved apart
 * (`savedId`), like any check.
 *
 * Which runs count as "unchanged" (the interval backs off while nothing changes) and which
 * verdict changes are a fix or a break are decided here, once, for all of them.
 */

import type { ExchangeSummary } from './exchange-summary';

/** One resolver's answer to the target question with CD=0, in one run. */
export interface WatchOutcome {
  /** The resolver's DoH URL. */
  readonly resolver: string;
  /** The RCODE mnemonic (`NOERROR`, `SERVFAIL`…) or, when no DNS answer came, the error class. */
  readonly status: string;
  /** The AD bit (RFC 4035 §3.2.3: the resolver validated the answer). */
  readonly ad: boolean;
  /** Extended DNS Errors (RFC 8914 §2): info-code and EXTRA-TEXT (untrusted, may be empty). */
  readonly ede: readonly { readonly code: number; readonly text: string }[];
}

/**
 * An exchange's outcome as a watch keeps it (the grid cell's fields).
 *
 * @example outcomeOf(summary) // { resolver, status: 'SERVFAIL', ad: false, ede: [{ code: 9, text: '…' }] }
 */
export function outcomeOf(
  summary: Pick<ExchangeSummary, 'resolver' | 'status' | 'ad' | 'ede'>,
): WatchOutcome {
  return {
    resolver: summary.resolver,
    status: summary.status,
    ad: summary.ad,
    ede: summary.ede.map((e) => ({ code: e.code, text: e.text })),
  };
}

/** One resolver whose RCODE (or error class) or AD bit is not what it was. */
export interface OutcomeChange {
  readonly resolver: string;
  readonly before: WatchOutcome;
  readonly after: WatchOutcome;
}

/**
 * The resolvers whose RCODE or AD bit changed between two sets of outcomes (a resolver in
 * only one of them is not compared).
 */
export function outcomeChanges(
  before: readonly WatchOutcome[],
  after: readonly WatchOutcome[],
): readonly OutcomeChange[] {
  return after.flatMap((now) => {
    const then = before.find((o) => o.resolver === now.resolver);
    if (then === undefined || (then.status === now.status && then.ad === now.ad)) return [];
    return [{ resolver: now.resolver, before: then, after: now }];
  });
}

/** A run whose check could not finish (the worker failed): no verdict, a message. */
export const FAILED_RUN = 'failed';

export interface WatchRun {
  /** When the run finished, ms since the epoch. */
  readonly at: number;
  /** The verdict id (`ok`, `dnssec-bogus`…), or FAILED_RUN. */
  readonly verdict: string;
  /** The reason id; empty for a failed run. */
  readonly reason: string;
  /** The id of the run's saved result (`#/saved/<id>`); null when it was not saved. */
  readonly savedId: string | null;
  readonly outcomes: readonly WatchOutcome[];
}

export interface WatchTimeline {
  /** When the watch started, ms since the epoch. */
  readonly startedAt: number;
  readonly resolvers: readonly { readonly url: string; readonly label: string }[];
  readonly runs: readonly WatchRun[];
}

/** Verdicts under which the name is answered as it is (it exists or is proven not to). */
const WORKING = new Set(['ok', 'nxdomain', 'nodata']);
/** Verdicts that say nothing about the name (no evidence, or no run). */
const UNKNOWN = new Set(['inconclusive', FAILED_RUN]);

/** Whether a verdict says the name is answered as it is (ok, nxdomain, nodata). */
export function verdictWorks(verdict: string): boolean {
  return WORKING.has(verdict);
}

/** What a change of verdict means to the person watching. */
export type VerdictChange = 'fixed' | 'broke' | 'changed';

/**
 * How the verdict moved from one run to the next: `fixed` when it now works and did not,
 * `broke` when it worked and now fails, `changed` for any other new verdict or reason;
 * null when both runs have the same verdict and reason.
 *
 * @example verdictChange({ verdict: 'dnssec-bogus', … }, { verdict: 'ok', … }) // 'fixed'
 */
export function verdictChange(
  before: Pick<WatchRun, 'verdict' | 'reason'>,
  after: Pick<WatchRun, 'verdict' | 'reason'>,
): VerdictChange | null {
  if (before.verdict === after.verdict && before.reason === after.reason) return null;
  const was = WORKING.has(before.verdict);
  const is = WORKING.has(after.verdict);
  if (!was && is) return 'fixed';
  if (was && !is && !UNKNOWN.has(after.verdict)) return 'broke';
  return 'changed';
}

function sameOutcome(a: WatchOutcome, b: WatchOutcome): boolean {
  return (
    a.resolver === b.resolver &&
    a.status === b.status &&
    a.ad === b.ad &&
    a.ede.length === b.ede.length &&
    a.ede.every((e, i) => e.code === b.ede[i]?.code)
  );
}

/**
 * Whether two runs observed the same: verdict, reason, and per resolver the RCODE, AD bit
 * and EDE codes (EDE texts may carry a changing address or time, so they do not count).
 */
export function sameObservation(a: WatchRun, b: WatchRun): boolean {
  return (
    a.verdict === b.verdict &&
    a.reason === b.reason &&
    a.outcomes.length === b.outcomes.length &&
    a.outcomes.every((o, i) => {
      const other = b.outcomes[i];
      return other !== undefined && sameOutcome(o, other);
    })
  );
}

/**
 * How many runs at the end of the timeline observed the same as the one before them: 0
 * after a change (or a first run). The interval backs off with this count.
 */
export function unchangedRuns(runs: readonly WatchRun[]): number {
  let count = 0;
  for (let i = runs.length - 1; i > 0; i--) {
    const run = runs[i];
    const before = runs[i - 1];
    if (run === undefined || before === undefined || !sameObservation(run, before)) break;
    count += 1;
  }
  return count;
}

/**
 * One outcome in a few words, EDE texts left out (the saved result has them).
 *
 * @example outcomeWords({ status: 'SERVFAIL', ad: false, ede: [{ code: 9, text: '' }] }) // 'SERVFAIL EDE 9'
 */
export function outcomeWords(outcome: Pick<WatchOutcome, 'status' | 'ad' | 'ede'>): string {
  return [
    outcome.status,
    ...(outcome.ad ? ['AD'] : []),
    ...outcome.ede.map((e) => `EDE ${e.code}`),
  ].join(' ');
}

/** Consecutive runs that observed the same, as one stretch of the timeline. */
export interface WatchStretch {
  readonly first: WatchRun;
  readonly last: WatchRun;
  readonly count: number;
}

/** The timeline as stretches of runs that observed the same, oldest first. */
export function stretchesOf(runs: readonly WatchRun[]): readonly WatchStretch[] {
  const out: WatchStretch[] = [];
  for (const run of runs) {
    const open = out.at(-1);
    if (open !== undefined && sameObservation(open.last, run)) {
      out[out.length - 1] = { first: open.first, last: run, count: open.count + 1 };
    } else {
      out.push({ first: run, last: run, count: 1 });
    }
  }
  return out;
}
