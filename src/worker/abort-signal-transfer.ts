/**
 * Lets an AbortSignal cross comlink, so `investigate(request, onEvent, signal)` takes the
 * caller's own signal. A signal cannot be cloned or transferred (HTML structured clone has
 * no AbortSignal), so each one crosses as a fresh MessagePort: the page keeps one end and
 * posts a single message on it when its signal aborts; the worker makes a new signal from
 * the other end.
 *
 * Why a port and not a comlink-proxied abort callback: the abort travels from the page to
 * the worker, and a port is one transferred object that carries exactly that, with nothing
 * to release. A proxied callback points the other way (the worker would have to call back
 * and ask) or would need the worker to export a per-run cancel, which means a registry of
 * runs in the worker: the very state that let an old run's cancel reach a new run. A port
 * belongs to the one call it was sent with, so its abort can reach no other run.
 *
 * Both sides register the handler (worker-bridge.ts and lens.worker.ts).
 */
import * as Comlink from 'comlink';

const abortSignalHandler: Comlink.TransferHandler<AbortSignal, MessagePort> = {
  canHandle: (value): value is AbortSignal => value instanceof AbortSignal,
  serialize(signal) {
    const { port1, port2 } = new MessageChannel();
    const abort = (): void => {
      port1.postMessage('abort');
      port1.close();
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    return [port2, [port2]];
  },
  deserialize(port) {
    const controller = new AbortController();
    port.addEventListener(
      'message',
      () => {
        controller.abort();
        port.close();
      },
      { once: true },
    );
    port.start();
    return controller.signal;
  },
};

/** Registers the handler in this thread's comlink (idempotent). */
export function transferAbortSignals(): void {
  Comlink.transferHandlers.set('abort-signal', abortSignalHandler);
}
