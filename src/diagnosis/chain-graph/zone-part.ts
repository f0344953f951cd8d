/**
 * One zone of the chain as graph nodes and edges: its DS records at the parent (or the trust
 * anchor) and the digest edge to the key each matches (RFC 4035 §5.2), the parent's proof
 * that there is no DS (an insecure delegation, §5.2 last paragraph), its DNSKEYs, and the
 * DNSKEY set with the signatures that make it trusted (§5.3).
 */

import { visibleText } from '../../dns/visible-text';
import type { DsInfo, ZoneProof } from '../../dnssec/proof-tree';
import { algorithmName, digestName, explainFinding, keyRole } from '../chain-view';
import { said, worse, type GraphBuilder } from './builder';
import { zoneTarget, type GraphStatus } from './graph';
import { count, outcomeWords, signatureEvidence } from './words';

const text = visibleText;

/** The zone's DNSKEYs, KSKs first: the order the chain is read in (as the list has them). */
function addKeys(b: GraphBuilder, z: ZoneProof): void {
  const ordered = [...z.dnskeys].sort(
    (p, q) => Number(q.sep) - Number(p.sep) || p.keyTag - q.keyTag,
  );
  // A DNSKEY trust anchor (RFC 4035 §4.4 lets a resolver be configured with either).
  const keyAnchored = z.anchoredBy === 'trust-anchor' && z.ds.length === 0;
  for (const k of ordered) {
    const role = keyRole(k);
    const size = k.keySizeBits === undefined ? '' : ` · ${k.keySizeBits} bits`;
    b.addNode({
      id: `dnskey|${z.zone}|${k.keyTag}|${k.algorithm}`,
      kind: 'dnskey',
      zone: z.zone,
      cluster: z.zone,
      row: 'keys',
      status: z.status,
      title: `${role} ${k.keyTag}`,
      subtitle: `${algorithmName(k.algorithm)}${size}`,
      brief: `alg ${k.algorithm}`,
      ...(k.sep && k.zoneKey ? { sep: true } : {}),
      ...(k.revoked ? { revoked: true } : {}),
      ...(keyAnchored && k.matchedByDs ? { anchor: true } : {}),
      label: text(
        `${role} ${k.keyTag} of ${z.zone}, ${algorithmName(k.algorithm)}, flags ${k.flags}: ${z.status}`,
      ),
      evidence: {
        heading: text(`DNSKEY ${k.keyTag} of ${z.zone} (${role})`),
        // What the key signs is known once every edge is drawn (build.ts).
        summary: '',
        problems: [],
        records: [text(k.text)],
        signatures: [],
        sources: b.sourcesOf(z.zone, 'dnskey'),
      },
    });
  }
}

interface DigestOutcome {
  readonly outcome: string;
  readonly status: GraphStatus;
  readonly keyTag: number;
}

/**
 * What a DS group's digest edge says: a match; digests this validator cannot compute; or no
 * match — bogus when no DS of the zone matches (RFC 4035 §5.2), a left-over DS when another does.
 */
function digestOutcome(z: ZoneProof, ds: readonly DsInfo[]): DigestOutcome {
  const first = ds[0]!;
  const matched = ds.find((d) => d.matchesKeyTag !== undefined);
  if (matched) return { outcome: 'match', status: 'secure', keyTag: matched.matchesKeyTag! };
  if (!ds.some((d) => d.supported))
    return { outcome: 'unsupported', status: 'insecure', keyTag: first.keyTag };
  if (z.ds.some((d) => d.matchesKeyTag !== undefined))
    return { outcome: 'unused', status: 'insecure', keyTag: first.keyTag };
  const published = z.dnskeys.some(
    (k) => k.keyTag === first.keyTag && k.algorithm === first.algorithm,
  );
  return {
    outcome: published ? 'no-match' : 'no-key',
    status: z.status === 'secure' ? 'insecure' : z.status,
    keyTag: first.keyTag,
  };
}

function digestSentence(z: ZoneProof, ds: readonly DsInfo[], key: string, outcome: string): string {
  const tag = ds[0]!.keyTag;
  const where = z.anchoredBy === 'trust-anchor' ? 'the trust anchor' : `the DS in ${z.parent}`;
  switch (outcome) {
    case 'match':
      return `${key} of ${z.zone} hashes to ${where} (key tag ${tag}): trust enters ${z.zone} here.`;
    case 'unused':
      return `DS ${tag} matches no key of ${z.zone}; another DS does, so the chain holds and this one is left over.`;
    case 'unsupported':
      return `DS ${tag} uses only digest types this validator cannot compute (${ds.map((d) => digestName(d.digestType)).join(', ')}).`;
    case 'no-match':
      return `The digest of ${key} of ${z.zone} does not match DS ${tag} in ${z.parent}.`;
    default:
      return `DS ${tag} in ${z.parent} names a key that ${z.zone} does not publish (${z.dnskeys.length > 0 ? `key tags present: ${z.dnskeys.map((k) => k.keyTag).join(', ')}` : 'it publishes no DNSKEY'}).`;
  }
}

/** The digest edge from a DS group to the key it vouches for (or the absent key it names). */
function addDigestEdge(b: GraphBuilder, z: ZoneProof, ds: readonly DsInfo[], from: string): void {
  const first = ds[0]!;
  const { outcome, status, keyTag } = digestOutcome(z, ds);
  const key = b.keyNode(z.zone, keyTag, first.algorithm, status);
  const keyName = b.keyName(z.zone, keyTag, first.algorithm);
  const findings = z.findings.filter(
    (f) =>
      (f.reason === 'ds-mismatch' && f.ds?.keyTag === first.keyTag) ||
      (f.reason === 'dnskey-missing' && !f.rrsig) ||
      f.reason === 'unsupported-digest',
  );
  b.addEdge({
    kind: 'digest',
    from,
    to: key.id,
    zone: z.zone,
    status,
    outcome,
    signatures: [],
    label: text(
      `DS ${first.keyTag} to ${keyName} of ${z.zone}: ${outcome === 'match' ? 'digest matches' : outcomeWords(outcome)}, ${status}`,
    ),
    evidence: {
      heading: text(`DS ${first.keyTag} → ${keyName} of ${z.zone}`),
      ...said(
        findings.map((f) => explainFinding(f, z)),
        digestSentence(z, ds, keyName, outcome),
      ),
      records: [...ds.map((d) => text(d.text)), ...key.evidence.records],
      signatures: [],
      sources: [...b.sourcesOf(z.zone, 'ds'), ...b.sourcesOf(z.zone, 'dnskey')],
    },
  });
}

/** The zone's DS records, one node per key tag and algorithm (DNSViz groups digest types too). */
function addDs(b: GraphBuilder, z: ZoneProof): void {
  const anchored = z.anchoredBy === 'trust-anchor';
  const parent = anchored ? undefined : b.zoneProof(z.parent);
  const groups = new Map<string, DsInfo[]>();
  for (const d of z.ds)
    groups.set(`${d.keyTag}|${d.algorithm}`, [
      ...(groups.get(`${d.keyTag}|${d.algorithm}`) ?? []),
      d,
    ]);
  const sources = b.sourcesOf(z.zone, 'ds');
  for (const ds of groups.values()) {
    const first = ds[0]!;
    const digests = ds.map((d) => digestName(d.digestType)).join(', ');
    const status: GraphStatus = anchored
      ? 'secure'
      : !ds.some((d) => d.supported)
        ? 'insecure'
        : (z.dsRrset?.status ?? z.status);
    const at = anchored ? 'trust anchor' : `in ${parent?.zone ?? z.parent ?? 'the parent'}`;
    const id = b.addNode({
      id: `ds|${z.zone}|${first.keyTag}|${first.algorithm}`,
      kind: 'ds',
      zone: z.zone,
      cluster: parent?.zone ?? z.zone,
      row: parent ? 'data' : 'anchor',
      status,
      title: `DS ${first.keyTag}`,
      subtitle: anchored ? `trust anchor · ${digests}` : text(`for ${z.zone} · ${digests}`),
      brief: anchored ? 'trust anchor' : digests,
      ...(anchored ? { anchor: true } : {}),
      label: text(
        `DS ${first.keyTag} of ${z.zone} (${at}), ${algorithmName(first.algorithm)}, ${digests}: ${status}`,
      ),
      evidence: {
        heading: text(`DS ${first.keyTag} of ${z.zone} (${at})`),
        summary: text(
          anchored
            ? `A configured trust anchor for ${z.zone}: the chain of trust starts here.`
            : digestOutcome(z, ds).outcome === 'unused'
              ? `The DS set in ${z.parent} (${z.dsRrset?.status ?? z.status}) also holds DS ${first.keyTag}, which matches no key of ${z.zone}: it is left over, harmless while another DS leads in.`
              : `The DS set in ${z.parent} vouches for key ${first.keyTag} of ${z.zone}; the DS set itself is ${z.dsRrset?.status ?? z.status}.`,
        ),
        problems: (z.dsRrset?.findings ?? []).map((f) => text(explainFinding(f, z))),
        records: ds.map((d) => text(d.text)),
        signatures: (z.dsRrset?.signatures ?? []).map(signatureEvidence),
        sources,
      },
    });
    // One RRSIG covers the whole DS set; it is drawn to each DS node of the set, as DNSViz
    // does (dnsviz/viz/dnssec.py, graph_zone_auth: add_rrsigs per DS node), so a left-over
    // DS reads as authentic (signed) but leading nowhere, not as an unsigned record.
    if (z.dsRrset) b.signatureEdges(z.dsRrset, id, z.zone, sources);
    addDigestEdge(b, z, ds, id);
  }
}

/** The parent's NSEC/NSEC3 proof that the child has no DS, and the insecure delegation it makes. */
function addDsDenial(b: GraphBuilder, z: ZoneProof): void {
  const d = z.dsDenial;
  if (!d) return;
  const parent = b.zoneProof(z.parent);
  const mechanism = (d.mechanism ?? 'nsec').toUpperCase();
  const sources = b.sourcesOf(z.zone, 'ds');
  const what =
    d.kind === 'opt-out'
      ? `opt-out span over ${z.zone}`
      : d.kind === 'not-a-cut'
        ? `${z.zone} is no zone cut`
        : `no DS for ${z.zone}`;
  const link = b.view.links.find((l) => l.key === `zone:${z.zone}`);
  // A proof that there is no DS is "insecure" as an outcome; its NSEC records themselves
  // are as trustworthy as their signatures (DNSViz colours the NSEC node by those).
  const proofStatus: GraphStatus =
    d.status === 'insecure'
      ? d.rrsets.map((r) => r.status as GraphStatus).reduce(worse, 'secure')
      : d.status;
  const id = b.addNode({
    id: `denial|${z.zone}|ds`,
    kind: 'denial',
    zone: z.zone,
    cluster: parent?.zone ?? z.zone,
    row: parent ? 'data' : 'anchor',
    status: proofStatus,
    title: `${mechanism}${d.rrsets.length > 1 ? ` ×${d.rrsets.length}` : ''}`,
    subtitle: what,
    brief: d.kind === 'opt-out' ? 'opt-out' : d.kind === 'not-a-cut' ? 'no zone cut' : 'no DS',
    label: text(`${mechanism} proof in ${z.parent ?? 'the parent'}: ${what}: ${proofStatus}`),
    evidence: {
      heading: text(`${mechanism} proof: ${what}`),
      summary: text(link?.summary ?? what),
      problems: d.findings
        .filter((f) => f.status !== 'insecure')
        .map((f) => text(explainFinding(f, z))),
      records: d.rrsets.flatMap((r) => r.records.map(text)),
      signatures: d.rrsets.flatMap((r) => r.signatures.map(signatureEvidence)),
      sources,
    },
  });
  b.signatureEdges(d.rrsets, id, z.zone, sources);
  b.addEdge({
    kind: 'delegation',
    from: id,
    to: zoneTarget(z.zone),
    zone: z.zone,
    status: z.status,
    outcome: d.kind === 'opt-out' ? 'opt-out' : 'no-ds',
    signatures: [],
    label: text(
      `Delegation from ${z.parent ?? 'the parent'} to ${z.zone} without a DS: ${z.status}`,
    ),
    evidence: {
      heading: text(`Delegation ${z.parent ?? ''} → ${z.zone}`),
      summary: text(link?.summary ?? what),
      problems: [],
      records: d.rrsets.flatMap((r) => r.records.map(text)),
      signatures: [],
      sources,
    },
  });
}

/** The zone's DNSKEY set and the signatures over it (RFC 4035 §5.2: the self-signature). */
function addDnskeySet(b: GraphBuilder, z: ZoneProof): void {
  const r = z.dnskeyRrset;
  if (!r) return;
  const sources = b.sourcesOf(z.zone, 'dnskey');
  const link = b.view.links.find((l) => l.key === `zone:${z.zone}`);
  const id = b.addNode({
    id: `rrset|${z.zone}|DNSKEY`,
    kind: 'rrset',
    zone: z.zone,
    cluster: z.zone,
    row: 'data',
    status: r.status,
    title: 'DNSKEY set',
    subtitle: count(r.records.length, 'key'),
    brief: count(r.records.length, 'key'),
    label: text(`DNSKEY set of ${z.zone}, ${count(r.records.length, 'key')}: ${r.status}`),
    evidence: {
      heading: text(`DNSKEY set of ${z.zone}`),
      summary: text(link?.summary ?? ''),
      problems: r.findings.map((f) => text(explainFinding(f, z))),
      records: r.records.map(text),
      signatures: r.signatures.map(signatureEvidence),
      sources,
    },
  });
  b.signatureEdges(r, id, z.zone, sources);
  b.missingSignatureEdges(r, id, z.zone, z.zone, sources);
}

/** Adds one zone of the proof tree: keys first (the DS edges point at them), then DS, then the key set. */
export function addZoneRecords(b: GraphBuilder, z: ZoneProof): void {
  b.addZone({ name: z.zone, status: z.status });
  addKeys(b, z);
  addDs(b, z);
  addDsDenial(b, z);
  addDnskeySet(b, z);
}
