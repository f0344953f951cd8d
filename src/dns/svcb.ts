/**
 * SvcParams of SVCB and HTTPS records (RFC 9460 §2.2 wire form, §7 keys and their
 * presentation values). HTTPS records are common answers to browsers' queries, so they are
 * worth reading, but a parameter we cannot interpret is still shown in the generic
 * `keyNNNNN="…"` form (§2.1), never dropped.
 */

import { formatIpv4, formatIpv6 } from './ip';
import { characterStringToText } from './text';
import { toBase64 } from './wire/encoding';

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

/** The alpn value: length-prefixed ids, shown comma-separated with `,` and `\` escaped. */
function alpnText(value: Uint8Array): string | undefined {
  const ids: string[] = [];
  for (let i = 0; i < value.length;) {
    const n = value[i]!;
    if (n === 0 || i + 1 + n > value.length) return undefined;
    const id = characterStringToText(value.subarray(i + 1, i + 1 + n), false);
    // §7.1.1: a comma inside an id is escaped in the list, then again as a character-string.
    ids.push(id.replace(/,/g, '\\\\,'));
    i += 1 + n;
  }
  return ids.length > 0 ? `"${ids.join(',')}"` : undefined;
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
    const value = bytes.slice(pos + 4, pos + 4 + length);
    const name = svcParamKeyName(key);
    const shown = valueText(key, value);
    const text =
      shown === undefined
        ? `key${key}="${characterStringToText(value, false)}"`
        : shown === ''
          ? name
          : `${name}=${shown}`;
    params.push({ key, name, value, text });
    pos += 4 + length;
  }
  return params;
}
