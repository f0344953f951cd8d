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
 * (RFC 8484 §6), so a server cannot make us buffer megabytes; the time limit covers reading
 * it (src/net/bounded-get.ts, the GET shared with the registry lookup). What the GET's
 * outcome means for DoH is decided in classify-get.ts, and what a complete response means
 * in classify.ts.
 *
 * `queryDoh` never throws. Every failure is classified (`TransportError` in the Evidence)
 * with a message that says what happened in words a domain owner understands. A browser
 * cannot tell a CORS refusal from a network failure (fetch gives the same TypeError), so
 * the `unreachable` message says so instead of guessing.
 */

import { toBase64Url } from '../dns/base64url';
import { fullyQualified } from '../dns/name';
import { buildQuery } from '../dns/query';
import { boundedGet } from '../net/bounded-get';
import { hostOf } from '../net/host-of';
import {
  DOH_MEDIA_TYPE,
  dohOutcomeOf,
  failedExchange,
  stoppedExchange,
  type DohExchange,
} from './classify-get';
import type { LocalNetworkContext } from './local-network';
import type { DohOutcome, DohRequest } from './outcome';

export { DOH_MEDIA_TYPE } from './classify-get';
export { toExchange, type ExchangeContext } from './exchange';
export type { DohOutcome, DohRequest } from './outcome';

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

/** The request as sent: the name fully qualified and lower case, the type upper case. */
function dohRequestOf(options: DohQueryOptions): DohRequest {
  return {
    url: options.url,
    name: fullyQualified(options.name).toLowerCase(),
    type: options.type.toUpperCase(),
    cd: options.cd,
    do: options.do ?? true,
  };
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
  const { url, signal, localNetwork } = options;
  const request = dohRequestOf(options);
  const startedAt = (options.now ?? Date.now)();
  const t0 = performance.now();
  const exchange: DohExchange = {
    request,
    host: hostOf(url),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    startedAt,
    elapsed: () => performance.now() - t0,
    maxOctets: MAX_DNS_MESSAGE_OCTETS,
    localNetwork,
  };
  if (signal?.aborted) return stoppedExchange(exchange, 'aborted');

  let requestUrl: string;
  try {
    const { name, type, cd } = request;
    requestUrl = dohGetUrl(url, buildQuery({ name, type, cd, do: request.do }));
  } catch (e) {
    // A programmer error (the planner asked for an impossible name or type), still not a throw.
    const why = e instanceof Error ? e.message : String(e);
    return failedExchange(exchange, {
      class: 'malformed',
      message: `the query could not be built: ${why}`,
    });
  }

  const got = await boundedGet({
    url: requestUrl,
    accept: DOH_MEDIA_TYPE,
    cache: 'no-store',
    timeoutMs: exchange.timeoutMs,
    maxOctets: MAX_DNS_MESSAGE_OCTETS,
    // Not a DNS message: an HTML error page or similar. It is not evidence; don't download it.
    readBody: (head) => head.mediaType === DOH_MEDIA_TYPE,
    signal,
    fetchImpl: options.fetchImpl,
  });
  return dohOutcomeOf(got, exchange);
}
