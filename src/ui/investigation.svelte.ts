/**
 * One live investigation as reactive state: the grid cells fill in as the worker reports
 * each exchange; the Evidence arrives at the end.
 */
import type { EvidenceValidation } from '../diagnosis/validate-evidence';
import type { Evidence } from '../evidence/evidence';
import type { ExchangeSummary } from '../report/exchange-summary';
import type { InvestigateRequest } from '../worker/api';
import { Comlink, lensWorker } from './worker-bridge';

export type InvestigationStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export class Investigation {
  status = $state<InvestigationStatus>('idle');
  summaries = $state<ExchangeSummary[]>([]);
  evidence = $state<Evidence | null>(null);
  waves = $state(0);
  /** Immutable and large (a proof tree): replaced whole, never deep-proxied. */
  validation = $state.raw<EvidenceValidation | null>(null);
  failure = $state<string | null>(null);
  readonly request: InvestigateRequest;
  #cancelled = false;

  constructor(request: InvestigateRequest) {
    this.request = request;
  }

  get targets(): ExchangeSummary[] {
    return this.summaries.filter((s) => s.purpose === 'target');
  }

  async run(): Promise<void> {
    this.status = 'running';
    const worker = lensWorker();
    try {
      // Svelte state proxies cannot cross postMessage: send a plain copy.
      const result = await worker.investigate(
        $state.snapshot(this.request) as InvestigateRequest,
        Comlink.proxy((summary: ExchangeSummary) => {
          this.summaries.push(summary);
        }),
      );
      this.summaries = [...result.summaries];
      this.evidence = result.evidence;
      this.waves = result.waves;
      this.validation = result.validation;
      this.status = this.#cancelled ? 'cancelled' : 'done';
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.status = 'failed';
    }
  }

  cancel(): void {
    if (this.status !== 'running') return;
    this.#cancelled = true;
    void lensWorker().cancel();
  }
}
