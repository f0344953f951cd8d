/** DS RDATA (RFC 4034 §5.1) for validation: the shared reader in src/dns/rdata, narrowed. */

import { readRdata } from '../../dns/rdata';
import { fail, ok, type WireResult } from '../../dns/wire/result';
import { RRTYPE } from '../../dns/wire/types';

export interface DsRdata {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: Uint8Array;
}

export function decodeDs(rdata: Uint8Array): WireResult<DsRdata> {
  if (rdata.length < 5) return fail('bad-rdata', 'DS RDATA shorter than 5 octets');
  const d = readRdata(RRTYPE.DS, rdata);
  if (d.kind !== 'DS') return fail('bad-rdata', d.kind === 'invalid' ? `DS: ${d.reason}` : 'DS');
  // A DS without a digest can match no key.
  if (d.digest.length === 0) return fail('bad-rdata', 'DS RDATA shorter than 5 octets');
  return ok(d);
}
