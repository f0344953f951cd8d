/**
 * The registry part of untrusted Evidence (`rdap`, see evidence.ts): read strictly, field by
 * field, like the DoH exchanges. Every string is bounded and free of control characters, so
 * a hostile permalink cannot smuggle line breaks or megabytes into the verdict card.
 */

import type {
  RdapDomainRecord,
  RdapDsData,
  RdapError,
  RdapErrorClass,
  RdapLookup,
  RdapNameserver,
} from './evidence';
import { parseIpv4, parseIpv6 } from '../dns/ip';
import {
  checkString,
  describe,
  fail,
  isRecord,
  readBoolean,
  readEnum,
  readField,
  readList,
  readNumber,
  readOptionalNumber,
  readOptionalString,
  readRecord,
  readString,
  type JsonRecord,
} from './codec-fields';
import { RDAP_LIMITS } from './limits';

export { RDAP_LIMITS };

export const RDAP_ERROR_CLASSES: readonly RdapErrorClass[] = [
  'timeout',
  'unreachable',
  'http-status',
  'content-type',
  'malformed',
  'aborted',
  'no-service',
  'not-found',
  'rate-limited',
  'too-large',
  'local-network-denied',
];

const TEXT = { max: RDAP_LIMITS.textCharacters, noControl: true } as const;

/**
 * Characters that change how text looks without being seen: C1 controls, bidirectional
 * overrides and isolates, line and paragraph separators. C0 controls are refused too.
 */
export const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** A host name in LDH form (RFC 1123 §2.1, A-labels included), optional trailing dot. */
export function isHostName(text: string): boolean {
  return (
    text.length <= 254 &&
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(
      text,
    )
  );
}

function checkVisible(text: string, what: string, where: string): void {
  if (INVISIBLE.test(text)) {
    fail(where, `${what} must not contain control, bidirectional or line-separator characters`);
  }
}
const URL_RULES = { max: RDAP_LIMITS.urlCharacters, nonEmpty: true, noControl: true } as const;
const BYTE = { min: 0, max: 255, integer: true } as const;

function readStrings(record: JsonRecord, key: string, where: string, max: number): string[] {
  return readList(record, key, where, max).map((item, i) => {
    if (typeof item !== 'string')
      fail(where, `\`${key}\` ${i} must be a string, not ${describe(item)}`);
    checkString(item, `\`${key}\` ${i}`, where, { ...TEXT, nonEmpty: true });
    checkVisible(item, `\`${key}\` ${i}`, where);
    return item;
  });
}

/** A text field shown to people: bounded, one line, nothing invisible. */
function readText(record: JsonRecord, key: string, where: string): string {
  const text = readString(record, key, where, { ...TEXT, nonEmpty: true });
  checkVisible(text, `\`${key}\``, where);
  return text;
}

function readNameserver(value: unknown, where: string): RdapNameserver {
  if (!isRecord(value)) fail(where, `must be an object, not ${describe(value)}`);
  // These become DNS questions and dig commands: a host name and addresses, nothing else.
  const ldhName = readText(value, 'ldhName', where);
  if (!isHostName(ldhName))
    fail(where, `\`ldhName\` must be a host name, not ${JSON.stringify(ldhName)}`);
  const v4 = readStrings(value, 'v4', where, RDAP_LIMITS.addresses);
  const v6 = readStrings(value, 'v6', where, RDAP_LIMITS.addresses);
  const bad = [...v4.filter((a) => !parseIpv4(a)), ...v6.filter((a) => !parseIpv6(a))];
  if (bad.length > 0) fail(where, `${JSON.stringify(bad[0])} is not an IP address of its kind`);
  return { ldhName, v4, v6 };
}

function readDs(value: unknown, where: string): RdapDsData {
  if (!isRecord(value)) fail(where, `must be an object, not ${describe(value)}`);
  const digest = readString(value, 'digest', where, {
    max: RDAP_LIMITS.digestCharacters,
    nonEmpty: true,
  });
  if (!/^[0-9A-Fa-f]+$/.test(digest)) fail(where, '`digest` must be hexadecimal');
  return {
    keyTag: readNumber(value, 'keyTag', where, { min: 0, max: 65535, integer: true }),
    algorithm: readNumber(value, 'algorithm', where, BYTE),
    digestType: readNumber(value, 'digestType', where, BYTE),
    digest,
  };
}

function readDomainRecord(value: unknown, where: string): RdapDomainRecord {
  const record = readRecord(value, where, 'record');
  const inner = `${where}, record`;
  const signed = readField(record, 'delegationSigned');
  return {
    ldhName: readText(record, 'ldhName', inner),
    status: readStrings(record, 'status', inner, RDAP_LIMITS.status),
    nameservers: readList(record, 'nameservers', inner, RDAP_LIMITS.nameservers).map((ns, i) =>
      readNameserver(ns, `${inner}, nameserver ${i}`),
    ),
    ...(signed === undefined || signed === null
      ? {}
      : { delegationSigned: readBoolean(record, 'delegationSigned', inner) }),
    dsData: readList(record, 'dsData', inner, RDAP_LIMITS.dsData).map((ds, i) =>
      readDs(ds, `${inner}, DS ${i}`),
    ),
    events: readList(record, 'events', inner, RDAP_LIMITS.events).map((event, i) => {
      const at = `${inner}, event ${i}`;
      if (!isRecord(event)) fail(at, `must be an object, not ${describe(event)}`);
      return {
        action: readText(event, 'action', at),
        date: readText(event, 'date', at),
      };
    }),
  };
}

function readRdapError(value: unknown, where: string): RdapError {
  const record = readRecord(value, where, 'error');
  const inner = `${where}, error`;
  return {
    class: readEnum(record, 'class', inner, RDAP_ERROR_CLASSES),
    message: readString(record, 'message', inner, {
      max: RDAP_LIMITS.errorMessageCharacters,
      noControl: true,
    }),
  };
}

const TIME = { min: 0, max: RDAP_LIMITS.timeMs } as const;

function readLookup(value: unknown, index: number): RdapLookup {
  const where = `RDAP lookup ${index}`;
  if (!isRecord(value)) fail(where, `must be an object, not ${describe(value)}`);
  const id = readString(value, 'id', where, { max: 64, nonEmpty: true, noControl: true });
  const domain = readString(value, 'domain', where, { ...TEXT, nonEmpty: true });
  if (!domain.endsWith('.')) fail(where, '`domain` must be a fully qualified name ending in a dot');
  const bootstrap = readString(value, 'bootstrap', where, URL_RULES);
  const url = readOptionalString(value, 'url', where, URL_RULES);
  for (const [key, text] of [
    ['bootstrap', bootstrap],
    ['url', url],
  ] as const) {
    if (text !== undefined && !/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i.test(text)) {
      fail(where, `\`${key}\` must be an http(s) URL`);
    }
  }
  const httpStatus = readOptionalNumber(value, 'httpStatus', where, {
    min: 100,
    max: 599,
    integer: true,
  });
  const record = readField(value, 'record');
  const error = readField(value, 'error');
  if ((record === undefined || record === null) === (error === undefined || error === null)) {
    fail(where, 'must hold either a `record` or an `error`');
  }
  return {
    id,
    domain,
    bootstrap,
    ...(url === undefined ? {} : { url }),
    startedAt: readNumber(value, 'startedAt', where, TIME),
    durationMs: readNumber(value, 'durationMs', where, TIME),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(record === undefined || record === null ? {} : { record: readDomainRecord(record, where) }),
    ...(error === undefined || error === null ? {} : { error: readRdapError(error, where) }),
  };
}

/** Reads the optional `rdap` list; ids must not repeat each other or an exchange's. */
export function readRdapLookups(
  evidence: JsonRecord,
  exchangeIds: ReadonlySet<string>,
): RdapLookup[] | undefined {
  const value = readField(evidence, 'rdap');
  if (value === undefined || value === null) return undefined;
  const lookups = readList(evidence, 'rdap', '', RDAP_LIMITS.lookups).map(readLookup);
  const seen = new Set(exchangeIds);
  lookups.forEach((lookup, i) => {
    if (seen.has(lookup.id))
      fail(`RDAP lookup ${i}`, `\`id\` ${JSON.stringify(lookup.id)} is used twice`);
    seen.add(lookup.id);
  });
  return lookups;
}

/** The lookups with their keys in the documented order and nothing else. */
export function canonicalRdapLookups(lookups: readonly RdapLookup[]): RdapLookup[] {
  return lookups.map((l) => ({
    id: l.id,
    domain: l.domain,
    bootstrap: l.bootstrap,
    ...(l.url === undefined ? {} : { url: l.url }),
    startedAt: l.startedAt,
    durationMs: l.durationMs,
    ...(l.httpStatus === undefined ? {} : { httpStatus: l.httpStatus }),
    ...(l.record === undefined
      ? {}
      : {
          record: {
            ldhName: l.record.ldhName,
            status: [...l.record.status],
            nameservers: l.record.nameservers.map((ns) => ({
              ldhName: ns.ldhName,
              v4: [...ns.v4],
              v6: [...ns.v6],
            })),
            ...(l.record.delegationSigned === undefined
              ? {}
              : { delegationSigned: l.record.delegationSigned }),
            dsData: l.record.dsData.map((ds) => ({
              keyTag: ds.keyTag,
              algorithm: ds.algorithm,
              digestType: ds.digestType,
              digest: ds.digest,
            })),
            events: l.record.events.map((e) => ({ action: e.action, date: e.date })),
          },
        }),
    ...(l.error === undefined ? {} : { error: { class: l.error.class, message: l.error.message } }),
  }));
}
