/**
 * The collector: sends planned queries wave by wave and records every exchange as Evidence.
 *
 * All queries of a wave leave at once; each exchange is reported the moment it completes,
 * so the grid fills in as answers arrive. The transport is injected (the worker passes the
 * DoH client), which keeps this module testable against recorded exchanges.
 */
import {
  EVIDENCE_VERSION,
  type Evidence,
  type EvidenceQuestion,
  type EvidenceResolver,
  type Exchange,
  type RdapLookup,
} from '../evidence/evidence';
import { MAX_QUERIES, dedupe, planFirstWave, queryKey, type PlannedQuery } from './plan';

/** Runs one query; must not throw (failures are classified inside the Exchange). */
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

export interface CollectOptions {
  readonly question: EvidenceQuestion;
  readonly resolvers: readonly EvidenceResolver[];
  readonly trustAnchors: readonly string[];
  readonly runQuery: RunQuery;
  readonly planNextWave?: PlanNextWave;
  readonly lookupRegistry?: LookupRegistry;
  readonly onExchange?: (exchange: Exchange) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  /** At most this many dependent waves (design: a verdict needs at most three rounds). */
  readonly maxWaves?: number;
}

export async function collect(options: CollectOptions): Promise<Evidence> {
  const now = options.now ?? Date.now;
  const signal = options.signal ?? new AbortController().signal;
  const maxWaves = options.maxWaves ?? 3;
  const startedAt = now();
  const exchanges: Exchange[] = [];
  const asked = new Set<string>();
  let nextId = 0;

  const runWave = async (queries: readonly PlannedQuery[]): Promise<void> => {
    const room = MAX_QUERIES - asked.size;
    const batch = dedupe(queries, asked).slice(0, Math.max(0, room));
    for (const q of batch) asked.add(queryKey(q));
    await Promise.all(
      batch.map(async (q) => {
        const exchange = await options.runQuery(q, `x${nextId++}`, signal);
        exchanges.push(exchange);
        options.onExchange?.(exchange);
      }),
    );
  };

  // The registry is asked at once, beside the first wave. Its nameservers feed whichever
  // wave is planned after it arrives; a wave is never held back waiting for it, unless
  // nothing else is left to ask.
  let rdap: readonly RdapLookup[] | undefined;
  const registry = options.lookupRegistry?.(signal).then((lookups) => {
    rdap = lookups;
  });

  const urls = options.resolvers.map((r) => r.url);
  await runWave(planFirstWave(options.question, urls));
  // A planner may propose what was already asked (an alias target's chain every wave);
  // only new questions make a wave.
  const plan = (wave: number) => dedupe(options.planNextWave?.(exchanges, wave, rdap) ?? [], asked);
  for (let wave = 2; wave <= maxWaves && !signal.aborted; wave++) {
    let next = plan(wave);
    if (next.length === 0 && rdap === undefined && registry !== undefined) {
      await registry;
      next = plan(wave);
    }
    if (next.length === 0) break;
    await runWave(next);
  }
  await registry;

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
