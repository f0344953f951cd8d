/**
 * DoH's table from what the GET did (src/net/bounded-get.ts) to a `DohOutcome`: the
 * transport's error classes and the messages a domain owner reads. What a complete response
 * means (status, media type, the DNS message itself) is decided in classify.ts.
 *
 * A browser cannot tell a CORS refusal from a network failure (fetch gives the same
 * TypeError), so the `unreachable` message says so instead of guessing; a refusal by Local
 * Network Access is the one failure the page can name (local-network.ts).
 */

import type { DnsMessage } from '../dns/message';
import type { TransportError, TransportErrorClass } from '../evidence/evidence';
import type { BoundedGet, ResponseHead } from '../net/bounded-get';
import { classifyResponse } from './classify';
import { classifyNetworkFailure, type LocalNetworkContext } from './local-network';
import type { DohOutcome, DohRequest } from './outcome';

/** What the table needs to know of the exchange beyond the GET's own outcome. */
export interface DohExchange {
  readonly request: DohRequest;
  /** The resolver's host, as messages name it. */
  readonly host: string;
  readonly timeoutMs: number;
  /** When the request left, ms since the epoch. */
  readonly startedAt: number;
  /** Milliseconds since the request left, read when the outcome is made. */
  readonly elapsed: () => number;
  readonly localNetwork?: LocalNetworkContext;
  /** The most a DNS message can be (RFC 8484 §6), as the too-large message states it. */
  readonly maxOctets: number;
}

/** RFC 8484 §6: the media type of a DNS message over HTTP. */
export const DOH_MEDIA_TYPE = 'application/dns-message';

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/** `65535` → `65,535 octets`, written the same way in every locale. */
function octets(n: number): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} octets`;
}

/**
 * A failed outcome, with what HTTP said when a response arrived (design.md: raw facts), and
 * the body and message when the response was kept.
 */
export function failedExchange(
  exchange: DohExchange,
  error: TransportError,
  head?: ResponseHead,
  kept: { readonly body?: Uint8Array; readonly message?: DnsMessage } = {},
): DohOutcome {
  return {
    ok: false,
    request: exchange.request,
    startedAt: exchange.startedAt,
    durationMs: exchange.elapsed(),
    ...(head === undefined ? {} : { httpStatus: head.status }),
    ...(head?.contentType === undefined ? {} : { contentType: head.contentType }),
    ...kept,
    error,
  };
}

/** A response that arrived whole (its body read when it was labelled a DNS message). */
function answered(exchange: DohExchange, head: ResponseHead, body?: Uint8Array): DohOutcome {
  const { host, request } = exchange;
  const { contentType } = head;
  const mediaType = contentType === undefined ? undefined : head.mediaType;
  const classified = classifyResponse(
    { host, status: head.status, statusText: head.statusText, mediaType, contentType, body },
    request,
  );
  if (!classified.ok) {
    const { error, ...kept } = classified;
    return failedExchange(exchange, error, head, kept);
  }
  return {
    ok: true,
    request,
    startedAt: exchange.startedAt,
    durationMs: exchange.elapsed(),
    httpStatus: head.status,
    contentType: contentType ?? DOH_MEDIA_TYPE,
    body: classified.body,
    message: classified.message,
  };
}

/** fetch rejected: no response. Local Network Access refused is said as such, not guessed. */
function unreachable(exchange: DohExchange): TransportError {
  const { host, localNetwork: local } = exchange;
  const refused =
    local && classifyNetworkFailure(exchange.request.url, local.pageOrigin, local.permission);
  return (
    refused || {
      class: 'unreachable',
      message: `could not reach ${host} from this browser (blocked, offline or no CORS — a browser cannot tell which)`,
    }
  );
}

function tooLarge(exchange: DohExchange, read: BoundedGet & { kind: 'too-large' }): string {
  const { host, maxOctets } = exchange;
  return read.declared !== undefined
    ? `${host} announced a body of ${octets(read.declared)} (Content-Length); a DNS message is at most ${octets(maxOctets)}, so it was not read`
    : `the body from ${host} is longer than any DNS message (at most ${octets(maxOctets)}): reading stopped after ${octets(read.octetsRead)}`;
}

/** The stop that ends an exchange early: the time limit or the person's cancel. */
export function stoppedExchange(
  exchange: DohExchange,
  why: 'timeout' | 'aborted',
  head?: ResponseHead,
): DohOutcome {
  const error: TransportError =
    why === 'timeout'
      ? {
          class: 'timeout',
          message: `no answer from ${exchange.host} within ${seconds(exchange.timeoutMs)} s`,
        }
      : { class: 'aborted', message: 'cancelled before the answer arrived' };
  return failedExchange(exchange, error, head);
}

/**
 * DoH's classification table for a GET's raw outcome.
 *
 * @example dohOutcomeOf({ kind: 'timeout' }, exchange).error
 * // { class: 'timeout', message: 'no answer from dns.google within 4 s' }
 */
export function dohOutcomeOf(got: BoundedGet, exchange: DohExchange): DohOutcome {
  const fail = (errorClass: TransportErrorClass, message: string, head?: ResponseHead) =>
    failedExchange(exchange, { class: errorClass, message }, head);
  switch (got.kind) {
    case 'response':
      return answered(exchange, got.head, got.body);
    case 'timeout':
    case 'aborted':
      return stoppedExchange(exchange, got.kind, got.head);
    case 'network-error':
      return failedExchange(exchange, unreachable(exchange));
    case 'too-large':
      return fail('too-large', tooLarge(exchange, got), got.head);
    case 'broken-body':
      return fail(
        'unreachable',
        `the connection to ${exchange.host} broke while the answer was being read`,
        got.head,
      );
  }
}
