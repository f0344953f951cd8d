/**
 * The Web Worker: collects evidence over DoH, decodes it for the grid, validates DNSSEC and
 * diagnoses it, all off the main thread. Exposed to the UI with comlink (api.ts).
 */
import * as Comlink from 'comlink';
import { localNetworkContext } from '../doh/local-network-permission';
import type { Evidence, Exchange } from '../evidence/evidence';
import { runLiveInvestigation } from '../investigate/run';
import { summariseExchange } from '../report/summarise';
import { describeExchange } from '../report/describe';
import type { ExchangeSummary } from '../report/exchange-summary';
import type {
  InvestigateRequest,
  InvestigationResult,
  LensWorkerApi,
  PendingQuery,
  RunId,
} from './api';

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

/**
 * The live run on the page, with the exchanges it has recorded so far. One at a time:
 * starting another replaces it, and a replaced run's late exchanges reach neither the page
 * nor `describe` (the next run reuses the ids `x0`, `x1`…).
 */
interface LiveRun {
  readonly runId: RunId;
  readonly controller: AbortController;
  readonly exchanges: Map<string, Exchange>;
}
let currentRun: LiveRun | null = null;

/**
 * Recorded evidence by load, oldest first. A page releases its own; only the last few are
 * kept in any case, so a caller that never releases (the benchmark) cannot grow it.
 */
const loaded = new Map<RunId | undefined, ReadonlyMap<string, Exchange>>();
const LOADS_KEPT = 8;

const byId = (evidence: Evidence): Map<string, Exchange> =>
  new Map(evidence.exchanges.map((x) => [x.id, x]));

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
  async investigate(
    request: InvestigateRequest,
    onExchange,
    runId,
    onSent,
  ): Promise<InvestigationResult> {
    currentRun?.controller.abort();
    const run: LiveRun = { runId, controller: new AbortController(), exchanges: new Map() };
    currentRun = run;
    const replaced = () => currentRun !== run;
    const summarised = new Map<string, ExchangeSummary>();
    // On a page served from a public origin, loopback and private resolvers need the
    // browser's Local Network Access permission: read it, so a refusal is named as such.
    const localNetwork = await localNetworkContext(self.location.origin, [
      ...request.resolvers.map((r) => r.url),
      ...(request.rdapBootstrap ? [request.rdapBootstrap] : []),
    ]);
    const evidence = await runLiveInvestigation({
      ...(localNetwork ? { localNetwork } : {}),
      question: request.question,
      resolvers: request.resolvers,
      trustAnchors: request.trustAnchors,
      timeoutMs: request.timeoutMs,
      ...(request.rdapBootstrap === undefined ? {} : { rdapBootstrap: request.rdapBootstrap }),
      signal: run.controller.signal,
      ...(onSent === undefined
        ? {}
        : {
            onSent: (query: PendingQuery) => {
              if (!replaced()) onSent(query);
            },
          }),
      onExchange: (exchange) => {
        if (replaced()) return;
        run.exchanges.set(exchange.id, exchange);
        const summary = summariseExchange(exchange);
        summarised.set(exchange.id, summary);
        onExchange(summary);
      },
    });
    // A replaced run is not validated or diagnosed: nobody is waiting for it.
    if (replaced()) throw new Error('Another check took its place.');
    for (const [id, exchange] of byId(evidence)) run.exchanges.set(id, exchange);
    const result = await finish(evidence, summarised);
    if (replaced()) throw new Error('Another check took its place.');
    return result;
  },

  cancel(runId): void {
    if (currentRun?.runId === runId) currentRun.controller.abort();
  },

  async load(evidence: Evidence, runId): Promise<InvestigationResult> {
    loaded.delete(runId);
    loaded.set(runId, byId(evidence));
    for (const oldest of loaded.keys()) {
      if (loaded.size <= LOADS_KEPT) break;
      loaded.delete(oldest);
    }
    return finish(evidence);
  },

  async describe(runId, exchangeId) {
    const exchanges = currentRun?.runId === runId ? currentRun.exchanges : loaded.get(runId);
    const exchange = exchanges?.get(exchangeId);
    return exchange ? describeExchange(exchange) : null;
  },

  release(runId): void {
    if (currentRun?.runId === runId) {
      currentRun.controller.abort();
      currentRun = null;
    }
    loaded.delete(runId);
  },
};

Comlink.expose(api);
