/**
 * Raw DEFLATE (RFC 1951) through the platform's CompressionStream and DecompressionStream,
 * which browsers, workers and Node ≥ 18 all provide, so the app ships no inflate code.
 *
 * Inflating a link is bounded: the input is fed in small slices and reading stops as soon
 * as the output passes the limit. DEFLATE expands at most about 1032:1, so one 1 KiB slice
 * yields at most about 1 MiB, and a "zip bomb" costs a few milliseconds, not gigabytes
 * (some implementations inflate a whole written chunk before yielding).
 */

export type Inflated =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'too-large' | 'corrupt' };

const SLICE = 1024;

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Copies a slice into its own ArrayBuffer (what BufferSource wants in every lib). */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

async function pump(
  stream: CompressionStream | DecompressionStream,
  input: Uint8Array,
  limit: number,
): Promise<Inflated> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  const writing = (async () => {
    for (let at = 0; at < input.byteLength && !stopped; at += SLICE) {
      await writer.write(own(input.subarray(at, at + SLICE)));
    }
    if (!stopped) await writer.close();
  })();
  // A write fails when the data is corrupt or reading stopped; the reader reports it.
  writing.catch(() => undefined);

  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      total += next.value.byteLength;
      if (total > limit) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(next.value);
    }
  } catch {
    stopped = true;
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, bytes: concat(chunks, total) };
}

/** Compresses with raw DEFLATE; the input is our own, so no limit applies. */
export async function deflateRaw(input: Uint8Array): Promise<Uint8Array> {
  const result = await pump(new CompressionStream('deflate-raw'), input, Number.POSITIVE_INFINITY);
  if (!result.ok) throw new Error('CompressionStream failed');
  return result.bytes;
}

/**
 * Inflates untrusted raw DEFLATE, refusing more than `limit` octets of output. Never throws.
 *
 * @example await inflateRaw(bytes, 2 * 1024 * 1024) // { ok: false, reason: 'too-large' }
 */
export async function inflateRaw(input: Uint8Array, limit: number): Promise<Inflated> {
  try {
    return await pump(new DecompressionStream('deflate-raw'), input, limit);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}
