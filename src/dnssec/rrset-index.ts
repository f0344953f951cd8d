/**
 * RRsets of a list of records (RFC 2181 §5: same owner, class and type) and the RRSIGs
 * that cover them (RFC 4034 §3: same owner and class, Type Covered).
 */

import { lowerName, nameToText, type Name } from '../dns/wire/name';
import type { ResourceRecord } from '../dns/wire/record';
import { RRTYPE } from '../dns/wire/types';
import { decodeRrsig } from './rdata/rrsig';

export interface Rrset {
  readonly owner: Name;
  readonly type: number;
  readonly records: readonly ResourceRecord[];
  readonly signatures: readonly ResourceRecord[];
}

function key(owner: Name, type: number): string {
  return `${nameToText(lowerName(owner))}/${type}`;
}

function typeCovered(rr: ResourceRecord): number | undefined {
  return rr.rdata.length >= 2 ? (rr.rdata[0]! << 8) | rr.rdata[1]! : undefined;
}

export class RrsetIndex {
  readonly #records = new Map<string, ResourceRecord[]>();
  readonly #signatures = new Map<string, ResourceRecord[]>();
  readonly #order: string[] = [];
  readonly #owners = new Map<string, { owner: Name; type: number }>();

  constructor(records: readonly ResourceRecord[]) {
    for (const rr of records) {
      if (rr.type === RRTYPE.OPT) continue;
      if (rr.type === RRTYPE.RRSIG) {
        const covered = typeCovered(rr);
        if (covered === undefined) continue;
        const k = key(rr.owner, covered);
        (this.#signatures.get(k) ?? this.#signatures.set(k, []).get(k)!).push(rr);
        continue;
      }
      const k = key(rr.owner, rr.type);
      if (!this.#records.has(k)) {
        this.#records.set(k, []);
        this.#order.push(k);
        this.#owners.set(k, { owner: rr.owner, type: rr.type });
      }
      this.#records.get(k)!.push(rr);
    }
  }

  get(owner: Name, type: number): Rrset | undefined {
    const k = key(owner, type);
    const records = this.#records.get(k);
    if (records === undefined) return undefined;
    return { owner: records[0]!.owner, type, records, signatures: this.#signatures.get(k) ?? [] };
  }

  /** RRSIGs for an owner/type even when the RRset itself is absent. */
  signaturesFor(owner: Name, type: number): readonly ResourceRecord[] {
    return this.#signatures.get(key(owner, type)) ?? [];
  }

  /** All RRsets of a type, in the order they first appeared. */
  ofType(type: number): readonly Rrset[] {
    const out: Rrset[] = [];
    for (const k of this.#order) {
      const o = this.#owners.get(k)!;
      if (o.type === type) out.push(this.get(o.owner, type)!);
    }
    return out;
  }

  /** Owners of RRSIG sets with their signer names. */
  signedRrsets(): readonly { owner: Name; signers: readonly Name[] }[] {
    const out: { owner: Name; signers: Name[] }[] = [];
    for (const list of this.#signatures.values()) {
      const signers: Name[] = [];
      for (const rr of list) {
        const sig = decodeRrsig(rr.rdata);
        if (sig.ok) signers.push(sig.value.signerName);
      }
      if (list[0]) out.push({ owner: list[0].owner, signers });
    }
    return out;
  }

  /** Signer names of every RRSIG present (zone apexes the answer claims). */
  signerNames(): readonly Name[] {
    const out: Name[] = [];
    for (const list of this.#signatures.values()) {
      for (const rr of list) {
        const sig = decodeRrsig(rr.rdata);
        if (sig.ok) out.push(sig.value.signerName);
      }
    }
    return out;
  }
}
