/**
 * WebCrypto key imports, cached by algorithm and key bytes: a zone's keys verify many
 * signatures, and importing is the slow part. Bounded (oldest out first) so a hostile
 * answer cannot grow it. A refused import is cached as `undefined`: the caller falls back
 * to pure JS or reports the algorithm as unsupported, never bogus.
 */

const KEY_CACHE_LIMIT = 256;
const keyCache = new Map<string, Promise<CryptoKey | undefined>>();

export function cachedKeyImport(
  algorithm: number,
  keyBytes: Uint8Array,
  importKey: () => Promise<CryptoKey>,
): Promise<CryptoKey | undefined> {
  const cacheKey = `${algorithm}:${btoa(String.fromCharCode(...keyBytes))}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const imported = importKey().then(
    (k) => k,
    () => undefined,
  );
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(cacheKey, imported);
  return imported;
}
