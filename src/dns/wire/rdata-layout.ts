/**
 * Where names sit inside RDATA, for the types whose RDATA holds names.
 *
 * Two rules need this table:
 * - RFC 3597 §4: compression may appear in the RDATA of the well-known types of RFC 1035
 *   (NS, MD, MF, CNAME, SOA, MB, MG, MR, PTR, MINFO, MX); receivers "SHOULD also
 *   decompress" RP, AFSDB, RT, SIG, PX, NXT, NAPTR and SRV. We decompress every name this
 *   table lists (also RRSIG's signer, NSEC's next name, DNAME and KX, which senders must not
 *   compress), so that stored RDATA never depends on the message around it.
 * - RFC 4034 §6.2 (as corrected by RFC 6840 §5.1): in canonical form the names inside the
 *   RDATA of NS, MD, MF, CNAME, SOA, MB, MG, MR, PTR, MINFO, MX, RP, AFSDB, RT, SIG, PX, NXT,
 *   NAPTR, KX, SRV, DNAME, A6 and RRSIG are lower-cased, but not those of NSEC.
 */

import { RRTYPE } from './types';

/** A name, a fixed number of octets, a <character-string>, or all remaining octets. */
export type RdataField = 'name' | 'string' | 'rest' | number;

export const RDATA_NAME_LAYOUT: ReadonlyMap<number, readonly RdataField[]> = new Map<
  number,
  readonly RdataField[]
>([
  [RRTYPE.NS, ['name']],
  [RRTYPE.MD, ['name']],
  [RRTYPE.MF, ['name']],
  [RRTYPE.CNAME, ['name']],
  [RRTYPE.SOA, ['name', 'name', 20]],
  [RRTYPE.MB, ['name']],
  [RRTYPE.MG, ['name']],
  [RRTYPE.MR, ['name']],
  [RRTYPE.PTR, ['name']],
  [RRTYPE.MINFO, ['name', 'name']],
  [RRTYPE.MX, [2, 'name']],
  [RRTYPE.RP, ['name', 'name']],
  [RRTYPE.AFSDB, [2, 'name']],
  [RRTYPE.RT, [2, 'name']],
  [RRTYPE.SIG, [18, 'name', 'rest']],
  [RRTYPE.PX, [2, 'name', 'name']],
  [RRTYPE.NXT, ['name', 'rest']],
  [RRTYPE.SRV, [6, 'name']],
  [RRTYPE.NAPTR, [4, 'string', 'string', 'string', 'name']],
  [RRTYPE.KX, [2, 'name']],
  [RRTYPE.DNAME, ['name']],
  [RRTYPE.RRSIG, [18, 'name', 'rest']],
  [RRTYPE.NSEC, ['name', 'rest']],
]);

/** RFC 6840 §5.1: "DNS names in the RDATA section of NSEC resource records are not converted to lowercase." */
export function rdataNamesAreLowercasedInCanonicalForm(type: number): boolean {
  return type !== RRTYPE.NSEC && RDATA_NAME_LAYOUT.has(type);
}

/**
 * Lower-cases the uncompressed names inside `rdata` for canonical form. Returns the input
 * unchanged when the type has no names or the RDATA does not follow its layout.
 */
export function lowercaseRdataNames(type: number, rdata: Uint8Array): Uint8Array {
  if (!rdataNamesAreLowercasedInCanonicalForm(type)) return rdata;
  const layout = RDATA_NAME_LAYOUT.get(type)!;
  const out = rdata.slice();
  let o = 0;
  for (const field of layout) {
    if (field === 'rest') break;
    if (typeof field === 'number') {
      o += field;
    } else if (field === 'string') {
      if (o >= out.length) return rdata;
      o += 1 + out[o]!;
    } else {
      for (;;) {
        if (o >= out.length) return rdata;
        const len = out[o]!;
        if (len === 0) {
          o += 1;
          break;
        }
        if (len > 63 || o + 1 + len > out.length) return rdata;
        for (let i = o + 1; i <= o + len; i++) {
          const b = out[i]!;
          if (b >= 0x41 && b <= 0x5a) out[i] = b + 0x20;
        }
        o += 1 + len;
      }
    }
    if (o > out.length) return rdata;
  }
  return out;
}
