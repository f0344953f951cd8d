/**
 * Results of the raw wire layer: a value, or a typed error. Hostile bytes and bad text are
 * expected input here (DoH answers, pasted trust anchors), so nothing in src/dns/wire throws
 * on them; only programmer errors throw.
 */

/** What was wrong with the bytes or the text. Kebab-case ids, listed once. */
export const WIRE_ERROR_CODES = [
  'truncated', // the input ended inside a field
  'bad-pointer', // a compression pointer points outside the message or at itself
  'pointer-loop', // compression pointers form a cycle (or too many jumps)
  'label-too-long', // a label longer than 63 octets (RFC 1035 §2.3.4)
  'name-too-long', // a name longer than 255 octets in wire form (RFC 1035 §2.3.4)
  'bad-label-type', // label type bits 01 or 10 (RFC 6891 §5 retired extended labels)
  'bad-rdata', // RDATA does not match the layout of its type
  'trailing-bytes', // bytes after the last section
  'syntax', // presentation format that cannot be read
  'unknown-type', // a type mnemonic we do not know (use TYPEnnn and \# for others)
] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

export interface WireError {
  readonly code: WireErrorCode;
  /** A specific, human-readable explanation (never rendered as HTML). */
  readonly message: string;
  /** Byte offset in the message, or line number for text, when known. */
  readonly at?: number;
}

export type WireResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

export function ok<T>(value: T): WireResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: WireErrorCode, message: string, at?: number): WireResult<T> {
  return { ok: false, error: at === undefined ? { code, message } : { code, message, at } };
}
