/**
 * A suspect nameserver as data (lame-analysis.ts finds them): what the evidence says about
 * one host or one address, in the order the card says it. explain/suspects.ts words them
 * into the Diagnosis's suspects.
 */

import type { SuspectProblem } from './diagnosis';

/** One failure a resolver's error text names (`[ip] rcode=REFUSED …`): how, and its detail. */
export interface TextFailure {
  readonly problem: SuspectProblem;
  /** The rcode, or `timeout` / `unreachable`; none for a "lame delegation" text. */
  readonly detail: string | undefined;
}

/** One thing known about a host, in the order it is said. */
export type SuspectNote =
  | { readonly kind: 'problem'; readonly problem: SuspectProblem }
  /** In the zone, and the registry holds its addresses. */
  | { readonly kind: 'glue'; readonly addresses: readonly string[] }
  /** Its name does not exist; `denier` is the zone whose SOA came with the NXDOMAIN ('' if none). */
  | { readonly kind: 'missing-name'; readonly host: string; readonly denier: string }
  /** In the zone, and its own address lookup fails with the zone. */
  | { readonly kind: 'lookup-fails'; readonly zone: string }
  | { readonly kind: 'resolves'; readonly addresses: readonly string[] }
  /** What resolvers' error texts say about one of its addresses. */
  | {
      readonly kind: 'resolver-text';
      readonly address: string;
      readonly failures: readonly TextFailure[];
    };

export interface HostSuspect {
  readonly kind: 'host';
  readonly host: string;
  readonly address: string | undefined;
  readonly zone: string;
  /** Who names it. */
  readonly source: 'registry-and-zone' | 'registry' | 'zone';
  readonly problems: readonly SuspectProblem[];
  readonly notes: readonly SuspectNote[];
  readonly exchanges: readonly string[];
}

/** An address named only in resolvers' error texts (no host known for it). */
export interface AddressSuspect {
  readonly kind: 'address';
  readonly address: string;
  readonly problems: readonly SuspectProblem[];
  readonly failures: readonly TextFailure[];
  readonly exchanges: readonly string[];
}

export type SuspectFinding = HostSuspect | AddressSuspect;
