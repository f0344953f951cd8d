/**
 * The one place the UI talks to the worker. A worker is created on first use (the start
 * page does not pay for it) and kept for the session.
 *
 * Two channels, each its own worker: `live` runs checks, `recorded` holds evidence that was
 * opened (a permalink, a saved result, an example). The evidence view shows both side by
 * side ("then" and "now"). Every call names its run (`nextRunId`), so a run that is no
 * longer on the page cannot write into, cancel or be described as the one that is.
 */
import * as Comlink from 'comlink';
import type { LensWorkerApi, RunId } from '../worker/api';

export type WorkerChannel = 'live' | 'recorded';

const apis = new Map<WorkerChannel, Comlink.Remote<LensWorkerApi>>();

export function lensWorker(channel: WorkerChannel = 'live'): Comlink.Remote<LensWorkerApi> {
  let api = apis.get(channel);
  if (api === undefined) {
    const worker = new Worker(new URL('../worker/lens.worker.ts', import.meta.url), {
      type: 'module',
      name: `servfail-lens-${channel}`,
    });
    api = Comlink.wrap<LensWorkerApi>(worker);
    apis.set(channel, api);
  }
  return api;
}

let lastRunId: RunId = 0;

/** A new run's id, unique for the page's lifetime across both channels. */
export function nextRunId(): RunId {
  lastRunId += 1;
  return lastRunId;
}

export { Comlink };
