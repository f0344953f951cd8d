/**
 * The registry's view of the domain (RDAP, kept in `evidence.rdap`) next to what DNS shows:
 * the nameservers and DS records the registry holds, compared with the zone's own NS set
 * and the parent's DS set, and a status that takes the domain out of DNS (a hold).
 *
 * RFC 9083 §10.2.2 maps EPP statuses to RDAP ones: `client hold` / `server hold` keep the
 * domain out of the TLD zone (RFC 5731 §2.3); during `redemption period` and
 * `pending delete` the domain has expired and is normally out of the zone as well.
 *
 * A 404 is what the registry's RDAP service did not find (RFC 7480 §5.3: the server has no
 * such object), not a proof that the name is unregistered: when DNS shows the domain
 * delegated, the registry's RDAP data lags or leaves it out, or the registered domain is
 * another name, and the sentence says so instead of "not registered". The view and the
 * warnings are found here; explain/registry.ts words them.
 */

import type { DnsMessage } from '../dns/message';
import type { Evidence, RdapDomainRecord, RdapLookup } from '../evidence/evidence';
import type { RegistrySummary } from './diagnosis';
import { toHex } from '../dns/wire/encoding';
import { dsDigest } from '../dnssec/ds-digest';
import { keyTag } from '../dnssec/key-tag';
import { answerOf } from '../evidence/decoded';
import { fqdn } from '../dns/name';
import { answerRecords, firstNoError, zoneNameservers, type Facts } from './facts';
import type { RegistryDsWarning, RegistryNsWarning } from './warning-finding';

export interface RegistryView {
  readonly state: RegistrySummary['state'];
  /** Fully qualified, lower case. */
  readonly domain: string;
  /** The lookup that decided the state (the one with the record, else the last one). */
  readonly lookup?: RdapLookup;
  readonly record?: RdapDomainRecord;
  /** Lower-case FQDNs of the nameservers the registry lists (empty: none listed). */
  readonly hosts: readonly string[];
  /**
   * Whether the registry's answer says which DS records it holds: a non-empty `dsData`, or
   * `delegationSigned: false`. Registries that publish `keyData` instead, or leave
   * `secureDNS` out, say nothing about DS, and nothing is concluded from them.
   */
  readonly dsKnown: boolean;
  /** Statuses that keep the domain out of DNS, as the registry wrote them. */
  readonly holds: readonly string[];
  readonly ids: readonly string[];
  /**
   * `not-found` only: the exchange whose response shows `domain` delegated in DNS, so the
   * 404 means "the registry did not find it", not "it is not registered".
   */
  readonly delegatedIn?: string;
}

const HOLDS = ['client hold', 'server hold', 'redemption period', 'pending delete', 'inactive'];

/** `client hold`, `client-hold`, `clientHold` (the EPP spelling) → `client hold`. */
export const normStatus = (status: string): string =>
  status
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** What the evidence says about the registry; `not-asked` when it holds no lookup. */
export function registryView(evidence: Evidence): RegistryView {
  const lookups = evidence.rdap ?? [];
  const ids = lookups.map((l) => l.id);
  const found = lookups.find((l) => l.record !== undefined);
  const last = lookups.at(-1);
  if (found?.record) {
    const record = found.record;
    return {
      state: 'found',
      domain: fqdn(found.domain),
      lookup: found,
      record,
      hosts: [...new Set(record.nameservers.map((ns) => fqdn(ns.ldhName)))].sort(),
      dsKnown: record.dsData.length > 0 || record.delegationSigned === false,
      holds: record.status.filter((s) => HOLDS.includes(normStatus(s))),
      ids,
    };
  }
  if (!last) {
    return { state: 'not-asked', domain: '', hosts: [], dsKnown: false, holds: [], ids };
  }
  if (!lookups.every((l) => l.error?.class === 'not-found')) {
    // The deepest name asked: under a two-label suffix (co.uk) that is the domain meant.
    const base = { lookup: last, hosts: [], dsKnown: false, holds: [], ids } as const;
    return { state: 'failed', domain: fqdn(last.domain), ...base };
  }
  const meant = meantLookup(evidence, lookups);
  const delegatedIn = delegationShown(evidence, fqdn(meant.domain));
  return {
    state: 'not-found',
    domain: fqdn(meant.domain),
    lookup: meant,
    hosts: [],
    dsKnown: false,
    holds: [],
    ids,
    ...(delegatedIn === undefined ? {} : { delegatedIn }),
  };
}

/** Decoded responses of the evidence, with their exchange ids. */
function responses(evidence: Evidence): { id: string; message: DnsMessage }[] {
  return evidence.exchanges.flatMap((x) => {
    const message = answerOf(x);
    return message ? [{ id: x.id, message }] : [];
  });
}

/**
 * The first exchange whose response shows `domain` delegated: an NS RRset owned by it (an
 * answer, or a referral's authority section, RFC 1034 §4.2.1), its own SOA (the zone apex
 * exists), a DS RRset at it (the parent holds its keys, RFC 4035 §2.4), or the parent's
 * NSEC at it with the NS bit set and the SOA bit clear (a delegation point, RFC 6840 §4.4).
 * NSEC3 owners are hashed and are not read here.
 */
function delegationShown(evidence: Evidence, domain: string): string | undefined {
  for (const { id, message } of responses(evidence)) {
    const owned = [...message.answer, ...message.authority].filter(
      (rr) => fqdn(rr.name) === domain,
    );
    const shows = owned.some(
      (rr) =>
        rr.type === 'NS' ||
        rr.type === 'SOA' ||
        (rr.type === 'DS' && message.answer.includes(rr)) ||
        (rr.data.kind === 'NSEC' && rr.data.types.includes('NS') && !rr.data.types.includes('SOA')),
    );
    if (shows) return id;
  }
  return undefined;
}

/** Whether DNS shows `name` exists: a NOERROR answer to a question about it, or its zone. */
function existsInDns(evidence: Evidence, name: string): boolean {
  return responses(evidence).some(
    ({ message }) =>
      (message.rcodeName === 'NOERROR' && message.question.some((q) => fqdn(q.name) === name)) ||
      [...message.answer, ...message.authority].some(
        (rr) => (rr.type === 'SOA' || rr.type === 'NS') && fqdn(rr.name) === name,
      ),
  );
}

/**
 * Which of the names the registry did not find was the registered domain meant (the lookup
 * asks shortest first, at most two names: `co.uk` then `example.co.uk`, or `example.com`
 * then `www.example.com`). DNS decides where it can: the deepest name it shows delegated,
 * else the deepest whose parent exists (a registered domain sits right under a zone that
 * exists: `example.co.uk` when `co.uk` exists, `example.com` when `www.example.com`'s parent
 * does not); without such evidence, the deepest name asked.
 */
function meantLookup(evidence: Evidence, lookups: readonly RdapLookup[]): RdapLookup {
  const deepestFirst = [...lookups].reverse();
  const parent = (name: string): string => fqdn(name).split('.').slice(1).join('.') || '.';
  return (
    deepestFirst.find((l) => delegationShown(evidence, fqdn(l.domain)) !== undefined) ??
    deepestFirst.find((l) => existsInDns(evidence, parent(l.domain))) ??
    deepestFirst[0]!
  );
}

/** The glue the registry holds for `host`, if it lists it. */
export function registryGlue(view: RegistryView, host: string): readonly string[] {
  const listed = (view.record?.nameservers ?? []).filter((n) => fqdn(n.ldhName) === fqdn(host));
  return [...new Set(listed.flatMap((n) => [...n.v4, ...n.v6]))];
}

/**
 * Which of the registry's DS records match a DNSKEY the zone serves now (RFC 4034 §5.1.4):
 * undefined when the zone's DNSKEY set is not in the evidence.
 */
function matchingKeys(
  facts: Facts,
  zone: string,
  dsData: RdapDomainRecord['dsData'],
): { matches: (ds: RdapDomainRecord['dsData'][number]) => boolean; id: string } | undefined {
  const r = firstNoError(facts, 'dnskey', zone, 'DNSKEY');
  if (!r || dsData.length === 0) return undefined;
  const keys = answerRecords(r.message, zone, 'DNSKEY');
  return {
    id: r.exchange.id,
    matches: (ds) =>
      keys.some((rr) => {
        if (rr.data.kind !== 'DNSKEY' || rr.data.algorithm !== ds.algorithm) return false;
        if (keyTag(rr.wire.rdata) !== ds.keyTag) return false;
        const digest = dsDigest(rr.wire.owner, rr.wire.rdata, ds.digestType);
        return digest !== undefined && toHex(digest) === ds.digest.toLowerCase();
      }),
  };
}

/** One DS record as `tag alg type DIGEST`: the form registry and DNS are compared in. */
export function dsLine(ds: {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: string;
}): string {
  return `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest.toUpperCase()}`;
}

/** The DS records of `zone` in a DNS answer, sorted, as `dsLine` writes them. */
export function publishedDs(message: DnsMessage, zone: string): string[] {
  return answerRecords(message, zone, 'DS')
    .flatMap((rr) =>
      rr.data.kind === 'DS' ? [dsLine({ ...rr.data, digest: toHex(rr.data.digest) })] : [],
    )
    .sort();
}

/** The parent's DS set for the domain. */
function parentDs(facts: Facts, zone: string): { ds: string[]; id: string } | undefined {
  const r = firstNoError(facts, 'ds', zone, 'DS');
  return r ? { ds: publishedDs(r.message, zone), id: r.exchange.id } : undefined;
}

/**
 * Where the registry and DNS disagree: nameservers the zone publishes that the registry
 * does not list (resolvers never learn of them from the parent) and the reverse; DS
 * records the registry holds that the parent does not publish (a change not yet live).
 */
export function registryWarnings(
  facts: Facts,
  view: RegistryView,
): (RegistryNsWarning | RegistryDsWarning)[] {
  if (view.state !== 'found' || !view.record || view.holds.length > 0) return [];
  const out: (RegistryNsWarning | RegistryDsWarning)[] = [];
  const zone = zoneNameservers(facts, view.domain);
  if (zone && view.hosts.length > 0) {
    const onlyRegistry = view.hosts.filter((h) => !zone.hosts.includes(h));
    const onlyZone = zone.hosts.filter((h) => !view.hosts.includes(h));
    if (onlyRegistry.length > 0 || onlyZone.length > 0) {
      out.push({
        id: 'registry-ns-mismatch',
        domain: view.domain,
        onlyRegistry,
        onlyZone,
        exchanges: [...view.ids, zone.exchange.id],
      });
    }
  }
  const parent = view.dsKnown ? parentDs(facts, view.domain) : undefined;
  const registryDs = view.record.dsData.map(dsLine).sort();
  if (parent) {
    const missing = registryDs.filter((d) => !parent.ds.includes(d));
    const extra = parent.ds.filter((d) => !registryDs.includes(d));
    if (missing.length > 0 || extra.length > 0) {
      // A pending DS set that matches none of the zone's keys breaks the zone once published.
      const keys = matchingKeys(facts, view.domain, view.record.dsData);
      const broken =
        missing.length === registryDs.length &&
        keys !== undefined &&
        !view.record.dsData.some((d) => keys.matches(d));
      out.push({
        id: 'registry-ds-mismatch',
        domain: view.domain,
        missing,
        extra,
        brokenTags: broken ? view.record.dsData.map((d) => d.keyTag) : undefined,
        exchanges: [...view.ids, parent.id, ...(broken ? [keys.id] : [])],
      });
    }
  }
  return out;
}
