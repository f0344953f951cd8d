/**
 * The Diagnosis: what `diagnose()` derives from Evidence. Plain data (it crosses the worker
 * boundary and is compared in tests); every sentence is text, never HTML.
 */

import type { ShellCommand } from '../dns/shell-command';
import type { ReasonId, VerdictId } from './ids';

/**
 * How sure the verdict is: `high` when our own validation and the resolvers' behaviour
 * agree, `medium` when only one of them speaks, `low` when the evidence is thin.
 */
export type Confidence = 'high' | 'medium' | 'low';

/** One statement the verdict rests on, with the evidence behind it. */
export interface Claim {
  readonly text: string;
  /** Ids of the exchanges that show it (their grid cells or full responses). */
  readonly exchanges: readonly string[];
  /** Records concerned, presentation format. */
  readonly records: readonly string[];
  /** The zone of the chain-of-trust link it concerns, when it concerns one. */
  readonly zone?: string;
}

export type FixKind =
  | 'fix' // what the owner should change
  | 'emergency' // a stopgap with a cost
  | 'workaround' // what the person who hit the failure can do
  | 'check'; // commands to see it for oneself

export interface Fix {
  readonly kind: FixKind;
  readonly title: string;
  readonly text: string;
  /** Records to paste (zone-file / registrar form), one per line. */
  readonly records: readonly string[];
  /** Shell commands, one per line, each built by dns/shell-command.ts (quoted, one line). */
  readonly commands: readonly ShellCommand[];
  /** What the step costs, when it costs something. */
  readonly cost?: string;
  /** A DS fix: the DS set it proposes, for the DS check before publishing (`#/ds-check/`). */
  readonly dsCheck?: DsCheckProposal;
}

/** A zone and the DS records to test there (none: the owner pastes them). */
export interface DsCheckProposal {
  readonly zone: string;
  readonly records: readonly string[];
}

export type WarningId =
  | 'signatures-expiring'
  | 'nsec3-iterations'
  | 'algorithm-deprecated'
  | 'ds-sha1-only'
  | 'ds-unused'
  | 'cds-mismatch'
  | 'single-nameserver'
  | 'one-network'
  | 'resolver-unreachable'
  | 'resolver-slow'
  | 'resolver-stale'
  | 'non-validating-resolver'
  | 'registry-ns-mismatch'
  | 'registry-ds-mismatch';

export interface DiagnosisWarning {
  readonly id: WarningId;
  readonly text: string;
  readonly exchanges: readonly string[];
}

/** How a nameserver looks suspect, as far as the evidence shows. */
export type SuspectProblem =
  | 'refused'
  | 'unreachable'
  | 'no-address'
  | 'needs-glue'
  | 'not-in-registry'
  | 'failing'
  /** Answers, but not with authority for the zone (a resolver's "Lame delegation" text). */
  | 'lame';

export interface NameserverSuspect {
  /** Host name, when known. */
  readonly host?: string;
  /** Address, when known (e.g. from a resolver's EDE text). */
  readonly address?: string;
  readonly problems: readonly SuspectProblem[];
  readonly text: string;
  readonly exchanges: readonly string[];
}

/** What the registry (RDAP) said about the registered domain, for the card. */
export interface RegistrySummary {
  /** `found`: a domain record; `not-found`: the registry has no such domain (404). */
  readonly state: 'found' | 'not-found' | 'failed' | 'not-asked';
  /** The registered domain asked about, fully qualified. */
  readonly domain: string;
  /** Ids of the RDAP lookups in the evidence (`r0`, …). */
  readonly lookups: readonly string[];
  /** The domain query sent, when there was one. */
  readonly url?: string;
  /** Why there is no record, when there is none. */
  readonly message?: string;
  readonly status: readonly string[];
  readonly nameservers: readonly { readonly host: string; readonly glue: readonly string[] }[];
  /** DS records the registry holds, presentation format. */
  readonly ds: readonly string[];
  /** Whether the registry said which DS records it holds (false: it did not say). */
  readonly dsKnown: boolean;
  readonly events: readonly { readonly action: string; readonly date: string }[];
}

export interface DiagnosisStats {
  /** DoH exchanges in the evidence. */
  readonly queries: number;
  /** Dependent rounds (waves that sent queries). */
  readonly rounds: number;
  readonly resolvers: number;
  /** Exchanges that ended in a transport error (timeout, unreachable, …). */
  readonly transportErrors: number;
  /** RDAP requests for the domain (they run beside the DNS rounds, not after them). */
  readonly registryLookups: number;
}

export interface Diagnosis {
  readonly verdict: VerdictId;
  readonly reason: ReasonId;
  /** One plain sentence for the person who hit the SERVFAIL. */
  readonly headline: string;
  /** What that person can do now. */
  readonly whatToDo: string;
  /** Paragraphs for the domain owner. */
  readonly detail: readonly string[];
  readonly fixes: readonly Fix[];
  readonly confidence: Confidence;
  /** For `inconclusive` (and uncertain verdicts): why the evidence cannot decide. */
  readonly uncertainty?: string;
  readonly claims: readonly Claim[];
  readonly warnings: readonly DiagnosisWarning[];
  /** The zone where the chain or the delegation breaks. */
  readonly zone?: string;
  /** Resolver URLs that behave differently from the rest (resolver-specific). */
  readonly oddResolvers: readonly string[];
  /** Nameservers under suspicion (lame delegation). */
  readonly suspects: readonly NameserverSuspect[];
  /** What a browser cannot find out, and where to look instead. */
  readonly unknowns: readonly string[];
  /** Checks this version does not perform. */
  readonly notDone: readonly string[];
  /** The registry's view, when it was asked. */
  readonly registry?: RegistrySummary;
  readonly stats: DiagnosisStats;
}
