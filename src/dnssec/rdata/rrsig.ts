/** RRSIG RDATA (RFC 4034 §3.1). */

import { readName } from '../../dns/wire/message';
import type { Name } from '../../dns/wire/name';
import { fail, ok, type WireResult } from '../../dns/wire/result';

export interface RrsigRdata {
  readonly typeCovered: number;
  readonly algorithm: number;
  readonly labels: number;
  readonly originalTtl: number;
  /** 32-bit serial times, seconds (RFC 4034 §3.1.5). */
  readonly expiration: number;
  readonly inception: number;
  readonly keyTag: number;
  readonly signerName: Name;
  readonly signature: Uint8Array;
  /** The RDATA up to and excluding the signature: the first part of the signed data. */
  readonly signedPrefixLength: number;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

export function decodeRrsig(rdata: Uint8Array): WireResult<RrsigRdata> {
  if (rdata.length < 19) return fail('bad-rdata', 'RRSIG RDATA shorter than 19 octets');
  const signer = readName(rdata, 18);
  if (!signer.ok) return fail('bad-rdata', `RRSIG signer name: ${signer.error.message}`);
  if (signer.value.end >= rdata.length) return fail('bad-rdata', 'RRSIG without a signature');
  return ok({
    typeCovered: (rdata[0]! << 8) | rdata[1]!,
    algorithm: rdata[2]!,
    labels: rdata[3]!,
    originalTtl: u32(rdata, 4),
    expiration: u32(rdata, 8),
    inception: u32(rdata, 12),
    keyTag: (rdata[16]! << 8) | rdata[17]!,
    signerName: signer.value.name,
    signature: rdata.subarray(signer.value.end),
    signedPrefixLength: signer.value.end,
  });
}
