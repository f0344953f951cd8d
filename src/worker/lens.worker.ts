/**
 * The Web Worker: collects evidence over DoH, decodes it for the grid, validates DNSSEC and
 * diagnoses it, all off the main thread. One worker serves live checks and recorded
 * evidence alike; the page stops it when idle (ui/worker-bridge.ts). Exposed to the UI with
 * comlink (api.ts; the calls are made in lens-api.ts).
 */
import * as Comlink from 'comlink';
import { localNetworkContext } from '../doh/local-network-permission';
import { runLiveInvestigation } from '../investigate/run';
import { transferAbortSignals } from './abort-signal-transfer';
import { WORKER_STARTED } from './api';
import { createLensApi, type CollectLive } from './lens-api';

/** A live check over DoH, with the person's signal passed down to every query. */
const collectOverDoh: CollectLive = async (request, { signal, onSent, onExchange }) => {
  // On a page served from a public origin, loopback and private resolvers need the
  // browser's Local Network Access permission: read it, so a refusal is named as such.
  const localNetwork = await localNetworkContext(self.location.origin, [
    ...request.resolvers.map((r) => r.url),
    ...(request.rdapBootstrap ? [request.rdapBootstrap] : []),
  ]);
  return runLiveInvestigation({
    ...(localNetwork ? { localNetwork } : {}),
    question: request.question,
    resolvers: request.resolvers,
    trustAnchors: request.trustAnchors,
    timeoutMs: request.timeoutMs,
    ...(request.rdapBootstrap === undefined ? {} : { rdapBootstrap: request.rdapBootstrap }),
    signal,
    onSent,
    onExchange,
  });
};

transferAbortSignals();
Comlink.expose(createLensApi(collectOverDoh));
// Comlink ignores a message without a call id; the bridge listens for this one.
self.postMessage(WORKER_STARTED);
