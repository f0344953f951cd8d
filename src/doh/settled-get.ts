/**
 * The one way the app sends an HTTP request (DoH and RDAP alike): a GET without cookies or
 * referrer, following redirects, whose outcome is a value, never a rejection, so callers
 * can race it against their own time limit and cancel.
 */

export type SettledGet = { readonly response: Response } | { readonly error: unknown };

export function settledGet(
  fetchImpl: typeof fetch,
  url: string,
  init: { readonly accept: string; readonly cache: RequestCache; readonly signal: AbortSignal },
): Promise<SettledGet> {
  // Called inside a then(), so a fetchImpl that throws synchronously is an error value too.
  return Promise.resolve()
    .then(() =>
      fetchImpl(url, {
        method: 'GET',
        headers: { accept: init.accept },
        cache: init.cache,
        credentials: 'omit',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
        signal: init.signal,
      }),
    )
    .then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    );
}
