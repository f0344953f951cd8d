/**
 * The worker's API, as the UI sees it through comlink. Everything that decodes DNS,
 * validates DNSSEC or diagnoses runs behind it, so the page never freezes and the shell
 * bundle carries no DNS code.
 *
 * Stateless calls in squoosh's model: a live check is one call that carries its own
 * AbortSignal (abort-signal-transfer.ts) and its own progress callback, so nothing a run
 * does can reach another run. What the worker keeps between calls is only evidence by
 * evidence id, for `describe` (lens-api.ts says why).
 */
import type { Diagnosis } from '../diagnosis/diagnosis';
import type { Difference } from '../diagnosis/diff/difference';
import type { FixEta } from '../diagnosis/fix-eta';
import type { EvidenceValidation } from '../diagnosis/validate-evidence';
import type { Evidence, EvidenceQuestion, EvidenceResolver } from '../evidence/evidence';
import type { ExchangeDetail } from '../report/describe';
import type { ExchangeSummary } from '../report/exchange-summary';
import type { LiveSentQuery } from '../investigate/run';
import type { DsCheckReport } from '../diagnosis/explain/ds-check-report';

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

/**
 * The worker's name for one body of evidence it holds (a live run or a load): random, made
 * by the worker, never reused, so an id from a run that is gone (or from a worker that was
 * stopped) can name nothing else.
 */
export type EvidenceId = string;

export interface InvestigationResult {
  /** Where the worker holds this evidence: `describe(evidenceId, …)` until `release`. */
  readonly evidenceId: EvidenceId;
  readonly evidence: Evidence;
  readonly summaries: readonly ExchangeSummary[];
  /** Dependent rounds used (waves that actually sent queries). */
  readonly waves: number;
  /** Our own DNSSEC validation of the evidence: the chain of trust and where it breaks. */
  readonly validation: EvidenceValidation;
  /** The verdict: diagnose() over the evidence and that validation. */
  readonly diagnosis: Diagnosis;
  /** When each resolver follows a fix (fix-eta.ts); null when there is nothing to fix. */
  readonly fixEta: FixEta | null;
}

/**
 * What a live run tells its caller as it goes, in this order: its evidence id first (so a
 * cell can be described before the run ends), then each query as it leaves and each
 * exchange as it completes.
 */
export type RunEvent =
  | { readonly kind: 'started'; readonly evidenceId: EvidenceId }
  | { readonly kind: 'sent'; readonly query: PendingQuery }
  | { readonly kind: 'exchange'; readonly summary: ExchangeSummary };

export type { Difference, DsCheckReport, ExchangeDetail };

/** A DS check before publishing (issue 16): the zone, the pasted records, whom to ask. */
export interface DsCheckRequest {
  /** Fully qualified A-label name of the zone. */
  readonly zone: string;
  /** The pasted records, one entry each (blank ones may be left in; they are skipped). */
  readonly records: readonly string[];
  /** The resolver asked: the first of the check's resolver list. */
  readonly resolver: EvidenceResolver;
  readonly timeoutMs: number;
}

export interface LensWorkerApi {
  /**
   * Runs a live investigation. Runs are independent: several may go at once, and aborting
   * `signal` ends only this one (its outstanding queries end as `aborted`; the result is
   * what was collected, validated and diagnosed, as for a finished run).
   */
  investigate(
    request: InvestigateRequest,
    /** Through comlink, a call returns a promise that settles once the page has taken it. */
    onEvent: (event: RunEvent) => void | Promise<void>,
    signal: AbortSignal,
  ): Promise<InvestigationResult>;
  /**
   * Takes recorded evidence (an evidence link, a saved result, an example) and derives
   * from it exactly what `investigate` returns, under an evidence id of its own.
   */
  load(evidence: Evidence): Promise<InvestigationResult>;
  /** The full response of one exchange of that evidence; null when unknown or released. */
  describe(evidenceId: EvidenceId, exchangeId: string): Promise<ExchangeDetail | null>;
  /** Forgets that evidence (its page is gone). A run still going keeps only its own copy. */
  release(evidenceId: EvidenceId): void;
  /**
   * What changed from `before` to `after` (two results of one question: then and now, two
   * saved ones, two runs of a watch), each validated and diagnosed as `load` does. Holds
   * neither. Rejects with a sentence when they answer different questions.
   */
  compare(before: Evidence, after: Evidence): Promise<readonly Difference[]>;
  /**
   * The DS check before publishing: asks the resolver the zone's DNSKEY and DS RRsets (CD=1)
   * and judges the pasted DS set against them. Holds nothing; `signal` ends the queries.
   */
  checkDs(request: DsCheckRequest, signal: AbortSignal): Promise<DsCheckReport>;
}

/**
 * The worker's first message, before any call is answered: it runs. The page draws itself
 * only after it (or a short wait) when a live link's check was started before drawing
 * (main.ts), because a worker is started by the page's thread and drawing keeps that busy.
 */
export const WORKER_STARTED = 'servfail-lens:worker-started';
