/**
 * Extended DNS Errors (RFC 8914): EDNS option 15, which says *why* a resolver failed.
 *
 * RFC 8914 §2: the option holds a 16-bit INFO-CODE and then EXTRA-TEXT, "a variable-length,
 * UTF-8-encoded [RFC5198] text field that may hold additional textual information. This
 * information is intended for human consumption (not automated parsing)." Resolvers send
 * several options in one message (Google adds a code 0 next to a specific one), so a
 * message yields a list. Option data comes from the network: a too-short option is
 * reported, never thrown, and invalid UTF-8 is replaced rather than rejected.
 */

import { visibleText } from './visible-text';

/** EDNS option code of Extended DNS Errors (RFC 8914 §2). */
export const EDE_OPTION_CODE = 15;

/** Every INFO-CODE registered by RFC 8914 §5.2 and later (IANA registry), 0–30. */
export const EDE_CODES: Readonly<Record<number, string>> = {
  0: 'Other',
  1: 'Unsupported DNSKEY Algorithm',
  2: 'Unsupported DS Digest Type',
  3: 'Stale Answer',
  4: 'Forged Answer',
  5: 'DNSSEC Indeterminate',
  6: 'DNSSEC Bogus',
  7: 'Signature Expired',
  8: 'Signature Not Yet Valid',
  9: 'DNSKEY Missing',
  10: 'RRSIGs Missing',
  11: 'No Zone Key Bit Set',
  12: 'NSEC Missing',
  13: 'Cached Error',
  14: 'Not Ready',
  15: 'Blocked',
  16: 'Censored',
  17: 'Filtered',
  18: 'Prohibited',
  19: 'Stale NXDOMAIN Answer',
  20: 'Not Authoritative',
  21: 'Not Supported',
  22: 'No Reachable Authority',
  23: 'Network Error',
  24: 'Invalid Data',
  25: 'Signature Expired Before Valid',
  26: 'Too Early',
  27: 'Unsupported NSEC3 Iterations Value',
  28: 'Unable To Conform To Policy',
  29: 'Synthesized',
  30: 'Invalid Query Type',
};

/**
 * The name of an INFO-CODE; unknown codes still display.
 *
 * @example edeName(7) // 'Signature Expired'
 * @example edeName(99) // 'Unknown (99)'
 */
export function edeName(code: number): string {
  return EDE_CODES[code] ?? `Unknown (${code})`;
}

/** One Extended DNS Error as received. */
export interface ExtendedDnsError {
  readonly infoCode: number;
  /** {@link edeName} of the code. */
  readonly name: string;
  /** EXTRA-TEXT; empty when absent. Never rendered as HTML. */
  readonly extraText: string;
  /** true when EXTRA-TEXT was not valid UTF-8 and bad sequences were replaced by U+FFFD. */
  readonly textRepaired: boolean;
}

export type EdeParse =
  | { readonly ok: true; readonly ede: ExtendedDnsError }
  | { readonly ok: false; readonly problem: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Parses the data of one option 15.
 *
 * @example parseEdeOption(Uint8Array.of(0, 7)) // { ok: true, ede: { infoCode: 7, name: 'Signature Expired', … } }
 * @example parseEdeOption(Uint8Array.of(7)) // { ok: false, problem: '…1 octet…' }
 */
export function parseEdeOption(data: Uint8Array): EdeParse {
  if (data.length < 2) {
    return {
      ok: false,
      problem: `malformed Extended DNS Error option: ${data.length} octet${data.length === 1 ? '' : 's'}, an INFO-CODE needs 2`,
    };
  }
  const infoCode = (data[0]! << 8) | data[1]!;
  // RFC 8914 §2: EXTRA-TEXT "SHOULD NOT" be NUL-terminated; some senders do it anyway.
  let end = data.length;
  while (end > 2 && data[end - 1] === 0) end--;
  const text = data.subarray(2, end);
  let extraText: string;
  let textRepaired = false;
  try {
    extraText = strictUtf8.decode(text);
  } catch {
    extraText = lenientUtf8.decode(text);
    textRepaired = true;
  }
  return { ok: true, ede: { infoCode, name: edeName(infoCode), extraText, textRepaired } };
}

/**
 * One line as dig prints it (BIND 9.18): `EDE: 7 (Signature Expired): (text)`.
 * Unknown codes print as `EDE: 99 (Unknown (99))`.
 */
export function edeToText(ede: ExtendedDnsError): string {
  // Control characters would break the line-per-item text; show them as \DDD escapes, as
  // dig does, and what else hides or reorders text (bidi overrides, zero-width) as \uXXXX.
  let clean = '';
  for (const c of ede.extraText) {
    const code = c.charCodeAt(0);
    clean += code < 0x20 || code === 0x7f ? `\\${code.toString().padStart(3, '0')}` : c;
  }
  const text = clean === '' ? '' : `: (${visibleText(clean)})`;
  return `EDE: ${ede.infoCode} (${ede.name})${text}`;
}
