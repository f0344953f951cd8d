/** Shared shapes of the NSEC and NSEC3 denial proofs. */

import type { Name } from '../dns/wire/name';
import type { DenialKind, Finding } from './proof-tree';
import type { Status } from './status';

/** What is to be proven about (qname, qtype). */
export type DenialQuestion =
  | { readonly kind: 'nxdomain' }
  | { readonly kind: 'nodata' }
  /** A DS query at a possible zone cut: an unsigned delegation, or no cut at all. */
  | { readonly kind: 'no-ds' }
  /** A wildcard-expanded answer whose RRSIG has `labels` labels: no closer match may exist. */
  | { readonly kind: 'wildcard-expansion'; readonly labels: number };

export interface DenialOutcome {
  readonly status: Status;
  readonly kind?: DenialKind;
  readonly finding?: Finding;
  /** Owners of the NSEC/NSEC3 records the proof rests on. */
  readonly used: readonly Name[];
  readonly closestEncloser?: Name;
  readonly nextCloser?: Name;
}

/**
 * How one mechanism (NSEC, or NSEC3) proves each question, given what the proof is about
 * (`P`: the question's name and type with that mechanism's records).
 */
export interface DenialRules<P> {
  readonly noDs: (p: P) => DenialOutcome;
  readonly nodata: (p: P) => DenialOutcome;
  readonly nameError: (p: P) => DenialOutcome;
  readonly wildcardAnswer: (p: P, labels: number) => DenialOutcome;
}

/** Asks one mechanism's rules to prove the question. */
export function proveQuestion<P>(
  question: DenialQuestion,
  p: P,
  rules: DenialRules<P>,
): DenialOutcome {
  switch (question.kind) {
    case 'no-ds':
      return rules.noDs(p);
    case 'nodata':
      return rules.nodata(p);
    case 'nxdomain':
      return rules.nameError(p);
    case 'wildcard-expansion':
      return rules.wildcardAnswer(p, question.labels);
  }
}
