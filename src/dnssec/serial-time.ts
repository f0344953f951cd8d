/**
 * Signature validity with serial number arithmetic (RFC 4034 §3.1.5, RFC 1982): the
 * inception and expiration fields are 32-bit and wrap in 2106, so they are compared with
 * the current time modulo 2^32, never as plain integers.
 */

const HALF = 2 ** 31;

/** RFC 1982 §3.2: s1 < s2 in serial arithmetic with SERIAL_BITS = 32. */
export function serialLessThan(s1: number, s2: number): boolean {
  const d = (s2 - s1 + 2 ** 32) % 2 ** 32;
  return d !== 0 && d < HALF;
}

export type ValidityWindow = 'valid' | 'expired' | 'not-yet-valid';

/**
 * RFC 4035 §5.3.1: "The validator's notion of the current time MUST be less than or equal
 * to the time listed in the RRSIG RR's Expiration field" and "greater than or equal to the
 * time listed in the RRSIG RR's Inception field".
 */
export function validityAt(
  nowSeconds: number,
  inception: number,
  expiration: number,
): ValidityWindow {
  const now = Math.floor(nowSeconds) % 2 ** 32;
  if (serialLessThan(expiration, now)) return 'expired';
  if (serialLessThan(now, inception)) return 'not-yet-valid';
  return 'valid';
}
