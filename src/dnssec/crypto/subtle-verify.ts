/**
 * WebCrypto's `verify`, shared by the RSA, ECDSA and Ed25519 paths. The inputs are copied
 * into plain ArrayBuffers: the DOM typings reject SharedArrayBuffer-backed views. When
 * WebCrypto throws, the result is `undefined` and each caller decides what that means
 * (an invalid signature, or a retry in pure JS).
 */
export async function subtleVerify(
  algorithm: Parameters<SubtleCrypto['verify']>[0],
  key: CryptoKey,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<'valid' | 'invalid' | undefined> {
  try {
    const valid = await crypto.subtle.verify(
      algorithm,
      key,
      new Uint8Array(signature),
      new Uint8Array(data),
    );
    return valid ? 'valid' : 'invalid';
  } catch {
    return undefined;
  }
}
