/**
 * Reads an HTTP response body as a stream, up to a cap: the one body reader for DoH
 * (65,535 octets, the most a DNS message can be, RFC 1035 §4.2.2 / RFC 8484 §6) and RDAP
 * (1 MiB, far more than any domain object of RFC 9083 §5.3).
 *
 * `response.text()` and `response.arrayBuffer()` read to the end, however long the body
 * is; a server that sends without end would fill the worker's memory. Here every chunk is
 * counted as it arrives and the reader is cancelled at the first octet past the cap, which
 * also tells the browser to drop the connection. A sender cannot outrun the count: a chunk
 * is only asked for after the one before was counted, so at most one chunk past the cap is
 * ever held. A Content-Length above the cap fails at once, before anything is read. (With
 * a Content-Encoding, Content-Length counts the compressed octets and the cap the decoded
 * ones; a compressed length above the cap still means a body above it.)
 */

import type { Stop } from './settled-get';

export type CappedRead =
  | { readonly body: Uint8Array }
  /**
   * More than `maxOctets`: the reader was cancelled. `octetsRead` counts what arrived up
   * to then (0 when Content-Length alone said so, then `declared` carries it).
   */
  | { readonly tooLarge: true; readonly octetsRead: number; readonly declared?: number }
  /** The stream broke (connection reset, decoding error, …). */
  | { readonly error: unknown }
  /** `stop` settled first (time-out or cancel): the reader was cancelled. */
  | { readonly stop: Stop };

/** A stop that never comes, for callers without a time limit. */
const NEVER: Promise<{ readonly stop: Stop }> = new Promise(() => {});

/** The declared body length, when the header is a plain decimal number. */
function declaredLength(response: Response): number | undefined {
  const text = response.headers.get('content-length')?.trim();
  return text !== undefined && /^[0-9]{1,16}$/.test(text) ? Number(text) : undefined;
}

function cancel(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  reader.cancel().catch(() => {});
}

function joined(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Reads `response`'s body, at most `maxOctets` of it. Never throws; `stop` is the request's
 * time limit (`TimeLimit.stop` from settled-get.ts), raced against every read.
 *
 * @example
 * const read = await readCapped(response, 65_535, limit.stop);
 * if ('body' in read) decodeMessage(read.body);
 * else if ('tooLarge' in read) fail('too-large', `more than 65,535 octets (${read.octetsRead} read)`);
 */
export async function readCapped(
  response: Response,
  maxOctets: number,
  stop: Promise<{ readonly stop: Stop }> = NEVER,
): Promise<CappedRead> {
  const declared = declaredLength(response);
  const body = response.body;
  if (declared !== undefined && declared > maxOctets) {
    body?.cancel().catch(() => {});
    return { tooLarge: true, octetsRead: 0, declared };
  }
  if (body === null) return { body: new Uint8Array(0) };
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch (error) {
    // Already read or locked by someone else: a programmer error, still a value.
    return { error };
  }
  let stopped: Stop | undefined;
  // One listener for the whole read, not one per chunk: a body sent in a million tiny
  // chunks must not pile a million reactions on a promise that may never settle.
  let wake: () => void = () => {};
  void stop.then(({ stop: why }) => {
    stopped = why;
    cancel(reader);
    wake();
  });
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    if (stopped !== undefined) return { stop: stopped };
    const next = await new Promise<
      ReadableStreamReadResult<Uint8Array> | { readonly error: unknown } | 'stopped'
    >((resolve) => {
      wake = () => resolve('stopped');
      reader.read().then(resolve, (error: unknown) => resolve({ error }));
    });
    wake = () => {};
    if (next === 'stopped' || stopped !== undefined) return { stop: stopped ?? 'aborted' };
    if ('error' in next) return { error: next.error };
    if (next.done) return { body: joined(chunks, length) };
    length += next.value.length;
    if (length > maxOctets) {
      cancel(reader);
      return { tooLarge: true, octetsRead: length };
    }
    chunks.push(next.value);
  }
}
