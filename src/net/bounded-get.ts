/**
 * The one HTTP GET of the app, shared by the DoH transport (src/doh/transport.ts) and the
 * registry lookup (src/rdap/lookup.ts): the only code that calls `fetch` (design.md).
 *
 * Bounded three ways: a time limit that covers the whole exchange, body included (a request
 * that ignores its abort still ends on time, settled-get.ts); a body size limit, read as a
 * stream and cancelled at the first octet past it (read-capped.ts); and the caller's
 * AbortSignal (the person's cancel). The request sends no cookies and no referrer.
 *
 * The result is what happened, in raw terms: a response with its bytes, a time-out, a
 * cancel, a network failure, a body too large or broken mid-way. It never throws and says
 * nothing in words: each caller keeps its own table that turns these outcomes into its own
 * error classes and messages (DoH's `TransportError`, RDAP's `RdapError`), because the same
 * 404 means "not a resolver" to one and "no such domain" to the other.
 */

import { readCapped } from './read-capped';
import { settledGet, timeLimit, type Stop, type TimeLimit } from './settled-get';

export type { Stop } from './settled-get';

/** What arrived before the body: enough for a caller to decide whether to read it. */
export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  /** The Content-Type header as received; undefined without one. */
  readonly contentType: string | undefined;
  /** Its media type, lower case without parameters; '' without a Content-Type. */
  readonly mediaType: string;
}

export interface BoundedGetRequest {
  readonly url: string;
  /** The Accept header: the only header sent, so the GET needs no CORS preflight. */
  readonly accept: string;
  /** `no-store` to hear the server now, `default` for a file the HTTP cache may keep. */
  readonly cache: RequestCache;
  /** Limit for the whole exchange, reading the body included. */
  readonly timeoutMs: number;
  /** The most the body may be, in octets. */
  readonly maxOctets: number;
  /**
   * Whether this response's body is worth reading; when not, it is cancelled unread (an
   * HTML error page is no evidence, and need not be downloaded).
   */
  readonly readBody: (head: ResponseHead) => boolean;
  /** The caller's cancel; ends the exchange as `aborted`. */
  readonly signal?: AbortSignal;
  /** Looked up at call time when absent, so a missing fetch is a `network-error`. */
  readonly fetchImpl?: typeof fetch;
}

/**
 * The raw outcome. `head` is there whenever an HTTP response arrived, also when the time
 * ran out or the caller cancelled while its body was being read.
 */
export type BoundedGet =
  /** A response; `body` only when `readBody` asked for it and it was read whole. */
  | { readonly kind: 'response'; readonly head: ResponseHead; readonly body?: Uint8Array }
  | { readonly kind: 'timeout'; readonly head?: ResponseHead }
  | { readonly kind: 'aborted'; readonly head?: ResponseHead }
  /** fetch rejected: no HTTP response (offline, refused, no CORS, blocked, bad URL). */
  | { readonly kind: 'network-error'; readonly error: unknown }
  /**
   * The body passed `maxOctets` and was cancelled: `octetsRead` counts what arrived (0
   * when Content-Length alone said so, then `declared` carries it).
   */
  | {
      readonly kind: 'too-large';
      readonly head: ResponseHead;
      readonly octetsRead: number;
      readonly declared?: number;
    }
  /** The body broke while being read (connection reset, decoding error…). */
  | { readonly kind: 'broken-body'; readonly head: ResponseHead; readonly error: unknown };

/** `application/dns-message; charset=utf-8` → `application/dns-message` */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function headOf(response: Response): ResponseHead {
  const contentType = response.headers.get('content-type') ?? undefined;
  return {
    status: response.status,
    statusText: response.statusText,
    contentType,
    mediaType: mediaTypeOf(contentType),
  };
}

function stopped(why: Stop, head?: ResponseHead): BoundedGet {
  const kind = why === 'timeout' ? 'timeout' : 'aborted';
  return head === undefined ? { kind } : { kind, head };
}

/** Reads (or cancels) the body of a response that arrived within the limit. */
async function readResponse(
  response: Response,
  request: BoundedGetRequest,
  limit: TimeLimit,
): Promise<BoundedGet> {
  const head = headOf(response);
  if (!request.readBody(head)) {
    response.body?.cancel().catch(() => {});
    return { kind: 'response', head };
  }
  const read = await readCapped(response, request.maxOctets, limit.stop);
  if ('stop' in read) return stopped(read.stop, head);
  // A stop that came first wins over whatever the cancelled stream said after it.
  const why = limit.reason();
  if (why !== undefined) return stopped(why, head);
  if ('error' in read) return { kind: 'broken-body', head, error: read.error };
  if ('tooLarge' in read) {
    const { octetsRead, declared } = read;
    return { kind: 'too-large', head, octetsRead, ...(declared === undefined ? {} : { declared }) };
  }
  return { kind: 'response', head, body: read.body };
}

/**
 * One GET within the bounds of `request`. Never throws.
 *
 * @example
 * const got = await boundedGet({ url, accept: 'application/dns-message', cache: 'no-store',
 *   timeoutMs: 4000, maxOctets: 65_535, readBody: (head) => head.mediaType === 'application/dns-message' });
 * if (got.kind === 'response' && got.body) decodeMessage(got.body);
 */
export async function boundedGet(request: BoundedGetRequest): Promise<BoundedGet> {
  const { signal } = request;
  if (signal?.aborted) return { kind: 'aborted' };
  const fetchImpl = request.fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  // One limit cancels the request on time-out or on the caller's abort, and records which
  // came first, so a late network error after an abort is not misread.
  const limit = timeLimit(request.timeoutMs, signal);
  try {
    const sent = await Promise.race([
      settledGet(fetchImpl, request.url, {
        accept: request.accept,
        cache: request.cache,
        signal: limit.signal,
      }),
      limit.stop,
    ]);
    if ('stop' in sent) return stopped(sent.stop);
    const why = limit.reason();
    if (why !== undefined) return stopped(why);
    if ('error' in sent) {
      // An AbortError we did not cause: the fetch was cancelled by someone else.
      if (sent.error instanceof Error && sent.error.name === 'AbortError') {
        return { kind: 'aborted' };
      }
      return { kind: 'network-error', error: sent.error };
    }
    return await readResponse(sent.response, request, limit);
  } finally {
    limit.end();
  }
}
