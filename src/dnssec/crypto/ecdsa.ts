/**
 * ECDSA P-256/SHA-256 and P-384/SHA-384 (algorithms 13, 14; RFC 6605).
 *
 * RFC 6605 §4: the public key is the raw X | Y (64 or 96 octets) and the signature the raw
 * r | s — exactly WebCrypto's `raw` key (after a 0x04 prefix) and its IEEE P1363 signature
 * form. WebCrypto is the fast path (native code, 6–7× faster than pure JS here); when a
 * platform refuses the import, @noble/curves verifies instead. DNSSEC signers do not
 * normalise s to the low half, so noble's low-S check is off (WebCrypto has none), and
 * `prehash` hashes with the curve's own hash, SHA-256 or SHA-384.
 */

import { p256, p384 } from '@noble/curves/nist.js';
import { cachedKeyImport } from './key-cache';
import { nobleOutcome, type VerifyOutcome } from './outcome';
import { subtleVerify } from './subtle-verify';

const CURVES = {
  13: { size: 32, namedCurve: 'P-256', hash: 'SHA-256', noble: p256 },
  14: { size: 48, namedCurve: 'P-384', hash: 'SHA-384', noble: p384 },
} as const;

function importKey(algorithm: 13 | 14, sec1: Uint8Array): Promise<CryptoKey | undefined> {
  return cachedKeyImport(algorithm, sec1, () =>
    crypto.subtle.importKey(
      'raw',
      new Uint8Array(sec1),
      { name: 'ECDSA', namedCurve: CURVES[algorithm].namedCurve },
      false,
      ['verify'],
    ),
  );
}

/** The pure-JS path, also used to cross-check WebCrypto in tests. */
export function verifyEcdsaNoble(
  algorithm: 13 | 14,
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): VerifyOutcome {
  const c = CURVES[algorithm];
  if (publicKey.length !== c.size * 2) return 'malformed-key';
  if (signature.length !== c.size * 2) return 'invalid';
  return nobleOutcome(() =>
    c.noble.verify(signature, data, Uint8Array.of(0x04, ...publicKey), {
      lowS: false,
      prehash: true,
    }),
  );
}

export async function verifyEcdsa(
  algorithm: 13 | 14,
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<VerifyOutcome> {
  const c = CURVES[algorithm];
  if (publicKey.length !== c.size * 2) return 'malformed-key';
  if (signature.length !== c.size * 2) return 'invalid';
  const key = await importKey(algorithm, Uint8Array.of(0x04, ...publicKey));
  if (key === undefined) return verifyEcdsaNoble(algorithm, publicKey, signature, data);
  return (
    (await subtleVerify({ name: 'ECDSA', hash: { name: c.hash } }, key, signature, data)) ??
    'invalid'
  );
}
