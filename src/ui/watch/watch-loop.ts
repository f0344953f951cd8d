/**
 * The timing of a watch, apart from what a run is: one run at a time, the next one a
 * delay after the previous ended (a run longer than the interval only delays the next, so
 * runs never pile up, in a hidden tab either), a run that falls due offline skipped until
 * the network is back, and an end 24 h after the start. The clock, the network state and
 * the run itself are the host's, so the rules are tested in Node with fake timers.
 */
import { unchangedRuns, type WatchRun } from '../../report/watch-timeline';
import { MAX_WATCH_RUNS, WATCH_DAY_MS } from '../../store/watch-record';
import { boundedDelaySeconds, type NextDelaySeconds } from './schedule';

/** Why a watch stopped: Stop, its day was over, or its page is gone. */
export type LoopStop = 'person' | 'day' | 'page';

export type LoopState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly since: number }
  | { readonly kind: 'waiting'; readonly until: number }
  /** A run fell due while offline: it runs once the network is back. */
  | { readonly kind: 'offline'; readonly since: number }
  | { readonly kind: 'stopped'; readonly why: LoopStop; readonly at: number };

export interface LoopHost {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** navigator.onLine: false means the browser knows it is offline. */
  online(): boolean;
  /**
   * Runs the check once. Never rejects: a failed check is a run with its verdict. Resolves
   * null when `signal` aborted it (the watch stopped meanwhile).
   */
  runOnce(signal: AbortSignal): Promise<WatchRun | null>;
  nextDelaySeconds: NextDelaySeconds;
  /** Each run, in order, with the timeline including it. */
  onrun(run: WatchRun, runs: readonly WatchRun[]): void;
  onstate(state: LoopState): void;
}

export interface LoopStart {
  readonly startedAt: number;
  /** Runs of the watch so far (a restored timeline); the next run follows the last one. */
  readonly runs: readonly WatchRun[];
  /** The shortest interval asked for, seconds. */
  readonly floorSeconds: number;
  /** A run already under way (the page's own check): the loop waits for it first. */
  readonly first?: Promise<WatchRun | null>;
}

export class WatchLoop {
  readonly #host: LoopHost;
  #runs: readonly WatchRun[] = [];
  #startedAt = 0;
  #floor = 0;
  #state: LoopState = { kind: 'idle' };
  #timer: unknown = null;
  #abort: AbortController | null = null;

  constructor(host: LoopHost) {
    this.#host = host;
  }

  get state(): LoopState {
    return this.#state;
  }

  get runs(): readonly WatchRun[] {
    return this.#runs;
  }

  /** True from `begin` until `stop`. */
  get active(): boolean {
    return this.#state.kind !== 'idle' && this.#state.kind !== 'stopped';
  }

  begin(start: LoopStart): void {
    this.#clear();
    this.#runs = start.runs;
    this.#startedAt = start.startedAt;
    this.#floor = start.floorSeconds;
    if (start.first !== undefined) {
      const abort = new AbortController();
      this.#abort = abort;
      this.#set({ kind: 'running', since: this.#host.now() });
      void start.first.then((run) => this.#ran(run, abort));
      return;
    }
    this.#schedule();
  }

  /** The network is back: a run skipped offline goes now. */
  online(): void {
    if (this.#state.kind === 'offline') this.#due();
  }

  stop(why: LoopStop): void {
    if (!this.active) return;
    this.#clear();
    this.#set({ kind: 'stopped', why, at: this.#host.now() });
  }

  #set(state: LoopState): void {
    this.#state = state;
    this.#host.onstate(state);
  }

  #clear(): void {
    if (this.#timer !== null) this.#host.clearTimeout(this.#timer);
    this.#timer = null;
    this.#abort?.abort();
    this.#abort = null;
  }

  /** Waits for the next run: a delay after the last one, or now when there is none. */
  #schedule(): void {
    const last = this.#runs.at(-1);
    const now = this.#host.now();
    let until = now;
    if (last !== undefined) {
      const said = this.#host.nextDelaySeconds(
        this.#runs.length - 1,
        unchangedRuns(this.#runs),
        last,
      );
      // From the end of the last run (or now, if its time lies ahead: a clock moved back).
      until = Math.min(last.at, now) + boundedDelaySeconds(said, this.#floor) * 1000;
    }
    const end = this.#startedAt + WATCH_DAY_MS;
    const at = Math.min(until, end);
    this.#set({ kind: 'waiting', until: at });
    this.#timer = this.#host.setTimeout(() => this.#due(), Math.max(0, at - now));
  }

  #due(): void {
    this.#timer = null;
    if (!this.active) return;
    const now = this.#host.now();
    if (now >= this.#startedAt + WATCH_DAY_MS) return this.stop('day');
    if (!this.#host.online()) return this.#set({ kind: 'offline', since: now });
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ kind: 'running', since: now });
    void this.#host.runOnce(abort.signal).then((run) => this.#ran(run, abort));
  }

  #ran(run: WatchRun | null, abort: AbortController): void {
    if (abort.signal.aborted || this.#abort !== abort) return;
    this.#abort = null;
    if (run !== null) {
      this.#runs = [...this.#runs, run].slice(-MAX_WATCH_RUNS);
      this.#host.onrun(run, this.#runs);
    }
    if (this.active) this.#schedule();
  }
}
