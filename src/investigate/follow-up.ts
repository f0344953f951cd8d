/**
 * The dependent waves: what only an earlier answer can reveal (design.md, "Queries go in
 * waves"). Pure: it reads the exchanges collected so far and returns the next queries.
 *
 * - CNAME/DNAME targets: the resolvers already return the whole chain with the answer, but
 *   the chain of trust of every target's zone still has to be fetched (DS and DNSKEY of its
 *   ancestors), so the validator can name the zone where the chain breaks.
 * - Chain material again, from another resolver, when the first one could not deliver it.
 * - Addresses (A and AAAA, CD=0) of the nameservers of the name's zone, for the
 *   lame-delegation analysis and the "one nameserver / one network" warnings.
 * - CDS, CDNSKEY and NSEC3PARAM of every signed zone below the root (its DNSKEY answer
 *   showed the apex): what the zone asks its parent to publish (RFC 7344, RFC 8078) and its
 *   NSEC3 parameters (RFC 9276), for the early warnings. They ride with the addresses, so a
 *   verdict still needs two rounds.
 *
 * The collector deduplicates against everything already asked and caps the total.
 */
import { ancestorsAndSelf, fqdn, sameName } from '../dns/name';
import type { DnsMessage } from '../dns/message';
import type { EvidenceQuestion, Exchange, RdapLookup } from '../evidence/evidence';
import { answerOf } from '../evidence/decoded';
import { chainQueries, type PlannedQuery } from './plan';

/** At most this many nameserver hosts get their addresses checked. */
export const MAX_NS_HOSTS = 8;
/** A CNAME chain longer than this is not followed further (resolvers stop near 8–16). */
export const MAX_CNAME_HOPS = 8;

export interface FollowUpContext {
  readonly question: EvidenceQuestion;
  /** DoH URLs in display order. */
  readonly resolvers: readonly string[];
  /** The registry's answer (RDAP), once it has arrived. */
  readonly rdap?: readonly RdapLookup[] | undefined;
}

/** The first resolver, in display order, that gave a decodable answer to the target. */
export function chainResolverOf(
  exchanges: readonly Exchange[],
  resolvers: readonly string[],
): string | undefined {
  const answered = new Set(
    exchanges.filter((x) => x.purpose === 'target' && answerOf(x) !== null).map((x) => x.resolver),
  );
  return resolvers.find((r) => answered.has(r)) ?? resolvers[0];
}

/**
 * The names a CNAME/DNAME chain in `message` leads to, starting at `qname`, in order.
 * DNAME answers carry a synthesised CNAME (RFC 6672 §3.4), so following CNAMEs suffices.
 */
export function aliasTargets(message: DnsMessage, qname: string): string[] {
  const out: string[] = [];
  let current = fqdn(qname);
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const alias = message.answer.find((rr) => rr.type === 'CNAME' && sameName(rr.name, current));
    if (alias === undefined) break;
    const target = fqdn(alias.rdata.trim());
    if (out.includes(target) || target === fqdn(qname)) break; // a loop
    out.push(target);
    current = target;
  }
  return out;
}

/**
 * NS host names of the deepest zone on the name's path that answered an NS query — unless
 * a deeper name's NS query failed outright: then the zone that matters is the failing one,
 * and its parent's servers are not the ones to look at (the registry names the right ones).
 */
export function nameserverHosts(exchanges: readonly Exchange[], qname: string): string[] {
  const path = ancestorsAndSelf(fqdn(qname));
  let best: { depth: number; hosts: string[] } | undefined;
  let failedDepth = -1;
  for (const x of exchanges) {
    if (x.purpose !== 'ns') continue;
    const message = answerOf(x);
    // A lost exchange (a time-out) says nothing about the zone; a SERVFAIL does.
    if (message === null) continue;
    if (message.rcodeName === 'SERVFAIL') {
      failedDepth = Math.max(failedDepth, path.indexOf(fqdn(x.question.name)));
      continue;
    }
    const hosts = message.answer
      .filter((rr) => rr.type === 'NS' && sameName(rr.name, x.question.name))
      .map((rr) => fqdn(rr.rdata.trim()));
    if (hosts.length === 0) continue;
    const depth = path.indexOf(fqdn(x.question.name));
    if (depth > (best?.depth ?? -1)) best = { depth, hosts };
  }
  if (best === undefined || failedDepth > best.depth) return [];
  return [...new Set(best.hosts)].sort().slice(0, MAX_NS_HOSTS);
}

/**
 * Nameserver host names the registry lists for a domain on the name's path. A recursive
 * resolver hides the delegation of a zone whose servers fail; the registry still shows it.
 */
export function registryNameserverHosts(
  rdap: readonly RdapLookup[] | undefined,
  qname: string,
): string[] {
  const path = new Set(ancestorsAndSelf(fqdn(qname)));
  const hosts = (rdap ?? [])
    .filter((lookup) => lookup.record !== undefined && path.has(fqdn(lookup.domain)))
    .flatMap((lookup) => lookup.record!.nameservers.map((ns) => fqdn(ns.ldhName)));
  return [...new Set(hosts)].sort().slice(0, MAX_NS_HOSTS);
}

/** The apex records asked of every signed zone (see the header). */
export const APEX_TYPES = ['CDS', 'CDNSKEY', 'NSEC3PARAM'] as const;

/**
 * The zones below the root whose DNSKEY query answered with the zone's own keys: signed
 * zone apexes, the only names where CDS, CDNSKEY and NSEC3PARAM live (RFC 7344 §3, RFC 5155
 * §4). The root has no parent to read a CDS.
 */
export function signedZones(exchanges: readonly Exchange[]): string[] {
  const zones = new Set<string>();
  for (const x of exchanges) {
    if (x.purpose !== 'dnskey' || x.question.name === '.') continue;
    const message = answerOf(x);
    if (message?.answer.some((rr) => rr.type === 'DNSKEY' && sameName(rr.name, x.question.name))) {
      zones.add(fqdn(x.question.name));
    }
  }
  return [...zones].sort();
}

/**
 * The apex questions of the zones the first wave showed signed, with CD=1 (a bogus zone
 * still shows what it asks of its parent). Only in the second wave: the zones of an alias
 * target are known a wave later, and a third round for them would delay every verdict
 * with a CNAME; their NSEC3 parameters still show in any denial they sign.
 */
function apexQueries(exchanges: readonly Exchange[], resolver: string, wave: number) {
  const out: PlannedQuery[] = [];
  for (const zone of signedZones(exchanges)) {
    for (const type of APEX_TYPES) {
      out.push({ resolver, question: { name: zone, type }, cd: true, purpose: 'apex', wave });
    }
  }
  return out;
}

/** True when no exchange of `resolver` for this chain question produced a decodable answer. */
function chainMissing(exchanges: readonly Exchange[], resolver: string): boolean {
  return !exchanges.some(
    (x) =>
      (x.purpose === 'ds' || x.purpose === 'dnskey') &&
      x.resolver === resolver &&
      answerOf(x) !== null,
  );
}

export function planFollowUp(
  exchanges: readonly Exchange[],
  context: FollowUpContext,
  wave: number,
): PlannedQuery[] {
  const resolver = chainResolverOf(exchanges, context.resolvers);
  if (resolver === undefined) return [];
  const out: PlannedQuery[] = [];

  // The chain material again, when the first resolver gave none of it.
  const chainAskedAt = exchanges.find((x) => x.purpose === 'dnskey')?.resolver;
  if (
    chainAskedAt !== undefined &&
    chainAskedAt !== resolver &&
    chainMissing(exchanges, chainAskedAt)
  ) {
    out.push(...chainQueries(context.question.name, resolver, wave));
  }

  // The chain of trust of every alias target.
  const targets = new Set<string>();
  for (const x of exchanges) {
    if (x.purpose !== 'target') continue;
    const message = answerOf(x);
    if (message !== null)
      aliasTargets(message, context.question.name).forEach((t) => targets.add(t));
  }
  for (const target of [...targets].sort()) {
    out.push(...chainQueries(target, resolver, wave));
  }

  // Nameserver addresses: of the zone's own NS set once it arrived, and of the registry's
  // list once that arrived; each host once.
  const asked = new Set(
    exchanges.filter((x) => x.purpose === 'address').map((x) => fqdn(x.question.name)),
  );
  const hosts = new Set([
    ...nameserverHosts(exchanges, context.question.name),
    ...registryNameserverHosts(context.rdap, context.question.name),
  ]);
  for (const host of [...hosts].sort().slice(0, MAX_NS_HOSTS)) {
    if (asked.has(host)) continue;
    for (const type of ['A', 'AAAA']) {
      out.push({ resolver, question: { name: host, type }, cd: false, purpose: 'address', wave });
    }
  }

  if (wave === 2) out.push(...apexQueries(exchanges, resolver, wave));
  return out;
}
