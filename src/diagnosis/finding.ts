/**
 * What a rule decides, as data: the verdict and reason ids, the question, the zone, the
 * resolvers and exchanges the decision rests on, and the numbers (counts, seconds, key
 * tags). No sentence is written here: explain/ turns a finding into the headline, the plain
 * sentence, the owner's detail and the fixes, so the wording lives in one place and the
 * card, the Markdown report and the saved history all read the same words.
 *
 * A discriminated union: `rule` names the family, and within it `reason` (typed per
 * family) says which of the family's explanations applies.
 */

import type { ExtendedDnsError } from '../dns/ede';
import type { DnsMessage } from '../dns/message';
import type { AnswerStep, Finding as ProofFinding, ZoneProof } from '../dnssec/proof-tree';
import type { Exchange, TransportErrorClass } from '../evidence/evidence';
import type { AnswerOutcome, ResolverFacts } from './facts';
import type { LameZone } from './lame-analysis';
import type { RegistryView } from './registry';
import type { SuspectFinding } from './suspect-finding';
import type { AnswerValidation, EvidenceValidation } from './validate-evidence';
import type { WarningFinding } from './warning-finding';

/** The question every finding is about. */
interface Question {
  /** Lower-case FQDN. */
  readonly qname: string;
  readonly qtype: string;
}

export interface CancelledFinding extends Question {
  readonly rule: 'cancelled';
  readonly verdict: 'inconclusive';
  readonly reason: 'cancelled';
  /** Resolvers still missing an answer with CD=0 or CD=1. */
  readonly unanswered: readonly ResolverFacts[];
  /** Resolvers asked, answering or not. */
  readonly asked: number;
}

export interface UnreachableFinding extends Question {
  readonly rule: 'unreachable';
  readonly verdict: 'inconclusive';
  readonly reason: 'all-unreachable';
  readonly silent: readonly ResolverFacts[];
  /** How the DoH requests failed, sorted, each once. */
  readonly classes: readonly TransportErrorClass[];
}

/** Where our own validator found the chain broken (a zone's keys, else an answer step). */
export interface BrokenLink {
  readonly zone: string | undefined;
  readonly zoneProof: ZoneProof | undefined;
  readonly finding: ProofFinding | undefined;
  readonly step: AnswerStep | undefined;
}

/** What the registry holds compared with the DS the parent publishes (RDAP). */
export interface RegistryDs {
  /** Key tags of the DS records the registry holds; empty when it holds none. */
  readonly heldTags: readonly number[];
  /** Whether they are exactly the records the parent publishes. */
  readonly same: boolean;
  readonly lookups: readonly string[];
}

export type DnssecReason =
  | 'ds-mismatch'
  | 'dnskey-missing'
  | 'rrsig-expired'
  | 'rrsig-not-yet-valid'
  | 'rrsig-missing'
  | 'signature-invalid'
  | 'nsec-proof-invalid'
  | 'dnssec-failure';

export interface DnssecFinding extends Question {
  readonly rule: 'dnssec';
  readonly verdict: 'dnssec-bogus';
  readonly reason: DnssecReason;
  /** The zone whose link breaks, and its parent (where the DS lives). */
  readonly zone: string;
  readonly parent: string;
  /** Alias targets the answer went through, when the break lies off the name's own path. */
  readonly aliasPath: readonly string[];
  /** Resolvers that fail as validators do, that answer without AD, that set AD. */
  readonly validating: readonly ResolverFacts[];
  readonly nonValidating: readonly ResolverFacts[];
  readonly vouched: readonly ResolverFacts[];
  /** Our own validation found the answer bogus (else it could not decide). */
  readonly provenBogus: boolean;
  readonly link: BrokenLink;
  /** Why our own validation could not decide, when it could not. */
  readonly validationProblem: string | undefined;
  /** The zone nearest the break that is still secure, with the exchanges behind it. */
  readonly secureTo: { readonly zone: string; readonly exchanges: readonly string[] } | undefined;
  /** Exchanges behind the broken link. */
  readonly linkExchanges: readonly string[];
  /** The failing exchanges to repeat: CD=0, CD=1, then the DS and DNSKEY queries. */
  readonly reproduce: readonly (Exchange | undefined)[];
  /** The zone's DNSKEY response (CD=1) and the TTL left on the DS, when seen. */
  readonly dnskeyResponse: DnsMessage | null;
  readonly dsTtl: number | undefined;
  readonly registryDs: RegistryDs | undefined;
  /** Seconds since the epoch: when signatures were judged. */
  readonly now: number;
}

export type LameReason = 'ns-refused' | 'ns-unreachable' | 'ns-no-address' | 'ns-failure';

export interface LameFinding extends Question {
  readonly rule: 'lame';
  readonly verdict: 'lame-delegation';
  readonly reason: LameReason;
  readonly zone: string;
  readonly parent: string;
  readonly resolvers: readonly ResolverFacts[];
  /** Resolvers that answered only from an expired cache (RFC 8767). */
  readonly stale: readonly ResolverFacts[];
  /** Where the zone stops answering while its parent still answers for it. */
  readonly located: LameZone | undefined;
  /** How the zone's own NS and DNSKEY queries ended: rcodes or transport errors, each once. */
  readonly zoneFailures: readonly string[];
  /** Authority-failure EDEs (RFC 8914 §4.21–4.24) the resolvers sent, in order. */
  readonly codes: readonly ExtendedDnsError[];
  /** Whether resolvers' texts say how each server failed. */
  readonly perServer: boolean;
  /** EDE 9/10 sent beside the authority failure (the keys could not be fetched). */
  readonly keyFetch: readonly ExtendedDnsError[];
  readonly suspects: readonly SuspectFinding[];
  /** Whether the registry knows the zone (its nameserver list was asked and found). */
  readonly registryKnows: boolean;
  /** Why the servers fail is shown, not only that they fail. */
  readonly explained: boolean;
  /** The parent's servers (from its NS set), for the commands. */
  readonly parentServers: readonly string[];
  readonly reproduce: readonly (Exchange | undefined)[];
}

export interface SlowAuthorityFinding extends Question {
  readonly rule: 'slow-authority';
  readonly verdict: 'inconclusive';
  readonly reason: 'authority-slow';
  readonly resolvers: readonly ResolverFacts[];
  /** Resolvers known to work (they answered the rest of the check). */
  readonly slow: readonly ResolverFacts[];
  /** The longest wait, whole seconds. */
  readonly seconds: number;
  readonly located: LameZone | undefined;
}

export type ResolverReason =
  | 'blocked'
  | 'censored'
  | 'filtered'
  | 'prohibited'
  | 'resolver-refused'
  | 'resolver-dnssec'
  | 'resolver-failure'
  | 'resolver-unreachable';

/** A resolver that fails where others answer, and why, as far as it shows. */
export interface FailingResolver {
  readonly resolver: ResolverFacts;
  readonly reason: ResolverReason;
}

export interface ResolverFailsFinding extends Question {
  readonly rule: 'resolver-fails';
  readonly verdict: 'resolver-specific';
  readonly reason: ResolverReason;
  readonly odd: readonly FailingResolver[];
  readonly ok: readonly ResolverFacts[];
  /** Our own validation's status of the answer, when it finished. */
  readonly proofStatus: 'secure' | 'insecure' | undefined;
}

export type DisagreementReason =
  'forged' | 'blocked' | 'censored' | 'filtered' | 'prohibited' | 'resolver-disagrees';

/** A resolver whose answer differs from the zone's. */
export interface OddAnswer {
  readonly resolver: ResolverFacts;
  readonly answer: AnswerValidation;
  readonly reason: DisagreementReason;
}

export interface DisagreementFinding extends Question {
  readonly rule: 'disagreement';
  readonly verdict: 'resolver-specific';
  readonly reason: DisagreementReason;
  readonly odd: readonly OddAnswer[];
  readonly ok: readonly ResolverFacts[];
  /** The zone's answer: the one our validator proved (or, unsigned, the others'). */
  readonly chosen: AnswerValidation;
  /** The zone is signed (the chosen answer is secure), else provably unsigned. */
  readonly signed: boolean;
  readonly targetExchange: string | null;
}

/** An NXDOMAIN the registry explains (RFC 5731 §2.3 statuses), when it does. */
export type RegistryExplanation =
  | { readonly kind: 'held'; readonly domain: string; readonly holds: readonly string[] }
  | { readonly kind: 'not-registered'; readonly domain: string };

export interface OutcomeFinding extends Question {
  readonly rule: 'outcome';
  readonly verdict: 'ok' | 'nxdomain' | 'nodata';
  readonly reason: 'secure' | 'insecure' | 'not-validated';
  readonly resolvers: readonly ResolverFacts[];
  /** The answer the verdict is read from (a validated one when there is one). */
  readonly answer: AnswerOutcome;
  readonly answers: number;
  readonly nonValidating: readonly ResolverFacts[];
  readonly validation: EvidenceValidation;
  /** Exchange ids of the chain's DS and DNSKEY queries. */
  readonly chainExchanges: readonly string[];
  readonly registryExplains: RegistryExplanation | undefined;
  readonly registry: RegistryView;
  /** Warnings for a name that works today (warnings.ts), worded by explain/. */
  readonly warnings: readonly WarningFinding[];
}

export interface InconclusiveFinding extends Question {
  readonly rule: 'inconclusive';
  readonly verdict: 'inconclusive';
  readonly reason: 'failure-unlocated' | 'mixed-evidence';
  /** `bogus-but-vouched`: our validator finds it bogus, yet a validator set AD. */
  readonly why: 'unlocated' | 'bogus-but-vouched' | 'mixed';
  readonly resolvers: readonly ResolverFacts[];
  /** Why nothing was validated, when nothing was (undefined: it was validated). */
  readonly notValidated: { readonly problem: string | undefined } | undefined;
}

export type DiagnosisFinding =
  | CancelledFinding
  | UnreachableFinding
  | DnssecFinding
  | LameFinding
  | SlowAuthorityFinding
  | ResolverFailsFinding
  | DisagreementFinding
  | OutcomeFinding
  | InconclusiveFinding;
