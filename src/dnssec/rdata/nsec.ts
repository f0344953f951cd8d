/** NSEC RDATA (RFC 4034 §4.1): next domain name and type bit map. */

import { readName } from '../../dns/wire/message';
import type { Name } from '../../dns/wire/name';
import { fail, ok, type WireResult } from '../../dns/wire/result';
import { decodeTypeBitmap } from '../../dns/wire/type-bitmap';

export interface NsecRdata {
  readonly next: Name;
  readonly types: ReadonlySet<number>;
}

export function decodeNsec(rdata: Uint8Array): WireResult<NsecRdata> {
  const next = readName(rdata, 0);
  if (!next.ok) return fail('bad-rdata', `NSEC next name: ${next.error.message}`);
  const types = decodeTypeBitmap(rdata.subarray(next.value.end));
  if (!types.ok) return types;
  return ok({ next: next.value.name, types: new Set(types.value) });
}
