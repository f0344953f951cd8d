/**
 * The body of a DoH answer is read as a stream, cut at 65,535 octets (RFC 8484 §6) and
 * within the exchange's time limit: a server that sends megabytes fast, or a few octets
 * slowly, costs us neither memory nor time, and its stream is cancelled the moment we stop.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DNS_MESSAGE_OCTETS, queryDoh } from '../../../src/doh/transport';

const DNS = 'application/dns-message';
const URL_ = 'https://dns.example/dns-query';

/** A body source that counts what it produced and whether it was cancelled. */
interface Source {
  readonly stream: ReadableStream<Uint8Array>;
  produced(): number;
  cancelled(): boolean;
}

/**
 * Produces `chunk`-octet chunks, `every` ms apart (0: as fast as the reader pulls), up to
 * `total` octets, then closes — or fails with a network error after `failAfter` octets.
 */
function source(options: {
  readonly chunk: number;
  readonly total: number;
  readonly every?: number;
  readonly failAfter?: number;
}): Source {
  let produced = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (options.every) await new Promise((r) => setTimeout(r, options.every));
      if (cancelled) return;
      if (options.failAfter !== undefined && produced >= options.failAfter) {
        controller.error(new TypeError('network error'));
        return;
      }
      const size = Math.min(options.chunk, options.total - produced);
      if (size <= 0) {
        controller.close();
        return;
      }
      produced += size;
      controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, produced: () => produced, cancelled: () => cancelled };
}

function ask(body: Source, extra: Partial<Parameters<typeof queryDoh>[0]> = {}, headers = {}) {
  return queryDoh({
    url: URL_,
    name: 'example.com.',
    type: 'A',
    cd: false,
    timeoutMs: 2000,
    fetchImpl: async () =>
      new Response(body.stream, { status: 200, headers: { 'content-type': DNS, ...headers } }),
    ...extra,
  });
}

const MiB = 1024 * 1024;

describe('the DoH body limit', () => {
  it('cuts a fast 5 MiB body just past 65,535 octets and cancels the stream', async () => {
    const body = source({ chunk: 16 * 1024, total: 5 * MiB });
    const started = performance.now();
    const outcome = await ask(body);
    expect(outcome.ok || outcome.error.class).toBe('too-large');
    expect(outcome.ok || outcome.error.message).toBe(
      'the body from dns.example is longer than any DNS message (at most 65,535 octets): reading stopped after 65,536 octets',
    );
    expect(body.cancelled()).toBe(true);
    // The cut comes at the first chunk past the limit; at most one more was queued.
    expect(body.produced()).toBeLessThanOrEqual(MAX_DNS_MESSAGE_OCTETS + 2 * 16 * 1024);
    expect(outcome.body).toBeUndefined();
    expect(outcome.message).toBeUndefined();
    expect(outcome.httpStatus).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a Content-Length above the limit before reading anything', async () => {
    const body = source({ chunk: 16 * 1024, total: 5 * MiB });
    const outcome = await ask(body, {}, { 'content-length': String(5 * MiB) });
    expect(outcome.ok || outcome.error).toEqual({
      class: 'too-large',
      message:
        'dns.example announced a body of 5,242,880 octets (Content-Length); a DNS message is at most 65,535 octets, so it was not read',
    });
    expect(body.cancelled()).toBe(true);
    expect(body.produced()).toBeLessThanOrEqual(16 * 1024);
  });

  it('reads a body of exactly 65,535 octets whole (not too large, only not our answer)', async () => {
    const body = source({ chunk: 8191, total: MAX_DNS_MESSAGE_OCTETS });
    const outcome = await ask(body);
    // Zeros decode as a header with QR=0: a query, not the answer.
    expect(outcome.ok || outcome.error.class).toBe('mismatch');
    expect(outcome.body?.length).toBe(MAX_DNS_MESSAGE_OCTETS);
  });

  it('ends a trickling body at the time limit and cancels the stream', async () => {
    const body = source({ chunk: 100, total: 5 * MiB, every: 20 });
    const started = performance.now();
    const outcome = await ask(body, { timeoutMs: 200 });
    expect(outcome.ok || outcome.error).toEqual({
      class: 'timeout',
      message: 'no answer from dns.example within 0.2 s',
    });
    expect(performance.now() - started).toBeLessThan(1000);
    // Give the pending pull a moment to see the cancel.
    await new Promise((r) => setTimeout(r, 50));
    expect(body.cancelled()).toBe(true);
    expect(body.produced()).toBeLessThan(2000);
  });

  it('ends a trickling body when the person cancels', async () => {
    const body = source({ chunk: 100, total: 5 * MiB, every: 20 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const outcome = await ask(body, { signal: controller.signal, timeoutMs: 5000 });
    expect(outcome.ok || outcome.error.class).toBe('aborted');
    await new Promise((r) => setTimeout(r, 50));
    expect(body.cancelled()).toBe(true);
  });

  it('says the connection broke when the stream fails midway', async () => {
    const body = source({ chunk: 100, total: 5 * MiB, failAfter: 300 });
    const outcome = await ask(body);
    expect(outcome.ok || outcome.error).toEqual({
      class: 'unreachable',
      message: 'the connection to dns.example broke while the answer was being read',
    });
  });

  it('does not read a body that is not a DNS message at all', async () => {
    const body = source({ chunk: 16 * 1024, total: 5 * MiB });
    const outcome = await queryDoh({
      url: URL_,
      name: 'example.com.',
      type: 'A',
      cd: false,
      fetchImpl: async () =>
        new Response(body.stream, { status: 200, headers: { 'content-type': 'text/html' } }),
    });
    expect(outcome.ok || outcome.error.class).toBe('content-type');
    expect(body.cancelled()).toBe(true);
    expect(body.produced()).toBeLessThanOrEqual(16 * 1024);
  });
});
