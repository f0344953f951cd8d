/**
 * One live investigation as reactive state: the grid cells fill in as the worker reports
 * each exchange; the Evidence arrives at the end.
 *
 * Each one is a run of its own in the worker (`runId`): once disposed (its page is gone),
 * nothing the worker still sends for it changes its state, and its cancel and `describe`
 * never reach another run.
 */
import type { Diagnosis } from '../diagnosis/diagnosis';
import type { EvidenceValidation } from '../diagnosis/validate-evidence';
import type { Evidence } from '../evidence/evidence';
import type { ExchangeSummary } from '../report/exchange-summary';
import type {
  ExchangeDetail,
  InvestigateRequest,
  InvestigationResult,
  PendingQuery,
  RunId,
} from '../worker/api';
import { Comlink, lensWorker, nextRunId, settled, type WorkerChannel } from './worker-bridge';

export type InvestigationStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export class Investigation {
  status = $state<InvestigationStatus>('idle');
  summaries = $state<ExchangeSummary[]>([]);
  /** Target queries that have left and not come back yet (the grid says "waiting, N s"). */
  pending = $state<PendingQuery[]>([]);
  evidence = $state<Evidence | null>(null);
  waves = $state(0);
  /** Immutable and large (a proof tree): replaced whole, never deep-proxied. */
  validation = $state.raw<EvidenceValidation | null>(null);
  diagnosis = $state.raw<Diagnosis | null>(null);
  failure = $state<string | null>(null);
  readonly request: InvestigateRequest;
  /** Recorded evidence (`load`) lives in its own worker, apart from live checks. */
  readonly channel: WorkerChannel;
  /** This run's own id in the worker: its exchanges, cancel and `describe` are its alone. */
  readonly runId: RunId = nextRunId();
  #cancelled = false;
  #disposed = false;

  constructor(request: InvestigateRequest, channel: WorkerChannel = 'live') {
    this.request = request;
    this.channel = channel;
  }

  /** Recorded evidence as an Investigation: the request it answered. */
  static fromEvidence(evidence: Evidence, timeoutMs: number): Investigation {
    return new Investigation(
      {
        question: evidence.question,
        resolvers: evidence.resolvers,
        trustAnchors: evidence.trustAnchors,
        timeoutMs,
      },
      'recorded',
    );
  }

  get targets(): ExchangeSummary[] {
    return this.summaries.filter((s) => s.purpose === 'target');
  }

  async run(): Promise<void> {
    this.status = 'running';
    try {
      // Svelte state proxies cannot cross postMessage: send a plain copy.
      const result = await settled(this.channel, (worker) =>
        worker.investigate(
          $state.snapshot(this.request) as InvestigateRequest,
          Comlink.proxy((summary: ExchangeSummary) => {
            if (this.#disposed) return;
            this.summaries.push(summary);
            this.pending = this.pending.filter((q) => q.id !== summary.id);
          }),
          this.runId,
          Comlink.proxy((query: PendingQuery) => {
            if (this.#disposed || query.purpose !== 'target') return;
            if (this.summaries.some((s) => s.id === query.id)) return;
            this.pending.push(query);
          }),
        ),
      );
      if (this.#disposed) return;
      this.#accept(result);
      this.status = this.#cancelled ? 'cancelled' : 'done';
    } catch (error) {
      if (this.#disposed) return;
      this.failure = error instanceof Error ? error.message : String(error);
      this.status = 'failed';
    }
  }

  /**
   * Shows recorded evidence (already checked by parseEvidence): the worker derives from it
   * exactly what a live check yields, so the page is the same.
   */
  async load(evidence: Evidence): Promise<void> {
    this.status = 'running';
    try {
      const result = await settled(this.channel, (worker) =>
        worker.load($state.snapshot(evidence) as Evidence, this.runId),
      );
      if (this.#disposed) return;
      this.#accept(result);
      this.status = 'done';
    } catch (error) {
      if (this.#disposed) return;
      this.failure = error instanceof Error ? error.message : String(error);
      this.status = 'failed';
    }
  }

  /** The full response of one of this run's exchanges, from the worker that holds it. */
  describe(exchangeId: string): Promise<ExchangeDetail | null> {
    return settled(this.channel, (worker) => worker.describe(this.runId, exchangeId));
  }

  /** What the worker derived from the evidence; shared by `run` and `load`. */
  #accept(result: InvestigationResult): void {
    this.summaries = [...result.summaries];
    this.pending = [];
    this.evidence = result.evidence;
    this.waves = result.waves;
    this.validation = result.validation;
    this.diagnosis = result.diagnosis;
  }

  cancel(): void {
    if (this.status !== 'running' || this.#disposed) return;
    this.#cancelled = true;
    // A worker that is gone has nothing left to cancel.
    lensWorker(this.channel)
      .cancel(this.runId)
      .catch(() => undefined);
  }

  /** False once disposed: then nothing about this run should reach the page. */
  get onPage(): boolean {
    return !this.#disposed;
  }

  /** Its page is gone: the worker stops the run if it still goes, and forgets it. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    lensWorker(this.channel)
      .release(this.runId)
      .catch(() => undefined);
  }
}
