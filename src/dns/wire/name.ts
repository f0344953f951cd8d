/**
 * Domain names as sequences of label byte arrays (RFC 1035 §3.1), root last and implicit.
 *
 * Labels are kept as bytes, not as dotted strings: a label may hold a dot or any binary
 * octet, and DNSSEC needs the exact octets (facts.md: dns-packet loses them). Comparison
 * and lower-casing touch only ASCII A–Z, as RFC 4034 §6.1 and §6.2 require.
 */

import { fail, ok, type WireResult } from './result';

/** A domain name: its labels, leftmost first, without the empty root label. */
export type Name = readonly Uint8Array[];

export const ROOT: Name = [];

/** RFC 1035 §2.3.4: labels are 63 octets or less, names 255 octets or less in wire form. */
export const MAX_LABEL_LENGTH = 63;
export const MAX_NAME_LENGTH = 255;

function lowerByte(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
}

export function lowerLabel(label: Uint8Array): Uint8Array {
  let needs = false;
  for (const b of label) if (b >= 0x41 && b <= 0x5a) needs = true;
  return needs ? label.map(lowerByte) : label;
}

/** The name with ASCII upper-case letters lowered (RFC 4034 §6.2 step 2). */
export function lowerName(name: Name): Name {
  return name.map(lowerLabel);
}

/** Wire length of the uncompressed name, including the root octet. */
export function nameWireLength(name: Name): number {
  let n = 1;
  for (const l of name) n += l.length + 1;
  return n;
}

/** Uncompressed wire form, optionally lower-cased (canonical form, RFC 4034 §6.2). */
export function nameToWire(name: Name, lowercase = false): Uint8Array {
  const out = new Uint8Array(nameWireLength(name));
  let o = 0;
  for (const label of name) {
    out[o++] = label.length;
    for (const b of label) out[o++] = lowercase ? lowerByte(b) : b;
  }
  out[o] = 0;
  return out;
}

/** Compares two labels as RFC 4034 §6.1 says: lower-cased, octet by octet, shorter first. */
export function compareLabels(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = lowerByte(a[i]!) - lowerByte(b[i]!);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * Canonical DNS name order (RFC 4034 §6.1): compare the rightmost labels first; a name that
 * runs out of labels sorts before the longer one.
 */
export function compareNames(a: Name, b: Name): number {
  let i = a.length - 1;
  let j = b.length - 1;
  while (i >= 0 && j >= 0) {
    const d = compareLabels(a[i]!, b[j]!);
    if (d !== 0) return d;
    i--;
    j--;
  }
  return a.length - b.length;
}

export function namesEqual(a: Name, b: Name): boolean {
  return a.length === b.length && compareNames(a, b) === 0;
}

/** True when `name` is `ancestor` or below it (case-insensitive). */
export function isSubdomainOf(name: Name, ancestor: Name): boolean {
  if (ancestor.length > name.length) return false;
  const offset = name.length - ancestor.length;
  for (let i = 0; i < ancestor.length; i++) {
    if (compareLabels(name[offset + i]!, ancestor[i]!) !== 0) return false;
  }
  return true;
}

/** The rightmost `count` labels of `name` (the ancestor with that many labels). */
export function ancestorWithLabels(name: Name, count: number): Name {
  return name.slice(Math.max(0, name.length - count));
}

export function parentName(name: Name): Name {
  return name.slice(1);
}

/** The longest name that is an ancestor-or-self of both. */
export function commonAncestor(a: Name, b: Name): Name {
  let n = 0;
  while (
    n < a.length &&
    n < b.length &&
    compareLabels(a[a.length - 1 - n]!, b[b.length - 1 - n]!) === 0
  ) {
    n++;
  }
  return ancestorWithLabels(a, n);
}

const STAR = 0x2a;

export function isWildcard(name: Name): boolean {
  const first = name[0];
  return first !== undefined && first.length === 1 && first[0] === STAR;
}

/** `*.` + name (RFC 4592 §2.1.1). */
export function wildcardOf(name: Name): Name {
  return [Uint8Array.of(STAR), ...name];
}

/** The Labels count an RRSIG for this owner carries: no root, no leading `*` (RFC 4034 §3.1.3). */
export function rrsigLabelCount(name: Name): number {
  return isWildcard(name) ? name.length - 1 : name.length;
}

/** Presentation format (RFC 1035 §5.1), fully qualified, with escapes for special octets. */
export function nameToText(name: Name): string {
  if (name.length === 0) return '.';
  let out = '';
  for (const label of name) {
    for (const b of label) {
      if (b === 0x2e || b === 0x5c || b === 0x22 || b === 0x28 || b === 0x29 || b === 0x3b) {
        out += '\\' + String.fromCharCode(b);
      } else if (b === 0x40 || b === 0x24) {
        out += '\\' + String.fromCharCode(b);
      } else if (b <= 0x20 || b >= 0x7f) {
        out += '\\' + b.toString().padStart(3, '0');
      } else {
        out += String.fromCharCode(b);
      }
    }
    out += '.';
  }
  return out;
}

/**
 * Reads a name in presentation format. A name without a trailing dot is relative to
 * `origin` (root by default). `@` is the origin. Escapes `\X` and `\DDD` are honoured.
 */
export function nameFromText(text: string, origin: Name = ROOT): WireResult<Name> {
  if (text === '@') return ok(origin);
  if (text === '.') return ok(ROOT);
  if (text.length === 0) return fail('syntax', 'empty name');
  const labels: Uint8Array[] = [];
  let current: number[] = [];
  let absolute = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const next = text.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(next)) {
        const v = Number(next);
        if (v > 255) return fail('syntax', `escape \\${next} out of range in ${text}`);
        current.push(v);
        i += 3;
      } else if (i + 1 < text.length) {
        current.push(text.charCodeAt(i + 1) & 0xff);
        i += 1;
      } else {
        return fail('syntax', `dangling escape in ${text}`);
      }
    } else if (c === 0x2e) {
      if (current.length === 0) return fail('syntax', `empty label in ${text}`);
      labels.push(Uint8Array.from(current));
      current = [];
      if (i === text.length - 1) absolute = true;
    } else if (c > 0x7e) {
      return fail('syntax', `non-ASCII character in ${text} (use the A-label form)`);
    } else {
      current.push(c);
    }
  }
  if (current.length > 0) labels.push(Uint8Array.from(current));
  const name = absolute ? labels : [...labels, ...origin];
  for (const l of name) {
    if (l.length > MAX_LABEL_LENGTH) return fail('label-too-long', `label too long in ${text}`);
  }
  if (nameWireLength(name) > MAX_NAME_LENGTH)
    return fail('name-too-long', `name too long: ${text}`);
  return ok(name);
}

/** For constants in code and tests: throws on a malformed literal (a programmer error). */
export function name(text: string): Name {
  const r = nameFromText(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
