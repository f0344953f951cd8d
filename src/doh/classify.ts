/**
 * What a complete HTTP response to a DoH query means: an answer, or a classified failure
 * (`TransportError`) with a message in words a domain owner understands. Pure: the
 * transport reads the response, this decides what it is.
 *
 * Order matters: the HTTP status first (a non-2xx response carries no answer, RFC 8484
 * §4.2.1), then the media type, then whether the body decodes, then whether it answers the
 * question asked (answer-check.ts), and last whether it is complete (TC).
 */

import { decodeMessage, type DnsMessage } from '../dns/message';
import type { TransportError } from '../evidence/evidence';
import { checkAnswer } from './answer-check';
import { httpStatusText } from '../net/http-reason';
import type { DohRequest } from './outcome';

/** The parts of an HTTP response the classification reads. */
export interface ReceivedResponse {
  readonly host: string;
  readonly status: number;
  readonly statusText: string;
  /** The media type, lower case without parameters; undefined without a Content-Type. */
  readonly mediaType: string | undefined;
  /** The Content-Type header as received. */
  readonly contentType: string | undefined;
  /** The body, when it was labelled application/dns-message and read completely. */
  readonly body: Uint8Array | undefined;
}

export type Classified =
  | { readonly ok: true; readonly body: Uint8Array; readonly message: DnsMessage }
  | {
      readonly ok: false;
      readonly error: TransportError;
      /** Kept for the report even when the exchange failed (design.md: raw facts). */
      readonly body?: Uint8Array;
      /** The decoded body, when it decoded (a `mismatch`, a `truncated` answer…). */
      readonly message?: DnsMessage;
    };

/** HTTP 429 Too Many Requests (RFC 6585 §4). */
const TOO_MANY_REQUESTS = 429;

/**
 * Classifies a response whose body (if it is a DNS message) has been read in full.
 *
 * @example classifyResponse({ host: 'dns.google', status: 429, statusText: '', mediaType: undefined, contentType: undefined, body: undefined }, request)
 * // { ok: false, error: { class: 'rate-limited', message: 'dns.google is rate limiting this browser (HTTP 429 Too Many Requests)' } }
 */
export function classifyResponse(received: ReceivedResponse, request: DohRequest): Classified {
  const { host, status, body } = received;
  const decoded = body === undefined || body.length === 0 ? undefined : decodeMessage(body);
  const message = decoded?.ok ? decoded.message : undefined;
  const kept = { ...(body === undefined ? {} : { body }), ...(message ? { message } : {}) };
  const failed = (error: TransportError): Classified => ({ ok: false, error, ...kept });

  if (status === TOO_MANY_REQUESTS) {
    // Google answers 429 with a Retry-After header, but Retry-After is not a CORS-safelisted
    // response header (Fetch standard), so a page cannot read when to ask again unless the
    // service exposes it. And a 429 sent without CORS headers never reaches us as a
    // response at all: fetch rejects, and it reads as `unreachable`. The collector stops
    // asking a resolver that said 429 (collect.ts); nothing here retries.
    return failed({
      class: 'rate-limited',
      message: `${host} is rate limiting this browser (${httpStatusText(status)})`,
    });
  }
  if (status < 200 || status > 299) {
    return failed({
      class: 'http-status',
      message: `${httpStatusText(status, received.statusText)} from ${host}`,
    });
  }
  if (body === undefined) {
    const what =
      received.contentType === undefined
        ? 'no Content-Type'
        : received.mediaType || received.contentType;
    return failed({
      class: 'content-type',
      message: `the response from ${host} is not a DNS message (${what})`,
    });
  }
  if (body.length === 0) {
    return failed({
      class: 'malformed',
      message: `the response from ${host} is empty: HTTP ${status} with no DNS message`,
    });
  }
  if (decoded === undefined || !decoded.ok || message === undefined) {
    const why = decoded !== undefined && !decoded.ok ? decoded.error.message : 'no message';
    return failed({
      class: 'malformed',
      message: `the response from ${host} could not be decoded: ${why}`,
    });
  }
  const wrong = checkAnswer(message, request, host);
  if (wrong) return failed(wrong);
  if (message.flags.tc) {
    // RFC 8484 §10: a DoH server may pass on a message with TC set, meaning it "was not
    // able to retrieve a full answer for the query and is providing the best answer it
    // could get". RFC 2181 §9: a client "should ignore that response". So it is kept (the
    // report shows what arrived) but is never read as an answer.
    return failed({
      class: 'truncated',
      message: `the answer from ${host} is incomplete: it came with TC=1 (truncated), so records may be missing and it is not used as an answer`,
    });
  }
  return { ok: true, body, message };
}
