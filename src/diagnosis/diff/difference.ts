/**
 * What changed between two results of the same question, as data: one difference per thing
 * that changed ("DS 12345 removed at the registry", "KSK 54321 now signs the DNSKEY set"),
 * each with the exchange (or RDAP lookup) ids it rests on in either result, so a page can
 * open the responses side by side. The compare modules of this folder find these;
 * explain/diff.ts words each one, and `diffResults` (diff-results.ts) returns both.
 *
 * Times are seconds since the epoch; names are lower-case FQDNs; key tags are RFC 4034
 * Appendix B tags of the key as published (a revoked key has a tag of its own, RFC 5011 §2.1).
 */

import type { Diagnosis } from '../diagnosis';
import type { ReasonId, VerdictId } from '../ids';
import type { RegistrySummary } from '../diagnosis';
import type { EvidenceValidation } from '../validate-evidence';
import type { Evidence } from '../../evidence/evidence';

/** One result as the diff reads it: what `load` or a live check returns (worker/api.ts). */
export interface DiffSide {
  readonly evidence: Evidence;
  readonly diagnosis: Diagnosis;
  /** Its DNSSEC validation: which DS and DNSKEY responses the chain of trust was built from. */
  readonly validation: EvidenceValidation;
}

/** Exchange ids (`x12`) and RDAP lookup ids (`r0`) a difference rests on, in each result. */
export interface SideRefs {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

interface Resting {
  readonly exchanges: SideRefs;
}

/** A record that is in one result and not in the other. */
export type SetChange = 'added' | 'removed';

/** RFC 4034 §2.1.1: the SEP bit marks a key-signing key by convention; without it, a ZSK. */
export type KeyRole = 'KSK' | 'ZSK' | 'non-zone key';

/** The verdict or its reason changed. */
export interface VerdictDifference extends Resting {
  readonly kind: 'verdict';
  readonly before: { readonly verdict: VerdictId; readonly reason: ReasonId };
  readonly after: { readonly verdict: VerdictId; readonly reason: ReasonId };
}

/** Whose keys a result is validated against (RFC 4033 §2: the trust anchors in force). */
export interface AnchorsFacts {
  /** `root`: the built-in IANA root anchors; `unreadable`: named, but they cannot be read. */
  readonly kind: 'root' | 'custom' | 'unreadable';
  readonly keyTags: readonly number[];
  /** Every anchor is one of the root's, but not the whole built-in set. */
  readonly partOfRoot: boolean;
}

/**
 * The two results were validated against different trust anchors (a link's own root key,
 * then the built-in ones): a verdict that changed may owe it to that, not to the zone.
 */
export interface AnchorsDifference extends Resting {
  readonly kind: 'trust-anchors';
  readonly before: AnchorsFacts;
  readonly after: AnchorsFacts;
}

/** A DS record of `zone` that the parent publishes in one result only (as resolvers answered). */
export interface DsDifference extends Resting {
  readonly kind: 'ds';
  readonly zone: string;
  readonly change: SetChange;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Hex, upper case. */
  readonly digest: string;
}

/** A key of `zone`'s DNSKEY set that is in one result only, or whose flags changed. */
export interface DnskeyDifference extends Resting {
  readonly kind: 'dnskey';
  readonly zone: string;
  /** `flags`: the same public key with other flags (e.g. revoked, RFC 5011 §2.1). */
  readonly change: SetChange | 'flags';
  readonly keyTag: number;
  readonly algorithm: number;
  readonly flags: number;
  readonly role: KeyRole;
  readonly revoked: boolean;
  /** For `flags`: the key as it was before. */
  readonly previous?: {
    readonly keyTag: number;
    readonly flags: number;
    readonly role: KeyRole;
    readonly revoked: boolean;
  };
}

/** A key that signs an RRset (the DNSKEY set of a zone, or the answer) in one result only. */
export interface SignerDifference extends Resting {
  readonly kind: 'signer';
  /** The RRset signed: its owner and type (`DNSKEY` for a zone's key set). */
  readonly owner: string;
  readonly type: string;
  readonly change: SetChange;
  readonly keyTag: number;
  readonly algorithm: number;
  /** The signer's role in its zone's DNSKEY set of that result; undefined when not in it. */
  readonly role?: KeyRole;
}

/** The same key's signature over the same RRset expires at another time (re-signed). */
export interface ExpirationDifference extends Resting {
  readonly kind: 'expiration';
  readonly owner: string;
  readonly type: string;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly role?: KeyRole;
  readonly before: number;
  readonly after: number;
}

/** A host in `zone`'s NS set in one result only. */
export interface NsDifference extends Resting {
  readonly kind: 'ns';
  readonly zone: string;
  readonly change: SetChange;
  readonly host: string;
}

/** An address of a nameserver host (its A or AAAA records) in one result only. */
export interface AddressDifference extends Resting {
  readonly kind: 'address';
  readonly host: string;
  readonly change: SetChange;
  readonly address: string;
}

/** The record sets compared record by record when both results have them. */
export type RecordSetType = 'DS' | 'DNSKEY' | 'NS' | 'A' | 'AAAA';

/**
 * A record set that holds records in one result and could not be read in the other (the
 * question failed, or was not asked): its records are not compared one by one, because an
 * unread set is unknown, not empty.
 */
export interface RecordSetDifference extends Resting {
  readonly kind: 'record-set';
  readonly owner: string;
  readonly type: RecordSetType;
  /** `readable`: read now, not then; `unreadable`: read then, not now. */
  readonly change: 'readable' | 'unreadable';
  /** The records of the result that has them, briefly: `KSK 54321`, `ns1.example.`, `192.0.2.1`. */
  readonly records: readonly string[];
  /** What the other result got instead: an RCODE (`SERVFAIL`), a transport class, `not asked`. */
  readonly instead: string;
}

/** What one resolver answered to the question, as far as the diff compares it. */
export interface OutcomeFacts {
  /** `answer`, `stale` (RFC 8767), `failure` (a DNS error), `transport` (no DNS answer). */
  readonly kind: 'answer' | 'stale' | 'failure' | 'transport' | 'missing';
  /** The RCODE mnemonic, or the transport error class; empty when not asked. */
  readonly rcode: string;
  readonly ad: boolean;
  readonly ede: readonly { readonly code: number; readonly text: string }[];
  /** The outcome in words (facts.ts `describeOutcome`). */
  readonly text: string;
}

/** A resolver answered the question otherwise (rcode, AD bit or EDE), with CD=0 and/or CD=1. */
export interface ResolverDifference extends Resting {
  readonly kind: 'resolver';
  /** The resolver's DoH URL. */
  readonly resolver: string;
  readonly label: string;
  /** The CD bits whose outcomes changed alike (both when CD=0 and CD=1 changed the same way). */
  readonly cd: readonly (0 | 1)[];
  /** Null: this resolver was not asked in that result. */
  readonly before: OutcomeFacts | null;
  readonly after: OutcomeFacts | null;
}

/** The registry's answer changed state: found, not found, could not be asked, not asked. */
export interface RegistryStateDifference extends Resting {
  readonly kind: 'registry';
  readonly domain: string;
  readonly before: RegistrySummary['state'];
  readonly after: RegistrySummary['state'];
}

/** A registry status (RFC 9083 §10.2.2, e.g. `client hold`) set in one result only. */
export interface RegistryStatusDifference extends Resting {
  readonly kind: 'registry-status';
  readonly domain: string;
  readonly change: SetChange;
  readonly status: string;
}

/** A DS record the registry holds in one result only (RDAP `secureDNS.dsData`). */
export interface RegistryDsDifference extends Resting {
  readonly kind: 'registry-ds';
  readonly domain: string;
  readonly change: SetChange;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: string;
}

/** A nameserver the registry lists for the domain in one result only, with its glue there. */
export interface RegistryNsDifference extends Resting {
  readonly kind: 'registry-ns';
  readonly domain: string;
  readonly change: SetChange;
  readonly host: string;
  /** The glue addresses the registry holds for it in the result that lists it. */
  readonly glue: readonly string[];
}

/** A glue address the registry holds for a nameserver it lists in both results. */
export interface RegistryGlueDifference extends Resting {
  readonly kind: 'registry-glue';
  readonly domain: string;
  readonly host: string;
  readonly change: SetChange;
  readonly address: string;
}

export type DifferenceFinding =
  | VerdictDifference
  | AnchorsDifference
  | DsDifference
  | DnskeyDifference
  | SignerDifference
  | ExpirationDifference
  | NsDifference
  | AddressDifference
  | RecordSetDifference
  | ResolverDifference
  | RegistryStateDifference
  | RegistryStatusDifference
  | RegistryDsDifference
  | RegistryNsDifference
  | RegistryGlueDifference;

export type DifferenceKind = DifferenceFinding['kind'];

/** The part of the result a difference concerns: how a list groups them. */
export type DifferenceTopic = 'verdict' | 'registry' | 'dnssec' | 'delegation' | 'resolvers';

export const DIFFERENCE_TOPIC: Readonly<Record<DifferenceKind, DifferenceTopic>> = {
  verdict: 'verdict',
  'trust-anchors': 'verdict',
  registry: 'registry',
  'registry-status': 'registry',
  'registry-ds': 'registry',
  'registry-ns': 'registry',
  'registry-glue': 'registry',
  ds: 'dnssec',
  dnskey: 'dnssec',
  signer: 'dnssec',
  expiration: 'dnssec',
  'record-set': 'delegation',
  ns: 'delegation',
  address: 'delegation',
  resolver: 'resolvers',
};

/** A difference with its sentence (plain text, never HTML) and its topic. */
export type Difference = DifferenceFinding & {
  readonly topic: DifferenceTopic;
  readonly text: string;
};
