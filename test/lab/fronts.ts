/**
 * DoH fronts that behave the way public DoH services do and a friendly lab does not
 * (README, "Real-world behaviours imitated"). The DoH gateway serves them in front of the
 * validating Unbound; the resolver's answers are real, only the HTTP side misbehaves.
 *
 * - Delaying fronts: a SERVFAIL that takes seconds, as real resolvers give up on dead or
 *   lame servers after 1–5 s and more. Every other answer passes at once.
 * - Broken fronts: one listener, one path per failure a page meets at public services
 *   (no CORS, rate limits, truncation, bodies that are not a DNS answer, hangs, resets).
 */
import { RESOLVER_HOST } from './topology';

export interface DelayingFront {
  readonly id: string;
  readonly label: string;
  readonly dohPort: number;
  /** The resolver whose answers it passes on (an id in topology.ts RESOLVERS). */
  readonly upstream: string;
  /** A SERVFAIL leaves this long after the request arrived; other answers leave at once. */
  readonly servfailDelayMs: number;
  readonly imitates: string;
}

export const DELAYING_FRONTS: readonly DelayingFront[] = [
  {
    id: 'slow',
    label: 'Unbound behind a slow front (SERVFAIL after 6 s)',
    dohPort: 8537,
    upstream: 'unbound',
    // Slower than the app's old 4 s per-query limit, within its 10 s target.
    servfailDelayMs: 6000,
    imitates: 'slow failure: a SERVFAIL after seconds, as resolvers give up on dead servers',
  },
  {
    id: 'stuck',
    label: 'Unbound behind a stuck front (SERVFAIL after 30 s)',
    dohPort: 8538,
    upstream: 'unbound',
    // Beyond any limit the app allows; the request still ends, with the SERVFAIL.
    servfailDelayMs: 30_000,
    imitates: 'a failure slower than any client waits: the SERVFAIL comes after 30 s',
  },
];

/** The path segment that selects a broken front's behaviour: `/<id>/dns-query`. */
export type BrokenBehaviour =
  | 'nocors'
  | '429'
  | '429cors'
  | 'tc'
  | 'huge'
  | 'garbage'
  | '500'
  | 'html'
  | 'wrong'
  | 'hang'
  | 'reset';

export interface BrokenFront {
  readonly id: BrokenBehaviour;
  /** Whether its responses carry the CORS headers a page needs to read them. */
  readonly cors: boolean;
  readonly behaviour: string;
}

export const BROKEN_FRONTS_PORT = 8539;
/** The resolver behind the broken fronts. */
export const BROKEN_FRONTS_UPSTREAM = 'unbound';
/** `Retry-After` on the 429 answers (RFC 9110 §10.2.3, delay-seconds). */
export const RETRY_AFTER_SECONDS = 30;
/** What `/huge/` appends to the real answer: 5 MiB, far past a DNS message's 65,535 octets. */
export const HUGE_PADDING_OCTETS = 5 * 1024 * 1024;
/** Size of `/garbage/`'s random body. */
export const GARBAGE_OCTETS = 256;
/** `/hang/` holds the connection this long, then closes it without a response. */
export const HANG_CLOSE_MS = 60_000;

export const BROKEN_FRONTS: readonly BrokenFront[] = [
  {
    id: 'nocors',
    cors: false,
    behaviour: 'the correct answer without any Access-Control-* header (Quad9, NextDNS)',
  },
  {
    id: '429',
    cors: false,
    behaviour: `HTTP 429 with Retry-After: ${RETRY_AFTER_SECONDS} and no CORS headers (a rate limit)`,
  },
  {
    id: '429cors',
    cors: true,
    behaviour: `HTTP 429 with Retry-After: ${RETRY_AFTER_SECONDS} and CORS headers (Retry-After is not exposed)`,
  },
  {
    id: 'tc',
    cors: true,
    behaviour:
      'the real answer with TC=1 and no records but the OPT record, as a truncated UDP answer',
  },
  {
    id: 'huge',
    cors: true,
    behaviour: '200 application/dns-message: the real answer followed by 5 MiB of zero octets',
  },
  {
    id: 'garbage',
    cors: true,
    behaviour: `200 application/dns-message: ${GARBAGE_OCTETS} random octets whose ID is not the query's`,
  },
  { id: '500', cors: true, behaviour: 'HTTP 500 with CORS headers' },
  {
    id: 'html',
    cors: true,
    behaviour: '200 text/html with CORS headers: a sign-in page, as a captive portal sends',
  },
  {
    id: 'wrong',
    cors: true,
    behaviour: 'a real answer, same ID, to another question (www.alg8.lab., or www.alg13.lab.)',
  },
  {
    id: 'hang',
    cors: true,
    behaviour: `accepts the request and never answers; closes the connection after ${HANG_CLOSE_MS / 1000} s`,
  },
  { id: 'reset', cors: true, behaviour: 'resets the TCP connection (RST) on the request' },
];

export function brokenFrontUrl(id: BrokenBehaviour): string {
  return `http://${RESOLVER_HOST}:${BROKEN_FRONTS_PORT}/${id}/dns-query`;
}

export function isBrokenBehaviour(value: string): value is BrokenBehaviour {
  return BROKEN_FRONTS.some((front) => front.id === value);
}
