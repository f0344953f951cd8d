/**
 * What the DS set at the parent does while the owner changes it: which of today's DS
 * records stay, go or are added, and whether the old ones can go now or must wait.
 *
 * The timing follows RFC 7583 ("DNSSEC Key Rollover Timing Considerations"). A resolver
 * holds the DS RRset it fetched for up to the DS TTL and the DNSKEY RRset for up to the
 * DNSKEY TTL, so a change at the parent reaches every resolver only after its propagation
 * delay plus the DS TTL (RFC 7583 §3.3: IpubP = DprpP + TTLds), and a change of the DNSKEY
 * RRset after DprpC + TTLkey. Whatever DS set a resolver holds must still lead to a key that
 * signs the DNSKEY RRset it holds:
 *
 * - Double-DS (RFC 7583 §3.3.2): the new DS is published beside the old one; once it has
 *   been there for the DS TTL, the zone may switch to the new key; once the new DNSKEY
 *   RRset has been out for the DNSKEY TTL, the old DS may go. The old DS stays at least the
 *   DS TTL plus the DNSKEY TTL after the new one is published.
 * - Double-KSK (RFC 7583 §3.3.1): both keys sign the DNSKEY RRset already; the DS may be
 *   swapped at once, provided the new key has been in the DNSKEY RRset for the DNSKEY TTL,
 *   and the old key must keep signing for the DS TTL after the swap (resolvers still hold
 *   the old DS).
 *
 * TTLs are the full ones, from the covering signature's Original TTL (RFC 4034 §3.1.4);
 * for an unsigned RRset only what a resolver had left was seen, a lower bound.
 */

import { LEADS_IN, setResult, type DsStatus } from './evaluate-ds';

export type MeanwhileKind =
  /** The parent's DS set could not be read. */
  | 'unknown'
  /** The parent publishes no DS today: the pasted set is the zone's first. */
  | 'first-ds'
  /** The pasted set is the one the parent publishes. */
  | 'unchanged'
  /** Today's DS records lead nowhere: what goes can go now. */
  | 'remove-now'
  /** Only additions; every DS that works today stays. */
  | 'add-only'
  /** A DS that works today must stay until the new key has taken over (Double-DS). */
  | 'keep-old'
  /** Both keys sign: the DS may be swapped now, and the old key must keep signing (Double-KSK). */
  | 'swap'
  /** The set removes every usable DS: the zone turns insecure. */
  | 'going-insecure';

export interface Ttl {
  readonly seconds: number;
  /** From the signature's Original TTL; false: only what a resolver had left (a lower bound). */
  readonly full: boolean;
}

export interface CurrentDs {
  readonly line: string;
  readonly keyTag: number;
  /** It leads to a key that signs the DNSKEY RRset today. */
  readonly works: boolean;
  /** The pasted set keeps it. */
  readonly kept: boolean;
}

export interface Meanwhile {
  readonly kind: MeanwhileKind;
  /** The parent's DS records today (empty for `unknown` and `first-ds`). */
  readonly current: readonly CurrentDs[];
  /** Pasted DS records the parent does not publish yet, one line each. */
  readonly added: readonly string[];
  readonly dsTtl: Ttl | null;
  readonly dnskeyTtl: Ttl | null;
  /**
   * `keep-old`: seconds the old DS stays after the new one is published (DS TTL + DNSKEY
   * TTL); `swap` and `going-insecure`: seconds the old key keeps signing after the parent
   * changes (DS TTL). Null when a TTL it needs was not seen, or nothing is to wait for.
   */
  readonly waitSeconds: number | null;
  /** Key tags of today's DS records that work (the keys to keep meanwhile). */
  readonly oldKeys: readonly number[];
  /** Key tags of added DS records that lead nowhere yet (keys the zone must take on). */
  readonly pendingKeys: readonly number[];
  /** Key tags of added DS records that lead in already (keys that sign today). */
  readonly newKeys: readonly number[];
  /** What today's set gives validators (null: not known, or no DS today). */
  readonly currentResult: 'secure' | 'breaks' | 'insecure' | null;
  /** What the pasted set would give them. */
  readonly result: 'secure' | 'breaks' | 'insecure';
}

/** A DS record and what validators make of it (evaluate-ds.ts). */
export interface JudgedDs {
  readonly line: string;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly status: DsStatus;
}

export interface MeanwhileInput {
  /** The pasted DS records that could be read, judged. */
  readonly pasted: readonly JudgedDs[];
  /** The parent's DS records, judged the same way; null: not known. */
  readonly current: readonly JudgedDs[] | null;
  readonly result: 'secure' | 'breaks' | 'insecure';
  readonly dsTtl: Ttl | null;
  readonly dnskeyTtl: Ttl | null;
}

function kindOf(
  input: MeanwhileInput,
  current: readonly CurrentDs[],
  pending: readonly JudgedDs[],
): MeanwhileKind {
  const pastedLines = new Set(input.pasted.map((d) => d.line));
  const working = current.filter((d) => d.works);
  if (current.length === pastedLines.size && current.every((d) => d.kept)) return 'unchanged';
  if (working.length === 0) return 'remove-now';
  if (input.result === 'insecure') return 'going-insecure';
  if (working.some((d) => !d.kept)) return input.result === 'secure' ? 'swap' : 'keep-old';
  if (pending.length > 0) return 'keep-old';
  return current.some((d) => !d.kept) ? 'remove-now' : 'add-only';
}

function waitFor(kind: MeanwhileKind, dsTtl: Ttl | null, dnskeyTtl: Ttl | null): number | null {
  if (kind === 'keep-old') {
    return dsTtl && dnskeyTtl ? dsTtl.seconds + dnskeyTtl.seconds : null;
  }
  if (kind === 'swap' || kind === 'going-insecure') return dsTtl?.seconds ?? null;
  return null;
}

/**
 * @example meanwhile({ pasted, current, result: 'secure', dsTtl, dnskeyTtl }).kind // 'remove-now'
 */
export function meanwhile(input: MeanwhileInput): Meanwhile {
  const base = {
    dsTtl: input.dsTtl,
    dnskeyTtl: input.dnskeyTtl,
    oldKeys: [],
    pendingKeys: [],
    newKeys: [],
    currentResult: null,
    result: input.result,
  };
  if (input.current === null) {
    return { kind: 'unknown', current: [], added: [], waitSeconds: null, ...base };
  }
  const pastedLines = new Set(input.pasted.map((d) => d.line));
  const currentLines = new Set(input.current.map((d) => d.line));
  const added = input.pasted.filter((d) => !currentLines.has(d.line));
  if (input.current.length === 0) {
    return {
      kind: 'first-ds',
      current: [],
      added: added.map((d) => d.line),
      waitSeconds: null,
      ...base,
    };
  }
  const current: CurrentDs[] = input.current.map((d) => ({
    line: d.line,
    keyTag: d.keyTag,
    works: LEADS_IN.has(d.status),
    kept: pastedLines.has(d.line),
  }));
  // Added DS records whose key does not sign yet: the key is still to come (Double-DS).
  const pending = added.filter(
    (d) =>
      !LEADS_IN.has(d.status) &&
      d.status !== 'unsupported-algorithm' &&
      d.status !== 'unsupported-digest',
  );
  const kind = kindOf(input, current, pending);
  return {
    kind,
    current,
    added: added.map((d) => d.line),
    dsTtl: input.dsTtl,
    dnskeyTtl: input.dnskeyTtl,
    waitSeconds: waitFor(kind, input.dsTtl, input.dnskeyTtl),
    oldKeys: [...new Set(current.filter((d) => d.works).map((d) => d.keyTag))],
    pendingKeys: [...new Set(pending.map((d) => d.keyTag))],
    newKeys: [...new Set(added.filter((d) => LEADS_IN.has(d.status)).map((d) => d.keyTag))],
    currentResult: setResult(input.current),
    result: input.result,
  };
}
