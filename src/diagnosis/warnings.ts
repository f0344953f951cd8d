/**
 * Warnings for a name that works today: signatures about to expire, a single nameserver, or
 * every nameserver in one network (RFC 2182 §3.1: secondaries "at topologically distant
 * places"; a /24 or /48 is a rough stand-in for "one network"). Found here, worded in
 * explain/warnings.ts.
 */

import { parseIpv4, parseIpv6 } from '../dns/ip';
import type { ProofTree, RrsetProof, SignatureInfo } from '../dnssec/proof-tree';
import { ancestorsAndSelf, fqdn } from '../dns/name';
import { zoneNameservers, type Facts } from './facts';
import type {
  ExpiringWarning,
  OneNetworkWarning,
  SingleNameserverWarning,
  WarningFinding,
} from './warning-finding';

/** Three days: enough for a weekend without a working signer. */
export const EXPIRY_WARNING_SECONDS = 3 * 86400;

function rrsetsOf(proof: ProofTree): RrsetProof[] {
  const out: RrsetProof[] = [];
  for (const z of proof.zones) {
    if (z.dsRrset) out.push(z.dsRrset);
    if (z.dnskeyRrset) out.push(z.dnskeyRrset);
    if (z.dsDenial) out.push(...z.dsDenial.rrsets);
  }
  for (const step of proof.answer) {
    out.push(...step.rrsets);
    if (step.denial) out.push(...step.denial.rrsets);
  }
  return out;
}

/**
 * Among the RRsets whose last valid signature passes `keep`, the one whose last valid
 * signature expires first.
 */
function soonestEnding(
  proof: ProofTree,
  keep: (latest: SignatureInfo) => boolean,
): { rrset: RrsetProof; signature: SignatureInfo } | undefined {
  let best: { rrset: RrsetProof; signature: SignatureInfo } | undefined;
  for (const rrset of rrsetsOf(proof)) {
    const valid = rrset.signatures.filter((s) => s.outcome === 'valid');
    if (valid.length === 0) continue;
    const latest = valid.reduce((a, b) => (b.expiration > a.expiration ? b : a));
    if (!keep(latest)) continue;
    if (!best || latest.expiration < best.signature.expiration) best = { rrset, signature: latest };
  }
  return best;
}

/** The RRset whose last valid signature expires first: it goes bogus first. */
export function firstExpiry(
  proof: ProofTree,
): { rrset: RrsetProof; signature: SignatureInfo } | undefined {
  return soonestEnding(proof, () => true);
}

/**
 * The soonest-ending valid signature with less validity left than its RRset's TTL (the
 * RRSIG's Original TTL). A signer renews well before the end (BIND when a quarter of the
 * validity is left); less than one TTL left means it is late or stopped, and a validator
 * already caches the RRset for less than its TTL (RFC 4035 §5.3.3 caps the TTL at the
 * signature's expiration).
 */
function lateRefresh(proof: ProofTree, now: number) {
  return soonestEnding(proof, (latest) => latest.expiration - now < latest.originalTtl);
}

function expiryWarning(
  proof: ProofTree | null,
  now: number,
  sourceIds: readonly string[],
): ExpiringWarning | null {
  if (!proof || proof.status !== 'secure') return null;
  const late = lateRefresh(proof, now);
  const soon = firstExpiry(proof);
  const first =
    late ?? (soon && soon.signature.expiration - now <= EXPIRY_WARNING_SECONDS ? soon : undefined);
  if (!first) return null;
  const { rrset, signature } = first;
  return {
    id: 'signatures-expiring',
    owner: rrset.owner,
    type: rrset.type,
    expiration: signature.expiration,
    now,
    ...(late ? { ttl: signature.originalTtl } : {}),
    exchanges: sourceIds,
  };
}

/** The zone the name lives in: the deepest on its path with an NS set in the evidence. */
function servingZone(
  facts: Facts,
): { zone: string; hosts: string[]; exchange: string } | undefined {
  const path = [...ancestorsAndSelf(fqdn(facts.qname))].reverse();
  for (const zone of path) {
    const own = zoneNameservers(facts, zone);
    if (own) return { zone, hosts: own.hosts, exchange: own.exchange.id };
  }
  return undefined;
}

/** `192.0.2.0/24` or `2001:db8:1::/48` */
function networkOf(address: string): string | undefined {
  const v4 = parseIpv4(address);
  if (v4) return `${v4[0]}.${v4[1]}.${v4[2]}.0/24`;
  const v6 = parseIpv6(address);
  if (v6) {
    const hex = (i: number) => ((v6[i]! << 8) | v6[i + 1]!).toString(16);
    return `${hex(0)}:${hex(2)}:${hex(4)}::/48`;
  }
  return undefined;
}

function nameserverWarnings(facts: Facts): (SingleNameserverWarning | OneNetworkWarning)[] {
  const serving = servingZone(facts);
  if (!serving) return [];
  const { zone, hosts, exchange } = serving;
  const [only] = hosts;
  if (hosts.length === 1 && only !== undefined) {
    return [{ id: 'single-nameserver', zone, host: only, exchanges: [exchange] }];
  }
  const ids: string[] = [exchange];
  const networks = new Set<string>();
  let known = 0;
  for (const host of hosts) {
    const lookups = [
      ...facts.exchangesFor('address', host, 'A'),
      ...facts.exchangesFor('address', host, 'AAAA'),
    ];
    let seen = false;
    for (const x of lookups) {
      const m = facts.message(x);
      if (!m) continue;
      ids.push(x.id);
      for (const rr of m.answer) {
        if (rr.data.kind !== 'A' && rr.data.kind !== 'AAAA') continue;
        const network = networkOf(rr.data.address);
        if (network) {
          networks.add(network);
          seen = true;
        }
      }
    }
    if (seen) known++;
  }
  // Only when every host's addresses are known: otherwise one unseen host may be elsewhere.
  if (known !== hosts.length) return [];
  const v4 = [...networks].filter((n) => n.endsWith('/24'));
  const v6 = [...networks].filter((n) => n.endsWith('/48'));
  if (v4.length > 1 || v6.length > 1) return [];
  return [
    {
      id: 'one-network',
      zone,
      hosts: hosts.length,
      networks: [...networks].sort(),
      exchanges: ids,
    },
  ];
}

export function okWarnings(
  facts: Facts,
  proof: ProofTree | null,
  now: number,
  chainIds: readonly string[],
): WarningFinding[] {
  const out: WarningFinding[] = [];
  const expiry = expiryWarning(proof, now, chainIds);
  if (expiry) out.push(expiry);
  out.push(...nameserverWarnings(facts));
  return out;
}
