/**
 * The two exchanges a DS check rests on — the zone's DNSKEY RRset and the parent's DS
 * RRset, both asked with CD=1 (RFC 4035 §3.2.2: the resolver hands over what it would not
 * validate) — read into the check's input, or the reason they cannot be.
 */

import type { DnsMessage } from '../../dns/message';
import { fqdn, sameName } from '../../dns/name';
import type { ResourceRecord } from '../../dns/wire/record';
import { RRTYPE } from '../../dns/wire/types';
import type { Exchange } from '../../evidence/evidence';
import { answerOf } from '../../evidence/decoded';
import { rrsetTtl } from '../eta-records';
import { recordText } from '../facts';
import type { DsCheckMaterial } from './check';
import type { Ttl } from './meanwhile';

/** Why the zone's keys could not be read. */
export type MaterialProblem =
  /** No DNS answer: a transport failure, with the transport's own class and message. */
  | { readonly kind: 'transport'; readonly errorClass: string; readonly message: string }
  /** An answer with an RCODE other than NOERROR (SERVFAIL even with CD=1, NXDOMAIN…). */
  | { readonly kind: 'rcode'; readonly rcode: string }
  /** NOERROR, but the name is not a zone apex: the SOA (or a CNAME) says where the zone is. */
  | { readonly kind: 'not-apex'; readonly apex: string | null };

/** One exchange as the page lists it: who was asked what, and what came back, as text. */
export interface DsCheckExchangeView {
  readonly id: string;
  readonly resolver: string;
  readonly question: { readonly name: string; readonly type: string };
  readonly cd: boolean;
  /** The RCODE mnemonic, or the transport's error class when there was no DNS answer. */
  readonly status: string;
  /** The transport's message for a failure. */
  readonly error?: string;
  readonly httpStatus?: number;
  readonly durationMs: number;
  /** The answer and authority sections, one record per line as dig prints them. */
  readonly records: readonly string[];
}

export function exchangeView(exchange: Exchange): DsCheckExchangeView {
  const message = answerOf(exchange);
  return {
    id: exchange.id,
    resolver: exchange.resolver,
    question: exchange.question,
    cd: exchange.cd,
    status: exchange.error?.class ?? message?.rcodeName ?? 'malformed',
    ...(exchange.error ? { error: exchange.error.message } : {}),
    ...(exchange.httpStatus === undefined ? {} : { httpStatus: exchange.httpStatus }),
    durationMs: exchange.durationMs,
    records: message ? [...message.answer, ...message.authority].map(recordText) : [],
  };
}

const ttlFrom = (t: ReturnType<typeof rrsetTtl>): Ttl | null =>
  t === undefined ? null : { seconds: t.ttl, full: t.ttlFrom === 'rrsig-original-ttl' };

/** The answer records that belong to `zone` (the RRset and its RRSIGs). */
function recordsAt(message: DnsMessage, zone: string): ResourceRecord[] {
  return message.answer.filter((rr) => sameName(rr.name, zone)).map((rr) => rr.wire);
}

/** Where a NOERROR answer without keys says the zone is: its SOA's owner, or a CNAME. */
function apexProblem(message: DnsMessage, zone: string): MaterialProblem | null {
  if (message.answer.some((rr) => rr.type === 'CNAME' && sameName(rr.name, zone))) {
    return { kind: 'not-apex', apex: null };
  }
  const soa = message.authority.find((rr) => rr.type === 'SOA');
  return soa && !sameName(soa.name, zone) ? { kind: 'not-apex', apex: fqdn(soa.name) } : null;
}

/**
 * The check's input from the two exchanges, or why the zone's keys cannot be read. A DS
 * exchange that failed leaves the parent's set unknown; the check still runs.
 */
export function materialOf(
  zone: string,
  dnskey: Exchange,
  ds: Exchange,
): DsCheckMaterial | { readonly problem: MaterialProblem } {
  const keys = answerOf(dnskey);
  if (keys === null) {
    const error = dnskey.error;
    return {
      problem: {
        kind: 'transport',
        errorClass: error?.class ?? 'malformed',
        message: error?.message ?? 'the response is not a DNS message',
      },
    };
  }
  if (keys.rcodeName !== 'NOERROR') return { problem: { kind: 'rcode', rcode: keys.rcodeName } };
  const dnskeyRecords = recordsAt(keys, zone);
  if (!dnskeyRecords.some((rr) => rr.type === RRTYPE.DNSKEY)) {
    const notApex = apexProblem(keys, zone);
    if (notApex) return { problem: notApex };
  }
  const parent = answerOf(ds);
  return {
    dnskeyRecords,
    dnskeyTtl: ttlFrom(rrsetTtl(keys, zone, 'DNSKEY')),
    parentDs:
      parent?.rcodeName === 'NOERROR'
        ? { records: recordsAt(parent, zone), ttl: ttlFrom(rrsetTtl(parent, zone, 'DS')) }
        : null,
  };
}
