/**
 * The worker's API (api.ts), made from what it needs to collect a live check, so a test
 * can drive it with a scripted transport in Node (lens.worker.ts wires the real one).
 *
 * No module-level state. The one thing kept between calls is `held`, evidence by id: a
 * cell's full response (`describe`) is decoded here from the exchange's raw wire data,
 * which the page never receives during a live run (it gets summaries), so the worker must
 * keep each run's exchanges as they arrive. Each run writes only into its own map, created
 * by that call under a new random id; `release` takes it out of `held`, after which a late
 * exchange of that run lands in a map nobody can reach.
 */
import type { Evidence, Exchange } from '../evidence/evidence';
import type { LiveSentQuery } from '../investigate/run';
import type { ExchangeSummary } from '../report/exchange-summary';
import { summariseExchange } from '../report/summarise';
import type {
  EvidenceId,
  InvestigateRequest,
  InvestigationResult,
  LensWorkerApi,
  RunEvent,
} from './api';

/** What a live collection reports as it goes, and what stops it. */
export interface CollectHooks {
  readonly signal: AbortSignal;
  readonly onSent: (query: LiveSentQuery) => void;
  readonly onExchange: (exchange: Exchange) => void;
}

/** Collects one live check's Evidence (runLiveInvestigation over DoH in the app). */
export type CollectLive = (request: InvestigateRequest, hooks: CollectHooks) => Promise<Evidence>;

/**
 * Evidence held at most at once. A page releases its own (at most two are on a page: then
 * and now); the bound keeps a caller that never releases (the benchmark) from growing it.
 */
export const EVIDENCE_KEPT = 8;

// Validation, diagnosis and the full response view come in their own chunk
// (worker-analysis.ts). The module loader keeps it once loaded; a failed fetch (offline at
// start-up) rejects this call only, and the next one tries again.
const analysis = (): Promise<typeof import('./worker-analysis')> => import('./worker-analysis');

/**
 * Fetches and compiles the analysis chunk in the background once a live check's first wave
 * has left (the task that sent it is over): the queries never wait for the chunk, and the
 * answers, a round trip away, find it ready.
 */
function prepareAnalysis(): void {
  setTimeout(() => void analysis().catch(() => undefined), 0);
}

/** 128 random bits, hex: unguessable and never reused, in any context (no secure origin needed). */
function newEvidenceId(): EvidenceId {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Everything derived from Evidence, the same way for a live check and for recorded
 * evidence (a permalink, a saved result, an example), so both render the same page.
 */
async function derive(
  evidenceId: EvidenceId,
  evidence: Evidence,
  summarised: ReadonlyMap<string, ExchangeSummary> = new Map(),
): Promise<InvestigationResult> {
  const { validation, diagnosis, fixEta } = await (await analysis()).analyseEvidence(evidence);
  const waves = new Set(evidence.exchanges.map((x) => x.wave)).size;
  return {
    evidenceId,
    evidence,
    // A live check summarised each exchange as it arrived; only recorded evidence is new.
    summaries: evidence.exchanges.map((x) => summarised.get(x.id) ?? summariseExchange(x)),
    waves,
    validation,
    diagnosis,
    fixEta,
  };
}

/**
 * Answers are summarised for the page in the task after they arrive, several together: the
 * collector first plans and sends the next wave, whose questions wait on those answers, and
 * the grid's cells follow a few milliseconds later. `flush` summarises what is left at once.
 */
function summaryQueue(
  tell: (event: RunEvent) => void,
  summarised: Map<string, ExchangeSummary>,
): { readonly add: (exchange: Exchange) => void; readonly flush: () => void } {
  let waiting: Exchange[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    for (const exchange of batch) {
      const summary = summariseExchange(exchange);
      summarised.set(exchange.id, summary);
      tell({ kind: 'exchange', summary });
    }
  };
  const add = (exchange: Exchange): void => {
    waiting.push(exchange);
    timer ??= setTimeout(flush, 0);
  };
  return { add, flush };
}

export function createLensApi(collectLive: CollectLive): LensWorkerApi {
  const held = new Map<EvidenceId, Map<string, Exchange>>();
  const hold = (exchanges: Map<string, Exchange>): EvidenceId => {
    const id = newEvidenceId();
    held.set(id, exchanges);
    for (const oldest of held.keys()) {
      if (held.size <= EVIDENCE_KEPT) break;
      held.delete(oldest);
    }
    return id;
  };

  return {
    async investigate(request, onEvent, signal) {
      const exchanges = new Map<string, Exchange>();
      const evidenceId = hold(exchanges);
      // Events travel on the callback's own port and the result on the worker's, and two
      // ports keep no order between them: the result waits until the page has taken the
      // last event (each port delivers in order), so no exchange arrives after the result.
      let told: void | Promise<void> = undefined;
      const tell = (event: RunEvent): void => {
        told = onEvent(event);
      };
      tell({ kind: 'started', evidenceId });
      const summarised = new Map<string, ExchangeSummary>();
      const summaries = summaryQueue(tell, summarised);
      let sentAny = false;
      let evidence: Evidence;
      try {
        evidence = await collectLive(request, {
          signal,
          onSent: (query) => {
            if (!sentAny) prepareAnalysis();
            sentAny = true;
            tell({ kind: 'sent', query });
          },
          onExchange: (exchange) => {
            exchanges.set(exchange.id, exchange);
            summaries.add(exchange);
          },
        });
      } finally {
        summaries.flush();
      }
      // Released while it ran (its page is gone): nobody waits for a verdict.
      if (held.get(evidenceId) !== exchanges) throw new Error('This check was closed.');
      const result = await derive(evidenceId, evidence, summarised);
      // A page that failed to take an event does not fail the run.
      await Promise.resolve(told).catch(() => undefined);
      return result;
    },

    async load(evidence) {
      const evidenceId = hold(new Map(evidence.exchanges.map((x) => [x.id, x])));
      return derive(evidenceId, evidence);
    },

    async describe(evidenceId, exchangeId) {
      const exchange = held.get(evidenceId)?.get(exchangeId);
      return exchange ? (await analysis()).describeExchange(exchange) : null;
    },

    release(evidenceId) {
      held.delete(evidenceId);
    },

    async compare(before, after) {
      return (await analysis()).compareEvidence(before, after);
    },

    async checkDs(request, signal) {
      return (await analysis()).runDsCheck(request, signal);
    },
  };
}
