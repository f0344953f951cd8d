/** NSEC RDATA (RFC 4034 §4.1) for validation: next name as labels, types as codes. */

import { RdataReader } from '../../dns/rdata/reader';
import type { Name } from '../../dns/wire/name';
import { fail, ok, type WireResult } from '../../dns/wire/result';

export interface NsecRdata {
  readonly next: Name;
  readonly types: ReadonlySet<number>;
}

export function decodeNsec(rdata: Uint8Array): WireResult<NsecRdata> {
  const r = new RdataReader(rdata);
  const next = r.labels('NSEC next name');
  const types = r.types();
  return r.error === undefined ? ok({ next, types: new Set(types) }) : fail('bad-rdata', r.error);
}
