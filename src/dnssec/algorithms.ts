/**
 * DNSSEC algorithms (IANA "DNS Security Algorithm Numbers"; RFC 8624 for what validators
 * should support) and the single entry point for verifying a signature.
 */

import { verifyEcdsa } from './crypto/ecdsa';
import { verifyEddsa } from './crypto/eddsa';
import type { VerifyOutcome } from './crypto/outcome';
import { parseRsaKey, verifyRsa } from './crypto/rsa';

export type { VerifyOutcome } from './crypto/outcome';

export const ALGORITHM_NAMES: Readonly<Record<number, string>> = {
  1: 'RSAMD5',
  3: 'DSA',
  5: 'RSASHA1',
  6: 'DSA-NSEC3-SHA1',
  7: 'RSASHA1-NSEC3-SHA1',
  8: 'RSASHA256',
  10: 'RSASHA512',
  12: 'ECC-GOST',
  13: 'ECDSAP256SHA256',
  14: 'ECDSAP384SHA384',
  15: 'ED25519',
  16: 'ED448',
};

/** Algorithms we validate. RSAMD5, DSA and GOST are "MUST NOT" / "MAY" in RFC 8624 §3.1. */
const SUPPORTED = new Set([5, 7, 8, 10, 13, 14, 15, 16]);

export function isSupportedAlgorithm(algorithm: number): boolean {
  return SUPPORTED.has(algorithm);
}

/** Public key size in bits, for display (RSA modulus length, curve size otherwise). */
export function keySizeBits(algorithm: number, publicKey: Uint8Array): number | undefined {
  switch (algorithm) {
    case 5:
    case 7:
    case 8:
    case 10:
      return parseRsaKey(publicKey)?.bits;
    case 13:
      return 256;
    case 14:
      return 384;
    case 15:
      return 256;
    case 16:
      return 456;
    default:
      return undefined;
  }
}

/**
 * Verifies `signature` over `data` with a DNSKEY public key of `algorithm`.
 *
 * @example await verifySignature(15, key, sig, signedData) // 'valid' | 'invalid' | …
 */
export async function verifySignature(
  algorithm: number,
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<VerifyOutcome> {
  switch (algorithm) {
    case 5:
    case 7:
    case 8:
    case 10:
      return verifyRsa(algorithm, publicKey, signature, data);
    case 13:
    case 14:
      return verifyEcdsa(algorithm, publicKey, signature, data);
    case 15:
    case 16:
      return verifyEddsa(algorithm, publicKey, signature, data);
    default:
      return 'unsupported-algorithm';
  }
}
