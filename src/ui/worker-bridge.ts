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

interface Channel {
  readonly api: Comlink.Remote<LensWorkerApi>;
  /** Rejects when the worker's script cannot be loaded: its calls would never settle. */
  readonly failed: Promise<never>;
}

const channels = new Map<WorkerChannel, Channel>();

function open(channel: WorkerChannel): Channel {
  const worker = new Worker(new URL('../worker/lens.worker.ts', import.meta.url), {
    type: 'module',
    name: `servfail-lens-${channel}`,
  });
  const failed = new Promise<never>((_, reject) => {
    // A script that does not load (offline before it was cached, a blocked request) fires
    // a plain `error` event; an uncaught exception inside a running worker fires an
    // ErrorEvent, which comlink's own calls survive.
    worker.addEventListener('error', (event) => {
      if (event instanceof ErrorEvent) return;
      if (channels.get(channel)?.api === opened.api) channels.delete(channel);
      worker.terminate();
      reject(new Error('the part of the app that checks DNS could not be started'));
    });
  });
  failed.catch(() => undefined);
  const opened: Channel = { api: Comlink.wrap<LensWorkerApi>(worker), failed };
  return opened;
}

function channelOf(channel: WorkerChannel): Channel {
  let found = channels.get(channel);
  if (found === undefined) {
    found = open(channel);
    channels.set(channel, found);
  }
  return found;
}

export function lensWorker(channel: WorkerChannel = 'live'): Comlink.Remote<LensWorkerApi> {
  return channelOf(channel).api;
}

/**
 * A call to the worker that settles even when the worker never starts: it rejects with
 * a sentence then, instead of leaving the page waiting for ever.
 *
 * @example const result = await settled('recorded', (api) => api.load(evidence, runId));
 */
export function settled<T>(
  channel: WorkerChannel,
  call: (api: Comlink.Remote<LensWorkerApi>) => Promise<T>,
): Promise<T> {
  const { api, failed } = channelOf(channel);
  return Promise.race([call(api), failed]);
}

let lastRunId: RunId = 0;

/** A new run's id, unique for the page's lifetime across both channels. */
export function nextRunId(): RunId {
  lastRunId += 1;
  return lastRunId;
}

export { Comlink };
