/** NSEC RDATA (RFC 4034 §4.1) for validation: next name as labels, types as codes. */

import { RdataError } from '../../dns/rdata';
import { RdataReader } from '../../dns/rdata/reader';
import type { Name } from '../../dns/wire/name';
import { fail, ok, type WireResult } from '../../dns/wire/result';

export interface NsecRdata {
  readonly next: Name;
  readonly types: ReadonlySet<number>;
}

export function decodeNsec(rdata: Uint8Array): WireResult<NsecRdata> {
  try {
    const r = new RdataReader(rdata);
    return ok({ next: r.labels('NSEC next name'), types: new Set(r.types()) });
  } catch (e) {
    if (e instanceof RdataError) return fail('bad-rdata', e.message);
    throw e;
  }
}
