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
