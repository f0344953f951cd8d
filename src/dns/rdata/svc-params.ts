/**
 * SvcParams of SVCB and HTTPS records (RFC 9460 §2.2 wire form, §7 keys and their
 * presentation values). HTTPS records are common answers to browsers' queries, so they are
 * worth reading, but a parameter we cannot interpret is still shown in the generic
 * `keyNNNNN="…"` form (§2.1), never dropped.
 */

import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../ip';
import { characterStringToText } from '../text';
import { concatBytes, fromBase64, toBase64 } from '../wire/encoding';

const COMMA = 0x2c;
const BACKSLASH = 0x5c;

/** RFC 9460 §14.3.2 "Service Parameter Keys (SvcParamKeys)" and later registrations. */
export const SVC_PARAM_KEYS: Readonly<Record<number, string>> = {
  0: 'mandatory',
  1: 'alpn',
  2: 'no-default-alpn',
  3: 'port',
  4: 'ipv4hint',
  5: 'ech',
  6: 'ipv6hint',
  7: 'dohpath',
  8: 'ohttp',
};

export function svcParamKeyName(key: number): string {
  return SVC_PARAM_KEYS[key] ?? `key${key}`;
}

export interface SvcParam {
  readonly key: number;
  /** `alpn`, `ipv4hint`… or `key65001` */
  readonly name: string;
  readonly value: Uint8Array;
  /** `alpn="h3,h2"`, `no-default-alpn`, `key65001="\001"` */
  readonly text: string;
}

function list(
  value: Uint8Array,
  width: number,
  format: (b: Uint8Array) => string,
): string | undefined {
  if (value.length === 0 || value.length % width !== 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < value.length; i += width) out.push(format(value.subarray(i, i + width)));
  return out.join(',');
}

/**
 * The alpn value: length-prefixed ids as a comma-separated value-list (RFC 9460 §7.1.1,
 * Appendix A.1): a `,` or `\\` inside an id is escaped with `\\`, then the list is one
 * <character-string>, whose own escaping doubles that backslash (`h\\\\,2`).
 */
function alpnText(value: Uint8Array): string | undefined {
  const list: number[] = [];
  for (let i = 0; i < value.length;) {
    const n = value[i]!;
    if (n === 0 || i + 1 + n > value.length) return undefined;
    if (list.length > 0) list.push(COMMA);
    for (const b of value.subarray(i + 1, i + 1 + n)) {
      if (b === COMMA || b === BACKSLASH) list.push(BACKSLASH);
      list.push(b);
    }
    i += 1 + n;
  }
  return list.length > 0 ? characterStringToText(Uint8Array.from(list)) : undefined;
}

/** The presentation value of one SvcParam, or undefined when it does not fit its key. */
function valueText(key: number, value: Uint8Array): string | undefined {
  switch (key) {
    case 0:
      return list(value, 2, (b) => svcParamKeyName((b[0]! << 8) | b[1]!));
    case 1:
      return alpnText(value);
    case 2:
    case 8:
      return value.length === 0 ? '' : undefined;
    case 3:
      return value.length === 2 ? String((value[0]! << 8) | value[1]!) : undefined;
    case 4:
      return list(value, 4, formatIpv4);
    case 5:
      return value.length > 0 ? toBase64(value) : undefined;
    case 6:
      return list(value, 16, formatIpv6);
    case 7:
      return `"${characterStringToText(value, false)}"`;
    default:
      return value.length === 0 ? '' : `"${characterStringToText(value, false)}"`;
  }
}

/** Reads the SvcParams that follow the TargetName; a string is the reason they are malformed. */
export function readSvcParams(bytes: Uint8Array): readonly SvcParam[] | string {
  const params: SvcParam[] = [];
  let pos = 0;
  let lastKey = -1;
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length) return 'SvcParams end inside a key/length pair';
    const key = (bytes[pos]! << 8) | bytes[pos + 1]!;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    if (pos + 4 + length > bytes.length)
      return `SvcParam ${svcParamKeyName(key)} runs past the RDATA`;
    // RFC 9460 §2.2: "SvcParamKeys SHALL appear in increasing numeric order."
    if (key <= lastKey) return `SvcParam ${svcParamKeyName(key)} out of order`;
    lastKey = key;
    params.push(svcParam(key, bytes.slice(pos + 4, pos + 4 + length)));
    pos += 4 + length;
  }
  return params;
}

/** One SvcParam with its presentation text; a value that does not fit its key is shown generic. */
export function svcParam(key: number, value: Uint8Array): SvcParam {
  const name = svcParamKeyName(key);
  const shown = valueText(key, value);
  const text =
    shown === undefined
      ? `key${key}="${characterStringToText(value, false)}"`
      : shown === ''
        ? name
        : `${name}=${shown}`;
  return { key, name, value, text };
}

/** The SvcParams in wire form (RFC 9460 §2.2): key, value length, value, in key order. */
export function svcParamsToWire(params: readonly SvcParam[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const p of params) {
    parts.push(Uint8Array.of(p.key >> 8, p.key & 255, p.value.length >> 8, p.value.length & 255));
    parts.push(p.value);
  }
  return concatBytes(parts);
}

const KEYS_BY_NAME = new Map(Object.entries(SVC_PARAM_KEYS).map(([k, v]) => [v, Number(k)]));

/** `alpn` → 1, `key65001` → 65001; undefined for anything else. */
export function svcParamKeyFromText(text: string): number | undefined {
  const named = KEYS_BY_NAME.get(text.toLowerCase());
  if (named !== undefined) return named;
  const m = /^key([0-9]{1,5})$/i.exec(text);
  return m && Number(m[1]) <= 0xffff ? Number(m[1]) : undefined;
}

/** Splits a value-list at unescaped commas, resolving `\,` and `\\` (RFC 9460 Appendix A.1). */
function valueList(bytes: Uint8Array): Uint8Array[] {
  const items: Uint8Array[] = [];
  let current: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === BACKSLASH && i + 1 < bytes.length) {
      current.push(bytes[++i]!);
    } else if (b === COMMA) {
      items.push(Uint8Array.from(current));
      current = [];
    } else {
      current.push(b);
    }
  }
  items.push(Uint8Array.from(current));
  return items;
}

const latin1 = new TextDecoder('latin1');

function listOf(
  value: Uint8Array,
  parse: (item: string) => Uint8Array | undefined,
): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  for (const item of latin1.decode(value).split(',')) {
    const bytes = parse(item);
    if (bytes === undefined) return undefined;
    parts.push(bytes);
  }
  return concatBytes(parts);
}

function u16Bytes(n: number | undefined): Uint8Array | undefined {
  return n === undefined ? undefined : Uint8Array.of(n >> 8, n & 255);
}

/**
 * The wire value of a named key's presentation value (RFC 9460 §7), given as octets with
 * the <character-string> escapes already resolved; undefined when it does not fit the key.
 */
function valueFromText(key: number, value: Uint8Array): Uint8Array | undefined {
  switch (key) {
    case 0:
      return listOf(value, (k) => u16Bytes(svcParamKeyFromText(k)));
    case 1: {
      const ids = valueList(value);
      if (ids.some((id) => id.length === 0 || id.length > 255)) return undefined;
      return concatBytes(ids.flatMap((id) => [Uint8Array.of(id.length), id]));
    }
    case 2:
    case 8:
      return value.length === 0 ? value : undefined;
    case 3: {
      const text = latin1.decode(value);
      return /^[0-9]{1,5}$/.test(text) && Number(text) <= 0xffff
        ? u16Bytes(Number(text))
        : undefined;
    }
    case 4:
      return listOf(value, parseIpv4);
    case 5:
      return fromBase64(latin1.decode(value));
    case 6:
      return listOf(value, parseIpv6);
    default:
      return value;
  }
}

/**
 * One SvcParam from its presentation parts: the key as written and its value octets
 * (undefined when the key has no `=`). A key written `keyNNNNN` takes its value as is
 * (the generic form, §2.1); a named key's value is read by its own syntax.
 */
export function svcParamFromText(
  keyText: string,
  value: Uint8Array | undefined,
): SvcParam | string {
  const key = svcParamKeyFromText(keyText);
  if (key === undefined) return `unknown SvcParamKey ${keyText}`;
  const generic = /^key[0-9]/i.test(keyText);
  const bytes = generic
    ? (value ?? new Uint8Array(0))
    : valueFromText(key, value ?? new Uint8Array(0));
  if (bytes === undefined) return `bad value for SvcParam ${keyText}`;
  return svcParam(key, bytes);
}
