/**
 * One live investigation as reactive state: the grid cells fill in as the worker reports
 * each exchange; the Evidence arrives at the end.
 *
 * Each one is a call of its own to the worker, with its own AbortSignal and its own
 * evidence id: once disposed (its page is gone), its run is aborted and its evidence
 * released, nothing the worker still sends for it changes its state, and its cancel and
 * `describe` never reach another run.
 */
import type { Diagnosis } from '../diagnosis/diagnosis';
import type { FixEta } from '../diagnosis/fix-eta';
import type { EvidenceValidation } from '../diagnosis/validate-evidence';
import type { Evidence } from '../evidence/evidence';
import type { ExchangeSummary } from '../report/exchange-summary';
import type {
  EvidenceId,
  ExchangeDetail,
  InvestigateRequest,
  InvestigationResult,
  PendingQuery,
  RunEvent,
} from '../worker/api';
import { adoptEarlyRun } from './early-run';
import { lensWorker } from './worker-bridge';

/**
 * The page's own number for one investigation: the search form's busy state and Cancel
 * belong to the one that started last (App.svelte). The worker never sees it.
 */
export type RunId = number;
let lastRunId: RunId = 0;

/** A hidden page paints no frames; its check still finishes (and is saved) after this. */
const HIDDEN_PAGE_WAIT_MS = 100;

/**
 * Resolves once the browser has painted what is on the page now: the next animation frame,
 * then the task after it (a frame callback runs before that frame's paint); or after
 * HIDDEN_PAGE_WAIT_MS, when no frame comes (a tab in the background).
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, HIDDEN_PAGE_WAIT_MS);
  });
}

export type InvestigationStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export class Investigation {
  status = $state<InvestigationStatus>('idle');
  /** Replaced whole on every change, never deep-proxied: summaries are immutable values. */
  summaries = $state.raw<readonly ExchangeSummary[]>([]);
  /** Target queries that have left and not come back yet (the grid says "waiting, N s"). */
  pending = $state.raw<readonly PendingQuery[]>([]);
  /** Immutable and large (every exchange's raw bytes): replaced whole, never deep-proxied. */
  evidence = $state.raw<Evidence | null>(null);
  waves = $state(0);
  /** Immutable and large (a proof tree): replaced whole, never deep-proxied. */
  validation = $state.raw<EvidenceValidation | null>(null);
  diagnosis = $state.raw<Diagnosis | null>(null);
  /** When each resolver follows a fix; null when there is nothing to fix (or not yet). */
  fixEta = $state.raw<FixEta | null>(null);
  failure = $state<string | null>(null);
  readonly request: InvestigateRequest;
  /** The page's number for this run (App: whose Cancel the search form shows). */
  readonly runId: RunId = ++lastRunId;
  /** Where the worker holds this run's evidence, once it said (`describe`, `release`). */
  #evidenceId: EvidenceId | null = null;
  /** The person's Cancel and the page's end both abort this run, and only this one. */
  readonly #stop = new AbortController();
  #cancelled = false;
  #disposed = false;

  constructor(request: InvestigateRequest) {
    this.request = request;
  }

  /** Recorded evidence as an Investigation: the request it answered. */
  static fromEvidence(evidence: Evidence, timeoutMs: number): Investigation {
    return new Investigation({
      question: evidence.question,
      resolvers: evidence.resolvers,
      trustAnchors: evidence.trustAnchors,
      timeoutMs,
    });
  }

  get targets(): ExchangeSummary[] {
    return this.summaries.filter((s) => s.purpose === 'target');
  }

  async run(): Promise<void> {
    this.status = 'running';
    // Svelte state proxies cannot cross postMessage: send a plain copy.
    const request = $state.snapshot(this.request) as InvestigateRequest;
    const heard = (event: RunEvent): void => this.#heard(event);
    // A live link's check already started by the first script (early-run.ts), or a new one.
    await this.#settle(
      adoptEarlyRun(request, heard, this.#stop.signal) ??
        lensWorker.investigate(request, heard, this.#stop.signal),
    );
  }

  /**
   * Shows recorded evidence (already checked by parseEvidence): the worker derives from it
   * exactly what a live check yields, so the page is the same.
   */
  async load(evidence: Evidence): Promise<void> {
    this.status = 'running';
    await this.#settle(lensWorker.load($state.snapshot(evidence) as Evidence));
  }

  /** The full response of one of this run's exchanges, from the worker that holds it. */
  describe(exchangeId: string): Promise<ExchangeDetail | null> {
    if (this.#evidenceId === null) return Promise.resolve(null);
    return lensWorker.describe(this.#evidenceId, exchangeId);
  }

  /** What the live run reports as it goes. */
  #heard(event: RunEvent): void {
    if (event.kind === 'started') return this.#own(event.evidenceId);
    if (this.#disposed) return;
    if (event.kind === 'exchange') {
      this.summaries = [...this.summaries, event.summary];
      this.pending = this.pending.filter((q) => q.id !== event.summary.id);
    } else if (event.query.purpose === 'target') {
      if (this.summaries.some((s) => s.id === event.query.id)) return;
      this.pending = [...this.pending, event.query];
    }
  }

  /** Keeps the worker's evidence id, or gives it straight back when the page is gone. */
  #own(evidenceId: EvidenceId): void {
    this.#evidenceId = evidenceId;
    if (this.#disposed) lensWorker.release(evidenceId);
  }

  /**
   * What the worker derived from the evidence; shared by `run` and `load`. In two steps, so
   * the verdict is on screen one frame after the result arrived: first the verdict and the
   * grid's last cells; after that frame is painted, the chain of trust, the evidence (share
   * bar, saving) and the final status, which is what "done" waits for.
   */
  async #settle(pending: Promise<InvestigationResult>): Promise<void> {
    try {
      const result = await pending;
      this.#own(result.evidenceId);
      if (this.#disposed) return;
      this.summaries = result.summaries;
      this.pending = [];
      this.diagnosis = result.diagnosis;
      this.fixEta = result.fixEta;
      await afterNextPaint();
      if (this.#disposed) return;
      this.evidence = result.evidence;
      this.waves = result.waves;
      this.validation = result.validation;
      this.status = this.#cancelled ? 'cancelled' : 'done';
    } catch (error) {
      if (this.#disposed) return;
      this.failure = error instanceof Error ? error.message : String(error);
      this.status = 'failed';
    }
  }

  cancel(): void {
    if (this.status !== 'running' || this.#disposed) return;
    this.#cancelled = true;
    this.#stop.abort();
  }

  /** False once disposed: then nothing about this run should reach the page. */
  get onPage(): boolean {
    return !this.#disposed;
  }

  /** Its page is gone: the worker stops the run if it still goes, and forgets it. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#stop.abort();
    if (this.#evidenceId !== null) lensWorker.release(this.#evidenceId);
  }
}
