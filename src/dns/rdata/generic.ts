/** RFC 3597 §5: the generic form `\# <length> <hex>`, for any type, in both directions. */

import { splitWords } from '../text';
import { fromHex, toHex } from '../wire/encoding';
import { fail, ok, type WireResult } from '../wire/result';
import type { TextStyle } from './codec';
import type { Token } from './fields';

/**
 * `\#`, the RDATA length, and the RDATA in upper-case hex as BIND prints it.
 *
 * @example genericRdataText(Uint8Array.of(10, 0, 0, 1)) // '\\# 4 0A000001'
 */
export function genericRdataText(rdata: Uint8Array, style: TextStyle = { split: true }): string {
  const hex = toHex(rdata).toUpperCase();
  if (rdata.length === 0) return '\\# 0';
  return `\\# ${rdata.length} ${style.split ? splitWords(hex) : hex}`;
}

/** Whether the tokens are in the generic form (an unquoted `\#` first). */
export function isGenericText(tokens: readonly Token[]): boolean {
  return tokens[0]?.text === '\\#' && !tokens[0].quoted;
}

export function genericRdataFromText(tokens: readonly Token[]): WireResult<Uint8Array> {
  const length = tokens[1]?.text;
  if (length === undefined || !/^[0-9]+$/.test(length) || Number(length) > 65535) {
    return fail(
      'syntax',
      `generic RDATA length: expected an integer up to 65535, got ${length ?? 'nothing'}`,
    );
  }
  const bytes = fromHex(
    tokens
      .slice(2)
      .map((t) => t.text)
      .join(''),
  );
  if (bytes === undefined || bytes.length !== Number(length)) {
    return fail('syntax', 'generic RDATA length does not match its hex');
  }
  return ok(bytes);
}
