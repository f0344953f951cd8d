/** DNSKEY RDATA (RFC 4034 §2.1) for validation: the shared reader in src/dns/rdata, narrowed. */

import { readRdata } from '../../dns/rdata';
import { fail, ok, type WireResult } from '../../dns/wire/result';
import { RRTYPE } from '../../dns/wire/types';

export { DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE } from '../../dns/rdata/dnskey';

export interface DnskeyRdata {
  readonly flags: number;
  readonly protocol: number;
  readonly algorithm: number;
  readonly publicKey: Uint8Array;
}

export function decodeDnskey(rdata: Uint8Array): WireResult<DnskeyRdata> {
  if (rdata.length < 5) return fail('bad-rdata', 'DNSKEY RDATA shorter than 5 octets');
  const d = readRdata(RRTYPE.DNSKEY, rdata);
  if (d.kind !== 'DNSKEY') {
    return fail('bad-rdata', d.kind === 'invalid' ? `DNSKEY: ${d.reason}` : 'DNSKEY');
  }
  if (d.publicKey.length === 0) return fail('bad-rdata', 'DNSKEY RDATA shorter than 5 octets');
  return ok(d);
}
