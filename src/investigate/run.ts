/**
 * A live investigation over DoH: the planner's waves, sent by the DoH transport, recorded
 * as Evidence. The worker runs it for the app; scripts/record-fixtures.ts runs the very
 * same code in Node against the lab, so fixtures are what the app would have collected.
 *
 * Time limits (limits.ts): the person's per-query setting for chain and follow-up queries,
 * at least TARGET_TIMEOUT_MS for the target (resolvers are slow to give up on a broken
 * name), and one deadline for the whole check.
 */
import type {
  Evidence,
  EvidenceQuestion,
  EvidenceResolver,
  Exchange,
  RdapLookup,
} from '../evidence/evidence';
import type { LocalNetworkContext } from '../doh/local-network';
import { queryDoh, toExchange } from '../doh/transport';
import { collect, rateLimitedResolvers, type SentQuery } from './collect';
import { planFollowUp } from './follow-up';
import { checkDeadlineMs, queryLimitMs } from './limits';

/** A query that has just left, with the limit it runs under (for a "waiting, N s" cell). */
export interface LiveSentQuery extends SentQuery {
  /** After this many milliseconds without an answer, it ends as a timeout. */
  readonly limitMs: number;
}

export interface LiveRequest {
  readonly question: EvidenceQuestion;
  readonly resolvers: readonly EvidenceResolver[];
  readonly trustAnchors: readonly string[];
  /**
   * The person's per-query setting, milliseconds: the limit of chain and follow-up queries
   * and of the registry lookup; target queries wait at least TARGET_TIMEOUT_MS.
   */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * The RDAP bootstrap file (RFC 9224) to find the registry with; no registry lookup when
   * absent (the person turned it off).
   */
  readonly rdapBootstrap?: string;
  /** Called as each query leaves. */
  readonly onSent?: (sent: LiveSentQuery) => void;
  readonly onExchange?: (exchange: Exchange) => void;
  /** The page's origin and Local Network Access permission, when a target may need it. */
  readonly localNetwork?: LocalNetworkContext;
  /** For tests: the fetch the DoH transport uses. */
  readonly fetchImpl?: typeof fetch;
}

export function runLiveInvestigation(request: LiveRequest): Promise<Evidence> {
  const urls = request.resolvers.map((r) => r.url);
  const bootstrap = request.rdapBootstrap;
  const onSent = request.onSent;
  return collect({
    question: request.question,
    resolvers: request.resolvers,
    trustAnchors: request.trustAnchors,
    deadlineMs: checkDeadlineMs(request.timeoutMs),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onExchange ? { onExchange: request.onExchange } : {}),
    ...(onSent === undefined
      ? {}
      : {
          onSent: (sent: SentQuery) =>
            onSent({ ...sent, limitMs: queryLimitMs(sent.purpose, request.timeoutMs) }),
        }),
    planNextWave: (exchanges, wave, rdap) => {
      // A resolver that rate-limited us is asked nothing more, so it cannot be the one the
      // follow-up questions go to either (collect.ts would drop them).
      const limited = rateLimitedResolvers(exchanges);
      const usable = urls.filter((url) => !limited.has(url));
      return planFollowUp(exchanges, { question: request.question, resolvers: usable, rdap }, wave);
    },
    ...(bootstrap === undefined
      ? {}
      : {
          lookupRegistry: (signal: AbortSignal) => askRegistry(bootstrap, request, signal),
        }),
    runQuery: async (query, id, signal) => {
      const outcome = await queryDoh({
        url: query.resolver,
        name: query.question.name,
        type: query.question.type,
        cd: query.cd,
        timeoutMs: queryLimitMs(query.purpose, request.timeoutMs),
        signal,
        ...(request.localNetwork ? { localNetwork: request.localNetwork } : {}),
        ...(request.fetchImpl ? { fetchImpl: request.fetchImpl } : {}),
      });
      return toExchange(outcome, { id, purpose: query.purpose, wave: query.wave });
    },
  });
}

/**
 * The registry lookup, loaded when a check first asks it: RDAP is a quarter of the collection
 * code and runs beside the first wave, so the worker starts without it (the chunk a check
 * starts with stays under 120 KB). If its code cannot be loaded (an offline page after an
 * update), the lookup ends with that reason instead of failing the check.
 */
async function askRegistry(
  bootstrap: string,
  request: LiveRequest,
  signal: AbortSignal,
): Promise<readonly RdapLookup[]> {
  const startedAt = Date.now();
  try {
    const { lookupRegistry } = await import('../rdap/lookup');
    return await lookupRegistry({
      bootstrap,
      name: request.question.name,
      timeoutMs: request.timeoutMs,
      signal,
      ...(request.localNetwork ? { localNetwork: request.localNetwork } : {}),
    });
  } catch {
    const message = 'the part of the app that asks registries could not be loaded';
    return [
      {
        id: 'r0',
        domain: request.question.name,
        bootstrap,
        startedAt,
        durationMs: Date.now() - startedAt,
        error: { class: 'unreachable', message },
      },
    ];
  }
}
