/**
 * The cached records a fix replaces, read from the evidence with the TTL a resolver may keep
 * them for: the fix ETA's raw material (fix-eta.ts). Every record is one a resolver handed
 * over in an exchange of the evidence, decoded once by `answerOf` (through the facts).
 *
 * A resolver's answer carries only the TTL it has left (RFC 1035 §6.2: cached TTLs count
 * down), so the full TTL is read from the covering signature: RFC 4034 §3.1.4, "The
 * Original TTL field specifies the TTL of the covered RRset as it appears in the
 * authoritative zone", and RFC 4035 §5.3.3 forbids a validator to keep the RRset longer.
 * An unsigned RRset shows only what was left, a lower bound, and says so (`remaining`).
 */

import type { DnsMessage, DnsRecord } from '../dns/message';
import { fqdn, sameName } from '../dns/name';
import type { Exchange } from '../evidence/evidence';
import { answerRecords, recordText, type Facts } from './facts';

/** What a fix replaces in the resolvers' caches. */
export type EtaBasisKind =
  | 'ds' // the DS RRset at the parent: a DS change
  | 'dnskey' // the zone's DNSKEY RRset: a key change
  | 'rrset' // an RRset whose signature fails: re-signing
  | 'denial' // a negative answer: RFC 2308 §5
  | 'delegation' // an NS RRset: a change of nameservers
  | 'failure-cache'; // the failure itself: RFC 9520 §3.2

/**
 * `rrsig-original-ttl`: the covering RRSIG's Original TTL (RFC 4034 §3.1.4); `negative-ttl`:
 * min(SOA TTL, SOA MINIMUM) (RFC 2308 §5); `remaining`: only the TTL left in a resolver's
 * cache was seen, a lower bound; `rfc9520-bound`: RFC 9520 §3.2's five minutes.
 */
export type TtlSource = 'rrsig-original-ttl' | 'negative-ttl' | 'remaining' | 'rfc9520-bound';

/** One thing the ETA rests on, with the evidence behind it. */
export interface EtaBasis {
  readonly kind: EtaBasisKind;
  /** Owner of the RRset (for a denial, the name denied), lower-case FQDN. */
  readonly owner: string;
  /** Its type (for a denial, the type asked; for failure caching, the question's). */
  readonly type: string;
  /** Ids of the exchanges that show it (failure caching: the failing answers). */
  readonly exchanges: readonly string[];
  /** The records as the resolver handed them over (a denial: its SOA), presentation text. */
  readonly records: readonly string[];
  /** Seconds a resolver may keep it, the full TTL. */
  readonly ttl: number;
  readonly ttlFrom: TtlSource;
}

/** A TTL that matters to some fix but that the evidence cannot show. */
export interface UnseenTtl {
  readonly kind: EtaBasisKind;
  readonly owner: string;
  readonly type: string;
  /** The zone that publishes it (for a delegation: the parent). */
  readonly zone: string;
}

/** The signatures over `owner type` in the same section, as RRSIG data. */
function coveringSignatures(section: readonly DnsRecord[], owner: string, type: string) {
  return section.flatMap((rr) =>
    rr.data.kind === 'RRSIG' && rr.data.typeCovered === type && sameName(rr.name, owner)
      ? [rr.data]
      : [],
  );
}

/** The exchanges to search, the preferred ones (by id) first, each once. */
function searchOrder(facts: Facts, prefer: readonly (string | undefined)[]): Exchange[] {
  const all = facts.evidence.exchanges;
  const first = prefer.flatMap((id) => all.filter((x) => id !== undefined && x.id === id));
  return [...first, ...all.filter((x) => !first.includes(x))];
}

/**
 * The full TTL of the RRset `owner type` in a response's answer section: its signature's
 * Original TTL, or (unsigned) the TTL the resolver had left, a lower bound. Undefined when
 * the answer holds no such RRset.
 */
export function rrsetTtl(
  message: DnsMessage,
  owner: string,
  type: string,
): { readonly ttl: number; readonly ttlFrom: TtlSource } | undefined {
  const records = answerRecords(message, owner, type);
  if (records.length === 0) return undefined;
  const signatures = coveringSignatures(message.answer, owner, type);
  return signatures.length > 0
    ? { ttl: Math.max(...signatures.map((s) => s.originalTtl)), ttlFrom: 'rrsig-original-ttl' }
    : { ttl: Math.max(...records.map((rr) => rr.ttl)), ttlFrom: 'remaining' };
}

/**
 * The RRset `owner type` as some resolver handed it over (the preferred exchanges first,
 * then the evidence in order), with its full TTL.
 */
export function rrsetBasis(
  kind: EtaBasisKind,
  facts: Facts,
  owner: string,
  type: string,
  prefer: readonly (string | undefined)[],
): EtaBasis | undefined {
  for (const exchange of searchOrder(facts, prefer)) {
    const message = facts.message(exchange);
    if (message?.rcodeName !== 'NOERROR') continue;
    const ttl = rrsetTtl(message, owner, type);
    if (ttl === undefined) continue;
    return {
      kind,
      owner: fqdn(owner),
      type,
      exchanges: [exchange.id],
      records: answerRecords(message, owner, type).map(recordText),
      ...ttl,
    };
  }
  return undefined;
}

/** The SOA of a negative answer (NXDOMAIN, or NOERROR without the type asked). */
export function negativeSoa(message: DnsMessage, type: string): DnsRecord | undefined {
  const negative =
    message.rcodeName === 'NXDOMAIN' ||
    (message.rcodeName === 'NOERROR' && !message.answer.some((rr) => rr.type === type));
  return negative ? message.authority.find((rr) => rr.data.kind === 'SOA') : undefined;
}

/**
 * RFC 2308 §5: "the TTL of this record is set from the minimum of the MINIMUM field of the
 * SOA record and the TTL of the SOA itself" (RFC 9077 §3 holds NSEC and NSEC3 to the same).
 * The SOA's own full TTL comes from its signature; unsigned, MINIMUM alone bounds it, since
 * the authority never hands out more (§3).
 */
function negativeTtl(message: DnsMessage, soa: DnsRecord): number {
  const minimum = soa.data.kind === 'SOA' ? soa.data.minimum : soa.ttl;
  const signatures = coveringSignatures(message.authority, soa.name, 'SOA');
  return signatures.length > 0
    ? Math.min(minimum, ...signatures.map((s) => s.originalTtl))
    : minimum;
}

/** The first negative answer to `owner type` among `exchanges`, with its negative TTL. */
export function denialBasis(
  facts: Facts,
  exchanges: readonly Exchange[],
  owner: string,
  type: string,
): EtaBasis | undefined {
  for (const exchange of exchanges) {
    const message = facts.message(exchange);
    const soa = message ? negativeSoa(message, type) : undefined;
    if (!message || !soa) continue;
    return {
      kind: 'denial',
      owner: fqdn(owner),
      type,
      exchanges: [exchange.id],
      records: [recordText(soa)],
      ttl: negativeTtl(message, soa),
      ttlFrom: 'negative-ttl',
    };
  }
  return undefined;
}

/** What one resolver handed over of a basis's records: the TTL it had left. */
export interface Reported {
  /** It was asked the question the basis was read from. */
  readonly asked: boolean;
  readonly remaining: number | null;
  readonly exchange: string | null;
  readonly record: string | null;
}

/** The remaining TTL `resolver` reported for the basis's records, asked the same question. */
export function reportedBy(facts: Facts, resolver: string, basis: EtaBasis): Reported {
  const source = facts.evidence.exchanges.find((x) => x.id === basis.exchanges[0]);
  const asked = source
    ? facts.evidence.exchanges.filter(
        (x) =>
          x.resolver === resolver &&
          sameName(x.question.name, source.question.name) &&
          x.question.type.toUpperCase() === source.question.type.toUpperCase(),
      )
    : [];
  for (const exchange of asked) {
    const message = facts.message(exchange);
    if (!message) continue;
    const soa = basis.kind === 'denial' ? negativeSoa(message, basis.type) : undefined;
    const held: readonly DnsRecord[] =
      basis.kind === 'denial'
        ? soa
          ? [soa]
          : []
        : answerRecords(message, basis.owner, basis.type);
    const first = held[0];
    if (first === undefined) continue;
    return {
      asked: true,
      remaining: Math.min(...held.map((rr) => rr.ttl)),
      exchange: exchange.id,
      record: recordText(first),
    };
  }
  return { asked: asked.length > 0, remaining: null, exchange: null, record: null };
}
