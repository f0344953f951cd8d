/**
 * The type bit maps of NSEC and NSEC3 (RFC 4034 §4.1.2, RFC 5155 §3.2.1): windows of
 * `window number, bitmap length (1–32), bitmap`, in increasing window order.
 */

import { fail, ok, type WireResult } from './result';

/** Decodes a type bit map into the sorted list of types it names. */
export function decodeTypeBitmap(bytes: Uint8Array): WireResult<readonly number[]> {
  const types: number[] = [];
  let pos = 0;
  let lastWindow = -1;
  while (pos < bytes.length) {
    if (pos + 2 > bytes.length) return fail('bad-rdata', 'type bit map window cut short', pos);
    const window = bytes[pos]!;
    const length = bytes[pos + 1]!;
    // RFC 4034 §4.1.2: windows in increasing order, bitmap length 1 to 32.
    if (window <= lastWindow) return fail('bad-rdata', 'type bit map windows out of order', pos);
    if (length < 1 || length > 32) return fail('bad-rdata', `bitmap length ${length}`, pos);
    if (pos + 2 + length > bytes.length) return fail('bad-rdata', 'bitmap cut short', pos);
    for (let i = 0; i < length; i++) {
      const b = bytes[pos + 2 + i]!;
      for (let bit = 0; bit < 8; bit++) {
        if (b & (0x80 >> bit)) types.push(window * 256 + i * 8 + bit);
      }
    }
    lastWindow = window;
    pos += 2 + length;
  }
  return ok(types);
}

/** Encodes a set of types as a type bit map. */
export function encodeTypeBitmap(types: Iterable<number>): Uint8Array {
  const sorted = [...new Set(types)].sort((a, b) => a - b);
  const out: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    const window = sorted[i]! >> 8;
    const bits = new Uint8Array(32);
    let maxOctet = 0;
    while (i < sorted.length && sorted[i]! >> 8 === window) {
      const low = sorted[i]! & 0xff;
      bits[low >> 3]! |= 0x80 >> (low & 7);
      maxOctet = Math.max(maxOctet, low >> 3);
      i++;
    }
    out.push(window, maxOctet + 1, ...bits.subarray(0, maxOctet + 1));
  }
  return Uint8Array.from(out);
}
