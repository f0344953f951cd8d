import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../src/dns/message';
import { queryDoh, toExchange, type DohOutcome } from '../../../src/doh/transport';
import type { TransportErrorClass } from '../../../src/evidence/evidence';
import { closedPort, startDohServer, type DohServer } from './doh-server';

let server: DohServer;
let host: string;

beforeAll(async () => {
  server = await startDohServer();
  host = new URL(server.base).host;
});
afterAll(async () => {
  await server.close();
});

function ask(
  path: string,
  extra: Partial<Parameters<typeof queryDoh>[0]> = {},
): Promise<DohOutcome> {
  return queryDoh({
    url: `${server.base}${path}`,
    name: 'example.com.',
    type: 'A',
    cd: false,
    timeoutMs: 1000,
    ...extra,
  });
}

/** [route, error class, message (a function of the host), keeps body, keeps message] */
const FAILURES: readonly [string, TransportErrorClass, (h: string) => string, boolean, boolean][] =
  [
    ['/slow', 'timeout', (h) => `no answer from ${h} within 0.25 s`, false, false],
    ['/slow-body', 'timeout', (h) => `no answer from ${h} within 0.25 s`, false, false],
    ['/500', 'http-status', (h) => `HTTP 500 Internal Server Error from ${h}`, false, false],
    ['/404', 'http-status', (h) => `HTTP 404 Not Found from ${h}`, false, false],
    [
      '/429',
      'rate-limited',
      (h) => `${h} is rate limiting this browser (HTTP 429 Too Many Requests)`,
      false,
      false,
    ],
    ['/503-dns', 'http-status', (h) => `HTTP 503 Service Unavailable from ${h}`, true, true],
    [
      '/html',
      'content-type',
      (h) => `the response from ${h} is not a DNS message (text/html)`,
      false,
      false,
    ],
    [
      '/json',
      'content-type',
      (h) => `the response from ${h} is not a DNS message (application/dns-json)`,
      false,
      false,
    ],
    [
      '/no-type',
      'content-type',
      (h) => `the response from ${h} is not a DNS message (no Content-Type)`,
      false,
      false,
    ],
    [
      '/empty',
      'malformed',
      (h) => `the response from ${h} is empty: HTTP 200 with no DNS message`,
      true,
      false,
    ],
    ['/garbage', 'malformed', (h) => `the response from ${h} could not be decoded: `, true, false],
    [
      '/short',
      'malformed',
      (h) =>
        `the response from ${h} could not be decoded: message shorter than its 12-octet header (at octet 0)`,
      true,
      false,
    ],
    [
      '/truncated',
      'malformed',
      (h) => `the response from ${h} could not be decoded: `,
      true,
      false,
    ],
    [
      '/wrong-id',
      'mismatch',
      () => 'the answer has message ID 4660, but the query was sent with ID 0',
      true,
      true,
    ],
    [
      '/other-question',
      'mismatch',
      () => 'the answer is for www.other.com. A, not the question asked (example.com. A)',
      true,
      true,
    ],
    [
      '/other-type',
      'mismatch',
      () => 'the answer is for example.com. AAAA, not the question asked (example.com. A)',
      true,
      true,
    ],
    [
      '/tc',
      'truncated',
      (h) =>
        `the answer from ${h} is incomplete: it came with TC=1 (truncated), so records may be missing and it is not used as an answer`,
      true,
      true,
    ],
    [
      '/qr0',
      'mismatch',
      (h) => `the message from ${h} is a query (QR=0), not an answer`,
      true,
      true,
    ],
  ];

describe('queryDoh against a real local server', () => {
  it('gets a correct answer with a plain GET that needs no CORS preflight', async () => {
    const before = server.seen.length;
    const outcome = await ask('/ok', { cd: true, now: () => 1_700_000_000_000 });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.httpStatus).toBe(200);
    expect(outcome.contentType).toBe('application/dns-message');
    expect(outcome.startedAt).toBe(1_700_000_000_000);
    expect(outcome.durationMs).toBeGreaterThan(0);
    expect(outcome.message.rcodeName).toBe('NOERROR');
    expect(outcome.message.answer[0]?.rdata).toBe('192.0.2.1');
    expect(outcome.request).toEqual({
      url: `${server.base}/ok`,
      name: 'example.com.',
      type: 'A',
      cd: true,
      do: true,
    });

    // RFC 8484 §4.1: GET, base64url without padding, Accept: application/dns-message.
    const seen = server.seen.slice(before);
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.method).toBe('GET');
    expect(request.headers.accept).toBe('application/dns-message');
    expect(request.headers['content-type']).toBeUndefined();
    const dns = new URL(request.url, server.base).searchParams.get('dns') ?? '';
    expect(dns).toMatch(/^[A-Za-z0-9_-]+$/);
    const query = decodeMessage(Uint8Array.from(Buffer.from(dns, 'base64url')));
    expect(query.ok && query.message).toMatchObject({
      id: 0,
      flags: { qr: false, rd: true, cd: true },
      opt: { udpPayloadSize: 1232, dnssecOk: true },
      question: [{ name: 'example.com.', type: 'A' }],
    });
  });

  it.each(['/ok-charset', '/ok-upper', '/redirect'])('accepts %s', async (path) => {
    const outcome = await ask(path);
    expect(outcome.ok ? 'ok' : outcome.error).toBe('ok');
  });

  it('accepts an error answer without a question section', async () => {
    const outcome = await ask('/servfail-no-question');
    expect(outcome.ok && outcome.message.rcodeName).toBe('SERVFAIL');
  });

  it.each(FAILURES)(
    'classifies %s as %s',
    async (path, errorClass, message, keepsBody, keepsMessage) => {
      const outcome = await ask(path, { timeoutMs: 250 });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.class).toBe(errorClass);
      const expected = message(host);
      if (expected.endsWith(': ')) expect(outcome.error.message.startsWith(expected)).toBe(true);
      else expect(outcome.error.message).toBe(expected);
      expect(outcome.body !== undefined).toBe(keepsBody);
      expect(outcome.message !== undefined).toBe(keepsMessage);
      expect(outcome.durationMs).toBeGreaterThan(0);
      if (errorClass === 'timeout') expect(outcome.durationMs).toBeLessThan(1200);
      if (errorClass !== 'timeout') expect(outcome.httpStatus).toBeGreaterThanOrEqual(200);
    },
  );

  it('stops reading a 5 MiB body soon after 65,535 octets', async () => {
    const outcome = await ask('/huge');
    expect(outcome.ok || outcome.error.class).toBe('too-large');
    const message = outcome.ok ? '' : outcome.error.message;
    const prefix = `the body from ${host} is longer than any DNS message (at most 65,535 octets): reading stopped after `;
    expect(message.startsWith(prefix)).toBe(true);
    // The cut comes with the first chunk past the limit, whatever size the network gave it.
    const arrived = Number(
      message
        .slice(prefix.length)
        .replace(/ octets$/, '')
        .replace(/,/g, ''),
    );
    expect(arrived).toBeGreaterThan(65_535);
    expect(arrived).toBeLessThan(1024 * 1024);
    expect(outcome.body).toBeUndefined();
  });

  it('says a closed port is unreachable, in words that do not guess why', async () => {
    const port = await closedPort();
    const outcome = await queryDoh({
      url: `http://127.0.0.1:${port}/dns-query`,
      name: 'example.com.',
      type: 'A',
      cd: false,
    });
    expect(outcome.ok || outcome.error).toEqual({
      class: 'unreachable',
      message: `could not reach 127.0.0.1:${port} from this browser (blocked, offline or no CORS — a browser cannot tell which)`,
    });
    expect(outcome.httpStatus).toBeUndefined();
  });

  it('tells the person cancelling apart from a timeout', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const outcome = await ask('/slow', { signal: controller.signal, timeoutMs: 5000 });
    expect(outcome.ok || outcome.error).toEqual({
      class: 'aborted',
      message: 'cancelled before the answer arrived',
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('cancels while the body is being read', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const outcome = await ask('/slow-body', { signal: controller.signal, timeoutMs: 5000 });
    expect(outcome.ok || outcome.error.class).toBe('aborted');
  });

  it('does not even send when already cancelled', async () => {
    const before = server.seen.length;
    const outcome = await ask('/ok', { signal: AbortSignal.abort() });
    expect(outcome.ok || outcome.error.class).toBe('aborted');
    expect(server.seen.length).toBe(before);
  });

  it('reports a query it cannot build instead of throwing', async () => {
    const outcome = await ask('/ok', { name: 'a..b.' });
    expect(outcome.ok || outcome.error.class).toBe('malformed');
    expect(outcome.ok || outcome.error.message).toMatch(/^the query could not be built: /);
  });

  it('survives a fetch that throws synchronously or hangs forever', async () => {
    const throwing = await ask('/ok', {
      fetchImpl: () => {
        throw new TypeError('boom');
      },
    });
    expect(throwing.ok || throwing.error.class).toBe('unreachable');
    const hanging = await ask('/ok', {
      fetchImpl: () => new Promise<Response>(() => {}),
      timeoutMs: 50,
    });
    expect(hanging.ok || hanging.error.class).toBe('timeout');
  });
});

describe('toExchange', () => {
  it('keeps the raw facts of an answer', async () => {
    const outcome = await ask('/ok', { now: () => 1_700_000_000_000 });
    const exchange = toExchange(outcome, { id: 'x0', purpose: 'target', wave: 1 });
    expect(exchange).toEqual({
      id: 'x0',
      resolver: `${server.base}/ok`,
      question: { name: 'example.com.', type: 'A' },
      cd: false,
      do: true,
      purpose: 'target',
      wave: 1,
      startedAt: 1_700_000_000_000,
      durationMs: Math.round(outcome.durationMs),
      httpStatus: 200,
      contentType: 'application/dns-message',
      response: Buffer.from(outcome.body ?? []).toString('base64'),
    });
    const again = decodeMessage(Uint8Array.from(Buffer.from(exchange.response ?? '', 'base64')));
    expect(again.ok && again.message.answer[0]?.rdata).toBe('192.0.2.1');
  });

  it('keeps the error, and the bytes when there were some', async () => {
    const mismatch = toExchange(await ask('/wrong-id'), {
      id: 'x1',
      purpose: 'ds',
      wave: 2,
      resolver: 'R',
    });
    expect(mismatch).toMatchObject({
      id: 'x1',
      resolver: 'R',
      purpose: 'ds',
      wave: 2,
      error: { class: 'mismatch' },
    });
    expect(mismatch.response).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const timeout = toExchange(await ask('/slow', { timeoutMs: 50 }), {
      id: 'x2',
      purpose: 'target',
      wave: 1,
    });
    expect(timeout.error?.class).toBe('timeout');
    expect('response' in timeout || 'httpStatus' in timeout || 'contentType' in timeout).toBe(
      false,
    );
  });
});
