/**
 * The one way the app sends an HTTP request (DoH and RDAP alike): a GET without cookies or
 * referrer, following redirects, whose outcome is a value, never a rejection; and the time
 * limit it is raced against (time-out or the person's cancel), so a request that ignores
 * its abort still ends on time.
 */

export type SettledGet = { readonly response: Response } | { readonly error: unknown };

export function settledGet(
  fetchImpl: typeof fetch,
  url: string,
  init: { readonly accept: string; readonly cache: RequestCache; readonly signal: AbortSignal },
): Promise<SettledGet> {
  // Called at once, not in a then(): a wave's queries each leave the moment they are built,
  // instead of all after the last one is. A fetchImpl that throws synchronously is still an
  // error value.
  let sent: Promise<Response>;
  try {
    sent = fetchImpl(url, {
      method: 'GET',
      headers: { accept: init.accept },
      cache: init.cache,
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      signal: init.signal,
    });
  } catch (error) {
    return Promise.resolve({ error });
  }
  return sent.then(
    (response) => ({ response }),
    (error: unknown) => ({ error }),
  );
}

/** Why a request was stopped before it finished. */
export type Stop = 'timeout' | 'aborted';

export interface TimeLimit {
  /** Settles when the time runs out or the caller cancels, whichever comes first. */
  readonly stop: Promise<{ readonly stop: Stop }>;
  /** For fetch: aborted at the moment `stop` settles. */
  readonly signal: AbortSignal;
  /** Which stop came first, once one has; a late network error after it is not misread. */
  reason(): Stop | undefined;
  /** Clears the timer and the listener; call it in `finally`. */
  end(): void;
}

/** One limit per request: the time-out and the person's cancel, as one signal and one race. */
export function timeLimit(timeoutMs: number, signal: AbortSignal | undefined): TimeLimit {
  const controller = new AbortController();
  let reason: Stop | undefined;
  let wake: (why: Stop) => void = () => {};
  const stop = new Promise<{ readonly stop: Stop }>((resolve) => {
    wake = (why) => {
      if (reason !== undefined) return;
      reason = why;
      controller.abort();
      resolve({ stop: why });
    };
  });
  const timer = setTimeout(() => wake('timeout'), timeoutMs);
  const onAbort = (): void => wake('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    stop,
    signal: controller.signal,
    reason: () => reason,
    end: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
