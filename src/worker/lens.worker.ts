/**
 * The Web Worker: collects evidence over DoH, decodes it for the grid, validates DNSSEC and
 * diagnoses it, all off the main thread. Exposed to the UI with comlink (api.ts).
 */
import * as Comlink from 'comlink';
import type { Evidence, Exchange } from '../evidence/evidence';
import { runLiveInvestigation } from '../investigate/run';
import { summariseExchange } from '../report/summarise';
import { describeExchange } from '../report/describe';
import type { ExchangeSummary } from '../report/exchange-summary';
import type { InvestigateRequest, InvestigationResult, LensWorkerApi } from './api';

// Validation and diagnosis come in their own chunk, fetched now in the background: a live
// check's queries do not wait for it, and it is there before the answers are. A failed
// fetch (offline at start-up) is not kept: the next check tries again.
type Analysis = typeof import('./worker-analysis');
let analysis: Promise<Analysis> | null = null;
function loadAnalysis(): Promise<Analysis> {
  if (analysis === null) {
    const pending = import('./worker-analysis');
    analysis = pending;
    pending.catch(() => {
      if (analysis === pending) analysis = null;
    });
  }
  return analysis;
}
void loadAnalysis().catch(() => {});

let running: AbortController | null = null;
let current: Evidence | null = null;
const live = new Map<string, Exchange>();

/**
 * Everything derived from Evidence, the same way for a live check and for recorded
 * evidence (a permalink, a saved result, an example), so both render the same page.
 */
async function finish(
  evidence: Evidence,
  summarised: ReadonlyMap<string, ExchangeSummary> = new Map(),
): Promise<InvestigationResult> {
  const { validateEvidence, diagnose } = await loadAnalysis();
  const waves = new Set(evidence.exchanges.map((x) => x.wave)).size;
  // DNSSEC is checked as of the end of collection, for a live check and for a permalink
  // alike, so both show the same chain of trust (signatures may expire in between).
  const now = evidence.finishedAt / 1000;
  const validation = await validateEvidence(evidence, { now });
  // The verdict rests on the same validation, judged at the same moment.
  const diagnosis = await diagnose(evidence, { now, validation });
  return {
    evidence,
    // A live check summarised each exchange as it arrived; only recorded evidence is new.
    summaries: evidence.exchanges.map((x) => summarised.get(x.id) ?? summariseExchange(x)),
    waves,
    validation,
    diagnosis,
  };
}

const api: LensWorkerApi = {
  async investigate(request: InvestigateRequest, onExchange): Promise<InvestigationResult> {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    live.clear();
    current = null;
    const summarised = new Map<string, ExchangeSummary>();
    const evidence = await runLiveInvestigation({
      question: request.question,
      resolvers: request.resolvers,
      trustAnchors: request.trustAnchors,
      timeoutMs: request.timeoutMs,
      ...(request.rdapBootstrap === undefined ? {} : { rdapBootstrap: request.rdapBootstrap }),
      signal: controller.signal,
      onExchange: (exchange) => {
        live.set(exchange.id, exchange);
        const summary = summariseExchange(exchange);
        summarised.set(exchange.id, summary);
        onExchange(summary);
      },
    });
    if (running === controller) running = null;
    current = evidence;
    return finish(evidence, summarised);
  },

  cancel(): void {
    running?.abort();
  },

  async load(evidence: Evidence): Promise<InvestigationResult> {
    live.clear();
    current = evidence;
    return finish(evidence);
  },

  async describe(exchangeId: string) {
    const exchange = live.get(exchangeId) ?? current?.exchanges.find((x) => x.id === exchangeId);
    return exchange ? describeExchange(exchange) : null;
  },
};

Comlink.expose(api);
