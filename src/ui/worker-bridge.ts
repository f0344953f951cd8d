/**
 * The one place the UI talks to the worker. One worker serves live checks and recorded
 * evidence (a permalink, a saved result, an example); it is created on first use (the start
 * page does not pay for it) and terminated when idle: IDLE_MS after the last call settled
 * and the last evidence it holds for a page was released. The next call starts a new one.
 *
 * Every call settles even when the worker never starts (its script cannot be loaded): it
 * rejects with a sentence then, instead of leaving the page waiting for ever.
 */
import * as Comlink from 'comlink';
import {
  WORKER_STARTED,
  type Difference,
  type DsCheckReport,
  type DsCheckRequest,
  type EvidenceId,
  type ExchangeDetail,
  type InvestigateRequest,
  type InvestigationResult,
  type LensWorkerApi,
  type RunEvent,
} from '../worker/api';
import { transferAbortSignals } from '../worker/abort-signal-transfer';
import type { Evidence } from '../evidence/evidence';

/** An idle worker is stopped after this long (it costs a thread and its memory). */
export const IDLE_MS = 60_000;

/** A worker as the bridge uses it: a comlink endpoint that can be terminated. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

interface Running {
  readonly worker: WorkerLike;
  readonly api: Comlink.Remote<LensWorkerApi>;
  /** Rejects when the worker's script cannot be loaded: its calls would never settle. */
  readonly failed: Promise<never>;
  /** Resolves when the worker's script runs (its first message). */
  readonly started: Promise<void>;
  /** Evidence this worker holds for a page (not yet released). */
  readonly held: Set<EvidenceId>;
}

export class WorkerBridge {
  readonly #spawn: () => WorkerLike;
  readonly #idleMs: number;
  #running: Running | null = null;
  #calls = 0;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(spawn: () => WorkerLike, idleMs: number = IDLE_MS) {
    transferAbortSignals();
    this.#spawn = spawn;
    this.#idleMs = idleMs;
  }

  /**
   * Resolves once the current worker runs, or after `waitMs` at most (also at once when
   * there is no worker, and when its script could not be loaded).
   */
  whenStarted(waitMs: number): Promise<void> {
    const running = this.#running;
    if (running === null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      running.started.then(done, done);
      running.failed.catch(done);
    });
  }

  /** True while a worker exists (for tests and the idle rule). */
  get alive(): boolean {
    return this.#running !== null;
  }

  /** A live check; `signal` aborts only this one. */
  investigate(
    request: InvestigateRequest,
    onEvent: (event: RunEvent) => void,
    signal: AbortSignal,
  ): Promise<InvestigationResult> {
    return this.#call(async (running) => {
      const heard = (event: RunEvent): void => {
        if (event.kind === 'started' && this.#running === running)
          running.held.add(event.evidenceId);
        onEvent(event);
      };
      const result = await running.api.investigate(request, Comlink.proxy(heard), signal);
      return this.#holding(running, result);
    });
  }

  /** Recorded evidence, derived exactly as a live check's. */
  load(evidence: Evidence): Promise<InvestigationResult> {
    return this.#call(async (running) => this.#holding(running, await running.api.load(evidence)));
  }

  /** One exchange's full response; null when that evidence is gone (released or idle-stopped). */
  describe(evidenceId: EvidenceId, exchangeId: string): Promise<ExchangeDetail | null> {
    if (this.#running?.held.has(evidenceId) !== true) return Promise.resolve(null);
    return this.#call((running) => running.api.describe(evidenceId, exchangeId));
  }

  /**
   * What changed from `before` to `after`, two results of one question; rejects with a
   * sentence when they answer different questions.
   */
  compare(before: Evidence, after: Evidence): Promise<readonly Difference[]> {
    return this.#call((running) => running.api.compare(before, after));
  }

  /** The DS check before publishing: two queries and the judgement; `signal` ends them. */
  checkDs(request: DsCheckRequest, signal: AbortSignal): Promise<DsCheckReport> {
    return this.#call((running) => running.api.checkDs(request, signal));
  }

  /** The page that showed this evidence is gone: the worker forgets it. */
  release(evidenceId: EvidenceId): void {
    const running = this.#running;
    if (running === null || !running.held.delete(evidenceId)) return;
    running.api.release(evidenceId).catch(() => undefined);
    this.#idleCheck();
  }

  #holding(running: Running, result: InvestigationResult): InvestigationResult {
    if (this.#running === running) running.held.add(result.evidenceId);
    return result;
  }

  async #call<T>(call: (running: Running) => Promise<T>): Promise<T> {
    const running = this.#running ?? this.#start();
    this.#calls += 1;
    this.#idleCheck();
    try {
      return await Promise.race([call(running), running.failed]);
    } finally {
      this.#calls -= 1;
      this.#idleCheck();
    }
  }

  /** Arms the idle timer when nothing is going on and nothing is held, disarms it otherwise. */
  #idleCheck(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const running = this.#running;
    if (running === null || this.#calls > 0 || running.held.size > 0) return;
    this.#idleTimer = setTimeout(() => this.#stop(running), this.#idleMs);
  }

  #stop(running: Running): void {
    if (this.#running !== running) return;
    this.#running = null;
    running.api[Comlink.releaseProxy]();
    running.worker.terminate();
  }

  #start(): Running {
    const worker = this.#spawn();
    const failed = new Promise<never>((_, reject) => {
      // A script that does not load (offline before it was cached, a blocked request) fires
      // a plain `error` event; an uncaught exception inside a running worker fires an
      // ErrorEvent, which comlink's own calls survive.
      worker.addEventListener('error', (event) => {
        if (typeof ErrorEvent !== 'undefined' && event instanceof ErrorEvent) return;
        if (this.#running === running) this.#running = null;
        worker.terminate();
        reject(new Error('the part of the app that checks DNS could not be started'));
      });
    });
    failed.catch(() => undefined);
    const started = new Promise<void>((resolve) => {
      const heard = (event: Event): void => {
        if (!(event instanceof MessageEvent) || event.data !== WORKER_STARTED) return;
        worker.removeEventListener('message', heard);
        resolve();
      };
      worker.addEventListener('message', heard);
    });
    const running: Running = {
      worker,
      api: Comlink.wrap<LensWorkerApi>(worker),
      failed,
      started,
      held: new Set(),
    };
    this.#running = running;
    return running;
  }
}

/** The app's worker (lens.worker.ts), shared by every page. */
export const lensWorker = new WorkerBridge(
  () =>
    new Worker(new URL('../worker/lens.worker.ts', import.meta.url), {
      type: 'module',
      name: 'servfail-lens',
    }),
);
