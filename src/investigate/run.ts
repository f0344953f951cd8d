/**
 * A live investigation over DoH: the planner's waves, sent by the DoH transport, recorded
 * as Evidence. The worker runs it for the app; scripts/record-fixtures.ts runs the very
 * same code in Node against the lab, so fixtures are what the app would have collected.
 */
import type { Evidence, EvidenceQuestion, EvidenceResolver, Exchange } from '../evidence/evidence';
import { queryDoh, toExchange } from '../doh/transport';
import { lookupRegistry } from '../rdap/lookup';
import { collect } from './collect';
import { planFollowUp } from './follow-up';

export interface LiveRequest {
  readonly question: EvidenceQuestion;
  readonly resolvers: readonly EvidenceResolver[];
  readonly trustAnchors: readonly string[];
  /** Per-request limit, milliseconds. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * The RDAP bootstrap file (RFC 9224) to find the registry with; no registry lookup when
   * absent (the person turned it off).
   */
  readonly rdapBootstrap?: string;
  readonly onExchange?: (exchange: Exchange) => void;
}

export function runLiveInvestigation(request: LiveRequest): Promise<Evidence> {
  const urls = request.resolvers.map((r) => r.url);
  const bootstrap = request.rdapBootstrap;
  return collect({
    question: request.question,
    resolvers: request.resolvers,
    trustAnchors: request.trustAnchors,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onExchange ? { onExchange: request.onExchange } : {}),
    planNextWave: (exchanges, wave, rdap) =>
      planFollowUp(exchanges, { question: request.question, resolvers: urls, rdap }, wave),
    ...(bootstrap === undefined
      ? {}
      : {
          lookupRegistry: (signal: AbortSignal) =>
            lookupRegistry({
              bootstrap,
              name: request.question.name,
              timeoutMs: request.timeoutMs,
              signal,
            }),
        }),
    runQuery: async (query, id, signal) => {
      const outcome = await queryDoh({
        url: query.resolver,
        name: query.question.name,
        type: query.question.type,
        cd: query.cd,
        timeoutMs: request.timeoutMs,
        signal,
      });
      return toExchange(outcome, { id, purpose: query.purpose, wave: query.wave });
    },
  });
}
