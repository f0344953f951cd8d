/**
 * The delegation as DNS shows it: the NS set of each name the check asked about (RFC 1034
 * §4.2.2: the zone's own NS records) and the addresses of the nameserver hosts (the A and
 * AAAA questions of the follow-up wave, which is what resolvers reach the servers by).
 * The registry's nameservers and glue are compared in registry.ts.
 */

import { fqdn } from '../../dns/name';
import type { Evidence } from '../../evidence/evidence';
import type { AddressDifference, NsDifference, RecordSetDifference } from './difference';
import {
  compareRecordSets,
  firstRead,
  own,
  questionsAsked,
  type RecordSetRead,
} from './record-sets';

function hostsOf(read: RecordSetRead): string[] {
  return own(read, 'NS').map((rr) =>
    rr.data.kind === 'NS' ? fqdn(rr.data.target) : fqdn(rr.rdata),
  );
}

function addressesOf(read: RecordSetRead, type: string): string[] {
  return own(read, type).map((rr) =>
    rr.data.kind === 'A' || rr.data.kind === 'AAAA' ? rr.data.address : rr.rdata,
  );
}

/** Every (owner, type) either result asked with this purpose, each once. */
function askedInEither(
  before: Evidence,
  after: Evidence,
  purpose: 'ns' | 'address',
): { readonly owner: string; readonly type: string }[] {
  const all = [...questionsAsked(before, purpose), ...questionsAsked(after, purpose)];
  return [...new Map(all.map((q) => [`${q.owner} ${q.type}`, q])).values()];
}

/** Hosts added to or removed from each NS set both results read, or the set as a whole. */
export function nsDifferences(
  before: Evidence,
  after: Evidence,
): (NsDifference | RecordSetDifference)[] {
  return askedInEither(before, after, 'ns')
    .filter((q) => q.type === 'NS')
    .flatMap(({ owner: zone }) =>
      compareRecordSets(
        { owner: zone, type: 'NS' },
        firstRead(before, 'ns', zone, 'NS'),
        firstRead(after, 'ns', zone, 'NS'),
        {
          items: hostsOf,
          key: (host) => host,
          brief: (host) => host,
          change: (host, change, exchanges): NsDifference => ({
            kind: 'ns',
            zone,
            change,
            host,
            exchanges,
          }),
        },
      ),
    );
}

/** Addresses a nameserver host gained or lost, or its address set as a whole. */
export function addressDifferences(
  before: Evidence,
  after: Evidence,
): (AddressDifference | RecordSetDifference)[] {
  return askedInEither(before, after, 'address')
    .filter((q): q is { owner: string; type: 'A' | 'AAAA' } => q.type === 'A' || q.type === 'AAAA')
    .flatMap(({ owner: host, type }) =>
      compareRecordSets(
        { owner: host, type },
        firstRead(before, 'address', host, type),
        firstRead(after, 'address', host, type),
        {
          items: (read) => addressesOf(read, type),
          key: (address) => address,
          brief: (address) => address,
          change: (address, change, exchanges): AddressDifference => ({
            kind: 'address',
            host,
            change,
            address,
            exchanges,
          }),
        },
      ),
    );
}
