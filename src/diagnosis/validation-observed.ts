/**
 * "Does this resolver validate DNSSEC?", observed and never assumed (facts.md), in one
 * place: the verdict (facts.ts) and the grid's label (ui/grid-model.ts) both ask here, so
 * they cannot disagree.
 */

/** RFC 8914 §4.4 Stale Answer and §4.20 Stale NXDOMAIN Answer (RFC 8767 serve-stale). */
export const STALE_EDE: ReadonlySet<number> = new Set([3, 19]);

/** What one target exchange showed, as far as validation goes. */
export interface ValidationSignal {
  /** The rcode of the DNS response; undefined when no DNS response arrived. */
  readonly rcode: string | undefined;
  readonly ad: boolean;
  /** An answer served from an expired cache (RFC 8914 EDE 3/19): it says nothing here. */
  readonly stale: boolean;
}

/** A resolver's two target exchanges: [CD=0, CD=1]; undefined when not (yet) sent. */
export type ValidationSignals = readonly [
  ValidationSignal | undefined,
  ValidationSignal | undefined,
];

/** A fresh answer that resolves the question: NOERROR (data or NODATA) or NXDOMAIN. */
function resolves(s: ValidationSignal | undefined): s is ValidationSignal {
  return s !== undefined && !s.stale && (s.rcode === 'NOERROR' || s.rcode === 'NXDOMAIN');
}

/** Whether any resolver set AD on a fresh CD=0 answer to the question. */
export function someoneSetAd(all: readonly ValidationSignals[]): boolean {
  return all.some(([cd0]) => resolves(cd0) && cd0.ad);
}

/**
 * `true` when the resolver set AD on an answer, or failed with SERVFAIL on CD=0 where it
 * answered with CD=1 (RFC 4035 §3.2.2: only a validator behaves so); `false` when it
 * answered CD=0 without AD while another resolver set AD on the same question; `null` when
 * the evidence does not show.
 */
export function validatesObserved(
  own: ValidationSignals,
  all: readonly ValidationSignals[],
): boolean | null {
  const [cd0, cd1] = own;
  if (own.some((s) => resolves(s) && s.ad)) return true;
  if (cd0?.rcode === 'SERVFAIL' && resolves(cd1)) return true;
  if (resolves(cd0) && !cd0.ad && someoneSetAd(all)) return false;
  return null;
}
