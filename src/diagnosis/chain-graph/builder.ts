/**
 * The graph being built: nodes by id, edges in the order they are found (top down), the
 * zones, and the two things every part needs — the node of the key that made a signature
 * (or, when the zone does not publish it, an absent key as DNSViz draws one) and the edges
 * of an RRset's signatures.
 */

import { visibleText } from '../../dns/visible-text';
import type { ProofTree, RrsetProof, SignatureInfo, ZoneProof } from '../../dnssec/proof-tree';
import type { ChainSource, ChainView } from '../chain-view';
import { algorithmName, explainFinding, keyRole } from '../chain-view';
import type { EvidenceValidation } from '../validate-evidence';
import type { GraphEdge, GraphNode, GraphStatus, GraphZone } from './graph';
import { edgeTag, outcomeWords, signatureEvidence, signatureKey } from './words';

/** A signature's outcome as the status of its edge (RFC 4035 §5.3: any failure is bogus). */
const SIGNATURE_STATUS: Readonly<Record<SignatureInfo['outcome'], GraphStatus>> = {
  valid: 'secure',
  invalid: 'bogus',
  expired: 'bogus',
  'not-yet-valid': 'bogus',
  'no-key': 'bogus',
  malformed: 'bogus',
  unsupported: 'insecure',
  'not-tried': 'indeterminate',
};

const RANK: Readonly<Record<GraphStatus, number>> = {
  secure: 0,
  insecure: 1,
  indeterminate: 2,
  failing: 3,
  bogus: 4,
};

/**
 * An evidence's summary and problems: the validator's first finding in plain words when
 * there is one (the list says the same), else `otherwise`; the other findings after it.
 */
export function said(
  explained: readonly string[],
  otherwise: string,
): { summary: string; problems: string[] } {
  const [first, ...rest] = explained.map(visibleText);
  return { summary: first ?? visibleText(otherwise), problems: rest };
}

/** Each exchange once, in first-seen order. */
const unique = (sources: readonly ChainSource[]): ChainSource[] =>
  sources.filter((s, i) => sources.findIndex((t) => t.exchange === s.exchange) === i);

export const worse = (a: GraphStatus, b: GraphStatus): GraphStatus => (RANK[a] >= RANK[b] ? a : b);

/** What a signature (and `more` like it) says about the RRset it covers, in one sentence. */
function signatureSentence(sig: SignatureInfo, by: string, more: number): string {
  const what =
    more > 0 ? `${more + 1} ${sig.typeCovered} sets` : `the ${sig.typeCovered} set of ${sig.owner}`;
  const times = `valid ${signatureEvidence(sig).inception} to ${signatureEvidence(sig).expiration}`;
  switch (sig.outcome) {
    case 'valid':
      return `${by} signed ${what}; the signature verifies (${times}).`;
    case 'expired':
      return `${by}'s signature over ${what} expired at ${signatureEvidence(sig).expiration} (it was valid from ${signatureEvidence(sig).inception}).`;
    case 'not-yet-valid':
      return `${by}'s signature over ${what} is valid only from ${signatureEvidence(sig).inception}.`;
    case 'no-key':
      return `A signature over ${what} names key ${sig.keyTag}, which ${sig.signer} does not publish.`;
    case 'not-tried':
      return `${by}'s signature over ${what} was not checked: another signature had already verified (${times}).`;
    default:
      return `${by}'s signature over ${what}: ${outcomeWords(sig.outcome)} (${times}).`;
  }
}

export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  readonly zones: GraphZone[] = [];

  constructor(
    readonly tree: ProofTree,
    readonly view: ChainView,
    readonly validation: EvidenceValidation,
  ) {}

  zoneProof(name: string | undefined): ZoneProof | undefined {
    const wanted = name?.toLowerCase();
    return this.tree.zones.find((z) => z.zone.toLowerCase() === wanted);
  }

  addZone(zone: GraphZone): void {
    if (!this.zones.some((z) => z.name === zone.name)) this.zones.push(zone);
  }

  addNode(node: GraphNode): string {
    const seen = this.nodes.get(node.id);
    this.nodes.set(node.id, seen ? { ...seen, status: worse(seen.status, node.status) } : node);
    return node.id;
  }

  addEdge(edge: Omit<GraphEdge, 'id' | 'tag'>): GraphEdge {
    const base = `${edge.kind}|${edge.from}|${edge.to}`;
    const n = this.edges.filter((e) => e.id === base || e.id.startsWith(`${base}#`)).length;
    const made = {
      ...edge,
      id: n === 0 ? base : `${base}#${n}`,
      tag: edgeTag(edge.status, edge.outcome),
    };
    this.edges.push(made);
    return made;
  }

  /** The exchanges a zone's DS or DNSKEY set came from (the list's evidence chips). */
  sourcesOf(zone: string, what: 'ds' | 'dnskey'): ChainSource[] {
    const s = this.validation.sources.find((x) => x.zone === zone.toLowerCase());
    const id = s?.[what];
    return id ? [{ label: `${what === 'ds' ? 'DS' : 'DNSKEY'} ${zone}`, exchange: id }] : [];
  }

  /** The target response every answer step came from. */
  answerSources(): ChainSource[] {
    const id = this.validation.targetExchange;
    return id ? [{ label: `${this.tree.qname} ${this.tree.qtype}`, exchange: id }] : [];
  }

  /** The node of `zone`'s key `keyTag`/`algorithm`; an absent key when the zone lacks it. */
  keyNode(zone: string, keyTag: number, algorithm: number, status: GraphStatus): GraphNode {
    const z = this.zoneProof(zone);
    const name = z?.zone ?? zone;
    const id = `dnskey|${name}|${keyTag}|${algorithm}`;
    const existing = this.nodes.get(id);
    if (existing) return existing;
    const cluster = z ? name : (this.zones.at(-1)?.name ?? name);
    const node: GraphNode = {
      id,
      kind: 'dnskey',
      zone: name,
      cluster,
      row: 'keys',
      status,
      title: `DNSKEY ${keyTag}`,
      subtitle: 'not published',
      brief: 'absent',
      absent: true,
      label: `DNSKEY ${keyTag} of ${visibleText(name)}, ${algorithmName(algorithm)}, which the zone does not publish: ${status}`,
      evidence: {
        heading: `DNSKEY ${keyTag} of ${visibleText(name)} (not published)`,
        summary: `${visibleText(name)} publishes no DNSKEY with key tag ${keyTag} and algorithm ${algorithmName(algorithm)}.`,
        problems: [],
        records: [],
        signatures: [],
        sources: this.sourcesOf(name, 'dnskey'),
      },
    };
    this.addNode(node);
    return node;
  }

  /** `KSK 19768` for a published key, `DNSKEY 38886` for an absent one. */
  keyName(zone: string, keyTag: number, algorithm: number): string {
    const key = this.zoneProof(zone)?.dnskeys.find(
      (k) => k.keyTag === keyTag && k.algorithm === algorithm,
    );
    return key ? `${keyRole(key)} ${keyTag}` : `DNSKEY ${keyTag}`;
  }

  /**
   * One edge per key and outcome from the keys that signed `rrset` to node `to` (several
   * NSEC3 records signed by one key make one edge), each with its signatures as evidence.
   */
  signatureEdges(
    signed: RrsetProof | readonly RrsetProof[],
    to: string,
    zone: string,
    sources: readonly ChainSource[],
  ): void {
    const rrsets: readonly RrsetProof[] = Array.isArray(signed) ? signed : [signed as RrsetProof];
    const findings = rrsets.flatMap((r) => r.findings);
    const groups = new Map<string, SignatureInfo[]>();
    for (const sig of rrsets.flatMap((r) => r.signatures)) {
      const k = `${sig.signer.toLowerCase()}|${sig.keyTag}|${sig.algorithm}|${sig.outcome}`;
      groups.set(k, [...(groups.get(k) ?? []), sig]);
    }
    for (const sigs of groups.values()) {
      const sig = sigs[0]!;
      const status = SIGNATURE_STATUS[sig.outcome];
      const key = this.keyNode(sig.signer, sig.keyTag, sig.algorithm, status);
      const by = `${this.keyName(sig.signer, sig.keyTag, sig.algorithm)} of ${sig.signer}`;
      const target = this.nodes.get(to);
      this.addEdge({
        kind: 'signature',
        from: key.id,
        to,
        zone,
        status,
        outcome: sig.outcome,
        signatures: sigs.map(signatureKey),
        label: visibleText(
          `Signature by ${by} over ${target?.title ?? sig.owner}: ${outcomeWords(sig.outcome)}, ${status}`,
        ),
        evidence: {
          heading: visibleText(
            `RRSIG by ${by} over ${target?.title ?? `${sig.owner} ${sig.typeCovered}`}`,
          ),
          // The validator's own words when it has some about these signatures (as the list says them).
          ...said(
            findings
              .filter(
                (f) => f.rrsig && sigs.some((s) => signatureKey(s) === signatureKey(f.rrsig!)),
              )
              .map((f) => explainFinding(f, this.zoneProof(sig.signer))),
            signatureSentence(sig, by, sigs.length - 1),
          ),
          records: [],
          signatures: sigs.map(signatureEvidence),
          sources: unique([...this.sourcesOf(sig.signer, 'dnskey'), ...sources]),
        },
      });
    }
  }

  /**
   * An RRset a signed zone serves without any signature (RFC 4035 §5.3.1, EDE 10): drawn as
   * `no RRSIG` edges from the keys that sign the zone's data, where one should have been.
   */
  missingSignatureEdges(
    rrset: RrsetProof,
    to: string,
    zone: string,
    signer: string | undefined,
    sources: readonly ChainSource[],
  ): void {
    const missing = rrset.findings.find((f) => f.reason === 'rrsig-missing');
    const z = this.zoneProof(signer);
    if (!missing || rrset.signatures.length > 0 || !z) return;
    const zsks = z.dnskeys.filter((k) => k.zoneKey && !k.revoked && !k.sep);
    for (const k of zsks.length > 0 ? zsks : z.dnskeys) {
      const key = this.keyNode(z.zone, k.keyTag, k.algorithm, 'bogus');
      this.addEdge({
        kind: 'signature',
        from: key.id,
        to,
        zone,
        status: 'bogus',
        outcome: 'missing',
        signatures: [],
        label: visibleText(
          `No signature by ${keyRole(k)} ${k.keyTag} of ${z.zone} over ${rrset.owner} ${rrset.type}: bogus`,
        ),
        evidence: {
          heading: visibleText(`No RRSIG over ${rrset.owner} ${rrset.type}`),
          summary: visibleText(explainFinding(missing, z)),
          problems: [],
          records: rrset.records.map(visibleText),
          signatures: [],
          sources,
        },
      });
    }
  }
}
