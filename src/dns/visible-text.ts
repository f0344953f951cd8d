/**
 * Untrusted text made visible: what arrives from the network or from a link (EDE
 * EXTRA-TEXT, RDAP fields, names, resolver labels, error messages) is shown as one line in
 * which nothing acts without being seen.
 *
 * Characters that change how text is laid out or read without showing themselves are
 * replaced by a visible `\uXXXX` (`\u{XXXXX}` above the BMP):
 * - C0 and C1 controls and DEL (`\p{Cc}`): line breaks and tabs would forge lines in a
 *   report, the dig-style text or a log;
 * - format characters (`\p{Cf}`): the bidirectional embeddings, overrides and isolates of
 *   Unicode's Bidirectional Algorithm (UAX #9: U+202A–202E, U+2066–2069, the marks
 *   U+200E/200F and U+061C), which reorder a sentence around them (CVE-2021-42574,
 *   "Trojan Source"), the zero-width characters U+200B–200D, U+2060 and U+FEFF, the soft
 *   hyphen and the tag characters;
 * - the line and paragraph separators U+2028/2029 (`\p{Zl}`, `\p{Zp}`);
 * - lone surrogates (`\p{Cs}`), which are not text at all;
 * - the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0): letters that render as blank.
 *
 * Everything else (letters of any script, emoji, ordinary spaces, the backslash) stays as
 * it is, so a real EDE text or an IDN reads normally.
 */

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]/gu;

/** `\u202E` for a BMP code point, `\u{E0041}` above it. */
export function codePointEscape(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * The text with every invisible or layout-changing character shown as its escape.
 *
 * @example visibleText('evil\u202Egnp.exe') // 'evil\\u202Egnp.exe'
 * @example visibleText('line\nbreak') // 'line\\u000Abreak'
 * @example visibleText('Réseau ✓') // 'Réseau ✓'
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => codePointEscape(c.codePointAt(0) ?? 0));
}
