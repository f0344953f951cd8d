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

interface InFlight {
  readonly query: PlannedQuery;
}

export async function collect(options: CollectOptions): Promise<Evidence> {
  const now = options.now ?? Date.now;
  const outer = options.signal;
  const maxWaves = options.maxWaves ?? 3;
  const deadlineMs = options.deadlineMs ?? CHECK_DEADLINE_MS;
  const startedAt = now();
  const exchanges: Exchange[] = [];
  const asked = new Set<string>();
  const rateLimited = new Set<string>();
  const inFlight = new Map<string, InFlight>();
  const failures: unknown[] = [];
  let nextId = 0;

  // The person's cancel or the deadline stops everything. Each query and the registry get
  // a signal of their own, all aborted from here: one shared signal would carry a listener
  // per query (the transport's time limit listens to it), which Node warns about past ten.
  const running = new Set<AbortController>();
  let stopped = false;
  let deadlinePassed = false;
  const stopAll = (): void => {
    stopped = true;
    for (const c of running) c.abort();
  };
  const ownSignal = (): AbortController => {
    const c = new AbortController();
    if (stopped) c.abort();
    running.add(c);
    return c;
  };
  if (outer?.aborted) stopAll();
  outer?.addEventListener('abort', stopAll, { once: true });
  const deadline = setTimeout(() => {
    deadlinePassed = true;
    stopAll();
  }, deadlineMs);
  // An exchange cut by the deadline (not by the person) is a timeout, and says whose limit.
  const cutByDeadline = (): boolean => deadlinePassed && !outer?.aborted;
  const limitReached = (host: string): string =>
    `no answer from ${host} before the check's overall limit of ${seconds(deadlineMs)} s was reached`;

  // Waiting for in-flight queries: every completion wakes whoever waits for a condition.
  let wake: () => void = () => {};
  let changed = new Promise<void>((resolve) => (wake = resolve));
  const notify = (): void => {
    const woken = wake;
    changed = new Promise<void>((resolve) => (wake = resolve));
    woken();
  };
  const until = async (condition: () => boolean): Promise<void> => {
    while (!condition()) await changed;
  };
  const pending = (purpose: 'target' | 'other'): boolean =>
    [...inFlight.values()].some((f) => (f.query.purpose === 'target') === (purpose === 'target'));

  const record = (raw: Exchange): void => {
    const exchange: Exchange =
      raw.error?.class === 'aborted' && cutByDeadline()
        ? { ...raw, error: { class: 'timeout', message: limitReached(hostOf(raw.resolver)) } }
        : raw;
    if (exchange.error?.class === 'rate-limited') rateLimited.add(exchange.resolver);
    exchanges.push(exchange);
    options.onExchange?.(exchange);
  };

  const launch = (queries: readonly PlannedQuery[]): void => {
    if (stopped) return;
    const room = MAX_QUERIES - asked.size;
    const batch = dedupe(queries, asked)
      .filter((q) => !rateLimited.has(q.resolver))
      .slice(0, Math.max(0, room));
    for (const q of batch) {
      asked.add(queryKey(q));
      const id = `x${nextId++}`;
      options.onSent?.({
        id,
        resolver: q.resolver,
        question: q.question,
        cd: q.cd,
        purpose: q.purpose,
        wave: q.wave,
        startedAt: now(),
      });
      inFlight.set(id, { query: q });
      const own = ownSignal();
      options
        .runQuery(q, id, own.signal)
        .then(record)
        .catch((error: unknown) => void failures.push(error))
        .finally(() => {
          running.delete(own);
          inFlight.delete(id);
          notify();
        });
    }
  };

  // The registry is asked at once, beside the first wave. Its nameservers feed whichever
  // wave is planned after it arrives; a wave is never held back waiting for it, unless
  // nothing else is left to ask.
  let rdap: readonly RdapLookup[] | undefined;
  const registry = options.lookupRegistry?.(ownSignal().signal).then((lookups) => {
    rdap = lookups.map((lookup) =>
      lookup.error?.class === 'aborted' && cutByDeadline()
        ? {
            ...lookup,
            error: {
              class: 'timeout',
              message: limitReached(hostOf(lookup.url ?? lookup.bootstrap)),
            },
          }
        : lookup,
    );
  });

  // A planner may propose what was already asked (an alias target's chain every wave);
  // only new questions, to resolvers not rate limiting us, make a wave.
  const plan = (wave: number): PlannedQuery[] =>
    dedupe(options.planNextWave?.(exchanges, wave, rdap) ?? [], asked).filter(
      (q) => !rateLimited.has(q.resolver),
    );
  // The next wave needs every query that is not a target, and at least one target answer
  // (the alias to follow, the resolver that answers); slow targets keep running meanwhile.
  const readyToPlan = (): boolean =>
    !pending('other') &&
    (!pending('target') || exchanges.some((x) => x.purpose === 'target' && x.error === undefined));

  try {
    launch(
      planFirstWave(
        options.question,
        options.resolvers.map((r) => r.url),
      ),
    );
    for (let wave = 2; wave <= maxWaves; wave++) {
      await until(readyToPlan);
      if (stopped) break;
      let next = plan(wave);
      if (next.length === 0 && pending('target')) {
        // Nothing to ask yet, but a slow target may still reveal something (an alias).
        await until(() => !pending('target') && !pending('other'));
        if (stopped) break;
        next = plan(wave);
      }
      if (next.length === 0 && rdap === undefined && registry !== undefined) {
        await registry;
        if (stopped) break;
        next = plan(wave);
      }
      if (next.length === 0) break;
      launch(next);
    }
    await until(() => inFlight.size === 0);
    await registry;
  } finally {
    clearTimeout(deadline);
    outer?.removeEventListener('abort', stopAll);
  }
  if (failures.length > 0) throw failures[0];

  // Exchanges complete in network order; store them in id order so evidence is stable.
  exchanges.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  return {
    version: EVIDENCE_VERSION,
    question: options.question,
    resolvers: options.resolvers,
    trustAnchors: options.trustAnchors,
    startedAt,
    finishedAt: now(),
    exchanges,
    ...(rdap === undefined ? {} : { rdap }),
  };
}
