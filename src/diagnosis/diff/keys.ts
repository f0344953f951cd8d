/**
 * The chain of trust's record sets, zone by zone from the root down: the DS set the parent
 * publishes for each zone (RFC 4035 §2.4, as the resolvers answered it) and the zone's own
 * DNSKEY set (RFC 4034 §2). Each result's sets are read from the responses its validation
 * built the chain from (`validation.sources`, what the chain panel shows), else from the
 * first response that answered.
 *
 * Keys are matched by algorithm and public key, not by key tag: setting the REVOKE bit
 * changes a key's tag (RFC 5011 §2.1), and that is a change of flags, not a new key.
 */

import { ancestorsAndSelf } from '../../dns/name';
import { toHex } from '../../dns/wire/encoding';
import { keyTag } from '../../dnssec/key-tag';
import type { Exchange } from '../../evidence/evidence';
import type { DiffSide, DnskeyDifference, DsDifference, KeyRole } from './difference';
import {
  compareRecordSets,
  firstRead,
  own,
  questionsAsked,
  setIn,
  type RecordSetRead,
} from './record-sets';
import type { RecordSetDifference } from './difference';

/** One key of a DNSKEY set, as compared. */
export interface KeyItem {
  /** Algorithm and public key: what stays when the flags change. */
  readonly id: string;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly flags: number;
  readonly role: KeyRole;
  readonly revoked: boolean;
}

interface DsItem {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: string;
}

const labelCount = (name: string): number => ancestorsAndSelf(name).length;

/** The zones whose DS or DNSKEY either result asked about, from the root down. */
export function chainZones(before: DiffSide, after: DiffSide): string[] {
  const owners = [before, after].flatMap((side) =>
    [...questionsAsked(side.evidence, 'ds'), ...questionsAsked(side.evidence, 'dnskey')].map(
      (q) => q.owner,
    ),
  );
  return [...new Set(owners)].sort(
    (a, b) => labelCount(a) - labelCount(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** A zone's DS or DNSKEY set in one result. */
export function chainSet(side: DiffSide, zone: string, type: 'DS' | 'DNSKEY'): RecordSetRead {
  const source = side.validation.sources.find((s) => s.zone === zone);
  const id = type === 'DS' ? source?.ds : source?.dnskey;
  const used: Exchange | undefined =
    id === undefined ? undefined : side.evidence.exchanges.find((x) => x.id === id);
  if (used) return setIn(used, zone, type);
  return firstRead(side.evidence, type === 'DS' ? 'ds' : 'dnskey', zone, type);
}

/** RFC 4034 §2.1.1: bit 7 zone key, bit 15 secure entry point. */
export function roleOf(zoneKey: boolean, secureEntryPoint: boolean): KeyRole {
  if (!zoneKey) return 'non-zone key';
  return secureEntryPoint ? 'KSK' : 'ZSK';
}

export function keysOf(read: RecordSetRead): KeyItem[] {
  return own(read, 'DNSKEY').flatMap((rr) =>
    rr.data.kind === 'DNSKEY'
      ? [
          {
            id: `${rr.data.algorithm} ${toHex(rr.data.publicKey)}`,
            keyTag: keyTag(rr.wire.rdata),
            algorithm: rr.data.algorithm,
            flags: rr.data.flags,
            role: roleOf(rr.data.zoneKey, rr.data.secureEntryPoint),
            revoked: rr.data.revoked,
          },
        ]
      : [],
  );
}

function dsOf(read: RecordSetRead): DsItem[] {
  return own(read, 'DS').flatMap((rr) =>
    rr.data.kind === 'DS'
      ? [
          {
            keyTag: rr.data.keyTag,
            algorithm: rr.data.algorithm,
            digestType: rr.data.digestType,
            digest: toHex(rr.data.digest).toUpperCase(),
          },
        ]
      : [],
  );
}

/** The DS records of `zone` at its parent that one result has and the other has not. */
export function dsDifferences(
  zone: string,
  before: RecordSetRead,
  after: RecordSetRead,
): (DsDifference | RecordSetDifference)[] {
  return compareRecordSets({ owner: zone, type: 'DS' }, before, after, {
    items: dsOf,
    key: (d) => `${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest}`,
    brief: (d) => `DS ${d.keyTag}`,
    change: (d, change, exchanges): DsDifference => ({ kind: 'ds', zone, change, ...d, exchanges }),
  });
}

/** What a difference says about a key. */
function keyFields(k: KeyItem) {
  return {
    keyTag: k.keyTag,
    algorithm: k.algorithm,
    flags: k.flags,
    role: k.role,
    revoked: k.revoked,
  };
}

/** Keys of `zone` added, removed, or with other flags (a key revoked, a ZSK made a KSK). */
export function dnskeyDifferences(
  zone: string,
  before: RecordSetRead,
  after: RecordSetRead,
): (DnskeyDifference | RecordSetDifference)[] {
  return compareRecordSets({ owner: zone, type: 'DNSKEY' }, before, after, {
    items: keysOf,
    key: (k) => k.id,
    brief: (k) => `${k.role} ${k.keyTag}`,
    change: (k, change, exchanges): DnskeyDifference => ({
      kind: 'dnskey',
      zone,
      change,
      ...keyFields(k),
      exchanges,
    }),
    kept: (pairs, exchanges) =>
      pairs
        .filter(([then, now]) => then.flags !== now.flags)
        .map(([then, now]): DnskeyDifference => {
          const { keyTag, flags, role, revoked } = keyFields(then);
          return {
            kind: 'dnskey',
            zone,
            change: 'flags',
            ...keyFields(now),
            previous: { keyTag, flags, role, revoked },
            exchanges,
          };
        }),
  });
}
