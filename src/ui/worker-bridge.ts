/**
 * The one place the UI talks to the worker. The worker is created on first use (the start
 * page does not pay for it) and kept for the session.
 */
import * as Comlink from 'comlink';
import type { LensWorkerApi } from '../worker/api';

let api: Comlink.Remote<LensWorkerApi> | null = null;

export function lensWorker(): Comlink.Remote<LensWorkerApi> {
  if (api === null) {
    const worker = new Worker(new URL('../worker/lens.worker.ts', import.meta.url), {
      type: 'module',
      name: 'servfail-lens',
    });
    api = Comlink.wrap<LensWorkerApi>(worker);
  }
  return api;
}

export { Comlink };
