/**
 * Lame-delegation analysis over the evidence: which zone on the path stops answering while
 * its parent still answers for it, and which of its nameservers are suspect — only as far
 * as the evidence shows. Recursive resolvers hide the parent's delegation (NS and glue) of
 * a zone whose servers fail, so host names are often unknown; resolver EDE texts may still
 * name the addresses and how each failed (read by `dns/ede-text.ts`: Google's "[ip] Lame
 * delegation at …", "[ip] rcode=REFUSED for …"; Cloudflare's "ip:53 rcode=REFUSED for …",
 * "at delegation x."). Found here as data; explain/suspects.ts and explain/lame.ts word it.
 */

import type { ExtendedDnsError } from '../dns/ede';
import { isAuthorityText, readEdeText, type ServerFailureText } from '../dns/ede-text';
import type { DnsMessage } from '../dns/message';
import type { Exchange } from '../evidence/evidence';
import type { SuspectProblem } from './diagnosis';
import {
  STALE_EDE,
  answerRecords,
  firstResponse,
  recordText,
  zoneNameservers,
  type Facts,
} from './facts';
import { ancestorsAndSelf, fqdn } from '../dns/name';
import { registryGlue, type RegistryView } from './registry';
import type {
  AddressSuspect,
  HostSuspect,
  SuspectFinding,
  SuspectNote,
  TextFailure,
} from './suspect-finding';

/** What the parent says about the child when asked for its DS. */
export interface ParentAnswer {
  readonly parent: string;
  /** The child zone asked about. */
  readonly zone: string;
  /** Its DS record, a signed NSEC showing the cut (NS) without DS, or a bare NOERROR. */
  readonly shows: 'ds' | 'nsec' | 'no-ds';
  readonly exchange: Exchange;
  readonly records: readonly string[];
}

export interface LameZone {
  readonly zone: string;
  /** The parent still answers for the child (DS, or a signed denial naming the cut). */
  readonly parentAnswer?: ParentAnswer;
  /** The child's own queries (NS, DNSKEY) that failed. */
  readonly failed: readonly Exchange[];
}

const isRcode = (m: DnsMessage | null, ...names: string[]) =>
  m !== null && names.includes(m.rcodeName);

function parentAnswerFor(facts: Facts, zone: string): ParentAnswer | undefined {
  const dsX = facts.exchangesFor('ds', zone, 'DS');
  const r = firstResponse(
    facts,
    dsX.filter((x) => isRcode(facts.message(x), 'NOERROR')),
  );
  if (!r) return undefined;
  const { exchange, message } = r;
  const soa = message.authority.find((rr) => rr.type === 'SOA');
  const ds = answerRecords(message, zone, 'DS');
  const signer = message.answer.find((rr) => rr.data.kind === 'RRSIG')?.data;
  const parent =
    soa?.name.toLowerCase() ??
    (signer?.kind === 'RRSIG' ? fqdn(signer.signerName) : ancestorsAndSelf(fqdn(zone)).at(-2)) ??
    '.';
  if (fqdn(parent) === fqdn(zone)) return undefined; // the child itself answered: no cut here
  if (ds.length > 0) {
    return { parent, zone, shows: 'ds', exchange, records: ds.map(recordText) };
  }
  const nsec = message.authority.find(
    (rr) => rr.data.kind === 'NSEC' && fqdn(rr.name) === fqdn(zone) && rr.data.types.includes('NS'),
  );
  if (nsec) {
    return { parent, zone, shows: 'nsec', exchange, records: [recordText(nsec)] };
  }
  return { parent, zone, shows: 'no-ds', exchange, records: soa ? [recordText(soa)] : [] };
}

/** The child's own NS and DNSKEY queries, when all of them failed (and at least one asked). */
function childFailures(facts: Facts, zone: string): Exchange[] | undefined {
  const own = [
    ...facts.exchangesFor('ns', zone, 'NS'),
    ...facts.exchangesFor('dnskey', zone, 'DNSKEY'),
  ];
  if (own.length === 0) return undefined;
  // A stale copy (EDE 3/19, RFC 8767) is the resolver covering for servers that fail now.
  const answered = own.some((x) => {
    const message = facts.message(x);
    return (
      isRcode(message, 'NOERROR', 'NXDOMAIN') &&
      !message!.extendedErrors.some((e) => STALE_EDE.has(e.infoCode))
    );
  });
  return answered ? undefined : own;
}

/** The highest name on the path whose own queries fail; with the parent's answer if any. */
export function locateLameZone(facts: Facts): LameZone | undefined {
  for (const zone of ancestorsAndSelf(fqdn(facts.qname))) {
    if (zone === '.') continue;
    const failed = childFailures(facts, zone);
    if (!failed) continue;
    const parentAnswer = parentAnswerFor(facts, zone);
    return parentAnswer ? { zone, parentAnswer, failed } : { zone, failed };
  }
  return undefined;
}

/** EDE codes that speak of the authoritative servers (RFC 8914 §4.21–4.24). */
export const AUTHORITY_EDE = new Set([20, 22, 23]);

/**
 * EDEs that point at the nameservers rather than at DNSSEC: by their code, or by a text
 * that names a failing server or delegation (Google sends its per-server text as code 0).
 */
export function authorityErrors(ede: readonly ExtendedDnsError[]): ExtendedDnsError[] {
  return ede.filter((e) => AUTHORITY_EDE.has(e.infoCode) || isAuthorityText(readEdeText(e)));
}

/**
 * EDE 9 DNSKEY Missing and 10 RRSIGs Missing: also what a resolver says when it could not
 * fetch the keys at all (1.1.1.1 sends 9 with 22 for a signed zone whose servers REFUSE).
 */
export const KEY_FETCH_EDE = new Set([9, 10]);

/** Whether a response's EDEs say its zone's servers failed (EDE 20, 22, 23 or such a text). */
export function reportsAuthorityFailure(ede: readonly ExtendedDnsError[]): boolean {
  return authorityErrors(ede).length > 0;
}

/** The per-server failures resolvers name in their texts (`[ip] rcode=REFUSED …`). */
export function serverFailures(ede: readonly ExtendedDnsError[]): ServerFailureText[] {
  return ede.flatMap((e) => {
    const said = readEdeText(e);
    return said.kind === 'server-failure' ? [said] : [];
  });
}

/** A zone named in a resolver text: `Lame delegation at x for …`, `at delegation x.` */
export function zoneFromText(ede: readonly ExtendedDnsError[]): string | undefined {
  for (const e of ede) {
    const said = readEdeText(e);
    if (said.kind === 'at-delegation') return said.zone;
    if (said.kind === 'server-failure' && said.zone !== undefined) return said.zone;
  }
  return undefined;
}

/**
 * How a server failed, from a resolver's text. REFUSED is the answer of a server that does
 * not serve the zone (RFC 8914 §4.21 pairs it with EDE 20 Not Authoritative); NOTAUTH
 * (RFC 2136 §2.2: "not authoritative for the zone") is lame; "connection refused" and
 * timeouts mean nothing answered.
 */
function problemOf(t: ServerFailureText): SuspectProblem {
  switch (t.failure) {
    case 'rcode':
      return t.rcode === 'REFUSED' ? 'refused' : t.rcode === 'NOTAUTH' ? 'lame' : 'failing';
    case 'lame':
      return 'lame';
    case 'timeout':
    case 'unreachable':
      return 'unreachable';
  }
}

/** How a server failed, with the rcode or transport failure a resolver's text gave. */
function textFailure(t: ServerFailureText): TextFailure {
  const detail = t.failure === 'rcode' ? t.rcode : t.failure === 'lame' ? undefined : t.failure;
  return { problem: problemOf(t), detail };
}

/** What resolvers' texts say about one address. */
interface TextSuspect {
  readonly problems: Set<SuspectProblem>;
  readonly failures: TextFailure[];
  readonly exchanges: Set<string>;
}

function textSuspects(
  ede: readonly { e: ExtendedDnsError; exchange: Exchange }[],
): Map<string, TextSuspect> {
  const byAddress = new Map<string, TextSuspect>();
  for (const { e, exchange } of ede) {
    for (const t of serverFailures([e])) {
      const slot = byAddress.get(t.address) ?? {
        problems: new Set<SuspectProblem>(),
        failures: [],
        exchanges: new Set<string>(),
      };
      slot.problems.add(problemOf(t));
      slot.failures.push(textFailure(t));
      slot.exchanges.add(exchange.id);
      byAddress.set(t.address, slot);
    }
  }
  return byAddress;
}

/** Addresses named only in EDE texts (no host known for them), with how they failed. */
function suspectsFromText(
  byAddress: ReadonlyMap<string, TextSuspect>,
  skip: ReadonlySet<string>,
): AddressSuspect[] {
  return [...byAddress.keys()]
    .filter((address) => !skip.has(address))
    .sort()
    .map((address) => {
      const { problems, failures, exchanges } = byAddress.get(address)!;
      return {
        kind: 'address',
        address,
        problems: [...problems].sort(),
        failures,
        exchanges: [...exchanges].sort(),
      };
    });
}

/** NS host names of `zone`, when some resolver handed them over. */
function nameserverHosts(facts: Facts, zone: string): { hosts: string[]; exchange?: Exchange } {
  return zoneNameservers(facts, zone) ?? { hosts: [] };
}

/** What the address lookups of a host showed. */
function addressesOf(
  facts: Facts,
  host: string,
): { ids: string[]; addresses: string[]; nxdomain?: string; empty: boolean; failing: boolean } {
  const lookups = [
    ...facts.exchangesFor('address', host, 'A'),
    ...facts.exchangesFor('address', host, 'AAAA'),
  ];
  const messages = lookups.map((x) => facts.message(x));
  const addresses = messages.flatMap((m) =>
    (m?.answer ?? []).flatMap((rr) =>
      (rr.data.kind === 'A' || rr.data.kind === 'AAAA') && fqdn(rr.name) === host
        ? [rr.data.address]
        : [],
    ),
  );
  const nx = messages.find((m) => m?.rcodeName === 'NXDOMAIN');
  const denier = nx?.authority.find((rr) => rr.type === 'SOA')?.name;
  return {
    ids: lookups.map((x) => x.id),
    addresses: [...new Set(addresses)],
    ...(nx ? { nxdomain: denier ? fqdn(denier) : '' } : {}),
    empty:
      lookups.length > 0 &&
      messages.every((m) => m !== null && m.rcodeName === 'NOERROR' && m.answer.length === 0),
    failing: lookups.length > 0 && messages.every((m) => m === null || m.rcodeName === 'SERVFAIL'),
  };
}

/**
 * Per known host — from the zone's own NS set when a resolver had it, and from the
 * registry's list: inside the zone (and so needing glue), and whether its name resolves.
 */
function suspectsFromHosts(
  facts: Facts,
  zone: string,
  registry: RegistryView,
  byAddress: ReadonlyMap<string, TextSuspect>,
  matched: Set<string>,
): HostSuspect[] {
  const own = nameserverHosts(facts, zone);
  const fromRegistry = fqdn(registry.domain) === fqdn(zone) ? registry.hosts : [];
  const hosts = [...new Set([...own.hosts, ...fromRegistry])].sort();
  return hosts.map((host) => {
    const problems: SuspectProblem[] = [];
    const notes: SuspectNote[] = [];
    const ids = [
      ...(own.exchange && own.hosts.includes(host) ? [own.exchange.id] : []),
      ...(fromRegistry.includes(host) ? registry.ids : []),
    ];
    // Only a registry that lists nameservers can be said not to list one.
    const registryKnows = fromRegistry.length > 0;
    const source = fromRegistry.includes(host)
      ? own.hosts.includes(host)
        ? 'registry-and-zone'
        : 'registry'
      : 'zone';
    if (registryKnows && !fromRegistry.includes(host)) problems.push('not-in-registry');
    const inside = host.endsWith(`.${zone}`) || host === zone;
    const glue = registryGlue(registry, host);
    // Registries often list a nameserver without its addresses: no glue in the answer is
    // not proof that the registry holds none.
    if (inside && glue.length > 0) notes.push({ kind: 'glue', addresses: [...glue] });
    else if (inside) problems.push('needs-glue');
    const lookup = addressesOf(facts, host);
    ids.push(...lookup.ids);
    if (lookup.nxdomain !== undefined) {
      problems.push('no-address');
      notes.push({ kind: 'missing-name', host, denier: lookup.nxdomain });
    } else if (lookup.empty) {
      problems.push('no-address');
    } else if (lookup.failing) {
      // Inside the zone its own lookup fails with the zone; that is a symptom, not a cause.
      if (inside) notes.push({ kind: 'lookup-fails', zone });
      else problems.push('failing');
    } else if (lookup.addresses.length > 0) {
      notes.push({ kind: 'resolves', addresses: lookup.addresses });
    }
    // "Does not exist (NXDOMAIN from …)" says more than "has no address"; not both.
    const said: SuspectNote[] = [
      ...problems
        .filter((p) => p !== 'no-address' || lookup.nxdomain === undefined)
        .map((problem) => ({ kind: 'problem', problem }) as const),
      ...notes,
    ];
    // A resolver's text about one of its addresses belongs to this host, not beside it.
    for (const address of new Set([...lookup.addresses, ...glue])) {
      const text = byAddress.get(address);
      if (!text) continue;
      matched.add(address);
      for (const p of text.problems) if (!problems.includes(p)) problems.push(p);
      said.push({ kind: 'resolver-text', address, failures: text.failures });
      ids.push(...[...text.exchanges].sort());
    }
    return {
      kind: 'host',
      host,
      address: lookup.addresses[0] ?? glue[0],
      zone,
      source,
      problems,
      notes: said,
      exchanges: ids,
    };
  });
}

/** Suspect nameservers of `zone`: hosts known by name, then addresses named only in texts. */
export function suspectFindings(
  facts: Facts,
  zone: string,
  ede: readonly { e: ExtendedDnsError; exchange: Exchange }[],
  registry: RegistryView,
): SuspectFinding[] {
  const byAddress = textSuspects(ede);
  const matched = new Set<string>();
  const hosts = suspectsFromHosts(facts, zone, registry, byAddress, matched);
  return [...hosts, ...suspectsFromText(byAddress, matched)];
}

/** NS host names of the parent zone, to ask it directly for the delegation. */
export function parentServers(facts: Facts, parent: string): string[] {
  return nameserverHosts(facts, parent).hosts;
}
