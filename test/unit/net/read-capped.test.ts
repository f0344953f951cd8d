/**
 * readCapped: a body under the cap arrives whole; one octet over is refused and the stream
 * cancelled at once; a sender that never stops cannot make it read on; a Content-Length
 * over the cap fails before anything is read; a stop (time-out, cancel) ends a body that
 * hangs; a broken stream is an error value, never a throw.
 */
import { describe, expect, it } from 'vitest';
import { readCapped } from '../../../src/net/read-capped';
import { timeLimit } from '../../../src/net/settled-get';

/** A body sent in the given chunks, recording whether the reader cancelled it. */
function chunked(chunks: readonly Uint8Array[], headers: Record<string, string> = {}) {
  const seen = { cancelled: false, pulls: 0 };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulls += 1;
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { response: new Response(stream, { headers }), seen };
}

/** A sender that never stops: a fresh 16 KiB chunk on every pull. */
function endless() {
  const seen = { cancelled: false, pulls: 0, sent: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulls += 1;
      seen.sent += 16_384;
      controller.enqueue(new Uint8Array(16_384).fill(0x61));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { response: new Response(stream), seen };
}

/** A body whose first chunk never comes. */
function hangingBody(headers: Record<string, string> = {}) {
  const seen = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull: () => new Promise<void>(() => {}),
    cancel() {
      seen.cancelled = true;
    },
  });
  return { response: new Response(stream, { headers }), seen };
}

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('readCapped', () => {
  it('returns a body under the cap whole, chunks joined in order', async () => {
    const { response } = chunked([bytes(3, 1), bytes(2, 2), bytes(1, 3)]);
    const read = await readCapped(response, 100);
    expect(read).toEqual({ body: new Uint8Array([1, 1, 1, 2, 2, 3]) });
  });

  it('a body of exactly the cap is read; one octet more is too large', async () => {
    const exact = await readCapped(chunked([bytes(60), bytes(40)]).response, 100);
    expect('body' in exact && exact.body.length).toBe(100);
    const { response, seen } = chunked([bytes(60), bytes(41), bytes(5)]);
    expect(await readCapped(response, 100)).toEqual({ tooLarge: true, octetsRead: 101 });
    expect(seen.cancelled).toBe(true);
  });

  it('an empty body and a bodiless response give zero octets', async () => {
    expect(await readCapped(new Response(''), 10)).toEqual({ body: new Uint8Array(0) });
    expect(await readCapped(new Response(null, { status: 204 }), 10)).toEqual({
      body: new Uint8Array(0),
    });
  });

  it('a sender that never stops is cut off one chunk past the cap', async () => {
    const cap = 1024 * 1024;
    const { response, seen } = endless();
    const read = await readCapped(response, cap);
    expect(read).toMatchObject({ tooLarge: true });
    const octetsRead = 'tooLarge' in read ? read.octetsRead : 0;
    expect(octetsRead).toBeGreaterThan(cap);
    expect(octetsRead).toBeLessThanOrEqual(cap + 16_384);
    expect(seen.cancelled).toBe(true);
    // Nothing more is asked of the sender once the reader has given up.
    const pulls = seen.pulls;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.pulls).toBe(pulls);
    expect(seen.sent).toBeLessThanOrEqual(cap + 2 * 16_384);
  });

  it('a Content-Length above the cap fails at once, before a chunk arrives', async () => {
    // The body never sends a chunk: that readCapped returns at all shows it did not wait
    // for one (a 100 ms bound here was a timing guard that a busy machine could break).
    const { response, seen } = hangingBody({ 'content-length': '2000000' });
    expect(await readCapped(response, 1024 * 1024)).toEqual({
      tooLarge: true,
      octetsRead: 0,
      declared: 2_000_000,
    });
    expect(seen.cancelled).toBe(true);
  });

  it('a Content-Length within the cap does not excuse a longer body', async () => {
    const { response } = chunked([bytes(8), bytes(8)], { 'content-length': '4' });
    expect(await readCapped(response, 10)).toEqual({ tooLarge: true, octetsRead: 16 });
  });

  it('a body that hangs ends when the time limit stops it, and is cancelled', async () => {
    const { response, seen } = hangingBody();
    const limit = timeLimit(20, undefined);
    try {
      expect(await readCapped(response, 100, limit.stop)).toEqual({ stop: 'timeout' });
    } finally {
      limit.end();
    }
    expect(seen.cancelled).toBe(true);
  });

  it('the person’s cancel while reading ends it as aborted', async () => {
    const { response } = hangingBody();
    const controller = new AbortController();
    const limit = timeLimit(10_000, controller.signal);
    setTimeout(() => controller.abort(), 5);
    try {
      expect(await readCapped(response, 100, limit.stop)).toEqual({ stop: 'aborted' });
    } finally {
      limit.end();
    }
  });

  it('a stream that breaks is an error value', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes(4));
        controller.error(new TypeError('network error'));
      },
    });
    const read = await readCapped(new Response(stream), 100);
    expect(read).toMatchObject({ error: expect.any(TypeError) });
  });

  it('a body already read is an error value, not a throw', async () => {
    const response = new Response('abc');
    await response.text();
    expect(await readCapped(response, 100)).toMatchObject({ error: expect.anything() });
  });
});
