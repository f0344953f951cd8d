/**
 * The Exchange a scripted transport returns for a planned query: the query's own fields,
 * an error when it failed. Shared by the collector and worker tests that stand in for DoH.
 */
import type { Exchange, TransportError } from '../../src/evidence/evidence';
import type { PlannedQuery } from '../../src/investigate/plan';

export function plannedExchange(query: PlannedQuery, id: string, error?: TransportError): Exchange {
  return {
    id,
    resolver: query.resolver,
    question: query.question,
    cd: query.cd,
    do: true,
    purpose: query.purpose,
    wave: query.wave,
    startedAt: 0,
    durationMs: 1,
    ...(error ? { error } : {}),
  };
}
