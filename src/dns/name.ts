/**
 * Domain names as text, the way queries and the Evidence carry them: A-labels, lower case,
 * fully qualified (`www.example.com.`). The byte-level model (labels as octets, canonical
 * order) lives in `wire/name.ts`; this file holds the text rules the search box and the
 * query builder share.
 */

import { lowerName, nameFromText, namesEqual, nameToText, type Name } from './wire/name';

/** RFC 1035 §2.3.4: "labels 63 octets or less". */
export const MAX_LABEL_OCTETS = 63;
/**
 * RFC 1035 §2.3.4: "names 255 octets or less" in wire form, which is 253 characters of
 * dotted text without the trailing dot (each label adds its length octet, the root one).
 */
export const MAX_NAME_CHARACTERS = 253;

/** `example.com` → `example.com.`; the root stays `.`. */
export function fullyQualified(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/**
 * Whether two presentation names are the same DNS name: escapes honoured, ASCII case
 * ignored (RFC 4343), trailing dots optional.
 *
 * @example sameName('WWW.Example.com.', 'www.example.com') // true
 */
export function sameName(a: string, b: string): boolean {
  const x = nameFromText(fullyQualified(a));
  const y = nameFromText(fullyQualified(b));
  if (x.ok && y.ok) return namesEqual(x.value, y.value);
  return fullyQualified(a).toLowerCase() === fullyQualified(b).toLowerCase();
}

/** The labels of a presentation name read as fully qualified, or undefined when malformed. */
function parsed(name: string): Name | undefined {
  const r = nameFromText(name);
  return r.ok ? r.value : undefined;
}

/**
 * The one canonical text of a name, for comparing and keying: fully qualified, ASCII
 * lower-cased (RFC 4343), escapes in the form `nameToText` prints (`\065` → `a`, `a\.b`
 * stays one label). Text that is not a valid name (a link may carry anything) is only
 * lower-cased and given its final dot.
 *
 * @example fqdn('WWW.Example.com') // 'www.example.com.'
 * @example fqdn('a\\.B.example') // 'a\\.b.example.'
 */
export function fqdn(name: string): string {
  const labels = parsed(name);
  if (labels !== undefined) return nameToText(lowerName(labels));
  return fullyQualified(name.replace(/[A-Z]/g, (c) => c.toLowerCase()));
}

/**
 * The root, then each ancestor, then the name itself, in presentation form (case kept).
 * Labels are split where the name has them, not at escaped dots: `a\.b.example.` has
 * the parent `example.`.
 *
 * @example ancestorsAndSelf('www.example.com.') // ['.', 'com.', 'example.com.', 'www.example.com.']
 */
export function ancestorsAndSelf(name: string): readonly string[] {
  const labels = parsed(name);
  if (labels === undefined)
    return ['.', fullyQualified(name)].filter((n, i, a) => a.indexOf(n) === i);
  const out: string[] = [];
  for (let i = labels.length; i >= 0; i--) out.push(nameToText(labels.slice(i)));
  return out;
}

const utf8 = new TextEncoder();

/**
 * A name that arrived as text (from a link or a file) in the form the wire layer prints
 * names (RFC 1035 §5.1): every character outside printable ASCII written as `\DDD`, one
 * per octet of its UTF-8. A name the app asked about or decoded is already in that form
 * (A-labels from the search box, `nameToText` from the wire); a link may carry anything,
 * and a bidi override or a line break in a name would reorder or split every sentence,
 * report line and dig-style line it appears in. Escaped once here, it shows as text.
 *
 * @example presentationName('www.example.com.') // 'www.example.com.'
 * @example presentationName('evil\u202E.example.') // 'evil\\226\\128\\174.example.'
 */
export function presentationName(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code > 0x20 && code < 0x7f) out += c;
    else for (const b of utf8.encode(c)) out += `\\${String(b).padStart(3, '0')}`;
  }
  return out;
}
