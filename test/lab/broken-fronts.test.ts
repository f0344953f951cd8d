/**
 * The broken DoH fronts (fronts.ts): each path misbehaves at the HTTP layer the way one
 * public service or network does, over the validating Unbound's real answers. Checked for
 * status, headers, body size and content (needs `npm run lab:up`); the 60 s hang is
 * checked on a gateway of this test's own with a short hang.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from './doh-gateway';
import { forwardQuery } from './doh-forward';
import {
  BROKEN_FRONTS,
  BROKEN_FRONTS_PORT,
  GARBAGE_OCTETS,
  HUGE_PADDING_OCTETS,
  RETRY_AFTER_SECONDS,
} from './fronts';
import { brokenFront, labResolver, loadLabManifest, udpEndpoint } from './manifest';
import { buildQuery, decodeMessage } from './wire';

const manifest = loadLabManifest();
const query = buildQuery({ qname: 'www.alg13.lab.', qtype: 'A', cd: false });
const dns = Buffer.from(query).toString('base64url');

interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

async function get(id: string, timeoutMs = 5000): Promise<Fetched> {
  const response = await fetch(`${brokenFront(manifest, id).url}?dns=${dns}`, {
    headers: { accept: 'application/dns-message' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The error code under fetch's TypeError (undici puts the socket's error in `cause`). */
async function failureOf(request: Promise<unknown>): Promise<string> {
  try {
    await request;
    return 'answered';
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
    const cause =
      error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return cause?.code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** The validating Unbound's own answer to the same query, for comparison. */
async function realAnswer(message = query): Promise<Uint8Array> {
  return forwardQuery(udpEndpoint(labResolver(manifest, 'unbound')), message, 5000);
}

describe('the manifest', () => {
  it('lists eleven broken fronts, one path each on one port', () => {
    expect(manifest.brokenFronts.map((front) => front.id)).toEqual(
      BROKEN_FRONTS.map((front) => front.id),
    );
    for (const front of manifest.brokenFronts) {
      expect(front.url).toBe(`http://127.0.0.1:${BROKEN_FRONTS_PORT}/${front.id}/dns-query`);
      expect(front.behaviour.length).toBeGreaterThan(10);
    }
  });
});

describe('answers a page cannot use', () => {
  it('nocors: the correct answer without any Access-Control-* header', async () => {
    const { status, headers, body } = await get('nocors');
    expect(status).toBe(200);
    const names: string[] = [];
    headers.forEach((_value, name) => names.push(name));
    expect(names.filter((name) => name.startsWith('access-control'))).toEqual([]);
    const answer = decodeMessage(body);
    expect([answer.rcode, answer.ad]).toEqual(['NOERROR', true]);
    expect(answer.answers.find((record) => record.type === 'A')?.data).toBe('127.0.80.13');
  });

  it('nocors: its CORS preflight carries no CORS headers either', async () => {
    const response = await fetch(brokenFront(manifest, 'nocors').url, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:4173', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('429: rate limited, Retry-After, no CORS headers', async () => {
    const { status, headers } = await get('429');
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });

  it('429cors: rate limited with CORS, Retry-After not exposed to a page', async () => {
    const { status, headers } = await get('429cors');
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('access-control-expose-headers')).toBeNull();
  });

  it('500: a server error with CORS', async () => {
    const { status, headers } = await get('500');
    expect(status).toBe(500);
    expect(headers.get('access-control-allow-origin')).toBe('*');
  });

  it('html: 200 text/html with CORS, a sign-in page', async () => {
    const { status, headers, body } = await get('html');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(new TextDecoder().decode(body)).toMatch(/^<!doctype html>/);
  });
});

describe('bodies that claim to be DNS messages', () => {
  it('tc: the real header with TC=1, the question, and only the OPT record', async () => {
    const { status, headers, body } = await get('tc');
    expect([status, headers.get('content-type')]).toEqual([200, 'application/dns-message']);
    const truncated = decodeMessage(body);
    expect([truncated.id, truncated.tc, truncated.rcode, truncated.edns]).toEqual([
      0,
      true,
      'NOERROR',
      true,
    ]);
    expect(truncated.questions).toEqual(['www.alg13.lab A']);
    expect([truncated.answers, truncated.authorities, truncated.additionals]).toEqual([[], [], []]);
    // Header counts: QDCOUNT 1, ANCOUNT 0, NSCOUNT 0, ARCOUNT 1.
    expect([...body.subarray(4, 12)]).toEqual([0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('huge: the real answer followed by exactly 5 MiB', async () => {
    const started = performance.now();
    const { status, headers, body } = await get('huge');
    const real = await realAnswer();
    expect(status).toBe(200);
    expect(Number(headers.get('content-length'))).toBe(real.length + HUGE_PADDING_OCTETS);
    expect(body.length).toBe(real.length + HUGE_PADDING_OCTETS);
    const head = decodeMessage(body.subarray(0, real.length));
    expect(head.answers.find((record) => record.type === 'A')?.data).toBe('127.0.80.13');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('garbage: random octets whose ID is not the query’s', async () => {
    const first = await get('garbage');
    const second = await get('garbage');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/dns-message');
    expect(first.body.length).toBe(GARBAGE_OCTETS);
    expect((first.body[0]! << 8) | first.body[1]!).not.toBe((query[0]! << 8) | query[1]!);
    expect(Buffer.from(first.body).equals(Buffer.from(second.body))).toBe(false);
  });

  it('wrong: a real answer with the query’s ID to another question', async () => {
    const { status, body } = await get('wrong');
    expect(status).toBe(200);
    const answer = decodeMessage(body);
    expect(answer.id).toBe(0);
    expect(answer.questions).toEqual(['www.alg8.lab A']);
    expect([answer.rcode, answer.ad]).toEqual(['NOERROR', true]);
    expect(answer.answers.find((record) => record.type === 'A')?.data).toBe('127.0.80.8');
  });
});

describe('connections that end without a response', () => {
  it('hang: no status, no headers within 2 s', async () => {
    expect(await failureOf(get('hang', 2000))).toBe('timeout');
  });

  it('reset: the connection is reset', async () => {
    expect(await failureOf(get('reset'))).toBe('ECONNRESET');
  });

  describe('hang, on a gateway of its own with a 300 ms hang', () => {
    let servers: Server[] = [];
    afterAll(() => {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
    });

    it('closes the connection once the hang is over', async () => {
      servers = await startGateway({
        listeners: [
          {
            resolverId: 'broken-test',
            host: '127.0.0.1',
            port: 0,
            upstream: udpEndpoint(labResolver(manifest, 'unbound')),
            broken: { hangMs: 300 },
          },
        ],
      });
      const { port: listening } = servers[0]?.address() as AddressInfo;
      const started = performance.now();
      const failure = await failureOf(
        fetch(`http://127.0.0.1:${listening}/hang/dns-query?dns=${dns}`, {
          signal: AbortSignal.timeout(5000),
        }),
      );
      expect(failure).not.toBe('timeout');
      expect(failure).not.toBe('answered');
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });
});
