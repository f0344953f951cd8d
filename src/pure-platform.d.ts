/**
 * The web-platform globals that the pure layers (dns, dnssec, diagnosis, report) may use.
 *
 * The pure layers compile without DOM or WebWorker types so that they cannot reach for
 * `document`, `window` or `fetch`. They still run in browsers, workers and Node 20, which
 * all provide these few globals; only the subset we call is declared here.
 */

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: { new (): TextEncoder };

interface TextDecoder {
  decode(input?: Uint8Array): string;
}
declare var TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

type BufferSource = ArrayBuffer | ArrayBufferView;

interface CryptoKey {
  readonly type: string;
  readonly algorithm: { readonly name: string };
}

interface JsonWebKey {
  kty?: string;
  n?: string;
  e?: string;
  [key: string]: unknown;
}

interface SubtleCrypto {
  importKey(
    format: 'jwk',
    keyData: JsonWebKey,
    algorithm: { name: string; hash?: string | { name: string } },
    extractable: boolean,
    keyUsages: readonly string[],
  ): Promise<CryptoKey>;
  importKey(
    format: 'raw' | 'spki' | 'pkcs8',
    keyData: BufferSource,
    algorithm: { name: string; hash?: string | { name: string }; namedCurve?: string },
    extractable: boolean,
    keyUsages: readonly string[],
  ): Promise<CryptoKey>;
  verify(
    algorithm: string | { name: string; hash?: string | { name: string } },
    key: CryptoKey,
    signature: BufferSource,
    data: BufferSource,
  ): Promise<boolean>;
  digest(algorithm: string | { name: string }, data: BufferSource): Promise<ArrayBuffer>;
}

declare var crypto: {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends ArrayBufferView>(array: T): T;
};

declare function atob(data: string): string;
declare function btoa(data: string): string;
