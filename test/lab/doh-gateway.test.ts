/**
 * The lab's DoH fronts behave as RFC 8484 and a browser's CORS checks require (needs
 * `npm run lab:up` for the resolver behind them).
 */
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { connect, type Http2SecureServer } from 'node:http2';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway, startSecureGateway } from './doh-gateway';
import { selfSignedFor } from './self-signed';
import { labResolver, loadLabManifest, udpEndpoint } from './manifest';
import { buildQuery, summarizeAnswer } from './wire';

const manifest = loadLabManifest();
const url = labResolver(manifest, 'unbound').dohUrl;
const query = buildQuery({ qname: 'www.alg13.lab.', qtype: 'A', cd: false });
const encoded = Buffer.from(query).toString('base64url');

async function answerOf(response: Response): Promise<ReturnType<typeof summarizeAnswer>> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/dns-message');
  return summarizeAnswer(new Uint8Array(await response.arrayBuffer()));
}

describe('RFC 8484 requests', () => {
  it('answers GET ?dns= with the resolver’s answer and CORS', async () => {
    const response = await fetch(`${url}?dns=${encoded}`, {
      headers: { accept: 'application/dns-message' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const answer = await answerOf(response);
    expect(answer.rcode).toBe('NOERROR');
    expect(answer.ad).toBe(true);
  });

  it('answers POST application/dns-message', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/dns-message', accept: 'application/dns-message' },
      body: query,
    });
    expect((await answerOf(response)).answers).toEqual(['A 127.0.80.13']);
  });

  it('answers the CORS preflight of a POST with 204', async () => {
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, accept');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    // No EDNS: a 512-octet limit, which two RSA-2048 DNSKEYs exceed (RFC 1035 §4.2.1).
    const plain = buildQuery({ qname: 'alg10.lab.', qtype: 'DNSKEY', cd: false, edns: false });
    const response = await fetch(`${url}?dns=${Buffer.from(plain).toString('base64url')}`);
    const answer = await answerOf(response);
    expect(answer.tc).toBe(false);
    expect(answer.answers.filter((record) => record.startsWith('DNSKEY'))).toHaveLength(2);
  });
});

describe('bad requests', () => {
  it.each([
    ['no dns parameter', `${url}`, 400],
    ['dns that is not base64url', `${url}?dns=%%%`, 400],
    ['dns shorter than a DNS header', `${url}?dns=AAAA`, 400],
    ['another path', url.replace('/dns-query', '/other'), 404],
  ])('%s → %i', async (_label, target, status) => {
    const response = await fetch(target);
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('POST with another content type → 415', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(response.status).toBe(415);
  });

  it('PUT → 405', async () => {
    expect((await fetch(url, { method: 'PUT', body: query })).status).toBe(405);
  });
});

describe('a resolver that never answers', () => {
  let silent: Socket | undefined;
  let servers: Server[] = [];

  afterAll(() => {
    silent?.close();
    for (const server of servers) server.close();
  });

  it('gets 502 after about 5 s', async () => {
    // A UDP socket that reads queries and never replies: a timeout, not an ICMP error.
    const socket = createSocket('udp4');
    silent = socket;
    await new Promise<void>((resolvePromise) => socket.bind(0, '127.0.0.1', resolvePromise));
    const upstream = { host: '127.0.0.1', port: socket.address().port };
    servers = await startGateway({
      listeners: [{ resolverId: 'silent', host: '127.0.0.1', port: 0, upstream }],
    });
    const port = (servers[0]?.address() as AddressInfo).port;
    const started = Date.now();
    const response = await fetch(`http://127.0.0.1:${port}/dns-query?dns=${encoded}`);
    expect(response.status).toBe(502);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
  }, 15_000);
});

/**
 * A question unbound-filter answers from local data (fixed TTL, unbound.conf(5) `redirect`):
 * the same bytes each time, as the `dns` parameter of a GET.
 */
const FORGED_DNS_PARAM = `?dns=${Buffer.from(
  buildQuery({ qname: 'www.forged.lab.', qtype: 'A', cd: false }),
).toString('base64url')}`;

describe('a front one round trip away (answerDelayMs)', () => {
  const DELAY_MS = 300;
  let servers: Server[] = [];

  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('sends the resolver’s answer, byte for byte, no sooner than the delay', async () => {
    const filter = labResolver(manifest, 'unbound-filter');
    servers = await startGateway({
      listeners: [
        {
          resolverId: 'far',
          host: '127.0.0.1',
          port: 0,
          upstream: udpEndpoint(filter),
          answerDelayMs: DELAY_MS,
        },
      ],
    });
    const far = `http://127.0.0.1:${(servers[0]?.address() as AddressInfo).port}/dns-query`;
    const dns = FORGED_DNS_PARAM;

    const direct = await fetch(filter.dohUrl + dns);
    expect((await answerOf(direct.clone())).answers).toHaveLength(1);
    const started = performance.now();
    const delayed = await fetch(far + dns);
    const bytes = new Uint8Array(await delayed.clone().arrayBuffer());
    // Less 2 ms: the gateway counts in Date.now's whole milliseconds and libuv's loop time.
    expect(performance.now() - started).toBeGreaterThanOrEqual(DELAY_MS - 2);
    expect(delayed.headers.get('access-control-allow-origin')).toBe('*');
    await answerOf(delayed);
    expect(bytes).toEqual(new Uint8Array(await direct.arrayBuffer()));
  });
});

describe('the same front over HTTP/2 with TLS (startSecureGateway)', () => {
  let servers: Http2SecureServer[] = [];

  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('speaks h2 on one connection and sends the resolver’s answer, byte for byte', async () => {
    const filter = labResolver(manifest, 'unbound-filter');
    servers = await startSecureGateway(
      {
        listeners: [
          { resolverId: 'h2', host: '127.0.0.1', port: 0, upstream: udpEndpoint(filter) },
        ],
      },
      selfSignedFor('127.0.0.1'),
    );
    const origin = `https://127.0.0.1:${(servers[0]?.address() as AddressInfo).port}`;
    const path = `/dns-query${FORGED_DNS_PARAM}`;
    const direct = new Uint8Array(
      await (await fetch(filter.dohUrl + FORGED_DNS_PARAM)).arrayBuffer(),
    );

    const session = connect(origin, { rejectUnauthorized: false });
    try {
      const ask = () =>
        new Promise<{ status: number; cors: unknown; body: Uint8Array }>((resolve, reject) => {
          const stream = session.request({ ':path': path, accept: 'application/dns-message' });
          const chunks: Buffer[] = [];
          let status = 0;
          let cors: unknown;
          stream.on('response', (headers) => {
            status = Number(headers[':status']);
            cors = headers['access-control-allow-origin'];
          });
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () =>
            resolve({ status, cors, body: new Uint8Array(Buffer.concat(chunks)) }),
          );
          stream.on('error', reject);
        });
      // Two questions at once on the one connection: HTTP/2 streams.
      const [first, second] = await Promise.all([ask(), ask()]);
      expect(session.alpnProtocol).toBe('h2');
      for (const answer of [first, second]) {
        expect(answer.status).toBe(200);
        expect(answer.cors).toBe('*');
        expect(answer.body).toEqual(direct);
      }
    } finally {
      session.close();
    }
  });
});
