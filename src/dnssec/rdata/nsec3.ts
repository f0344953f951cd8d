/** NSEC3 RDATA (RFC 5155 §3.2) for validation: the shared reader in src/dns/rdata, narrowed. */

import { readNsec3 } from '../../dns/rdata/nsec3';
import { RdataReader } from '../../dns/rdata/reader';
import { fail, ok, type WireResult } from '../../dns/wire/result';

export { NSEC3_FLAG_OPT_OUT } from '../../dns/rdata/nsec3';

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
  const r = new RdataReader(rdata);
  const { nextHashedOwner, types, ...head } = readNsec3(r);
  if (r.error !== undefined) return fail('bad-rdata', `NSEC3: ${r.error}`);
  return ok({ ...head, nextHashed: nextHashedOwner, types: new Set(types) });
}
