/**
 * Records in presentation (master file) format, RFC 1035 §5.1: one or many lines such as
 * `. IN DS 20326 8 2 E06D…` or a signed zone file written by dnssec-signzone. Supports
 * parentheses, comments, quoted strings, `$ORIGIN`, `$TTL`, blank owners (the previous
 * owner), and TTL/class in either order. This is how trust anchors, RFC examples and test
 * zones come in as text.
 */

import { nameFromText, ROOT, type Name } from './name';
import type { ResourceRecord } from './record';
import { fail, ok, type WireResult } from './result';
import { classFromText, RRCLASS, typeFromText } from './types';
import { parseTtl, rdataFromText, type Token } from '../rdata';

interface Entry {
  readonly tokens: readonly Token[];
  readonly line: number;
  /** The entry began with white space: its owner is the previous one. */
  readonly blankOwner: boolean;
}

function tokenize(text: string): WireResult<readonly Entry[]> {
  const entries: Entry[] = [];
  let tokens: Token[] = [];
  let depth = 0;
  let line = 1;
  let entryLine = 1;
  let blankOwner = false;
  let atLineStart = true;
  let i = 0;
  const flush = (): void => {
    if (tokens.length > 0) entries.push({ tokens, line: entryLine, blankOwner });
    tokens = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (atLineStart && depth === 0) {
      blankOwner = c === ' ' || c === '\t';
      entryLine = line;
      atLineStart = false;
    }
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) {
        flush();
        atLineStart = true;
      }
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      if (depth === 0) return fail('syntax', 'unbalanced )', line);
      depth--;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j]! + text[j + 1]!;
          j += 2;
        } else {
          if (text[j] === '\n') line++;
          value += text[j]!;
          j++;
        }
      }
      if (j >= text.length) return fail('syntax', 'unterminated quoted string', line);
      tokens.push({ text: value, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      let value = '';
      while (j < text.length && !' \t\r\n;()"'.includes(text[j]!)) {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j]! + text[j + 1]!;
          j += 2;
        } else {
          value += text[j]!;
          j++;
        }
      }
      tokens.push({ text: value, quoted: false });
      i = j;
    }
  }
  if (depth !== 0) return fail('syntax', 'unbalanced (', line);
  flush();
  return ok(entries);
}

export interface ZoneTextOptions {
  /** Origin for relative names (default: the root). */
  readonly origin?: Name;
  /** TTL for records that give none and precede any `$TTL` (default 3600). */
  readonly defaultTtl?: number;
}

/**
 * Parses records in presentation format.
 *
 * @example
 * const r = parseZoneText('. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D');
 * if (r.ok) r.value[0]!.type; // 43
 */
export function parseZoneText(
  text: string,
  options: ZoneTextOptions = {},
): WireResult<readonly ResourceRecord[]> {
  const entries = tokenize(text);
  if (!entries.ok) return entries;
  let origin = options.origin ?? ROOT;
  let defaultTtl = options.defaultTtl ?? 3600;
  let lastOwner: Name | undefined;
  let lastTtl: number | undefined;
  let ttlDirective = false;
  const records: ResourceRecord[] = [];
  for (const entry of entries.value) {
    const t = entry.tokens;
    const at = entry.line;
    const head = t[0]!.text;
    if (!t[0]!.quoted && head.startsWith('$')) {
      const directive = head.toUpperCase();
      if (directive === '$ORIGIN') {
        const o = nameFromText(t[1]?.text ?? '', origin);
        if (!o.ok) return fail(o.error.code, o.error.message, at);
        origin = o.value;
      } else if (directive === '$TTL') {
        const ttl = parseTtl(t[1]?.text);
        if (!ttl.ok) return fail('syntax', ttl.error.message, at);
        defaultTtl = ttl.value;
        ttlDirective = true;
      } else {
        return fail('syntax', `unsupported directive ${head}`, at);
      }
      continue;
    }
    let pos = 0;
    let owner: Name;
    if (entry.blankOwner) {
      if (lastOwner === undefined) return fail('syntax', 'record without an owner', at);
      owner = lastOwner;
    } else {
      const o = nameFromText(head, origin);
      if (!o.ok) return fail(o.error.code, o.error.message, at);
      owner = o.value;
      pos = 1;
    }
    let ttl: number | undefined;
    let cls: number | undefined;
    let type: number | undefined;
    while (pos < t.length && type === undefined) {
      const word = t[pos]!.text;
      pos++;
      if (ttl === undefined && /^[0-9]/.test(word)) {
        const v = parseTtl(word);
        if (!v.ok) return fail('syntax', v.error.message, at);
        ttl = v.value;
      } else if (
        cls === undefined &&
        classFromText(word) !== undefined &&
        typeFromText(word) === undefined
      ) {
        cls = classFromText(word);
      } else {
        type = typeFromText(word);
        if (type === undefined) return fail('unknown-type', `unknown type ${word}`, at);
      }
    }
    if (type === undefined) return fail('syntax', 'record without a type', at);
    const explicitTtl = ttl !== undefined;
    const rdata = rdataFromText(type, t.slice(pos), origin);
    if (!rdata.ok) return fail(rdata.error.code, rdata.error.message, at);
    // RFC 2308 §4: after $TTL, a record without a TTL gets it; before, the last one given (RFC 1035 §5.1).
    ttl ??= ttlDirective ? defaultTtl : (lastTtl ?? defaultTtl);
    records.push({ owner, type, class: cls ?? RRCLASS.IN, ttl, rdata: rdata.value });
    lastOwner = owner;
    if (explicitTtl) lastTtl = ttl;
  }
  return ok(records);
}
