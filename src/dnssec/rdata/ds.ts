/** DS RDATA (RFC 4034 §5.1): key tag, algorithm, digest type, digest. */

import { fail, ok, type WireResult } from '../../dns/wire/result';

export interface DsRdata {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: Uint8Array;
}

export function decodeDs(rdata: Uint8Array): WireResult<DsRdata> {
  if (rdata.length < 5) return fail('bad-rdata', 'DS RDATA shorter than 5 octets');
  return ok({
    keyTag: (rdata[0]! << 8) | rdata[1]!,
    algorithm: rdata[2]!,
    digestType: rdata[3]!,
    digest: rdata.subarray(4),
  });
}
