/**
 * The worker's API, as the UI sees it through comlink. Everything that decodes DNS,
 * validates DNSSEC or diagnoses runs behind it, so the page never freezes and the shell
 * bundle carries no DNS code.
 */
import type { Diagnosis } from '../diagnosis/diagnosis';
import type { EvidenceValidation } from '../diagnosis/validate-evidence';
import type { Evidence, EvidenceQuestion, EvidenceResolver } from '../evidence/evidence';
import type { ExchangeDetail } from '../report/describe';
import type { ExchangeSummary } from '../report/exchange-summary';
import type { LiveSentQuery } from '../investigate/run';

/** A query that has left and not yet come back: a grid cell shows "waiting, N s". */
export type PendingQuery = LiveSentQuery;

export interface InvestigateRequest {
  readonly question: EvidenceQuestion;
  readonly resolvers: readonly EvidenceResolver[];
  readonly trustAnchors: readonly string[];
  readonly timeoutMs: number;
  /** The RDAP bootstrap file that finds the registry; absent: the registry is not asked. */
  readonly rdapBootstrap?: string;
}

export interface InvestigationResult {
  readonly evidence: Evidence;
  readonly summaries: readonly ExchangeSummary[];
  /** Dependent rounds used (waves that actually sent queries). */
  readonly waves: number;
  /** Our own DNSSEC validation of the evidence: the chain of trust and where it breaks. */
  readonly validation: EvidenceValidation;
  /** The verdict: diagnose() over the evidence and that validation. */
  readonly diagnosis: Diagnosis;
}

export type { ExchangeDetail };

/**
 * Who a call is about: the UI gives every investigation and every load its own id, so a
 * run that was replaced or cancelled can never be mistaken for the one now on the page
 * (its late exchanges, its exchange ids `x0`, `x1`… and its cancel stay its own).
 */
export type RunId = number;

export interface LensWorkerApi {
  /**
   * Runs a live investigation; `onExchange` is called as each exchange completes. One live
   * run at a time: starting one aborts the one before, which then ends with an error and
   * reports nothing more.
   */
  investigate(
    request: InvestigateRequest,
    onExchange: (summary: ExchangeSummary) => void,
    runId: RunId,
    /** Called as each query leaves, before its exchange completes. */
    onSent?: (query: PendingQuery) => void,
  ): Promise<InvestigationResult>;
  /** Cancels that run if it is still the current one (its pending queries end as `aborted`). */
  cancel(runId: RunId): void;
  /**
   * Loads recorded evidence (an evidence link, a saved result, an example) and derives
   * from it exactly what `investigate` returns; `describe(runId, …)` looks in it until
   * `release(runId)`.
   */
  load(evidence: Evidence, runId: RunId): Promise<InvestigationResult>;
  /** The full response of one exchange of that run or load; null when unknown or released. */
  describe(runId: RunId, exchangeId: string): Promise<ExchangeDetail | null>;
  /** Forgets that run or load (its page is gone); a run still going is cancelled first. */
  release(runId: RunId): void;
}
