/** DS digests (RFC 4034 §5.1.4, RFC 4509, RFC 6605 §2) through @noble/hashes. */

import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../dns/wire/encoding';
import { nameToWire, type Name } from '../dns/wire/name';

/** Digest types we compute: 1 SHA-1, 2 SHA-256, 4 SHA-384 (IANA "DS RR Type Digest Algorithms"). */
const DIGESTS: ReadonlyMap<number, (data: Uint8Array) => Uint8Array> = new Map([
  [1, (d: Uint8Array) => sha1(d)],
  [2, (d: Uint8Array) => sha256(d)],
  [4, (d: Uint8Array) => sha384(d)],
]);

export function isSupportedDigestType(digestType: number): boolean {
  return DIGESTS.has(digestType);
}

/**
 * RFC 4034 §5.1.4: "digest = digest_algorithm( DNSKEY owner name | DNSKEY RDATA)", with the
 * owner in canonical (lower-case, uncompressed) form. Undefined for unsupported digest types.
 */
export function dsDigest(
  owner: Name,
  dnskeyRdata: Uint8Array,
  digestType: number,
): Uint8Array | undefined {
  const digest = DIGESTS.get(digestType);
  return digest?.(concatBytes([nameToWire(owner, true), dnskeyRdata]));
}
