/** DNSKEY records decoded once, with their key tags, for matching RRSIGs and DS records. */

import { bytesEqual } from '../dns/wire/encoding';
import { nameToText, type Name } from '../dns/wire/name';
import { recordToText } from '../dns/rdata';
import type { ResourceRecord } from '../dns/wire/record';
import { RRTYPE } from '../dns/wire/types';
import { dsDigest } from './ds-digest';
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

/** The fields of a DS record that name and check a key (RFC 4034 §5.1). */
export interface DsFields {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: Uint8Array;
}

/**
 * RFC 4035 §5.2: a DS names a DNSKEY by its key tag and algorithm, and the digest over the
 * key's owner and RDATA (RFC 4034 §5.1.4) must equal the DS digest. Whether the key may be
 * used at all (zone key, not revoked) is `isUsableZoneKey`'s question, not this one.
 */
export function dsMatchesKey(ds: DsFields, key: ZoneKey): boolean {
  if (key.keyTag !== ds.keyTag || key.dnskey.algorithm !== ds.algorithm) return false;
  const digest = dsDigest(key.owner, key.rdata, ds.digestType);
  return digest !== undefined && bytesEqual(digest, ds.digest);
}
