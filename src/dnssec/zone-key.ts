/** DNSKEY records decoded once, with their key tags, for matching RRSIGs and DS records. */

import { nameToText, type Name } from '../dns/wire/name';
import { recordToText } from '../dns/rdata';
import type { ResourceRecord } from '../dns/wire/record';
import { RRTYPE } from '../dns/wire/types';
import { keyTag } from './key-tag';
import {
  decodeDnskey,
  DNSKEY_FLAG_REVOKE,
  DNSKEY_FLAG_ZONE,
  type DnskeyRdata,
} from './rdata/dnskey';

export interface ZoneKey {
  readonly owner: Name;
  readonly rdata: Uint8Array;
  readonly dnskey: DnskeyRdata;
  readonly keyTag: number;
  readonly text: string;
}

export function zoneKeysOf(records: readonly ResourceRecord[]): readonly ZoneKey[] {
  const keys: ZoneKey[] = [];
  for (const rr of records) {
    if (rr.type !== RRTYPE.DNSKEY) continue;
    const d = decodeDnskey(rr.rdata);
    if (!d.ok) continue;
    keys.push({
      owner: rr.owner,
      rdata: rr.rdata,
      dnskey: d.value,
      keyTag: keyTag(rr.rdata),
      text: recordToText(rr),
    });
  }
  return keys;
}

/**
 * RFC 4035 §5.3.1: the key must have "the Zone Flag bit (DNSKEY RDATA Flag bit 7) set" and
 * protocol 3 (RFC 4034 §2.1.2). RFC 5011 §2.1: a revoked key MUST NOT be used to validate.
 */
export function isUsableZoneKey(key: ZoneKey): boolean {
  return (
    (key.dnskey.flags & DNSKEY_FLAG_ZONE) !== 0 &&
    (key.dnskey.flags & DNSKEY_FLAG_REVOKE) === 0 &&
    key.dnskey.protocol === 3
  );
}

export function keyLabel(key: ZoneKey): string {
  return `${nameToText(key.owner)} DNSKEY ${key.keyTag}/${key.dnskey.algorithm}`;
}
