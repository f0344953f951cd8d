/**
 * One step of the answer as graph nodes and edges: its RRsets and the signatures over them
 * (RFC 4035 §5.3), its NSEC/NSEC3 proof and the name or type it proves absent (§5.4,
 * RFC 5155 §8), or — when the validator never reached its records because the zone's chain
 * failed — the step alone, with the step's status.
 */

import { visibleText } from '../../dns/visible-text';
import type { AnswerStep, DenialProof, RrsetProof } from '../../dnssec/proof-tree';
import { explainFinding, onPath } from '../chain-view';
import type { GraphBuilder } from './builder';
import type { GraphStatus } from './graph';
import { count, signatureEvidence } from './words';

const text = visibleText;

/** The nodes a step adds that other edges attach to. */
export interface StepNodes {
  /** The first node of the step: where a CNAME pointing at it arrives. */
  readonly entry: string;
  /** The CNAME or DNAME RRset, when the step is one: where its alias edge leaves. */
  readonly alias?: string;
}

/** The zone box a step is drawn in: its signer zone, else the deepest zone above its name. */
function clusterOf(b: GraphBuilder, s: AnswerStep): string {
  const own = b.zoneProof(s.zone);
  if (own) return own.zone;
  const above = b.tree.zones.filter((z) => onPath(z.zone, s.owner)).at(-1);
  return above?.zone ?? s.zone ?? s.owner;
}

function addRrset(
  b: GraphBuilder,
  s: AnswerStep,
  i: number,
  r: RrsetProof,
  cluster: string,
): string {
  const link = b.view.links.find((l) => l.key === `answer:${i}`);
  const main = r.type === s.type || r.type === 'CNAME' || r.type === 'DNAME';
  const records = count(r.records.length, 'record');
  const sources = b.answerSources();
  const id = b.addNode({
    id: `rrset|${r.owner}|${r.type}|${i}`,
    kind: 'rrset',
    zone: s.owner,
    cluster,
    row: 'data',
    step: i,
    status: r.status,
    title: text(`${r.owner} ${r.type}`),
    subtitle: r.wildcard ? text(`${records} · from ${r.wildcard}`) : records,
    brief: r.wildcard ? 'wildcard' : records,
    label: text(`${r.owner} ${r.type}, ${records}: ${r.status}`),
    evidence: {
      heading: text(`${r.owner} ${r.type}`),
      summary: text(
        main && link
          ? link.summary
          : `${records} of ${r.owner} ${r.type}, sent with the answer; ${r.status}.`,
      ),
      problems: r.findings.map((f) => text(explainFinding(f, b.zoneProof(s.zone)))),
      records: r.records.map(text),
      signatures: r.signatures.map(signatureEvidence),
      sources,
    },
  });
  b.signatureEdges(r, id, s.owner, sources);
  b.missingSignatureEdges(r, id, s.owner, s.zone, sources);
  return id;
}

/** Denials that prove a name or a type absent (rather than a wildcard's closer name). */
const NEGATIVE: ReadonlySet<string> = new Set(['nxdomain', 'nodata', 'wildcard-nodata']);

const PROVES: Readonly<Record<string, string>> = {
  nxdomain: 'proves NXDOMAIN',
  nodata: 'proves NODATA',
  'wildcard-nodata': 'proves no name, no wildcard',
  'wildcard-expansion': 'proves no closer name',
  wildcard: 'proves no closer name',
};

/** What a denial of `kind` proves about step `s`, as a clause. */
function absence(s: AnswerStep, kind: string): string {
  if (kind === 'nxdomain') return `${s.owner} does not exist`;
  if (kind === 'wildcard' || kind === 'wildcard-expansion')
    return `no name closer than the wildcard matches ${s.owner}`;
  return `${s.owner} has no ${s.type} records`;
}

/** The name or type a denial proves absent: DNSViz's dashed RRset node. */
function addAbsent(
  b: GraphBuilder,
  s: AnswerStep,
  i: number,
  cluster: string,
  kind: string,
): string {
  const nx = kind === 'nxdomain';
  const what = absence(s, kind);
  return b.addNode({
    id: `rrset|${s.owner}|${s.type}|${i}|absent`,
    kind: 'rrset',
    zone: s.owner,
    cluster,
    row: 'proved',
    step: i,
    status: s.status,
    title: text(`${s.owner} ${s.type}`),
    subtitle: nx ? 'name does not exist' : `no ${s.type} records`,
    brief: nx ? 'NXDOMAIN' : 'NODATA',
    absent: true,
    label: text(`${what}: ${s.status}`),
    evidence: {
      heading: text(`${s.owner} ${s.type}: ${nx ? 'NXDOMAIN' : 'NODATA'}`),
      summary: text(
        `${what}; the ${(s.denial?.mechanism ?? 'nsec').toUpperCase()} proof above says so (${s.status}).`,
      ),
      problems: [],
      records: [],
      signatures: [],
      sources: b.answerSources(),
    },
  });
}

/** The step's NSEC/NSEC3 proof, its signatures, and the proof edge to what it proves. */
function addDenial(
  b: GraphBuilder,
  s: AnswerStep,
  i: number,
  d: DenialProof,
  cluster: string,
  proved: string | undefined,
): string | undefined {
  const link = b.view.links.find((l) => l.key === `answer:${i}`);
  const mechanism = (d.mechanism ?? 'nsec').toUpperCase();
  const kind = s.kind ?? d.kind ?? '';
  const sources = b.answerSources();
  const encloser = d.closestEncloser ? ` Closest encloser: ${d.closestEncloser}` : '';
  const next = d.nextCloser ? `; next closer name: ${d.nextCloser}` : '';
  const id = b.addNode({
    id: `denial|answer|${i}`,
    kind: 'denial',
    zone: s.owner,
    cluster,
    row: 'data',
    step: i,
    status: d.status,
    title: `${mechanism}${d.rrsets.length > 1 ? ` ×${d.rrsets.length}` : ''}`,
    subtitle: PROVES[kind] ?? kind,
    brief: PROVES[kind] ?? kind,
    label: text(
      `${mechanism} proof for ${s.owner} ${s.type}, ${count(d.rrsets.length, 'record')}: ${d.status}`,
    ),
    evidence: {
      heading: text(`${mechanism} proof for ${s.owner} ${s.type}`),
      // Names end in a dot: no full stop follows them.
      summary: text(`${link?.summary ?? ''}${encloser}${next}`.trim()),
      problems: d.findings.map((f) => text(explainFinding(f, b.zoneProof(s.zone)))),
      records: d.rrsets.flatMap((r) => r.records.map(text)),
      signatures: d.rrsets.flatMap((r) => r.signatures.map(signatureEvidence)),
      sources,
    },
  });
  b.signatureEdges(d.rrsets, id, s.owner, sources);
  const target = proved ?? (NEGATIVE.has(kind) ? addAbsent(b, s, i, cluster, kind) : undefined);
  if (target) {
    b.addEdge({
      kind: 'proof',
      from: id,
      to: target,
      zone: s.owner,
      status: d.status,
      outcome: 'proves',
      signatures: [],
      label: text(`${mechanism} proof that ${absence(s, kind)}: ${d.status}`),
      evidence: {
        heading: text(`${mechanism} proof → ${s.owner} ${s.type}`),
        summary: text(link?.summary ?? ''),
        problems: [],
        records: d.rrsets.flatMap((r) => r.records.map(text)),
        signatures: [],
        sources,
      },
    });
  }
  return target;
}

/** A step whose records the validator never reached (its zone failed first), or an unsigned one. */
function addUnchecked(b: GraphBuilder, s: AnswerStep, i: number, cluster: string): string {
  const link = b.view.links.find((l) => l.key === `answer:${i}`);
  const why: Readonly<Record<GraphStatus, string>> = {
    secure: 'verified',
    insecure: 'not signed',
    bogus: 'not trusted',
    indeterminate: 'not checked',
    failing: 'no answer',
  };
  return b.addNode({
    id: `rrset|${s.owner}|${s.type}|${i}`,
    kind: 'rrset',
    zone: s.owner,
    cluster,
    row: 'data',
    step: i,
    status: s.status,
    title: text(`${s.owner} ${s.type}`),
    subtitle: why[s.status],
    brief: why[s.status],
    label: text(`${s.owner} ${s.type}, ${why[s.status]}: ${s.status}`),
    evidence: {
      heading: text(`${s.owner} ${s.type}`),
      summary: text(link?.summary ?? s.status),
      problems: (link?.problems ?? []).map(text),
      records: [],
      signatures: [],
      sources: b.answerSources(),
    },
  });
}

/** Adds answer step `i`; returns where an alias into it arrives and where its own leaves. */
export function addAnswerStep(b: GraphBuilder, s: AnswerStep, i: number): StepNodes {
  const cluster = clusterOf(b, s);
  b.addZone({ name: cluster, status: s.status });
  const ids = s.rrsets.map((r) => addRrset(b, s, i, r, cluster));
  const wildcard = s.kind === 'wildcard' ? ids[0] : undefined;
  const proved = s.denial ? addDenial(b, s, i, s.denial, cluster, wildcard) : undefined;
  const alias = s.rrsets.find((r) => r.type === 'CNAME' || r.type === 'DNAME');
  // A CNAME to a name that does not exist arrives at the absent name, not at the SOA.
  const negative = NEGATIVE.has(s.kind ?? s.denial?.kind ?? '');
  const entry =
    (negative ? (proved ?? ids[0]) : (ids[0] ?? proved)) ?? addUnchecked(b, s, i, cluster);
  return { entry, ...(alias ? { alias: `rrset|${alias.owner}|${alias.type}|${i}` } : {}) };
}
