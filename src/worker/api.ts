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

export interface LensWorkerApi {
  /** Runs a live investigation; `onExchange` is called as each exchange completes. */
  investigate(
    request: InvestigateRequest,
    onExchange: (summary: ExchangeSummary) => void,
  ): Promise<InvestigationResult>;
  /** Cancels the running investigation (its pending queries end as `aborted`). */
  cancel(): void;
  /**
   * Loads recorded evidence (an evidence link, a saved result, an example) and derives
   * from it exactly what `investigate` returns; it becomes the evidence that `describe`
   * looks in.
   */
  load(evidence: Evidence): Promise<InvestigationResult>;
  /** The full response of one exchange of the current evidence; null for an unknown id. */
  describe(exchangeId: string): Promise<ExchangeDetail | null>;
}
