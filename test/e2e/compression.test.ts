/**
 * Text compression as `npm start` serves the build (build/precompress.ts): the preview server
 * answers with the precompressed Brotli or gzip copy only to a client that accepts it, says
 * `Vary: Accept-Encoding`, decodes to the very file on disk, answers a Range request with
 * identity octets, and leaves images alone. The service worker's precache lists no copy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, startAppServer, type AppServer } from './harness';

const dist = resolve(DIST_DIR);

interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The octets as sent, still encoded. */
  readonly body: Buffer;
}

/** A GET with exactly the given headers (fetch would add its own Accept-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

function decoded(response: RawResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  if (encoding === undefined) return response.body;
  throw new Error(`unexpected Content-Encoding ${String(encoding)}`);
}

function vary(response: RawResponse): string[] {
  return String(response.headers.vary ?? '')
    .split(',')
    .map((f) => f.trim().toLowerCase());
}

interface Served {
  /** The URL path under the app's base ('' is the page itself). */
  readonly path: string;
  /** The file in the build folder. */
  readonly file: string;
}

/** index.html, the main script it loads, the worker chunk a check starts with, sw.js. */
function builtFiles(): { index: Served; main: Served; worker: Served; sw: Served } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const main = /<script[^>]*\ssrc="\.?\/?([^"]+\.js)"/.exec(html)?.[1];
  const worker = readdirSync(join(dist, 'assets')).find((f) => /^lens\.worker-.*\.js$/.test(f));
  if (main === undefined || worker === undefined) throw new Error('no main or worker chunk');
  return {
    index: { path: '', file: 'index.html' },
    main: { path: main, file: main },
    worker: { path: `assets/${worker}`, file: `assets/${worker}` },
    sw: { path: 'sw.js', file: 'sw.js' },
  };
}

const textFiles = (): Served[] => Object.values(builtFiles());

describe('text compression (npm start)', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends Brotli to a client that accepts gzip and br, and the decoded body is the file', async () => {
    for (const { path, file } of textFiles()) {
      const onDisk = readFileSync(join(dist, file));
      const response = await get(server.baseUrl + path, { 'Accept-Encoding': 'gzip, br' });
      expect(response.status, file).toBe(200);
      expect(response.headers['content-encoding'], file).toBe('br');
      expect(vary(response), file).toContain('accept-encoding');
      expect(Number(response.headers['content-length']), file).toBe(response.body.length);
      expect(response.body.length, file).toBeLessThan(onDisk.length);
      expect(decoded(response).equals(onDisk), file).toBe(true);
      console.log(`${file}: ${onDisk.length} octets, ${response.body.length} as br`);
    }
  });

  it('sends gzip to a client that accepts only gzip, or refuses br', async () => {
    for (const { path, file } of textFiles()) {
      const onDisk = readFileSync(join(dist, file));
      for (const accept of ['gzip', 'br;q=0, gzip;q=0.5']) {
        const response = await get(server.baseUrl + path, { 'Accept-Encoding': accept });
        expect(response.headers['content-encoding'], `${file} ${accept}`).toBe('gzip');
        expect(decoded(response).equals(onDisk), file).toBe(true);
      }
    }
  });

  it('sends the plain file to a client that names no encoding or refuses them', async () => {
    for (const { path, file } of textFiles()) {
      const onDisk = readFileSync(join(dist, file));
      const cases: Record<string, string>[] = [
        {},
        { 'Accept-Encoding': 'identity' },
        { 'Accept-Encoding': 'gzip;q=0, br;q=0' },
      ];
      for (const headers of cases) {
        const response = await get(server.baseUrl + path, headers);
        expect(response.status, file).toBe(200);
        expect(response.headers['content-encoding'], file).toBeUndefined();
        expect(vary(response), file).toContain('accept-encoding');
        expect(response.body.equals(onDisk), file).toBe(true);
      }
    }
  });

  it('answers a Range request with the identity octets, even when br is accepted', async () => {
    const { path, file } = builtFiles().main;
    const onDisk = readFileSync(join(dist, file));
    const response = await get(server.baseUrl + path, {
      'Accept-Encoding': 'gzip, br',
      Range: 'bytes=100-4195',
    });
    expect(response.status).toBe(206);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-range']).toBe(`bytes 100-4195/${onDisk.length}`);
    expect(response.body.equals(onDisk.subarray(100, 4196))).toBe(true);
  });

  it('revalidates a compressed copy by its own ETag', async () => {
    const { path } = builtFiles().main;
    const first = await get(server.baseUrl + path, { 'Accept-Encoding': 'br' });
    const etag = String(first.headers.etag);
    const plain = await get(server.baseUrl + path);
    expect(plain.headers.etag).not.toBe(etag);
    const again = await get(server.baseUrl + path, {
      'Accept-Encoding': 'br',
      'If-None-Match': etag,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('leaves images as they are', async () => {
    const png = readFileSync(join(dist, 'pwa-192x192.png'));
    const response = await get(`${server.baseUrl}pwa-192x192.png`, {
      'Accept-Encoding': 'gzip, br',
    });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.equals(png)).toBe(true);
  });

  it('the precache manifest lists every file it needs and no compressed copy', () => {
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(urls).toContain('index.html');
    expect(urls.filter((u) => /\.(?:gz|br)$/.test(u))).toEqual([]);
    for (const url of urls) expect(existsSync(join(dist, url)), url).toBe(true);
    // The build did write the copies (so the manifest check above means something).
    expect(existsSync(join(dist, 'index.html.br'))).toBe(true);
    expect(existsSync(join(dist, 'sw.js.gz'))).toBe(true);
  });

  it('a compressed answer carries the headers the host is told to set (the CSP of README)', async () => {
    const policy = "default-src 'none'; frame-ancestors 'none'";
    const withHeaders = await startAppServer({ headers: { 'Content-Security-Policy': policy } });
    try {
      const { path } = builtFiles().worker;
      const response = await get(withHeaders.baseUrl + path, {
        'Accept-Encoding': 'br',
      });
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['content-security-policy']).toBe(policy);
    } finally {
      await withHeaders.close();
    }
  });
});
