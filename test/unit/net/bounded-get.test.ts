/**
 * boundedGet against a real HTTP server on 127.0.0.1 (node:http, Node's own fetch): the
 * time limit ends a server that never answers and one that drips its body past the limit;
 * the size cap cuts a body mid-stream and the server sees the connection go; the caller's
 * AbortSignal ends the GET before it is sent, while it waits and while the body arrives; a
 * refused connection and a body that breaks are raw outcomes, never throws.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boundedGet, type BoundedGetRequest } from '../../../src/net/bounded-get';
import { closedPort } from '../doh/doh-server';

const KiB = 1024;
/** What the big route would send in all, were it never stopped. */
const BIG_TOTAL = 16 * KiB * KiB;

/** What the server saw: requests per path, octets written and whether the client left. */
interface Seen {
  readonly requests: string[];
  written: number;
  /** Resolved when the client closes a response before its end. */
  clientLeft: Promise<void>;
}

let server: Server;
let base: string;
let seen: Seen;
let left: () => void = () => {};

function resetSeen(): void {
  seen = {
    requests: [],
    written: 0,
    clientLeft: new Promise((resolve) => {
      left = resolve;
    }),
  };
}

/** Writes `chunk` every `everyMs` until the client goes. */
function drip(res: ServerResponse, chunk: Buffer, everyMs: number): void {
  const timer = setInterval(() => {
    seen.written += chunk.length;
    res.write(chunk);
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/** Writes 16 KiB chunks as fast as the client takes them, up to BIG_TOTAL. */
function flood(res: ServerResponse): void {
  const chunk = Buffer.alloc(16 * KiB, 0x61);
  const more = (): void => {
    while (seen.written < BIG_TOTAL && !res.destroyed) {
      seen.written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end();
  };
  more();
}

const ROUTES: Readonly<Record<string, (res: ServerResponse) => void>> = {
  '/ok': (res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello'),
  '/html': (res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>down</h1>'),
  '/hang': () => {},
  '/drip': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    drip(res, Buffer.from('x'), 40);
  },
  '/big': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    flood(res);
  },
  '/declared': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10000000' });
    res.flushHeaders();
  },
  '/broken': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
    res.write('only part of it', () => setTimeout(() => res.socket?.destroy(), 20));
  },
};

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  seen.requests.push(path);
  res.on('close', () => {
    if (!res.writableFinished) left();
  });
  (ROUTES[path] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(resetSeen);

function get(path: string, extra: Partial<BoundedGetRequest> = {}) {
  return boundedGet({
    url: `${base}${path}`,
    accept: 'text/plain',
    cache: 'no-store',
    timeoutMs: 2000,
    maxOctets: 64 * KiB,
    readBody: () => true,
    ...extra,
  });
}

/** Resolves true when the server saw the client leave within `ms`. */
function clientLeftWithin(ms: number): Promise<boolean> {
  return Promise.race([
    seen.clientLeft.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}

describe('boundedGet', () => {
  it('gives a response with its bytes, and what arrived before the body', async () => {
    const got = await get('/ok');
    expect(got).toEqual({
      kind: 'response',
      head: {
        status: 200,
        statusText: 'OK',
        contentType: 'text/plain; charset=utf-8',
        mediaType: 'text/plain',
      },
      body: new TextEncoder().encode('hello'),
    });
  });

  it('leaves a body the caller does not want unread, and says what status came', async () => {
    const got = await get('/html', { readBody: (head) => head.mediaType === 'text/plain' });
    expect(got).toEqual({
      kind: 'response',
      head: {
        status: 503,
        statusText: 'Service Unavailable',
        contentType: 'text/html',
        mediaType: 'text/html',
      },
    });
  });

  it('ends a server that never answers at the time limit', async () => {
    const t0 = performance.now();
    const got = await get('/hang', { timeoutMs: 150 });
    const took = performance.now() - t0;
    expect(got).toEqual({ kind: 'timeout' });
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(1500);
    expect(await clientLeftWithin(1000)).toBe(true);
  });

  it('ends a body that drips past the time limit, keeping the head, and drops the connection', async () => {
    const t0 = performance.now();
    const got = await get('/drip', { timeoutMs: 300 });
    const took = performance.now() - t0;
    expect(got).toMatchObject({ kind: 'timeout', head: { status: 200, mediaType: 'text/plain' } });
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    // Octets did arrive before the limit: the limit covers the body, not only the head.
    expect(seen.written).toBeGreaterThan(0);
    expect(await clientLeftWithin(1000)).toBe(true);
  });

  it('cuts a body mid-stream one chunk past the cap, and the server stops sending', async () => {
    const got = await get('/big', { maxOctets: 64 * KiB });
    expect(got).toMatchObject({ kind: 'too-large', head: { status: 200 } });
    const octetsRead = got.kind === 'too-large' ? got.octetsRead : 0;
    expect(octetsRead).toBeGreaterThan(64 * KiB);
    expect(octetsRead).toBeLessThanOrEqual(64 * KiB + 64 * KiB);
    expect(got).not.toHaveProperty('declared');
    expect(await clientLeftWithin(1000)).toBe(true);
    // What socket buffers held is all that was sent, never the whole 16 MiB.
    expect(seen.written).toBeLessThan(BIG_TOTAL);
  });

  it('refuses a Content-Length over the cap before any of the body arrives', async () => {
    const got = await get('/declared', { maxOctets: 64 * KiB });
    expect(got).toMatchObject({ kind: 'too-large', octetsRead: 0, declared: 10_000_000 });
    expect(await clientLeftWithin(1000)).toBe(true);
  });

  it('sends nothing when the caller cancelled before', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await get('/ok', { signal: controller.signal })).toEqual({ kind: 'aborted' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.requests).toEqual([]);
  });

  it('ends as aborted when the caller cancels while waiting for the answer', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await get('/hang', { signal: controller.signal })).toEqual({ kind: 'aborted' });
    expect(seen.requests).toEqual(['/hang']);
    expect(await clientLeftWithin(1000)).toBe(true);
  });

  it('ends as aborted when the caller cancels while the body arrives, keeping the head', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const t0 = performance.now();
    const got = await get('/drip', { signal: controller.signal, timeoutMs: 5000 });
    expect(got).toMatchObject({ kind: 'aborted', head: { status: 200 } });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(seen.written).toBeGreaterThan(0);
    expect(await clientLeftWithin(1000)).toBe(true);
  });

  it('a refused connection is a network error, not a throw', async () => {
    const port = await closedPort();
    const got = await boundedGet({
      url: `http://127.0.0.1:${port}/`,
      accept: 'text/plain',
      cache: 'no-store',
      timeoutMs: 2000,
      maxOctets: 100,
      readBody: () => true,
    });
    expect(got).toMatchObject({ kind: 'network-error', error: expect.any(TypeError) });
  });

  it('a body that breaks mid-way is broken-body, with the head', async () => {
    const got = await get('/broken');
    expect(got).toMatchObject({ kind: 'broken-body', head: { status: 200 } });
  });

  it('a fetch that throws at once, or is cancelled by someone else, is still a value', async () => {
    const throwing = (() => {
      throw new TypeError('fetch is not a function');
    }) as unknown as typeof fetch;
    expect(await get('/ok', { fetchImpl: throwing })).toMatchObject({ kind: 'network-error' });
    const foreign = (() =>
      Promise.reject(new DOMException('gone', 'AbortError'))) as unknown as typeof fetch;
    expect(await get('/ok', { fetchImpl: foreign })).toEqual({ kind: 'aborted' });
  });
});
