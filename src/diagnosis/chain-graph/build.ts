/**
 * The chain-of-trust graph of a validation (graph.ts): every zone of the proof tree from
 * the trust anchor down, then every answer step, CNAME steps joined by alias edges, and
 * the item where the chain breaks.
 *
 * Pure: the same validation gives the same graph in Node and in the browser.
 *
 * @example
 *   const graph = chainGraph(await validateEvidence(evidence, { now }));
 *   graph.edges.find((e) => e.id === graph.broken)?.outcome; // 'expired'
 */

import { visibleText } from '../../dns/visible-text';
import type { ProofTree } from '../../dnssec/proof-tree';
import { chainView } from '../chain-view';
import type { EvidenceValidation } from '../validate-evidence';
import { addAnswerStep, type StepNodes } from './answer-part';
import { GraphBuilder } from './builder';
import type { ChainGraph, GraphEdge, GraphNode } from './graph';
import { addZoneRecords } from './zone-part';
import { outcomeWords, signatureKey } from './words';

const text = visibleText;

/** A CNAME or DNAME step's edge to the step it leads to (DNSViz draws it black: no signature). */
function addAlias(b: GraphBuilder, tree: ProofTree, steps: readonly StepNodes[]): void {
  tree.answer.forEach((s, i) => {
    const from = steps[i]?.alias;
    const to = steps[i + 1]?.entry;
    if (!from || !to || (s.kind !== 'cname' && s.kind !== 'dname')) return;
    const what = s.kind === 'cname' ? 'an alias (CNAME)' : 'redirected by a DNAME';
    b.addEdge({
      kind: 'alias',
      from,
      to,
      zone: s.owner,
      status: s.status,
      outcome: 'alias',
      signatures: [],
      label: text(`${s.owner} is ${what} for ${s.target ?? 'the next name'}: ${s.status}`),
      evidence: {
        heading: text(`${s.owner} → ${s.target ?? ''}`),
        summary: text(
          `${s.owner} is ${what} for ${s.target ?? 'the next name'}; the answer continues there.`,
        ),
        problems: [],
        records: [],
        signatures: [],
        sources: b.answerSources(),
      },
    });
  });
}

/** Each key's evidence says what its signatures cover, once every edge is known. */
function describeKeys(b: GraphBuilder): void {
  for (const node of b.nodes.values()) {
    if (node.kind !== 'dnskey' || node.absent) continue;
    const signs = b.edges
      .filter((e) => e.kind === 'signature' && e.from === node.id)
      .map((e) => {
        const target = b.nodes.get(e.to)?.title ?? e.to;
        return e.outcome === 'valid' ? target : `${target} (${outcomeWords(e.outcome)})`;
      });
    const entry = b.edges.some(
      (e) => e.kind === 'digest' && e.to === node.id && e.outcome === 'match',
    );
    const summary = `${node.title}${entry ? ', vouched for by the DS above,' : ''} ${signs.length > 0 ? `signs ${signs.join('; ')}` : 'made none of the signatures checked'}.`;
    b.nodes.set(node.id, { ...node, evidence: { ...node.evidence, summary: text(summary) } });
  }
}

/**
 * Where the chain breaks: the edge of the deciding finding's signature or DS, else the first
 * edge (top down) with the chain's status in the finding's zone, else the first anywhere,
 * else the first such node. Null on a secure chain.
 */
function brokenItem(
  tree: ProofTree,
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
): string | null {
  if (tree.status === 'secure') return null;
  const f = tree.findings[0];
  const bad = edges.filter((e) => e.status === tree.status);
  const owner = f?.owner?.toLowerCase();
  const bySignature = f?.rrsig && bad.find((e) => e.signatures.includes(signatureKey(f.rrsig!)));
  const byDs =
    f?.ds &&
    bad.find(
      (e) =>
        e.kind === 'digest' &&
        e.zone.toLowerCase() === owner &&
        e.from.endsWith(`|${f.ds!.keyTag}|${f.ds!.algorithm}`),
    );
  const inZone = owner === undefined ? undefined : bad.find((e) => e.zone.toLowerCase() === owner);
  const edge = bySignature || byDs || inZone || bad[0];
  return edge?.id ?? nodes.find((n) => n.status === tree.status)?.id ?? null;
}

/**
 * No resolver gave records to check (a lame or dead delegation): one failing node for the
 * deepest name the collector asked about, with the validation's own sentence.
 */
function failingGraph(v: EvidenceValidation): ChainGraph {
  const zone = v.sources.at(-1)?.zone ?? '.';
  const source = v.sources.at(-1);
  const id = `rrset|${zone}|failing`;
  const node: GraphNode = {
    id,
    kind: 'rrset',
    zone,
    cluster: zone,
    row: 'data',
    status: 'failing',
    title: text(zone),
    subtitle: 'no usable answer',
    brief: 'no answer',
    label: text(`${zone}: no resolver gave records to check: failing`),
    evidence: {
      heading: text(`${zone}: no usable answer`),
      summary: text(v.problem ?? 'No answer could be validated.'),
      problems: [],
      records: [],
      signatures: [],
      sources: [
        ...(source?.ds ? [{ label: text(`DS ${zone}`), exchange: source.ds }] : []),
        ...(source?.dnskey ? [{ label: text(`DNSKEY ${zone}`), exchange: source.dnskey }] : []),
      ],
    },
  };
  return {
    qname: '',
    qtype: '',
    status: 'failing',
    zones: [{ name: zone, status: 'failing' }],
    nodes: [node],
    edges: [],
    broken: id,
  };
}

/** The graph of a validation: its proof tree's records and links, top down. */
export function chainGraph(v: EvidenceValidation): ChainGraph {
  const tree = v.proof;
  if (!tree) return failingGraph(v);
  const b = new GraphBuilder(tree, chainView(v), v);
  for (const z of tree.zones) addZoneRecords(b, z);
  const steps = tree.answer.map((s, i) => addAnswerStep(b, s, i));
  addAlias(b, tree, steps);
  describeKeys(b);
  const nodes = [...b.nodes.values()];
  return {
    qname: tree.qname,
    qtype: tree.qtype,
    status: tree.status,
    zones: b.zones,
    nodes,
    edges: b.edges,
    broken: brokenItem(tree, nodes, b.edges),
  };
}
