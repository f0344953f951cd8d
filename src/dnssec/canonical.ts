/**
 * Canonical form and the data an RRSIG signs (RFC 4034 §3.1.8.1, §6.2, §6.3).
 */

import { compareBytes, concatBytes } from '../dns/wire/encoding';
import {
  ancestorWithLabels,
  nameToWire,
  rrsigLabelCount,
  wildcardOf,
  type Name,
} from '../dns/wire/name';
import { lowercaseRdataNames } from '../dns/wire/rdata-layout';
import type { ResourceRecord } from '../dns/wire/record';
import type { RrsigRdata } from './rdata/rrsig';

/** RFC 4034 §6.2 canonical RDATA: uncompressed (already), names lower-cased for the listed types. */
export function canonicalRdata(rr: ResourceRecord): Uint8Array {
  return lowercaseRdataNames(rr.type, rr.rdata);
}

/**
 * The RRs of an RRset in canonical order without duplicates (RFC 4034 §6.3: sorted by
 * canonical RDATA as left-justified unsigned octet sequences; duplicates removed).
 */
export function canonicalRdataSet(rrs: readonly ResourceRecord[]): readonly Uint8Array[] {
  const sorted = rrs.map(canonicalRdata).sort(compareBytes);
  return sorted.filter((r, i) => i === 0 || compareBytes(sorted[i - 1]!, r) !== 0);
}

/**
 * The owner name used in the signed data (RFC 4035 §5.3.2): when the RRSIG Labels field is
 * smaller than the owner's label count, the RRset was synthesised from a wildcard and the
 * signed owner is `*.` + the rightmost Labels labels.
 */
export function signedOwner(owner: Name, labels: number): Name {
  return labels < rrsigLabelCount(owner) ? wildcardOf(ancestorWithLabels(owner, labels)) : owner;
}

/**
 * RFC 4034 §3.1.8.1: signature = sign(RRSIG_RDATA | RR(1) | RR(2)...), where RRSIG_RDATA
 * excludes the signature and has the signer's name in canonical form, and each
 * RR(i) = owner | type | class | OrigTTL | RDATA length | RDATA in canonical form.
 */
export function signedData(
  rrsig: RrsigRdata,
  rrsigRdata: Uint8Array,
  rrset: readonly ResourceRecord[],
): Uint8Array {
  const first = rrset[0];
  if (first === undefined) throw new Error('signedData: empty RRset');
  const head = rrsigRdata.slice(0, 18);
  const signer = nameToWire(rrsig.signerName, true);
  const owner = nameToWire(signedOwner(first.owner, rrsig.labels), true);
  const parts: Uint8Array[] = [head, signer];
  const fixed = new Uint8Array(10);
  fixed[0] = first.type >> 8;
  fixed[1] = first.type & 255;
  fixed[2] = first.class >> 8;
  fixed[3] = first.class & 255;
  // RFC 4035 §5.3.2: the Original TTL field of the RRSIG, not the TTL received.
  fixed[4] = rrsig.originalTtl >>> 24;
  fixed[5] = (rrsig.originalTtl >>> 16) & 255;
  fixed[6] = (rrsig.originalTtl >>> 8) & 255;
  fixed[7] = rrsig.originalTtl & 255;
  for (const rdata of canonicalRdataSet(rrset)) {
    const rr = fixed.slice();
    rr[8] = rdata.length >> 8;
    rr[9] = rdata.length & 255;
    parts.push(owner, rr, rdata);
  }
  return concatBytes(parts);
}
