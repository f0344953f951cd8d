/**
 * A watch of one check, as reactive state for its panel (WatchPanel.svelte): the check is
 * run again — a new Investigation through the worker each time, with the same request —
 * on an interval, each run is shown in the check view, saved like any check, and kept in
 * a timeline that survives a reload (store/watches.ts). When the verdict changes the page
 * says so, its title says so, and a system notification is shown if the person allowed it.
 * The timing (one run at a time, offline, 24 h) is watch-loop.ts's; what the interval is
 * comes from the `nextDelaySeconds` it is given.
 *
 * @example
 *   const watch = new WatchController({ request, display, keeps: () => true, show, save, investigate });
 *   watch.opened(investigation, savedIdPromise); // the view's own first check
 *   watch.resume(route.watch);                   // a `watch=` URL, or later: watch.start()
 */
import type { Diagnosis } from '../../diagnosis/diagnosis';
import type { EvidenceValidation } from '../../diagnosis/validate-evidence';
import type { Evidence } from '../../evidence/evidence';
import { fragmentWithWatch, WATCH_MIN_SECONDS, type WatchParam } from '../../report/route';
import {
  verdictChange,
  type VerdictChange,
  type WatchRun,
  type WatchTimeline,
} from '../../report/watch-timeline';
import {
  watchExpired,
  watchId,
  withRun,
  type StoredWatch,
  type WatchStop,
} from '../../store/watch-record';
import type { InvestigateRequest } from '../../worker/api';
import type { Investigation } from '../investigation.svelte';
import { localTimeText } from '../local-time';
import {
  askNotifyPermission,
  followNotifyPermission,
  notifyPermission,
  showNotification,
  type NotifyPermission,
} from './notify';
import { registerBackground } from './background';
import { runOf } from './run-of';
import { newWatchRecord, WatchKeeper } from './watch-keeper';
import { defaultNextDelaySeconds, type NextDelaySeconds } from './schedule';
import { WatchLoop, type LoopState, type LoopStop } from './watch-loop';
import { changeWords, watchTitle } from './watch-words';

export interface WatchSetup {
  readonly request: InvestigateRequest;
  /** The name as the page shows it (U-labels), for the title and the notification. */
  readonly display: string;
  /** The interval after each run (the lead's TTL-based estimate plugs in here). */
  readonly nextDelaySeconds?: NextDelaySeconds;
  /**
   * Whether runs are saved (Settings: auto-save), and so the watch; else neither survives a
   * reload. Asked each time: the setting may change while the watch runs.
   */
  readonly keeps: () => boolean;
  /** Shows a finished run in the check view, which disposes the one it replaces. */
  readonly show: (investigation: Investigation) => void;
  /** Saves a finished run like any check: resolves with its saved id, null when not saved. */
  readonly save: (investigation: Investigation) => Promise<string | null>;
  /** Makes a new Investigation of the same request (the check view's constructor). */
  readonly investigate: (request: InvestigateRequest) => Investigation;
}

/** A run's full result, kept in memory for this page's runs (for a diff of two runs). */
export interface RunDetail {
  readonly evidence: Evidence | null;
  readonly diagnosis: Diagnosis | null;
  readonly validation: EvidenceValidation | null;
}

/** The last change of verdict the watch saw. */
export interface SeenChange {
  readonly kind: VerdictChange;
  readonly before: WatchRun;
  readonly after: WatchRun;
}

/** Runs whose full result is kept in memory (the newest). */
const DETAILS_KEPT = 20;

export class WatchController {
  state = $state.raw<LoopState>({ kind: 'idle' });
  runs = $state.raw<readonly WatchRun[]>([]);
  startedAt = $state<number | null>(null);
  /** The shortest interval asked for (`watch=`), seconds. */
  floorSeconds = $state(WATCH_MIN_SECONDS);
  /** What the live region says (a start, a stop, a change). */
  announcement = $state('');
  change = $state.raw<SeenChange | null>(null);
  /** Why `watch=` was not taken as written, or how a restored watch continues. */
  note = $state<string | null>(null);
  /** Saving the watch or showing a notification failed. */
  problem = $state<string | null>(null);
  notify = $state<NotifyPermission>(notifyPermission());
  /** The person asked the service worker to keep checking once the page is closed. */
  background = $state(false);
  /** A `watch=` URL's watch is being read from the store: it starts in a moment. */
  resuming = $state(false);
  /** The investigation the check view shows (its first, or the newest run). */
  shown = $state.raw<Investigation | null>(null);

  readonly id: string;
  readonly #setup: WatchSetup;
  readonly #loop: WatchLoop;
  #saved: Promise<string | null> = Promise.resolve(null);
  /** The newest runs' full results (not state: the panel asks for them by run). */
  #details: (readonly [WatchRun, RunDetail])[] = [];
  readonly #keeper: WatchKeeper;
  #title: string | null = null;
  #disposed = false;
  #unfollow: (() => void) | null = null;
  readonly #online = (): void => this.#loop.online();

  constructor(setup: WatchSetup) {
    this.#setup = setup;
    this.id = watchId(setup.request);
    this.#keeper = new WatchKeeper(this.id, setup.keeps, (message) => (this.problem = message));
    this.#loop = new WatchLoop({
      now: () => Date.now(),
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      online: () => navigator.onLine,
      runOnce: (signal) => this.#runOnce(signal),
      nextDelaySeconds: setup.nextDelaySeconds ?? defaultNextDelaySeconds,
      onrun: (run, runs) => this.#ran(run, runs),
      onstate: (state) => this.#stateChanged(state),
    });
    this.#unfollow = followNotifyPermission((state) => (this.notify = state));
  }

  /** Runs and the watch are kept (Settings: auto-save). */
  get keep(): boolean {
    return this.#setup.keeps();
  }

  /** From the first run until it stops. */
  get watching(): boolean {
    return this.state.kind !== 'idle' && this.state.kind !== 'stopped';
  }

  /** The timeline for the owner's report; undefined before any run. */
  get timeline(): WatchTimeline | undefined {
    if (this.startedAt === null || this.runs.length === 0) return undefined;
    return {
      startedAt: this.startedAt,
      resolvers: this.#setup.request.resolvers,
      runs: this.runs,
    };
  }

  /** A run's full result, while this page keeps it (the newest runs of this page). */
  detailOf(run: WatchRun): RunDetail | null {
    return this.#details.find(([kept]) => kept === run)?.[1] ?? null;
  }

  /** The check view's own check: shown now; `saved` resolves once it is finished and saved. */
  opened(investigation: Investigation, saved: Promise<string | null>): void {
    this.shown = investigation;
    this.#saved = saved;
  }

  /** A `watch=` URL: continues its watch within its day, else starts one. */
  async resume(param: WatchParam): Promise<void> {
    this.note = param.note;
    if (param.seconds === null) return;
    this.floorSeconds = param.seconds;
    this.resuming = true;
    const stored = await this.#keeper.read();
    this.resuming = false;
    // The page went away meanwhile, or the person pressed Watch: nothing to resume.
    if (this.#disposed || this.watching) return;
    const now = Date.now();
    if (stored !== null && !watchExpired(stored, now)) {
      const at = localTimeText(stored.startedAt) ?? 'an unknown time';
      this.note = [
        param.note,
        `Continuing the watch started ${at} (${stored.runs.length} runs so far).`,
      ]
        .filter((n) => n !== null)
        .join(' ');
      this.background = stored.background;
      this.#begin(stored.startedAt, stored.runs, true);
    } else {
      if (stored !== null) {
        this.note = [
          param.note,
          'The last watch of this check started more than 24 h ago: this is a new one.',
        ]
          .filter((n) => n !== null)
          .join(' ');
      }
      this.#begin(now, [], false);
    }
  }

  /** The person's "Watch": starts from the result on screen, at the interval of the URL or 10 s. */
  start(): void {
    if (this.watching || this.resuming || this.#disposed) return;
    this.note = null;
    this.change = null;
    this.#begin(Date.now(), [], false);
  }

  /** The person's Stop. */
  stop(): void {
    this.#loop.stop('person');
  }

  /**
   * Keeps checking in the background once the page is closed (the person's checkbox, where
   * the browser offers Periodic Background Sync): the stored watch says so, which is what
   * the service worker reads.
   */
  async setBackground(on: boolean): Promise<void> {
    this.background = on;
    this.#persist((current) => (current === null ? null : { ...current, background: on }));
    if (!on) return;
    const problem = await registerBackground();
    if (problem !== null) {
      this.problem = problem;
      this.background = false;
      this.#persist((current) => (current === null ? null : { ...current, background: false }));
    }
  }

  /** Asks for notification permission: only ever from the person's click. */
  async askNotifications(): Promise<void> {
    this.notify = await askNotifyPermission();
  }

  /** The page is gone: stops without touching the URL (another route owns it now). */
  dispose(): void {
    this.#disposed = true;
    this.#loop.stop('page');
    this.#unfollow?.();
    this.#unfollow = null;
    window.removeEventListener('online', this.#online);
    if (this.#title !== null) document.title = this.#title;
    this.#title = null;
  }

  /** Starts the loop: a new watch, or (`continuing`) the stored one with its runs. */
  #begin(startedAt: number, runs: readonly WatchRun[], continuing: boolean): void {
    this.startedAt = startedAt;
    this.runs = runs;
    this.#title ??= document.title;
    window.addEventListener('online', this.#online);
    this.#setUrl(this.floorSeconds);
    const interval = this.floorSeconds;
    this.#persist((current) => {
      if (!continuing || current === null) {
        return { ...this.#newRecord(startedAt), runs, background: this.background };
      }
      // Continued: what the stored watch has (a background check may have added to it).
      const { stoppedAt: _at, stop: _why, ...kept } = current;
      return { ...kept, intervalSeconds: interval };
    });
    const first = this.#firstRun();
    this.#loop.begin({ startedAt, runs, floorSeconds: interval, first });
    this.announcement = `Watching ${this.#setup.display}: the check runs again until it changes, for 24 h at most.`;
  }

  /**
   * The first run: the result on screen, once it is finished (the view's own check may
   * still run). A check the person cancelled starts no watch.
   */
  #firstRun(): Promise<WatchRun | null> {
    const investigation = this.shown;
    if (investigation === null) return Promise.resolve(null);
    return this.#saved.then((savedId) => {
      if (investigation.status === 'cancelled') {
        this.#loop.stop('person');
        this.announcement = 'The check was cancelled: not watching.';
        return null;
      }
      return this.#record(investigation, savedId);
    });
  }

  async #runOnce(signal: AbortSignal): Promise<WatchRun | null> {
    const investigation = this.#setup.investigate(this.#setup.request);
    const abort = (): void => investigation.dispose();
    signal.addEventListener('abort', abort);
    await investigation.run();
    signal.removeEventListener('abort', abort);
    if (signal.aborted || !investigation.onPage) return null;
    this.shown = investigation;
    this.#setup.show(investigation);
    const savedId =
      investigation.status === 'done'
        ? await this.#setup.save(investigation).catch(() => null)
        : null;
    // A later start records what is on screen as its first run: this one, as saved.
    this.#saved = Promise.resolve(savedId);
    return this.#record(investigation, savedId);
  }

  #record(investigation: Investigation, savedId: string | null): WatchRun {
    const run = runOf(
      {
        resolvers: investigation.request.resolvers,
        summaries: investigation.summaries,
        diagnosis: investigation.diagnosis,
      },
      investigation.evidence?.finishedAt ?? Date.now(),
      savedId,
    );
    const detail: RunDetail = {
      evidence: investigation.evidence,
      diagnosis: investigation.diagnosis,
      validation: investigation.validation,
    };
    this.#details = [...this.#details, [run, detail] as const].slice(-DETAILS_KEPT);
    return run;
  }

  #ran(run: WatchRun, runs: readonly WatchRun[]): void {
    this.runs = runs;
    this.#persist((current) => withRun(current ?? this.#newRecord(this.startedAt ?? run.at), run));
    const before = runs.at(-2);
    const kind = before === undefined ? null : verdictChange(before, run);
    if (before === undefined || kind === null) return;
    this.change = { kind, before, after: run };
    const words = changeWords(kind, before, run, this.#setup.display);
    this.announcement = words.sentence;
    document.title = watchTitle(kind, this.#setup.display);
    void showNotification(words.title, words.body, `servfail-lens-watch-${this.id}`).then(
      (problem) => {
        if (problem !== null) this.problem = problem;
      },
    );
  }

  #stateChanged(state: LoopState): void {
    this.state = state;
    if (state.kind === 'stopped') return this.#stopped(state.why);
    if (this.change === null) document.title = watchTitle('watching', this.#setup.display);
  }

  #stopped(why: LoopStop): void {
    window.removeEventListener('online', this.#online);
    if (why === 'page') return;
    const stop: WatchStop = why;
    this.#setUrl(null);
    this.#persist((current) =>
      current === null ? null : { ...current, stoppedAt: Date.now(), stop },
    );
    if (why === 'day') {
      document.title = watchTitle('ended', this.#setup.display);
      this.announcement = `The watch of ${this.#setup.display} ended: a watch stops 24 h after it started.`;
    } else {
      // The title keeps a change it announced; else it is the page's own again.
      if (this.change === null && this.#title !== null) document.title = this.#title;
      this.announcement = `Stopped watching ${this.#setup.display}.`;
    }
  }

  /** A new record of this watch; the keeper stores plain data (no state proxies). */
  #newRecord(startedAt: number): StoredWatch {
    return newWatchRecord(this.id, this.#setup.request, this.floorSeconds, startedAt);
  }

  #persist(change: (stored: StoredWatch | null) => StoredWatch | null): void {
    this.#keeper.update((stored) => {
      const next = change(stored);
      return next === null ? null : ($state.snapshot(next) as StoredWatch);
    });
  }

  /** The page's own URL carries `watch=` while watching, so a reload continues it. */
  #setUrl(seconds: number | null): void {
    const next = fragmentWithWatch(location.hash, seconds);
    if (next !== location.hash) history.replaceState(history.state, '', next);
  }
}
