/** The NSEC3 owner name hash (RFC 5155 §5). */

import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes } from '../dns/wire/encoding';
import { nameToWire, type Name } from '../dns/wire/name';

/** RFC 5155 §11: hash algorithm 1 is SHA-1, the only one defined. */
export const NSEC3_HASH_SHA1 = 1;

/**
 * RFC 5155 §5: "IH(salt, x, 0) = H(x || salt), IH(salt, x, k) = H(IH(salt, x, k-1) || salt)";
 * the owner name is hashed in canonical (lower-case) wire form.
 *
 * @example toBase32Hex(nsec3Hash(name('example'), fromHex('aabbccdd')!, 12)) // '0p9mhave…'
 */
export function nsec3Hash(owner: Name, salt: Uint8Array, iterations: number): Uint8Array {
  let digest = sha1(concatBytes([nameToWire(owner, true), salt]));
  for (let i = 0; i < iterations; i++) digest = sha1(concatBytes([digest, salt]));
  return digest;
}
