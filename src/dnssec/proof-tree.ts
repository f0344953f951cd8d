/**
 * The proof tree: what the validator found, per zone from the trust anchor down, then per
 * step of the answer (CNAME/DNAME chain). Every link has a status and typed findings that
 * name the records concerned, so the UI can say *which* signature expired and when.
 */

import type { ReasonId, Status } from './status';

/** One typed reason, with the records it concerns. */
export interface Finding {
  readonly reason: ReasonId;
  readonly status: Status;
  /** A specific, human-readable explanation (never rendered as HTML). */
  readonly message: string;
  /** Owner name and type of the RRset concerned, presentation format. */
  readonly owner?: string;
  readonly type?: string;
  readonly rrsig?: SignatureInfo;
  readonly ds?: DsInfo;
  /** Key tags present in the DNSKEY RRset, for ds-mismatch / dnskey-missing. */
  readonly keyTags?: readonly number[];
  /** The time at stake (expiration or inception), seconds since the epoch. */
  readonly time?: number;
  /** Records concerned, presentation format. */
  readonly records?: readonly string[];
}

export interface SignatureInfo {
  readonly owner: string;
  readonly typeCovered: string;
  readonly algorithm: number;
  readonly labels: number;
  readonly originalTtl: number;
  readonly keyTag: number;
  readonly signer: string;
  readonly inception: number;
  readonly expiration: number;
  /** What happened to this signature. */
  readonly outcome: SignatureOutcome;
  readonly text: string;
}

export type SignatureOutcome =
  | 'valid'
  | 'invalid'
  | 'expired'
  | 'not-yet-valid'
  | 'no-key'
  | 'malformed'
  | 'unsupported'
  | 'not-tried';

export interface DsInfo {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Hex, upper case. */
  readonly digest: string;
  /** Key tag of the DNSKEY whose digest matches, when one does. */
  readonly matchesKeyTag?: number;
  readonly supported: boolean;
  readonly text: string;
}

export interface DnskeyInfo {
  readonly keyTag: number;
  readonly flags: number;
  readonly protocol: number;
  readonly algorithm: number;
  readonly keySizeBits?: number;
  readonly zoneKey: boolean;
  readonly sep: boolean;
  readonly revoked: boolean;
  /** Matched by a DS (or a trust anchor): an entry point of the chain. */
  readonly matchedByDs: boolean;
  /** Key tags of the RRsets' signatures this key verified, by type. */
  readonly signs: readonly string[];
  readonly text: string;
}

/** A validated (or not) RRset and the signatures tried on it. */
export interface RrsetProof {
  readonly owner: string;
  readonly type: string;
  readonly status: Status;
  readonly findings: readonly Finding[];
  readonly signatures: readonly SignatureInfo[];
  readonly records: readonly string[];
  /** Set when the RRset was synthesised from a wildcard: the wildcard owner name. */
  readonly wildcard?: string;
}

export type DenialKind =
  | 'nxdomain'
  | 'nodata'
  | 'wildcard-nodata'
  | 'wildcard-expansion'
  | 'no-ds'
  | 'not-a-cut'
  | 'opt-out';

export interface DenialProof {
  readonly kind?: DenialKind;
  readonly mechanism?: 'nsec' | 'nsec3';
  readonly status: Status;
  readonly findings: readonly Finding[];
  /** The NSEC/NSEC3 RRsets considered, with their signatures. */
  readonly rrsets: readonly RrsetProof[];
  readonly closestEncloser?: string;
  readonly nextCloser?: string;
}

/** The DS link into a zone and the zone's own key set. */
export interface ZoneProof {
  readonly zone: string;
  readonly parent?: string;
  /** The status of this zone's keys: secure only if the DS link and the DNSKEY self-signature hold. */
  readonly status: Status;
  readonly findings: readonly Finding[];
  /** Where trust comes from: a configured trust anchor, or the parent's DS RRset. */
  readonly anchoredBy: 'trust-anchor' | 'parent-ds' | 'none';
  readonly ds: readonly DsInfo[];
  /** The DS RRset and its signatures by the parent (absent for a trust anchor). */
  readonly dsRrset?: RrsetProof;
  /** The parent's proof that no DS exists (insecure delegation), or that this is no cut. */
  readonly dsDenial?: DenialProof;
  readonly dnskeys: readonly DnskeyInfo[];
  readonly dnskeyRrset?: RrsetProof;
}

export type AnswerKind =
  'positive' | 'wildcard' | 'cname' | 'dname' | 'nxdomain' | 'nodata' | 'wildcard-nodata';

export interface AnswerStep {
  readonly owner: string;
  readonly type: string;
  /** The zone whose keys this step was checked with. */
  readonly zone?: string;
  readonly kind?: AnswerKind;
  readonly status: Status;
  readonly findings: readonly Finding[];
  readonly rrsets: readonly RrsetProof[];
  readonly denial?: DenialProof;
  /** Where a CNAME or DNAME step leads. */
  readonly target?: string;
}

/** Material the collector should fetch to complete an indeterminate proof. */
export interface Need {
  readonly zone: string;
  readonly what: 'DNSKEY' | 'DS';
}

export interface ProofTree {
  readonly qname: string;
  readonly qtype: string;
  /** The answer's own status: secure data / secure denial, insecure, bogus, indeterminate. */
  readonly status: Status;
  /** The deciding reason when not secure (and for secure denials: none). */
  readonly reason?: ReasonId;
  /** The findings that decided the status. */
  readonly findings: readonly Finding[];
  /** What the answer proved when secure or insecure. */
  readonly kind?: AnswerKind;
  readonly zones: readonly ZoneProof[];
  readonly answer: readonly AnswerStep[];
  readonly needs: readonly Need[];
  /** Signature verifications performed (for the KeyTrap budget and the bench). */
  readonly verifications: number;
}
