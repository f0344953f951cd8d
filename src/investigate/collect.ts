/**
 * The collector: sends planned queries wave by wave and records every exchange as Evidence.
 *
 * All queries of a wave leave at once; each is announced when it leaves (`onSent`, so the
 * grid can show a pending cell with a running clock) and reported the moment it completes
 * (`onExchange`), so the grid fills in as answers arrive. The transport is injected (the
 * worker passes the DoH client), which keeps this module testable against recorded
 * exchanges.
 *
 * Three things public resolvers do that shape the waves (facts.md):
 * - They are slow to give up on a broken name, so target queries have a longer limit than
 *   the rest (limits.ts). The next wave does not wait for them: it is planned once every
 *   other query is in and at least one target has answered; a slow target keeps running
 *   and lands in the Evidence with its own wave number when it arrives.
 * - They rate-limit (HTTP 429). A resolver that said so once is asked nothing more in this
 *   check: no retry, no later wave.
 * - They may never answer. One deadline covers the whole check: when it passes, what is
 *   outstanding ends as a timeout that says so, no further wave starts, and the Evidence is
 *   returned.
 */
import {
  EVIDENCE_VERSION,
  type Evidence,
  type EvidenceQuestion,
  type EvidenceResolver,
  type Exchange,
  type ExchangePurpose,
  type RdapLookup,
} from '../evidence/evidence';
import { CHECK_DEADLINE_MS } from './limits';
import { MAX_QUERIES, dedupe, planFirstWave, queryKey, type PlannedQuery } from './plan';

/**
 * Runs one query; must not throw (failures are classified inside the Exchange), and must
 * end soon after `signal` aborts (with an `aborted` exchange, or whatever it has).
 */
export type RunQuery = (query: PlannedQuery, id: string, signal: AbortSignal) => Promise<Exchange>;

/**
 * Given everything collected so far, the queries of the next wave (may be empty). `rdap`
 * is the registry's answer once it has arrived, undefined while it is still on its way.
 */
export type PlanNextWave = (
  exchanges: readonly Exchange[],
  wave: number,
  rdap: readonly RdapLookup[] | undefined,
) => readonly PlannedQuery[];

/** Asks the registry (RDAP); must not throw. Runs beside the DNS waves, not before them. */
export type LookupRegistry = (signal: AbortSignal) => Promise<readonly RdapLookup[]>;

/** A query that has just left: what a pending grid cell needs to show "waiting, N s". */
export interface SentQuery {
  /** The id its Exchange will carry. */
  readonly id: string;
  readonly resolver: string;
  readonly question: EvidenceQuestion;
  readonly cd: boolean;
  readonly purpose: ExchangePurpose;
  readonly wave: number;
  /** When it left, milliseconds since the Unix epoch (the `now` clock). */
  readonly startedAt: number;
}

export interface CollectOptions {
  readonly question: EvidenceQuestion;
  readonly resolvers: readonly EvidenceResolver[];
  readonly trustAnchors: readonly string[];
  readonly runQuery: RunQuery;
  readonly planNextWave?: PlanNextWave;
  readonly lookupRegistry?: LookupRegistry;
  readonly onSent?: (sent: SentQuery) => void;
  readonly onExchange?: (exchange: Exchange) => void;
  /** The person's cancel: outstanding queries end as `aborted`. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  /** At most this many dependent waves (design: a verdict needs at most three rounds). */
  readonly maxWaves?: number;
  /** The whole check's limit, milliseconds; default CHECK_DEADLINE_MS. */
  readonly deadlineMs?: number;
}

/** Resolvers that answered HTTP 429 to any exchange so far. */
export function rateLimitedResolvers(exchanges: readonly Exchange[]): ReadonlySet<string> {
  return new Set(exchanges.filter((x) => x.error?.class === 'rate-limited').map((x) => x.resolver));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const seconds = (ms: number): string => String(Number((ms / 1000).toFixed(3)));

/**
 * What stops a check: the person's cancel (`outer`) or the check's deadline. Each query and
 * the registry get a signal of their own, all aborted from here: one shared signal would
 * carry a listener per query (the transport's time limit listens to it), which Node warns
 * about past ten.
 */
class Stop {
  readonly #outer: AbortSignal | undefined;
  readonly #deadlineMs: number;
  readonly #running = new Set<AbortController>();
  readonly #deadline: ReturnType<typeof setTimeout>;
  readonly #onAbort = (): void => this.#stopAll();
  #stopped = false;
  #deadlinePassed = false;

  constructor(outer: AbortSignal | undefined, deadlineMs: number) {
    this.#outer = outer;
    this.#deadlineMs = deadlineMs;
    if (outer?.aborted) this.#stopAll();
    outer?.addEventListener('abort', this.#onAbort, { once: true });
    this.#deadline = setTimeout(() => {
      this.#deadlinePassed = true;
      this.#stopAll();
    }, deadlineMs);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** A signal for one query (or the registry), aborted when the check stops. */
  signalFor(): { readonly signal: AbortSignal; readonly done: () => void } {
    const controller = new AbortController();
    if (this.#stopped) controller.abort();
    this.#running.add(controller);
    return { signal: controller.signal, done: () => this.#running.delete(controller) };
  }

  /**
   * An `aborted` outcome cut by the deadline (not by the person) is a timeout, and says
   * whose limit: the text for it, or null when the person cancelled (or nothing was cut).
   */
  timeoutMessage(url: string): string | null {
    if (!this.#deadlinePassed || this.#outer?.aborted === true) return null;
    return `no answer from ${hostOf(url)} before the check's overall limit of ${seconds(this.#deadlineMs)} s was reached`;
  }

  /** The check is over: the deadline and the person's signal no longer reach it. */
  dispose(): void {
    clearTimeout(this.#deadline);
    this.#outer?.removeEventListener('abort', this.#onAbort);
  }

  #stopAll(): void {
    this.#stopped = true;
    for (const c of this.#running) c.abort();
  }
}

/** Waiting for in-flight queries: every completion wakes whoever waits for a condition. */
class Changes {
  #wake: () => void = () => {};
  #changed = new Promise<void>((resolve) => (this.#wake = resolve));

  notify(): void {
    const woken = this.#wake;
    this.#changed = new Promise<void>((resolve) => (this.#wake = resolve));
    woken();
  }

  async until(condition: () => boolean): Promise<void> {
    while (!condition()) await this.#changed;
  }
}

/** One check's collection: what was asked, what is in flight and what came back. */
class Collection {
  readonly exchanges: Exchange[] = [];
  readonly #asked = new Set<string>();
  readonly #rateLimited = new Set<string>();
  readonly #inFlight = new Map<string, PlannedQuery>();
  readonly #failures: unknown[] = [];
  readonly #changes = new Changes();
  #nextId = 0;
  /** The registry's answer once it has arrived. */
  rdap: readonly RdapLookup[] | undefined;

  readonly options: CollectOptions;
  readonly stop: Stop;
  readonly now: () => number;

  constructor(options: CollectOptions, stop: Stop, now: () => number) {
    this.options = options;
    this.stop = stop;
    this.now = now;
  }

  /** Sends the queries not asked before, to resolvers not rate limiting us, within MAX_QUERIES. */
  launch(queries: readonly PlannedQuery[]): void {
    if (this.stop.stopped) return;
    const room = MAX_QUERIES - this.#asked.size;
    const batch = dedupe(queries, this.#asked)
      .filter((q) => !this.#rateLimited.has(q.resolver))
      .slice(0, Math.max(0, room));
    for (const query of batch) this.#send(query);
  }

  /**
   * The next wave's questions. A planner may propose what was already asked (an alias
   * target's chain every wave); only new questions, to resolvers not rate limiting us,
   * make a wave.
   */
  plan(wave: number): PlannedQuery[] {
    const proposed = this.options.planNextWave?.(this.exchanges, wave, this.rdap) ?? [];
    return dedupe(proposed, this.#asked).filter((q) => !this.#rateLimited.has(q.resolver));
  }

  pending(purpose: 'target' | 'other'): boolean {
    const target = purpose === 'target';
    return [...this.#inFlight.values()].some((q) => (q.purpose === 'target') === target);
  }

  get idle(): boolean {
    return this.#inFlight.size === 0;
  }

  until(condition: () => boolean): Promise<void> {
    return this.#changes.until(condition);
  }

  /** A query's runner broke its promise not to throw: the check fails with that error. */
  rethrowFailure(): void {
    if (this.#failures.length > 0) throw this.#failures[0];
  }

  /** Asks the registry beside the first wave; its answer lands in `rdap`. */
  askRegistry(): Promise<void> | undefined {
    const lookup = this.options.lookupRegistry;
    if (lookup === undefined) return undefined;
    const { signal, done } = this.stop.signalFor();
    return lookup(signal).then((lookups) => {
      done();
      this.rdap = lookups.map((l) => {
        const message =
          l.error?.class === 'aborted' && this.stop.timeoutMessage(l.url ?? l.bootstrap);
        return message ? { ...l, error: { class: 'timeout', message } } : l;
      });
    });
  }

  #send(query: PlannedQuery): void {
    this.#asked.add(queryKey(query));
    const id = `x${this.#nextId++}`;
    const { resolver, question, cd, purpose, wave } = query;
    this.options.onSent?.({ id, resolver, question, cd, purpose, wave, startedAt: this.now() });
    this.#inFlight.set(id, query);
    const { signal, done } = this.stop.signalFor();
    this.options
      .runQuery(query, id, signal)
      .then((exchange) => this.#record(exchange))
      .catch((error: unknown) => void this.#failures.push(error))
      .finally(() => {
        done();
        this.#inFlight.delete(id);
        this.#changes.notify();
      });
  }

  #record(raw: Exchange): void {
    const message = raw.error?.class === 'aborted' && this.stop.timeoutMessage(raw.resolver);
    const exchange: Exchange = message ? { ...raw, error: { class: 'timeout', message } } : raw;
    if (exchange.error?.class === 'rate-limited') this.#rateLimited.add(exchange.resolver);
    this.exchanges.push(exchange);
    this.options.onExchange?.(exchange);
  }
}

/**
 * The waves after the first. The next wave needs every query that is not a target, and at
 * least one target answer (the alias to follow, the resolver that answers); slow targets
 * keep running meanwhile. The registry's nameservers feed whichever wave is planned after
 * they arrive; a wave is never held back waiting for it, unless nothing else is left to ask
 * but the zones' apex records.
 */
async function followWaves(
  run: Collection,
  stop: Stop,
  registry: Promise<void> | undefined,
  maxWaves: number,
): Promise<void> {
  const readyToPlan = (): boolean =>
    !run.pending('other') &&
    (!run.pending('target') ||
      run.exchanges.some((x) => x.purpose === 'target' && x.error === undefined));
  for (let wave = 2; wave <= maxWaves; wave++) {
    await run.until(readyToPlan);
    if (stop.stopped) return;
    let next = run.plan(wave);
    if (next.length === 0 && run.pending('target')) {
      // Nothing to ask yet, but a slow target may still reveal something (an alias).
      await run.until(() => !run.pending('target') && !run.pending('other'));
      if (stop.stopped) return;
      next = run.plan(wave);
    }
    // The apex questions alone do not start a wave ahead of the registry: its nameservers
    // would need a round of their own after it (a lame zone's servers are known only there).
    const onlyApex = next.every((q) => q.purpose === 'apex');
    if (onlyApex && run.rdap === undefined && registry !== undefined) {
      await registry;
      if (stop.stopped) return;
      next = run.plan(wave);
    }
    if (next.length === 0) return;
    run.launch(next);
  }
}

export async function collect(options: CollectOptions): Promise<Evidence> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const stop = new Stop(options.signal, options.deadlineMs ?? CHECK_DEADLINE_MS);
  const run = new Collection(options, stop, now);
  try {
    const urls = options.resolvers.map((r) => r.url);
    run.launch(planFirstWave(options.question, urls));
    // The registry is asked at once, beside the first wave.
    const registry = run.askRegistry();
    await followWaves(run, stop, registry, options.maxWaves ?? 3);
    await run.until(() => run.idle);
    await registry;
  } finally {
    stop.dispose();
  }
  run.rethrowFailure();

  // Exchanges complete in network order; store them in id order so evidence is stable.
  const exchanges = [...run.exchanges].sort(
    (a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)),
  );
  return {
    version: EVIDENCE_VERSION,
    question: options.question,
    resolvers: options.resolvers,
    trustAnchors: options.trustAnchors,
    startedAt,
    finishedAt: now(),
    exchanges,
    ...(run.rdap === undefined ? {} : { rdap: run.rdap }),
  };
}
