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

interface URLSearchParams {
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
}
declare var URLSearchParams: { new (init?: string): URLSearchParams };

// Streams and (de)compression, for the evidence permalink (src/report/permalink.ts):
// CompressionStream and DecompressionStream exist in browsers, workers and Node ≥ 18.
interface ReadableStreamDefaultReader<R> {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: R }>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}
interface ReadableStream<R> {
  getReader(): ReadableStreamDefaultReader<R>;
}
interface WritableStreamDefaultWriter<W> {
  readonly ready: Promise<void>;
  write(chunk: W): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface WritableStream<W> {
  getWriter(): WritableStreamDefaultWriter<W>;
}
type CompressionFormat = 'deflate' | 'deflate-raw' | 'gzip';
interface CompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<BufferSource>;
}
declare var CompressionStream: { new (format: CompressionFormat): CompressionStream };
interface DecompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<BufferSource>;
}
declare var DecompressionStream: { new (format: CompressionFormat): DecompressionStream };
