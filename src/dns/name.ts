/**
 * Domain names as text, the way queries and the Evidence carry them: A-labels, lower case,
 * fully qualified (`www.example.com.`). The byte-level model (labels as octets, canonical
 * order) lives in `wire/name.ts`; this file holds the text rules the search box and the
 * query builder share.
 */

import { nameFromText, namesEqual } from './wire/name';

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
