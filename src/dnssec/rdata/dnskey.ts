/** DNSKEY RDATA (RFC 4034 §2.1): flags, protocol, algorithm, public key. */

import { fail, ok, type WireResult } from '../../dns/wire/result';

/** RFC 4034 §2.1.1: bit 7 is the Zone Key flag, bit 15 the Secure Entry Point flag. */
export const DNSKEY_FLAG_ZONE = 0x0100;
export const DNSKEY_FLAG_SEP = 0x0001;
/** RFC 5011 §2.1: bit 8, REVOKE. */
export const DNSKEY_FLAG_REVOKE = 0x0080;

export interface DnskeyRdata {
  readonly flags: number;
  readonly protocol: number;
  readonly algorithm: number;
  readonly publicKey: Uint8Array;
}

export function decodeDnskey(rdata: Uint8Array): WireResult<DnskeyRdata> {
  if (rdata.length < 5) return fail('bad-rdata', 'DNSKEY RDATA shorter than 5 octets');
  return ok({
    flags: (rdata[0]! << 8) | rdata[1]!,
    protocol: rdata[2]!,
    algorithm: rdata[3]!,
    publicKey: rdata.subarray(4),
  });
}
