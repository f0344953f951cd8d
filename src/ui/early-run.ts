/**
 * A live link's check, started by the first script before the page is drawn (main.ts), so
 * its queries leave while Svelte mounts instead of after (issue 14: the first query used to
 * wait ~0.5 s for the page). The check view that mounts for the same request adopts it
 * (Investigation.run): it replays what was heard so far and follows the rest, exactly as if
 * it had started the run itself. A run nobody adopts (the page decided otherwise: a setting
 * the URL does not carry, a refused request) is stopped and released at once.
 *
 * The request is derived from the URL and the stored settings by the same functions the
 * page uses (App.svelte), and adopted only when equal field by field (`sameRequest`); a
 * mismatch costs the early queries, never a wrong result.
 */
import { normalizeInput } from '../dns/input';
import { RESOLVER_CATALOG } from '../doh/resolvers';
import { checkRequestProblems } from '../report/check-limits';
import type { Route } from '../report/route';
import { defaultSettings, loadSettings, type Settings } from '../store/settings';
import type { EvidenceId, InvestigateRequest, InvestigationResult, RunEvent } from '../worker/api';
import { setUpRegistry, setUpResolvers } from './resolver-setup';
import { lensWorker } from './worker-bridge';

/** The settings as the page reads them at start (SettingsState does the same). */
export function storedSettings(): Settings {
  return loadSettings(globalThis.localStorage, defaultSettings(RESOLVER_CATALOG.map((r) => r.url)));
}

/**
 * The live check a route asks for, as the page would run it; null when the route is not a
 * check or the page would not start one (a bad name, no usable resolver, a refused request).
 */
export function liveRequestOf(route: Route, settings: Settings): InvestigateRequest | null {
  if (route.kind !== 'check') return null;
  const input = normalizeInput(route.input);
  if (!input.ok) return null;
  const { resolvers } = setUpResolvers(route.resolvers ?? settings.resolvers);
  if (resolvers.length === 0) return null;
  const { bootstrap } = setUpRegistry(route.rdap, settings.registry);
  const request: InvestigateRequest = {
    question: { name: input.name, type: route.type },
    resolvers,
    trustAnchors: route.trustAnchors ?? settings.trustAnchors,
    timeoutMs: settings.timeoutMs,
    ...(bootstrap === undefined ? {} : { rdapBootstrap: bootstrap }),
  };
  return checkRequestProblems(request).length === 0 ? request : null;
}

const noop = (): void => {};

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean =>
  a.length === b.length && a.every((x, i) => same(x, b[i] as T));

/** Two requests ask the same thing of the same resolvers, under the same limits. */
export function sameRequest(a: InvestigateRequest, b: InvestigateRequest): boolean {
  return (
    a.question.name === b.question.name &&
    a.question.type === b.question.type &&
    sameList(a.resolvers, b.resolvers, (x, y) => x.url === y.url && x.label === y.label) &&
    sameList(a.trustAnchors, b.trustAnchors, (x, y) => x === y) &&
    a.timeoutMs === b.timeoutMs &&
    a.rdapBootstrap === b.rdapBootstrap
  );
}

/** What an early run needs of the worker bridge (lensWorker; a test passes its own). */
export interface RunHost {
  investigate(
    request: InvestigateRequest,
    onEvent: (event: RunEvent) => void,
    signal: AbortSignal,
  ): Promise<InvestigationResult>;
  release(evidenceId: EvidenceId): void;
}

/** A run that started before anyone on the page listened: what it heard is kept until then. */
export class EarlyRun {
  readonly request: InvestigateRequest;
  readonly result: Promise<InvestigationResult>;
  readonly #host: RunHost;
  readonly #stop = new AbortController();
  #heard: RunEvent[] = [];
  #listener: ((event: RunEvent) => void) | null = null;
  #evidenceId: EvidenceId | null = null;
  #dropped = false;

  constructor(request: InvestigateRequest, host: RunHost) {
    this.request = request;
    this.#host = host;
    this.result = host.investigate(request, (event) => this.#hear(event), this.#stop.signal);
    // Whoever adopts it handles the outcome; a dropped run's outcome is nobody's.
    this.result.catch(() => undefined);
  }

  /** The adopter hears everything so far, then each event as it comes; its signal stops the run. */
  adopt(listener: (event: RunEvent) => void, signal: AbortSignal): Promise<InvestigationResult> {
    for (const event of this.#heard) listener(event);
    this.#heard = [];
    this.#listener = listener;
    if (signal.aborted) this.#stop.abort();
    else signal.addEventListener('abort', () => this.#stop.abort(), { once: true });
    return this.result;
  }

  /** Nobody took it: stop its queries and let the worker forget it. */
  drop(): void {
    this.#dropped = true;
    this.#heard = [];
    this.#stop.abort();
    if (this.#evidenceId !== null) this.#host.release(this.#evidenceId);
  }

  #hear(event: RunEvent): void {
    if (event.kind === 'started') {
      this.#evidenceId = event.evidenceId;
      if (this.#dropped) this.#host.release(event.evidenceId);
    }
    if (this.#listener !== null) this.#listener(event);
    else if (!this.#dropped) this.#heard.push(event);
  }
}

let waiting: EarlyRun | null = null;
/** The check the page opened with (its first early run), settled either way. */
let opening: Promise<void> | null = null;

/**
 * Settles when the check the page opened with has (at once when it opened with none): what
 * can wait until then (the service worker's install) waits for it.
 */
export function openingCheckSettled(): Promise<void> {
  return opening ?? Promise.resolve();
}

/**
 * Starts the check a route asks for, if any, before the view for it is drawn: on a page's
 * first script (main.ts), on a submit and on a navigation (App.svelte). A run already
 * waiting for the same request is kept (a submit and the navigation it causes); one for
 * another request is dropped. Null when the route starts no check.
 */
export function startEarlyRun(
  route: Route,
  settings: Settings,
  host: RunHost = lensWorker,
): EarlyRun | null {
  const request = liveRequestOf(route, settings);
  if (request !== null && waiting !== null && sameRequest(waiting.request, request)) {
    return waiting;
  }
  waiting?.drop();
  waiting = request === null ? null : new EarlyRun(request, host);
  opening ??= waiting?.result.then(noop, noop) ?? Promise.resolve();
  return waiting;
}

/** The early run for exactly this request, taken (only once); null when there is none. */
export function adoptEarlyRun(
  request: InvestigateRequest,
  listener: (event: RunEvent) => void,
  signal: AbortSignal,
): Promise<InvestigationResult> | null {
  const run = waiting;
  if (run === null || !sameRequest(run.request, request)) return null;
  waiting = null;
  return run.adopt(listener, signal);
}

/**
 * No view has adopted this run by now (the page decided otherwise than liveRequestOf): it is
 * not wanted. A run adopted or replaced meanwhile is left alone.
 */
export function dropIfUnadopted(run: EarlyRun): void {
  if (waiting !== run) return;
  run.drop();
  waiting = null;
}
