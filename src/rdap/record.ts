/**
 * The RDAP domain object (RFC 9083 §5.3) as a registry sends it, reduced to what the
 * diagnosis reads: status, nameservers with their glue, DS data and events. Registries
 * differ (upper-case names, numbers as strings, missing fields), so reading is lenient
 * about shape and strict about content: what does not fit is left out, never guessed.
 */

import type { RdapDomainRecord, RdapDsData, RdapNameserver } from '../evidence/evidence';
import { parseIpv4, parseIpv6 } from '../dns/ip';
import { INVISIBLE, isHostName, RDAP_LIMITS } from '../evidence/codec-rdap';

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** A bounded one-line string without invisible characters, or undefined. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(INVISIBLE_ALL, ' ').trim();
  return clean === '' ? undefined : clean.slice(0, RDAP_LIMITS.textCharacters);
}

function texts(value: unknown, max: number): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map(text)
    .filter((t): t is string => t !== undefined)
    .slice(0, max);
}

/** RDAP servers send numbers, some as strings: `"keyTag": "370"`. */
function integer(value: unknown, max: number): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
}

/**
 * A nameserver as the diagnosis may use it: its name becomes a DNS question and a dig
 * command, so only a host name in LDH form is kept (no `unicodeName` fallback), and only
 * addresses that parse as such.
 */
function nameserverOf(value: unknown): RdapNameserver | undefined {
  if (!isObject(value)) return undefined;
  const ldhName = text(value['ldhName']);
  if (ldhName === undefined || !isHostName(ldhName)) return undefined;
  const ip = isObject(value['ipAddresses']) ? value['ipAddresses'] : {};
  return {
    ldhName,
    v4: texts(ip['v4'], RDAP_LIMITS.addresses).filter((a) => parseIpv4(a) !== undefined),
    v6: texts(ip['v6'], RDAP_LIMITS.addresses).filter((a) => parseIpv6(a) !== undefined),
  };
}

function dsOf(value: unknown): RdapDsData | undefined {
  if (!isObject(value)) return undefined;
  const keyTag = integer(value['keyTag'], 65535);
  const algorithm = integer(value['algorithm'], 255);
  const digestType = integer(value['digestType'], 255);
  // Not through text(): cutting a digest short would make it a different digest.
  const raw = value['digest'];
  const digest = typeof raw === 'string' ? raw.replace(/\s+/g, '') : undefined;
  if (keyTag === undefined || algorithm === undefined || digestType === undefined) return undefined;
  if (digest === undefined || !/^[0-9A-Fa-f]+$/.test(digest)) return undefined;
  if (digest.length > RDAP_LIMITS.digestCharacters) return undefined;
  return { keyTag, algorithm, digestType, digest };
}

export type RecordParse =
  | { readonly ok: true; readonly record: RdapDomainRecord }
  | { readonly ok: false; readonly message: string };

/** Reads a registry's domain response (parsed JSON). Never throws. */
export function domainRecordOf(json: unknown): RecordParse {
  if (!isObject(json)) return { ok: false, message: 'the response is not a JSON object' };
  const kind = json['objectClassName'];
  if (kind !== 'domain') {
    return {
      ok: false,
      message: `the response is not an RDAP domain object (objectClassName ${JSON.stringify(kind ?? null)})`,
    };
  }
  const ldhName = text(json['ldhName']) ?? text(json['unicodeName']);
  if (ldhName === undefined) return { ok: false, message: 'the domain object has no ldhName' };
  const secure = isObject(json['secureDNS']) ? json['secureDNS'] : {};
  const signed = secure['delegationSigned'];
  const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
  const events = list(json['events'])
    .map((e) => (isObject(e) ? { action: text(e['eventAction']), date: text(e['eventDate']) } : {}))
    .filter((e): e is { action: string; date: string } => !!e.action && !!e.date)
    .slice(0, RDAP_LIMITS.events);
  return {
    ok: true,
    record: {
      ldhName,
      status: texts(json['status'], RDAP_LIMITS.status),
      nameservers: list(json['nameservers'])
        .map(nameserverOf)
        .filter((ns): ns is RdapNameserver => ns !== undefined)
        .slice(0, RDAP_LIMITS.nameservers),
      ...(typeof signed === 'boolean' ? { delegationSigned: signed } : {}),
      dsData: list(secure['dsData'])
        .map(dsOf)
        .filter((ds): ds is RdapDsData => ds !== undefined)
        .slice(0, RDAP_LIMITS.dsData),
      events,
    },
  };
}
