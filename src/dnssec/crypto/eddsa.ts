/**
 * Ed25519 and Ed448 (algorithms 15, 16; RFC 8080).
 *
 * RFC 8080 §3/§4: the public key is the raw 32-octet (Ed25519) or 57-octet (Ed448) key and
 * the signature the raw 64 or 114 octets. Ed25519 goes through WebCrypto where the platform
 * has it (browsers since 2025, Node 20) and @noble/curves otherwise; Ed448 always through
 * @noble/curves (WebCrypto Ed448 is rare in browsers and experimental in Node).
 */

import { ed25519 } from '@noble/curves/ed25519.js';
import { ed448 } from '@noble/curves/ed448.js';
import { cachedKeyImport } from './key-cache';
import { nobleOutcome, type VerifyOutcome } from './outcome';
import { subtleVerify } from './subtle-verify';

function importEd25519(publicKey: Uint8Array): Promise<CryptoKey | undefined> {
  return cachedKeyImport(15, publicKey, () =>
    crypto.subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]),
  );
}

/** The pure-JS path (strict RFC 8032 decoding, not ZIP-215), also used to cross-check WebCrypto. */
export function verifyEddsaNoble(
  algorithm: 15 | 16,
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): VerifyOutcome {
  const size = algorithm === 15 ? 32 : 57;
  if (publicKey.length !== size) return 'malformed-key';
  if (signature.length !== size * 2) return 'invalid';
  return nobleOutcome(() =>
    algorithm === 15
      ? ed25519.verify(signature, data, publicKey, { zip215: false })
      : ed448.verify(signature, data, publicKey),
  );
}

export async function verifyEddsa(
  algorithm: 15 | 16,
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<VerifyOutcome> {
  if (algorithm === 16 || publicKey.length !== 32 || signature.length !== 64) {
    return verifyEddsaNoble(algorithm, publicKey, signature, data);
  }
  const key = await importEd25519(publicKey);
  if (key === undefined) return verifyEddsaNoble(algorithm, publicKey, signature, data);
  return (
    (await subtleVerify({ name: 'Ed25519' }, key, signature, data)) ??
    verifyEddsaNoble(algorithm, publicKey, signature, data)
  );
}
