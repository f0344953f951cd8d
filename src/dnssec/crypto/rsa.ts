/**
 * RSA/SHA-1, RSA/SHA-256 and RSA/SHA-512 (algorithms 5, 7, 8, 10) through WebCrypto's
 * RSASSA-PKCS1-v1_5 (RFC 3110, RFC 5702). WebCrypto exists in browsers, workers and Node 20.
 */

import type { VerifyOutcome } from './outcome';
import { cachedKeyImport } from './key-cache';
import { subtleVerify } from './subtle-verify';

export interface RsaPublicKey {
  readonly exponent: Uint8Array;
  readonly modulus: Uint8Array;
  readonly bits: number;
}

function stripLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/**
 * RFC 3110 §2: one octet of exponent length (or zero and two octets of length), the
 * exponent, then the modulus.
 */
export function parseRsaKey(key: Uint8Array): RsaPublicKey | undefined {
  if (key.length < 3) return undefined;
  let expLen = key[0]!;
  let o = 1;
  if (expLen === 0) {
    expLen = (key[1]! << 8) | key[2]!;
    o = 3;
  }
  if (expLen === 0 || o + expLen >= key.length) return undefined;
  const exponent = stripLeadingZeros(key.subarray(o, o + expLen));
  const modulus = stripLeadingZeros(key.subarray(o + expLen));
  const top = modulus[0]!;
  const bits = (modulus.length - 1) * 8 + (top === 0 ? 0 : Math.floor(Math.log2(top)) + 1);
  return { exponent, modulus, bits };
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Smaller keys are not imported: reported as `unsupported-key-size` (facts.md, Cloudflare's EDE 1). */
export const MIN_RSA_BITS = 1024;

const HASH: Readonly<Record<number, string>> = {
  5: 'SHA-1',
  7: 'SHA-1',
  8: 'SHA-256',
  10: 'SHA-512',
};

function importKey(
  algorithm: number,
  rsa: RsaPublicKey,
  publicKey: Uint8Array,
): Promise<CryptoKey | undefined> {
  // Some browsers refuse SHA-1 or unusual exponents: cached as unsupported, not bogus.
  return cachedKeyImport(algorithm, publicKey, () =>
    crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', n: base64url(rsa.modulus), e: base64url(rsa.exponent), ext: true },
      { name: 'RSASSA-PKCS1-v1_5', hash: { name: HASH[algorithm]! } },
      false,
      ['verify'],
    ),
  );
}

export async function verifyRsa(
  algorithm: number,
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<VerifyOutcome> {
  const rsa = parseRsaKey(publicKey);
  if (rsa === undefined) return 'malformed-key';
  if (rsa.bits < MIN_RSA_BITS) return 'unsupported-key-size';
  const key = await importKey(algorithm, rsa, publicKey);
  if (key === undefined) return 'unsupported-algorithm';
  // A signature shorter than the modulus is left-padded (leading zero octets are legal).
  let sig = signature;
  if (sig.length < rsa.modulus.length) {
    sig = new Uint8Array(rsa.modulus.length);
    sig.set(signature, rsa.modulus.length - signature.length);
  }
  return (await subtleVerify({ name: 'RSASSA-PKCS1-v1_5' }, key, sig, data)) ?? 'invalid';
}
