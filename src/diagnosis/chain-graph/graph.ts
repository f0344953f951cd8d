/**
 * The chain of trust as a graph (issue 17): the records of the proof tree as nodes and what
 * links them as edges, in the picture DNS engineers know from DNSViz. DS records point at
 * the key they vouch for, keys point at the RRsets their signatures cover, NSEC/NSEC3
 * proofs point at what they prove, a CNAME at its target.
 *
 * Plain data, derived only from the validator's proof tree (src/dnssec/proof-tree.ts) and
 * the ids of the exchanges it rests on: the UI lays it out (layout.ts) and draws it.
 */

import type { Status } from '../../dnssec/status';
import type { ChainSource, SignatureRow } from '../chain-view';

/**
 * RFC 4035 §4.3's four statuses, and `failing`: no resolver gave records to check at all
 * (a lame or dead delegation), DNSViz's "lame" colour.
 */
export type GraphStatus = Status | 'failing';

export const GRAPH_STATUSES: readonly GraphStatus[] = [
  'secure',
  'insecure',
  'bogus',
  'indeterminate',
  'failing',
];

/** The DOM contract's `data-kind` of a node. */
export type NodeKind = 'ds' | 'dnskey' | 'rrset' | 'denial';

/**
 * Where a node sits inside its zone, top to bottom: the trust anchor, the zone's keys, what
 * those keys sign (the DNSKEY set, DS records of child zones, answers, NSEC/NSEC3 proofs),
 * and what a proof proves does not exist.
 */
export type NodeRow = 'anchor' | 'keys' | 'data' | 'proved';

/** One signature as the evidence pane lists it: the list's row and its RRSIG record. */
export interface SignatureEvidence extends SignatureRow {
  /** The RRSIG record, presentation format. */
  readonly text: string;
}

/** What a node or an edge rests on: its records, their signatures and the exchanges. */
export interface GraphEvidence {
  /** e.g. `DS 38886 of ds-mismatch.lab. (in lab.)` */
  readonly heading: string;
  /** One plain sentence: what holds, or what breaks. */
  readonly summary: string;
  /** The validator's findings here, in plain words. */
  readonly problems: readonly string[];
  /** Records, presentation format. */
  readonly records: readonly string[];
  readonly signatures: readonly SignatureEvidence[];
  /** The DoH exchanges the records came from (the list's evidence chips). */
  readonly sources: readonly ChainSource[];
}

export interface GraphNode {
  /** Unique in the graph. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The chain link this record belongs to (the list's `data-zone`): a zone, or an answer's owner. */
  readonly zone: string;
  /** The zone whose box it is drawn in (a DS sits in its parent, as DNSViz draws it). */
  readonly cluster: string;
  readonly row: NodeRow;
  readonly status: GraphStatus;
  /** First line, e.g. `KSK 19768`, `www.alg13.lab. A`. */
  readonly title: string;
  /** Second line, e.g. `ECDSAP256SHA256 · 256 bits`. */
  readonly subtitle: string;
  /** A shorter second line for narrow screens, e.g. `alg 13`. */
  readonly brief: string;
  /** DNSKEY with the SEP bit (a KSK): DNSViz's grey fill. */
  readonly sep?: boolean;
  /** DNSKEY with the REVOKE bit (RFC 5011 §3): a thick border. */
  readonly revoked?: boolean;
  /** A configured trust anchor: a double border. */
  readonly anchor?: boolean;
  /** Named but not there: a key a DS or RRSIG names, or the name/type a denial proves absent. */
  readonly absent?: boolean;
  /** The answer step (index in the proof tree's `answer`) it belongs to; absent for zone records. */
  readonly step?: number;
  /** The name a screen reader gives it: what it is and its status. */
  readonly label: string;
  readonly evidence: GraphEvidence;
}

export type EdgeKind = 'digest' | 'signature' | 'proof' | 'alias' | 'delegation';

export interface GraphEdge {
  readonly id: string;
  readonly kind: EdgeKind;
  /** Node ids; a delegation's `to` is `zone:<name>` (the child zone's box). */
  readonly from: string;
  readonly to: string;
  /** The chain link it belongs to (the list's `data-zone`). */
  readonly zone: string;
  readonly status: GraphStatus;
  /**
   * What happened on it: a digest `match`, `no-match`, `no-key`, `unsupported`; a signature's
   * outcome (`valid`, `expired`, `not-yet-valid`, `invalid`, `no-key`, `malformed`,
   * `unsupported`, `not-tried`) or `missing`; `proves`, `alias`, `no-ds`.
   */
  readonly outcome: string;
  /** A word or two drawn on the edge when it is not secure (`expired`, `no match`). */
  readonly tag: string;
  /** Signatures on the edge as `signer|keyTag|owner|type`, lower case (finds the broken one). */
  readonly signatures: readonly string[];
  readonly label: string;
  readonly evidence: GraphEvidence;
}

export interface GraphZone {
  /** Presentation FQDN, e.g. `.`, `lab.` */
  readonly name: string;
  readonly status: GraphStatus;
}

export interface ChainGraph {
  readonly qname: string;
  readonly qtype: string;
  readonly status: GraphStatus;
  /** Top to bottom: the root first, each zone after the one above it on the chain. */
  readonly zones: readonly GraphZone[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /**
   * The item (edge, else node) where the chain breaks, focused first when the graph opens;
   * null on a secure chain.
   */
  readonly broken: string | null;
}

/** `zone:<name>`: a delegation edge's target, the child zone's box. */
export const zoneTarget = (zone: string): string => `zone:${zone}`;
