/**
 * Presentation-format building blocks shared by the RDATA printers (RFC 1035 §5.1): quoted
 * character-strings with `\"`, `\\` and `\DDD` escapes, hex and base64 fields split the
 * way dig splits them, and RRSIG timestamps.
 */

/**
 * The text of a <character-string>: printable ASCII as is, `"` and `\` escaped, every
 * other octet (control characters, and each octet of UTF-8) as `\DDD`, as BIND prints it.
 *
 * @example characterStringToText(bytes('say "hi"')) // '"say \\"hi\\""'
 */
export function characterStringToText(bytes: Uint8Array, quoted = true): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += `\\${b.toString().padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return quoted ? `"${out}"` : out;
}

/** dig's default `+split=56`: long base64 and hex fields are cut into 56-character words. */
export const SPLIT_WIDTH = 56;

export function splitWords(text: string, width = SPLIT_WIDTH): string {
  if (text.length <= width) return text;
  const words: string[] = [];
  for (let i = 0; i < text.length; i += width) words.push(text.slice(i, i + width));
  return words.join(' ');
}

/**
 * RFC 4034 §3.2: signature times as `YYYYMMDDHHmmSS` in UTC.
 *
 * @example signatureTimeToText(1440021600) // '20150819220000'
 */
export function signatureTimeToText(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    String(d.getUTCFullYear()).padStart(4, '0') +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes()) +
    two(d.getUTCSeconds())
  );
}
