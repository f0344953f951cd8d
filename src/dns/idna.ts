/**
 * Internationalised names: Unicode labels for people, A-labels (`xn--…`) for the wire
 * (RFC 5890 §2.3.2.1, RFC 5891 §4.4).
 *
 * This is deliberately small: it maps case (`toLowerCase`) and Unicode normalisation (NFC),
 * recognises the ideographic full stops as label separators (RFC 3490 §3.1) and converts
 * with Punycode. It does not apply the full UTS #46 mapping table or the IDNA2008 code point
 * rules: names that a registry would refuse are still asked, and the resolver's answer
 * (usually NXDOMAIN) tells the story. It needs no `URL`, so it runs in the pure layers.
 */

import { punycodeDecode, punycodeEncode } from './punycode';

/** RFC 5890 §2.3.1: the ACE prefix of A-labels. */
export const ACE_PREFIX = 'xn--';

/** Characters that separate labels in IDNA input (RFC 3490 §3.1): . 。 ． ｡ */
export const LABEL_SEPARATORS = /[.\u3002\uff0e\uff61]/g;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * One label, already lower-cased and normalised, to the form sent on the wire.
 *
 * @example labelToAscii('bücher') // 'xn--bcher-kva'
 * @example labelToAscii('www') // 'www'
 */
export function labelToAscii(label: string): string {
  return isAscii(label) ? label : ACE_PREFIX + punycodeEncode(label);
}

/**
 * An A-label back to Unicode, or undefined when it is not a valid one (bad Punycode, or a
 * decoding that does not encode back to the same label).
 *
 * @example labelToUnicode('xn--bcher-kva') // 'bücher'
 */
export function labelToUnicode(label: string): string | undefined {
  const lower = label.toLowerCase();
  if (!lower.startsWith(ACE_PREFIX)) return lower;
  const decoded = punycodeDecode(lower.slice(ACE_PREFIX.length));
  if (decoded === undefined || decoded === '' || isAscii(decoded)) return undefined;
  // Control, format and separator characters would display invisibly or break the line.
  if (/[\p{C}\p{Z}]/u.test(decoded)) return undefined;
  return punycodeEncode(decoded) === lower.slice(ACE_PREFIX.length) ? decoded : undefined;
}

/**
 * A name for display: A-labels shown in Unicode, no trailing dot (the root stays `.`).
 * Labels that are not valid A-labels are shown as they are.
 *
 * @example nameToUnicode('xn--bcher-kva.example.') // 'bücher.example'
 */
export function nameToUnicode(name: string): string {
  if (name === '.' || name === '') return '.';
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  return bare
    .split('.')
    .map((l) => labelToUnicode(l) ?? l)
    .join('.');
}
