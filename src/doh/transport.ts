/**
 * The DoH transport: with the registry lookup (src/rdap/lookup.ts), the only code in the app
 * that touches the network (design.md).
 *
 * RFC 8484 §4.1 GET: the query goes base64url-encoded without padding in the `dns`
 * parameter, with `Accept: application/dns-message`. A GET with only a safelisted header
 * needs no CORS preflight, which halves the round trips and works with resolvers that
 * answer OPTIONS badly (facts.md). `cache: 'no-store'` keeps the browser's HTTP cache out,
 * so what is recorded is what the resolver said now.
 *
 * The body is read as a stream and cut at 65,535 octets, the most a DNS message can be
 * (RFC 8484 §6; read-capped.ts), so a server cannot make us buffer megabytes; the time limit
 * covers reading it. What a complete response means is decided in classify.ts.
 *
 * `queryDoh` never throws. Every failure is classified (`TransportError` in the Evidence)
 * with a message that says what happened in words a domain owner understands. A browser
 * cannot tell a CORS refusal from a network failure (fetch gives the same TypeError), so
 * the `unreachable` message says so instead of guessing.
 */

import { toBase64Url } from '../dns/base64url';
import type { DnsMessage } from '../dns/message';
import { fullyQualified } from '../dns/name';
import { buildQuery } from '../dns/query';
import type { TransportError, TransportErrorClass } from '../evidence/evidence';
import { classifyResponse } from './classify';
import { readCapped } from './read-capped';
import { classifyNetworkFailure, type LocalNetworkContext } from './local-network';
import { settledGet, timeLimit, type Stop } from './settled-get';
import type { DohOutcome, DohRequest } from './outcome';

export { toExchange, type ExchangeContext } from './exchange';
export type { DohOutcome, DohRequest } from './outcome';

export const DOH_MEDIA_TYPE = 'application/dns-message';
export const DEFAULT_TIMEOUT_MS = 4000;
/**
 * RFC 8484 §6: the media type "restricts the maximum size of the DNS message to 65535
 * bytes" (the two-octet length of RFC 1035 §4.2.2). A longer body is not a DNS message.
 */
export const MAX_DNS_MESSAGE_OCTETS = 65_535;

export interface DohQueryOptions {
  /** The resolver's DoH URL (validated with `validateResolverUrl`). */
  readonly url: string;
  /** Fully qualified A-label name. */
  readonly name: string;
  /** Type mnemonic, e.g. `A`, `DNSKEY`. */
  readonly type: string;
  readonly cd: boolean;
  /** DNSSEC OK; default true. */
  readonly do?: boolean;
  /** Limit for the whole exchange, including reading the body. Default 4000 ms. */
  readonly timeoutMs?: number;
  /** The person's cancel button; ends the exchange as `aborted`. */
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
  /** The page's origin and Local Network Access permission, when a target may need it. */
  readonly localNetwork?: LocalNetworkContext;
  /** Wall clock for `startedAt` (tests pass a fixed one). */
  readonly now?: () => number;
}

/** The `dns` parameter added to the resolver URL (RFC 8484 §4.1.1 example form). */
export function dohGetUrl(resolverUrl: string, query: Uint8Array): string {
  const url = new URL(resolverUrl);
  url.hash = '';
  url.searchParams.set('dns', toBase64Url(query));
  return url.href;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** `application/dns-message; charset=utf-8` → `application/dns-message` */
function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/** `65535` → `65,535 octets`, written the same way in every locale. */
function octets(n: number): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} octets`;
}

/**
 * Sends one DoH query and classifies what came back. Never throws.
 *
 * @example
 * const outcome = await queryDoh({ url: 'https://dns.google/dns-query', name: 'example.com.', type: 'A', cd: false });
 * if (outcome.ok) console.log(outcome.message.rcodeName);
 * else console.log(outcome.error.class, outcome.error.message);
 */
export async function queryDoh(options: DohQueryOptions): Promise<DohOutcome> {
  const {
    url,
    cd,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    signal,
    // Looked up at call time, inside the try below, so a missing fetch is `unreachable`.
    fetchImpl = (input, init) => globalThis.fetch(input, init),
    now = Date.now,
  } = options;
  const request: DohRequest = {
    url,
    name: fullyQualified(options.name).toLowerCase(),
    type: options.type.toUpperCase(),
    cd,
    do: options.do ?? true,
  };
  const host = hostOf(url);
  const startedAt = now();
  const t0 = performance.now();
  const elapsed = (): number => performance.now() - t0;

  let httpStatus: number | undefined;
  let contentType: string | undefined;
  const failed = (
    errorClass: TransportErrorClass,
    message: string,
    extra: { readonly body?: Uint8Array; readonly message?: DnsMessage } = {},
  ): DohOutcome => {
    const error: TransportError = { class: errorClass, message };
    return {
      ok: false,
      request,
      startedAt,
      durationMs: elapsed(),
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...(contentType === undefined ? {} : { contentType }),
      ...extra,
      error,
    };
  };
  const stopped = (why: Stop): DohOutcome =>
    why === 'timeout'
      ? failed('timeout', `no answer from ${host} within ${seconds(timeoutMs)} s`)
      : failed('aborted', 'cancelled before the answer arrived');

  if (signal?.aborted) return stopped('aborted');

  let requestUrl: string;
  try {
    const query = buildQuery({ name: request.name, type: request.type, cd, do: request.do });
    requestUrl = dohGetUrl(url, query);
  } catch (e) {
    // A programmer error (the planner asked for an impossible name or type), still not a throw.
    return failed(
      'malformed',
      `the query could not be built: ${e instanceof Error ? e.message : String(e)}`,
    );
  }

  // One limit cancels the request on timeout or on the person's abort, and records which
  // came first, so a late network error after an abort is not misread.
  const limit = timeLimit(timeoutMs, signal);
  const stop = limit.stop;

  try {
    const sent = await Promise.race([
      settledGet(fetchImpl, requestUrl, {
        accept: DOH_MEDIA_TYPE,
        cache: 'no-store',
        signal: limit.signal,
      }),
      stop,
    ]);
    if ('stop' in sent) return stopped(sent.stop);
    {
      const why = limit.reason();
      if (why !== undefined) return stopped(why);
    }
    if ('error' in sent) {
      // An AbortError we did not cause: the fetch was cancelled by someone else.
      if (sent.error instanceof Error && sent.error.name === 'AbortError') {
        return stopped('aborted');
      }
      // A page on a public origin asking a loopback or private address: Local Network
      // Access refused is said as such, not guessed at as "unreachable".
      const local = options.localNetwork;
      const refused = local && classifyNetworkFailure(url, local.pageOrigin, local.permission);
      if (refused) return failed(refused.class, refused.message);
      return failed(
        'unreachable',
        `could not reach ${host} from this browser (blocked, offline or no CORS — a browser cannot tell which)`,
      );
    }

    const response = sent.response;
    httpStatus = response.status;
    contentType = response.headers.get('content-type') ?? undefined;
    const type = contentType === undefined ? undefined : mediaType(contentType);

    let body: Uint8Array | undefined;
    if (type === DOH_MEDIA_TYPE) {
      const read = await readCapped(response, MAX_DNS_MESSAGE_OCTETS, limit.stop);
      if ('stop' in read) return stopped(read.stop);
      {
        const why = limit.reason();
        if (why !== undefined) return stopped(why);
      }
      if ('error' in read) {
        return failed(
          'unreachable',
          `the connection to ${host} broke while the answer was being read`,
        );
      }
      if ('tooLarge' in read) {
        return failed(
          'too-large',
          read.declared !== undefined
            ? `${host} announced a body of ${octets(read.declared)} (Content-Length); a DNS message is at most ${octets(MAX_DNS_MESSAGE_OCTETS)}, so it was not read`
            : `the body from ${host} is longer than any DNS message (at most ${octets(MAX_DNS_MESSAGE_OCTETS)}): reading stopped after ${octets(read.octetsRead)}`,
        );
      }
      body = read.body;
    } else {
      // Not a DNS message: an HTML error page or similar. It is not evidence; don't download it.
      response.body?.cancel().catch(() => {});
    }

    const classified = classifyResponse(
      {
        host,
        status: response.status,
        statusText: response.statusText,
        mediaType: type,
        contentType,
        body,
      },
      request,
    );
    if (!classified.ok) {
      const { error, ...kept } = classified;
      return failed(error.class, error.message, kept);
    }
    return {
      ok: true,
      request,
      startedAt,
      durationMs: elapsed(),
      httpStatus: response.status,
      contentType: contentType ?? DOH_MEDIA_TYPE,
      body: classified.body,
      message: classified.message,
    };
  } finally {
    limit.end();
  }
}
