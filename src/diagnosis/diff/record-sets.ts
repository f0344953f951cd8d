/**
 * One record set of a result, as the diff reads it: the records a response held for an
 * owner and type (with the RRSIGs over them), or why the set could not be read. An unread
 * set is unknown, not empty (RFC 2308 §1: only a NOERROR without the records, or an
 * NXDOMAIN, says there are none), so two results are compared record by record only when
 * both read it; otherwise the one that read it is reported whole.
 *
 * Responses are the decode cache's (`answerOf`): nothing is parsed again here.
 */

import type { DnsRecord } from '../../dns/message';
import { fqdn } from '../../dns/name';
import { answerOf } from '../../evidence/decoded';
import type { Evidence, Exchange, ExchangePurpose } from '../../evidence/evidence';
import type { RecordSetDifference, RecordSetType, SetChange, SideRefs } from './difference';

export type RecordSetRead =
  | {
      readonly read: true;
      /** Records of the owner in the answer section: the set's own and the RRSIGs over it. */
      readonly records: readonly DnsRecord[];
      readonly exchange: string;
    }
  | {
      readonly read: false;
      /** What came back instead: an RCODE, a transport error class, or `not asked`. */
      readonly instead: string;
      readonly exchange?: string;
    };

export const NOT_ASKED = 'not asked';

/** NOERROR or NXDOMAIN: the response says which records exist. */
function usable(x: Exchange): boolean {
  const rcode = answerOf(x)?.rcodeName;
  return rcode === 'NOERROR' || rcode === 'NXDOMAIN';
}

/** The set as one exchange's response holds it. */
export function setIn(x: Exchange, owner: string, type: string): RecordSetRead {
  const message = answerOf(x);
  if (message === null || !usable(x)) {
    return {
      read: false,
      instead: x.error?.class ?? message?.rcodeName ?? 'malformed',
      exchange: x.id,
    };
  }
  const records = message.answer.filter(
    (rr) =>
      fqdn(rr.name) === owner &&
      (rr.type === type || (rr.data.kind === 'RRSIG' && rr.data.typeCovered === type)),
  );
  return { read: true, records, exchange: x.id };
}

/** Exchanges of one purpose about `owner` and `type`, in evidence order. */
export function exchangesAbout(
  evidence: Evidence,
  purpose: ExchangePurpose,
  owner: string,
  type: string,
): Exchange[] {
  return evidence.exchanges.filter(
    (x) =>
      x.purpose === purpose &&
      fqdn(x.question.name) === owner &&
      x.question.type.toUpperCase() === type,
  );
}

/** The set from the first response that reads it; else why the first one did not. */
export function firstRead(
  evidence: Evidence,
  purpose: ExchangePurpose,
  owner: string,
  type: string,
): RecordSetRead {
  const asked = exchangesAbout(evidence, purpose, owner, type);
  const answered = asked.find(usable);
  if (answered) return setIn(answered, owner, type);
  const first = asked[0];
  return first ? setIn(first, owner, type) : { read: false, instead: NOT_ASKED };
}

/** The (owner, type) pairs a result asked with this purpose, each once, in evidence order. */
export function questionsAsked(
  evidence: Evidence,
  purpose: ExchangePurpose,
): { readonly owner: string; readonly type: string }[] {
  const seen = new Map<string, { owner: string; type: string }>();
  for (const x of evidence.exchanges) {
    if (x.purpose !== purpose) continue;
    const q = { owner: fqdn(x.question.name), type: x.question.type.toUpperCase() };
    seen.set(`${q.owner} ${q.type}`, q);
  }
  return [...seen.values()];
}

/** The records of the set's own type (RRSIGs aside). */
export function own(read: RecordSetRead, type: string): readonly DnsRecord[] {
  return read.read ? read.records.filter((rr) => rr.type === type) : [];
}

/** The exchange ids a pair of reads rests on. */
export function refsOf(before: RecordSetRead, after: RecordSetRead): SideRefs {
  return {
    before: before.exchange === undefined ? [] : [before.exchange],
    after: after.exchange === undefined ? [] : [after.exchange],
  };
}

/** Items that are in one list only, by key, and the pairs that are in both. */
export interface SetChanges<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
  readonly kept: readonly (readonly [T, T])[];
}

export function setChanges<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
): SetChanges<T> {
  const then = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  return {
    added: [...now].filter(([k]) => !then.has(k)).map(([, item]) => item),
    removed: [...then].filter(([k]) => !now.has(k)).map(([, item]) => item),
    kept: [...now].flatMap(([k, item]) => {
      const old = then.get(k);
      return old === undefined ? [] : [[old, item] as const];
    }),
  };
}

/** One difference per item in one list only: removed first, then added (the old before the new). */
export function eachChange<T, D>(
  changes: { readonly added: readonly T[]; readonly removed: readonly T[] },
  make: (item: T, change: SetChange) => D,
): D[] {
  return [
    ...changes.removed.map((item) => make(item, 'removed')),
    ...changes.added.map((item) => make(item, 'added')),
  ];
}

/** How one kind of record set is compared item by item. */
export interface SetComparison<T, D> {
  /** The set's items in one read (empty when unread). */
  readonly items: (read: RecordSetRead) => readonly T[];
  /** What stays the same for an item across the two results. */
  readonly key: (item: T) => string;
  /** The item in a few words, for a set reported whole: `KSK 54321`, `ns1.example.` */
  readonly brief: (item: T) => string;
  /** The difference for an item in one result only. */
  readonly change: (item: T, change: SetChange, exchanges: SideRefs) => D;
  /** Differences between an item as it was and as it is (e.g. a key's flags). */
  readonly kept?: (pairs: SetChanges<T>['kept'], exchanges: SideRefs) => readonly D[];
}

/**
 * A set in two results: item by item when both read it; when one read it and the other did
 * not, the set as a whole (only when the one that read it holds records: an empty set beside
 * an unread one says nothing); nothing when neither did.
 */
export function compareRecordSets<T, D>(
  set: { readonly owner: string; readonly type: RecordSetType },
  before: RecordSetRead,
  after: RecordSetRead,
  how: SetComparison<T, D>,
): (D | RecordSetDifference)[] {
  const exchanges = refsOf(before, after);
  if (before.read && after.read) {
    const changes = setChanges(how.items(before), how.items(after), how.key);
    return [
      ...eachChange(changes, (item, change) => how.change(item, change, exchanges)),
      ...(how.kept?.(changes.kept, exchanges) ?? []),
    ];
  }
  const known = before.read ? before : after.read ? after : null;
  const unknown = before.read ? after : before;
  if (known === null || unknown.read) return [];
  const records = how.items(known).map(how.brief);
  if (records.length === 0) return [];
  return [
    {
      kind: 'record-set',
      ...set,
      change: after.read ? 'readable' : 'unreadable',
      records,
      instead: unknown.instead,
      exchanges,
    },
  ];
}
