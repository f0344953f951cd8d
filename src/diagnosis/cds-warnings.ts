/**
 * What a zone asks its parent to publish: CDS and CDNSKEY records (RFC 7344 §3) against the
 * DS set the parent publishes today, and what the parent would do on reading them.
 *
 * A parent that scans for them (RFC 7344 §4.1; dnssec-cds, many ccTLD registries) replaces
 * its DS set with the one they describe once they are signed by a key its current DS points
 * to; a "delete" record (RFC 8078 §4: CDS 0 0 0 00, CDNSKEY 0 3 0 AA==) makes it remove
 * every DS. So a CDS for a key that does not sign the zone's DNSKEY set is an outage in
 * waiting, and a delete record an insecure zone in waiting. Zonemaster's DNSSEC16/17 test
 * the same first property from a server; here it is read from the evidence.
 *
 * The records come from the planner's `apex` queries (CD=1: a bogus zone still shows them)
 * and the zone's DNSKEY exchange; the DS set and which key signs the DNSKEY set are the
 * validator's (the proof tree). Worded in explain/cds-warnings.ts.
 */

import { sameName } from '../dns/name';
import type { DnsRecord } from '../dns/message';
import { bytesEqual, toHex } from '../dns/wire/encoding';
import { isSupportedDigestType } from '../dnssec/ds-digest';
import { dsMatchesKey, zoneKeysOf, type ZoneKey } from '../dnssec/zone-key';
import type { ZoneProof } from '../dnssec/proof-tree';
import { recordText, type Facts } from './facts';
import type { ZoneSources } from './validate-evidence';
import type { CdsMismatchWarning, ChildRecordCheck } from './warning-finding';

/** RFC 8078 §4: algorithm 0 is how a child asks for its DS set to be removed. */
function isDelete(rr: DnsRecord): boolean {
  return (rr.data.kind === 'CDS' || rr.data.kind === 'CDNSKEY') && rr.data.algorithm === 0;
}

/**
 * The key a CDS or CDNSKEY record stands for, among the zone's published keys: a CDS as a
 * DS names one (tag, algorithm, digest; only the tag and algorithm when we cannot compute
 * the digest type), a CDNSKEY by its RDATA, which is a DNSKEY's (RFC 7344 §3.2).
 */
function keyOf(rr: DnsRecord, keys: readonly ZoneKey[]): ZoneKey | null {
  const d = rr.data;
  if (d.kind === 'CDNSKEY') return keys.find((k) => bytesEqual(k.rdata, rr.wire.rdata)) ?? null;
  if (d.kind !== 'CDS') return null;
  if (isSupportedDigestType(d.digestType)) return keys.find((k) => dsMatchesKey(d, k)) ?? null;
  return keys.find((k) => k.keyTag === d.keyTag && k.dnskey.algorithm === d.algorithm) ?? null;
}

function checkRecord(rr: DnsRecord, keys: readonly ZoneKey[], proof: ZoneProof): ChildRecordCheck {
  const key = keyOf(rr, keys);
  if (key === null) return { record: recordText(rr), type: rr.type, state: 'no-key' };
  const info = proof.dnskeys.find(
    (k) => k.keyTag === key.keyTag && k.algorithm === key.dnskey.algorithm,
  );
  const signing = info !== undefined && !info.revoked && info.signs.includes('DNSKEY');
  return {
    record: recordText(rr),
    type: rr.type,
    keyTag: key.keyTag,
    state: signing ? 'signing' : 'not-signing',
  };
}

/** The answer records of the zone's CDS and CDNSKEY exchanges, and those exchanges' ids. */
function childRecords(facts: Facts, zone: string): { records: DnsRecord[]; exchanges: string[] } {
  const records: DnsRecord[] = [];
  const exchanges: string[] = [];
  for (const type of ['CDS', 'CDNSKEY'] as const) {
    for (const x of facts.exchangesFor('apex', zone, type)) {
      const found = (facts.message(x)?.answer ?? []).filter(
        (rr) => rr.type === type && sameName(rr.name, zone),
      );
      if (found.length === 0) continue;
      records.push(...found);
      exchanges.push(x.id);
      break; // one answer per type is enough; every one asked the same resolver
    }
  }
  return { records, exchanges };
}

/** Key tags a DS set leads to, sorted: the parent's today, or the child's CDS/CDNSKEY. */
function tagsOf(tags: readonly (number | undefined)[]): number[] {
  return [...new Set(tags.filter((t): t is number => t !== undefined))].sort((a, b) => a - b);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** The parent's DS records as `tag alg type DIGEST`, to compare with the child's CDS. */
function dsLines(proof: ZoneProof): string[] {
  return proof.ds.map((d) => `${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest}`).sort();
}

function cdsLines(records: readonly DnsRecord[]): string[] {
  return records
    .flatMap((rr) =>
      rr.data.kind === 'CDS'
        ? [
            `${rr.data.keyTag} ${rr.data.algorithm} ${rr.data.digestType} ${toHex(rr.data.digest).toUpperCase()}`,
          ]
        : [],
    )
    .sort();
}

/** What the parent would do on reading the child's records; null: nothing would change. */
function outcomeOf(
  proof: ZoneProof,
  records: readonly DnsRecord[],
  checks: readonly ChildRecordCheck[],
): CdsMismatchWarning['outcome'] | null {
  if (records.some(isDelete)) return proof.ds.length > 0 ? 'insecure' : null;
  if (!checks.some((c) => c.state === 'signing')) return 'breaks';
  if (checks.some((c) => c.state !== 'signing')) return 'stray';
  const byType = (type: string) =>
    tagsOf(checks.filter((c) => c.type === type).map((c) => c.keyTag));
  const cds = byType('CDS');
  const cdnskey = byType('CDNSKEY');
  if (cds.length > 0 && cdnskey.length > 0 && !sameList(cds, cdnskey)) return 'inconsistent';
  const parentTags = tagsOf(proof.ds.map((d) => d.matchesKeyTag));
  const sameAsParent =
    cds.length > 0
      ? sameList(cdsLines(records), dsLines(proof))
      : sameList(cdnskey, parentTags) && proof.ds.every((d) => d.matchesKeyTag !== undefined);
  return sameAsParent ? null : 'replaces';
}

/** The cds-mismatch warning of one zone of the proof, when its CDS/CDNSKEY call for one. */
export function cdsWarning(
  facts: Facts,
  proof: ZoneProof,
  source: ZoneSources | undefined,
): CdsMismatchWarning | null {
  if (proof.zone === '.' || proof.anchoredBy !== 'parent-ds') return null;
  const { records, exchanges } = childRecords(facts, proof.zone);
  if (records.length === 0) return null;
  const dnskeyExchange = facts.evidence.exchanges.find((x) => x.id === source?.dnskey);
  const answer = (dnskeyExchange ? facts.message(dnskeyExchange)?.answer : undefined) ?? [];
  const keys = zoneKeysOf(answer.map((rr) => rr.wire));
  const checks = records.filter((rr) => !isDelete(rr)).map((rr) => checkRecord(rr, keys, proof));
  const outcome = outcomeOf(proof, records, checks);
  if (outcome === null) return null;
  return {
    id: 'cds-mismatch',
    zone: proof.zone,
    parent: proof.parent ?? '.',
    outcome,
    records: records.map(recordText),
    checks,
    ds: proof.ds.map((d) => d.text),
    exchanges: [...exchanges, ...[source?.ds, source?.dnskey].filter((id) => id !== undefined)],
  };
}
