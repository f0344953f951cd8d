/**
 * One finished check as a run of a watch: its verdict and, per resolver, what the target
 * question with CD=0 came back with. Read from what the worker already summarised
 * (report/exchange-summary.ts), so nothing here decodes DNS.
 */
import type { Diagnosis } from '../../diagnosis/diagnosis';
import type { EvidenceResolver } from '../../evidence/evidence';
import type { ExchangeSummary } from '../../report/exchange-summary';
import {
  FAILED_RUN,
  outcomeOf,
  type WatchOutcome,
  type WatchRun,
} from '../../report/watch-timeline';

/** What a finished check offers (an Investigation's fields). */
export interface FinishedCheck {
  readonly resolvers: readonly EvidenceResolver[];
  readonly summaries: readonly ExchangeSummary[];
  /** Null when the check failed before a verdict. */
  readonly diagnosis: Diagnosis | null;
}

/**
 * Each resolver's CD=0 outcome for the target question, the exchange the grid's CD=0 cell
 * shows (grid-model.ts). Resolvers that were not asked are left out.
 */
export function outcomesOf(check: FinishedCheck): readonly WatchOutcome[] {
  return check.resolvers.flatMap((resolver) => {
    const cell = check.summaries.find(
      (s) => s.purpose === 'target' && !s.cd && s.resolver === resolver.url,
    );
    return cell === undefined ? [] : [{ ...outcomeOf(cell), resolver: resolver.url }];
  });
}

/**
 * @example runOf(check, Date.now(), savedId) // { at, verdict: 'ok', reason: 'secure', savedId, outcomes }
 */
export function runOf(check: FinishedCheck, at: number, savedId: string | null): WatchRun {
  return {
    at,
    verdict: check.diagnosis?.verdict ?? FAILED_RUN,
    reason: check.diagnosis?.reason ?? '',
    savedId,
    outcomes: outcomesOf(check),
  };
}
