/**
 * One RDAP document over the shared bounded GET (src/net/bounded-get.ts), and RDAP's table
 * from what the GET did to an `RdapError`: the registry lookup's error classes and the
 * messages a domain owner reads.
 *
 * Bodies are refused past 1 MiB: a domain object (RFC 9083 §5.3) is a few kilobytes and
 * IANA's bootstrap file (RFC 9224 §3) tens of them, so anything longer is not what was
 * asked for, and a server that sends without end must not fill the worker's memory.
 */

import type { RdapError, RdapErrorClass } from '../evidence/evidence';
import { classifyNetworkFailure, type LocalNetworkContext } from '../doh/local-network';
import { boundedGet, type BoundedGet, type ResponseHead } from '../net/bounded-get';
import { httpStatusText } from '../net/http-reason';
import { hostOf } from '../net/host-of';

/** The most an RDAP body may be: bootstrap file and domain object alike. */
export const MAX_RDAP_OCTETS = 1024 * 1024;

/** What a GET of one RDAP document needs from the lookup's options. */
export interface RdapGetOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
  /**
   * The page's origin and its Local Network Access permission, when the page knows them: a
   * failed fetch of a loopback registry from a public page is then named for what it is.
   */
  readonly localNetwork?: LocalNetworkContext;
}

/** The bootstrap file, or a domain object: a 404 means "no such domain" only for the latter. */
export type RdapDocument = 'bootstrap' | 'domain';

export type Fetched =
  | { readonly ok: true; readonly status: number; readonly json: unknown }
  | { readonly ok: false; readonly status?: number; readonly error: RdapError };

const JSON_TYPES = ['application/rdap+json', 'application/json'];

function fail(errorClass: RdapErrorClass, message: string, status?: number): Fetched {
  return {
    ok: false,
    ...(status === undefined ? {} : { status }),
    error: { class: errorClass, message },
  };
}

/** The message of a caller's cancel, also used while the shared bootstrap file is awaited. */
export const CANCELLED = 'cancelled before the registry answered';

/** fetch rejected: no response. Local Network Access refused is said as such, not guessed. */
function unreachable(url: string, options: RdapGetOptions): Fetched {
  const local = options.localNetwork;
  const refused = local && classifyNetworkFailure(url, local.pageOrigin, local.permission);
  if (refused) return fail(refused.class, refused.message);
  // RFC 7480 §5.6 asks for CORS on every answer, but registries often leave it off their
  // error and rate-limit (429) answers; a browser then sees no answer at all.
  return fail(
    'unreachable',
    `could not reach ${hostOf(url)} from this browser (blocked, offline or no CORS — a browser cannot tell which; a rate limit or an error answered without CORS looks the same)`,
  );
}

/** A response whose body was not read: a refusal, or not JSON. In this order. */
function unreadResponse(head: ResponseHead, host: string, kind: RdapDocument): Fetched {
  const { status } = head;
  if (status === 404 && kind === 'domain') {
    return fail('not-found', `${host} has no such domain (HTTP 404)`, 404);
  }
  // RFC 7480 §5.5: a server may limit how often a client asks, with 429.
  if (status === 429) {
    return fail(
      'rate-limited',
      `${host} said this browser asks too often (HTTP 429 Too Many Requests); try again later`,
      429,
    );
  }
  if (status < 200 || status > 299) {
    return fail('http-status', `${httpStatusText(status, head.statusText)} from ${host}`, status);
  }
  return fail(
    'content-type',
    `the response from ${host} is not JSON (${head.mediaType || 'no Content-Type'})`,
    status,
  );
}

function parsed(body: Uint8Array, status: number, host: string): Fetched {
  try {
    // RFC 8259 §8.1: JSON between systems is UTF-8 (a BOM, if sent, is dropped).
    const text = new TextDecoder().decode(body);
    return { ok: true, status, json: JSON.parse(text) as unknown };
  } catch {
    return fail('malformed', `the response from ${host} is not valid JSON`, status);
  }
}

/**
 * RDAP's classification table for a GET's raw outcome.
 *
 * @example fetchedOf({ kind: 'aborted' }, url, options, 'domain')
 * // { ok: false, error: { class: 'aborted', message: 'cancelled before the registry answered' } }
 */
export function fetchedOf(
  got: BoundedGet,
  url: string,
  options: RdapGetOptions,
  kind: RdapDocument,
): Fetched {
  const host = hostOf(url);
  switch (got.kind) {
    case 'response':
      return got.body === undefined
        ? unreadResponse(got.head, host, kind)
        : parsed(got.body, got.head.status, host);
    case 'timeout':
      return fail('timeout', `no answer from ${host} within ${options.timeoutMs / 1000} s`);
    case 'aborted':
      return fail('aborted', CANCELLED);
    case 'network-error':
      return unreachable(url, options);
    case 'too-large':
      return fail(
        'too-large',
        got.declared === undefined
          ? `the answer from ${host} passed 1 MiB and was cut off; no RDAP answer is that long`
          : `the answer from ${host} announced ${got.declared} octets, more than the 1 MiB any RDAP answer needs; it was not read`,
        got.head.status,
      );
    case 'broken-body':
      return fail('unreachable', `the connection to ${host} broke while the answer was being read`);
  }
}

/**
 * GET one RDAP document (JSON) within the time limit and 1 MiB; classifies every failure.
 * Only a 2xx JSON answer's body is read; any other is cancelled unread.
 */
export async function getJson(
  url: string,
  options: RdapGetOptions,
  kind: RdapDocument,
): Promise<Fetched> {
  const got = await boundedGet({
    url,
    accept: 'application/rdap+json, application/json',
    // The bootstrap file may come from the HTTP cache; the domain is asked afresh.
    cache: kind === 'bootstrap' ? 'default' : 'no-store',
    timeoutMs: options.timeoutMs,
    maxOctets: MAX_RDAP_OCTETS,
    readBody: (head) =>
      head.status >= 200 && head.status <= 299 && JSON_TYPES.includes(head.mediaType),
    signal: options.signal,
    fetchImpl: options.fetchImpl,
  });
  return fetchedOf(got, url, options, kind);
}
