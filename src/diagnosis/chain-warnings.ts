/**
 * Warnings about how the zones on the chain are signed and delegated, read from the records
 * the evidence holds — true whether the name works today or not, and each one a way it can
 * break later:
 *
 * - NSEC3 with extra iterations or a salt (RFC 9276 §3.1 asks for 0 and none; §3.2 lets
 *   validators treat high counts as insecure or bogus, EDE 27);
 * - a zone keyed only with algorithms RFC 8624 §3.1 says not to sign with;
 * - a parent that publishes only SHA-1 (digest type 1) DS records (RFC 8624 §3.3);
 * - a DS that matches no key while another does (a rollover's leftover, RFC 6781 §4.1.2);
 * - CDS/CDNSKEY records that would change the parent's DS set (cds-warnings.ts).
 *
 * Found here, worded in explain/chain-warnings.ts.
 */

import { ancestorsAndSelf, fqdn } from '../dns/name';
import { toHex } from '../dns/wire/encoding';
import type { ZoneProof } from '../dnssec/proof-tree';
import { cdsWarning } from './cds-warnings';
import { recordText, type Facts } from './facts';
import type { EvidenceValidation, ZoneSources } from './validate-evidence';
import type {
  AlgorithmDeprecatedWarning,
  DsSha1OnlyWarning,
  DsUnusedWarning,
  Nsec3IterationsWarning,
  WarningFinding,
} from './warning-finding';

/**
 * RFC 8624 §3.1, "DNSKEY Algorithm Use for DNSSEC Signing": MUST NOT for 1 RSAMD5, 3 DSA,
 * 6 DSA-NSEC3-SHA1 and 12 ECC-GOST; NOT RECOMMENDED for 5 RSASHA1 and 7 RSASHA1-NSEC3-SHA1
 * (RFC 9904 moved the table to an IANA registry without changing it).
 */
export const DEPRECATED_SIGNING_ALGORITHMS: ReadonlySet<number> = new Set([1, 3, 5, 6, 7, 12]);

/** The zones the chain runs through: the question's ancestors and every zone the proof holds. */
function chainZones(facts: Facts, validation: EvidenceValidation): Set<string> {
  const zones = new Set(ancestorsAndSelf(fqdn(facts.qname)));
  for (const z of validation.proof?.zones ?? []) zones.add(fqdn(z.zone));
  for (const step of validation.proof?.answer ?? []) if (step.zone) zones.add(fqdn(step.zone));
  return zones;
}

interface Nsec3Seen {
  iterations: number;
  readonly salts: Set<string>;
  readonly record: string;
  readonly exchanges: Set<string>;
}

/**
 * Every NSEC3 (in any denial) and NSEC3PARAM record of a chain zone in the evidence whose
 * parameters are not RFC 9276's, per zone: an NSEC3 belongs to the zone above its hashed
 * owner (RFC 5155 §3), an NSEC3PARAM to its owner (§4).
 */
function nsec3Warnings(facts: Facts, zones: Set<string>): Nsec3IterationsWarning[] {
  const seen = new Map<string, Nsec3Seen>();
  for (const x of facts.evidence.exchanges) {
    const m = facts.message(x);
    if (!m) continue;
    for (const rr of [...m.answer, ...m.authority]) {
      const d = rr.data;
      if (d.kind !== 'NSEC3' && d.kind !== 'NSEC3PARAM') continue;
      if (d.iterations === 0 && d.salt.length === 0) continue;
      const owner = fqdn(rr.name);
      const zone = d.kind === 'NSEC3PARAM' ? owner : fqdn(owner.slice(owner.indexOf('.') + 1));
      if (!zones.has(zone)) continue;
      const entry = seen.get(zone) ?? {
        iterations: 0,
        salts: new Set<string>(),
        record: recordText(rr),
        exchanges: new Set<string>(),
      };
      entry.iterations = Math.max(entry.iterations, d.iterations);
      entry.salts.add(toHex(d.salt).toUpperCase());
      entry.exchanges.add(x.id);
      seen.set(zone, entry);
    }
  }
  // The zone's own NSEC3PARAM answer first: the card links the first few exchanges.
  const apexFirst = (ids: Set<string>) => {
    const apex = facts.evidence.exchanges.filter((x) => x.purpose === 'apex' && ids.has(x.id));
    return [...new Set([...apex.map((x) => x.id), ...ids])];
  };
  return [...seen].map(([zone, s]) => ({
    id: 'nsec3-iterations',
    zone,
    iterations: s.iterations,
    salts: [...s.salts].filter((salt) => salt !== '').sort(),
    record: s.record,
    exchanges: apexFirst(s.exchanges),
  }));
}

function sourceIds(source: ZoneSources | undefined, which: readonly ('ds' | 'dnskey')[]): string[] {
  return which.map((k) => source?.[k]).filter((id): id is string => id !== undefined);
}

function algorithmWarning(
  z: ZoneProof,
  source: ZoneSources | undefined,
): AlgorithmDeprecatedWarning | null {
  const keys = z.dnskeys.filter((k) => k.zoneKey && !k.revoked);
  const algorithms = [...new Set(keys.map((k) => k.algorithm))].sort((a, b) => a - b);
  if (algorithms.length === 0 || !algorithms.every((a) => DEPRECATED_SIGNING_ALGORITHMS.has(a))) {
    return null;
  }
  return {
    id: 'algorithm-deprecated',
    zone: z.zone,
    algorithms,
    keyTags: keys.map((k) => k.keyTag),
    exchanges: sourceIds(source, ['dnskey']),
  };
}

function sha1Warning(z: ZoneProof, source: ZoneSources | undefined): DsSha1OnlyWarning | null {
  if (z.anchoredBy !== 'parent-ds' || z.ds.length === 0) return null;
  if (!z.ds.every((d) => d.digestType === 1)) return null;
  return {
    id: 'ds-sha1-only',
    zone: z.zone,
    parent: z.parent ?? '.',
    records: z.ds.map((d) => d.text),
    exchanges: sourceIds(source, ['ds']),
  };
}

/**
 * A DS we could check (supported digest and algorithm) that matches no key, beside one that
 * does. One we could not check says nothing: it may well match.
 */
function unusedWarning(z: ZoneProof, source: ZoneSources | undefined): DsUnusedWarning | null {
  if (z.anchoredBy !== 'parent-ds') return null;
  const matched = z.ds.filter((d) => d.matchesKeyTag !== undefined);
  const unused = z.ds.filter((d) => d.supported && d.matchesKeyTag === undefined);
  if (matched.length === 0 || unused.length === 0) return null;
  return {
    id: 'ds-unused',
    zone: z.zone,
    unused: unused.map((d) => d.text),
    matchedTags: [...new Set(matched.map((d) => d.matchesKeyTag!))],
    exchanges: sourceIds(source, ['ds', 'dnskey']),
  };
}

export function chainWarnings(facts: Facts, validation: EvidenceValidation): WarningFinding[] {
  const out: WarningFinding[] = [...nsec3Warnings(facts, chainZones(facts, validation))];
  for (const z of validation.proof?.zones ?? []) {
    const source = validation.sources.find((s) => fqdn(s.zone) === fqdn(z.zone));
    for (const w of [
      algorithmWarning(z, source),
      sha1Warning(z, source),
      unusedWarning(z, source),
      cdsWarning(facts, z, source),
    ]) {
      if (w) out.push(w);
    }
  }
  return out;
}
