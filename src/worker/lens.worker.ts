/**
 * The Web Worker: collects evidence over DoH, decodes it for the grid, and (later) validates
 * and diagnoses it, all off the main thread. Exposed to the UI with comlink (api.ts).
 */
import * as Comlink from 'comlink';
import type { Evidence, Exchange } from '../evidence/evidence';
import { collect } from '../investigate/collect';
import { summariseExchange } from '../report/summarise';
import { describeExchange } from '../report/describe';
import { queryDoh, toExchange } from '../doh/transport';
import type { ExchangeSummary } from '../report/exchange-summary';
import type { InvestigateRequest, InvestigationResult, LensWorkerApi } from './api';

let running: AbortController | null = null;
let current: Evidence | null = null;
const live = new Map<string, Exchange>();

const api: LensWorkerApi = {
  async investigate(request: InvestigateRequest, onExchange): Promise<InvestigationResult> {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    live.clear();
    current = null;
    const evidence = await collect({
      question: request.question,
      resolvers: request.resolvers,
      trustAnchors: request.trustAnchors,
      signal: controller.signal,
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
      onExchange: (exchange) => {
        live.set(exchange.id, exchange);
        onExchange(summariseExchange(exchange));
      },
    });
    if (running === controller) running = null;
    current = evidence;
    const waves = new Set(evidence.exchanges.map((x) => x.wave)).size;
    return { evidence, summaries: evidence.exchanges.map(summariseExchange), waves };
  },

  cancel(): void {
    running?.abort();
  },

  async load(evidence: Evidence): Promise<readonly ExchangeSummary[]> {
    live.clear();
    current = evidence;
    return evidence.exchanges.map(summariseExchange);
  },

  async describe(exchangeId: string) {
    const exchange = live.get(exchangeId) ?? current?.exchanges.find((x) => x.id === exchangeId);
    return exchange ? describeExchange(exchange) : null;
  },
};

Comlink.expose(api);
