/** NSEC3 RDATA (RFC 5155 §3.2). */

import { fail, ok, type WireResult } from '../../dns/wire/result';
import { decodeTypeBitmap } from '../../dns/wire/type-bitmap';

/** RFC 5155 §3.1.2.1: the Opt-Out flag is the least significant bit of the flags. */
export const NSEC3_FLAG_OPT_OUT = 0x01;

export interface Nsec3Rdata {
  readonly hashAlgorithm: number;
  readonly flags: number;
  readonly iterations: number;
  readonly salt: Uint8Array;
  readonly nextHashed: Uint8Array;
  readonly types: ReadonlySet<number>;
}

export function decodeNsec3(rdata: Uint8Array): WireResult<Nsec3Rdata> {
  if (rdata.length < 6) return fail('bad-rdata', 'NSEC3 RDATA too short');
  const saltEnd = 5 + rdata[4]!;
  if (saltEnd >= rdata.length) return fail('bad-rdata', 'NSEC3 salt runs past RDATA');
  const hashEnd = saltEnd + 1 + rdata[saltEnd]!;
  if (hashEnd > rdata.length || rdata[saltEnd] === 0) {
    return fail('bad-rdata', 'NSEC3 next hashed owner runs past RDATA');
  }
  const types = decodeTypeBitmap(rdata.subarray(hashEnd));
  if (!types.ok) return types;
  return ok({
    hashAlgorithm: rdata[0]!,
    flags: rdata[1]!,
    iterations: (rdata[2]! << 8) | rdata[3]!,
    salt: rdata.subarray(5, saltEnd),
    nextHashed: rdata.subarray(saltEnd + 1, hashEnd),
    types: new Set(types.value),
  });
}
