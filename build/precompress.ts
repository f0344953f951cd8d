/**
 * Text compression for the built app, as a static host gives it (issue 14: Lighthouse's
 * "enable text compression"). The build writes a `.br` (Brotli, RFC 7932) and a `.gz`
 * (gzip, RFC 1952) copy next to each text file of the output, after vite-plugin-pwa has
 * written the service worker, so those are compressed too and the precache manifest,
 * whose globs end in the real extensions, never lists the copies. `vite preview`
 * (`npm start`, the browser tests, the benches) then answers a client that accepts an
 * encoding with the precompressed copy (RFC 9110 §8.4 Content-Encoding, §12.5.3
 * Accept-Encoding), and says `Vary: Accept-Encoding` on every answer for those files.
 *
 * Why our own middleware: Vite's preview server gzips text on the fly (@polka/compression,
 * gzip only, level 6) but sends no `Vary: Accept-Encoding`, and it also compresses a `206`
 * answer to a Range request, whose `Content-Range` then counts octets of a body that is
 * not the one sent. Its static server (sirv) can serve precompressed files, but preview
 * creates it without those options and has no setting to pass them. So this middleware
 * runs first: the precompressed copy when the client accepts one, and for a Range request
 * the identity octets. When it leaves a precompressed file's request to the middleware
 * behind it (the identity file is wanted) it marks it `Accept-Encoding: identity`, so
 * Vite's own gzip, which ignores `gzip;q=0`, does not encode it after all. Text files with
 * no copy (under MIN_SIZE, or a build made without this plugin) stay Vite's to encode.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, PreviewServer } from 'vite';

/** The text files a browser fetches, by extension, with the media type they are served as. */
export const TEXT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html;charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Smaller files gain less than the headers cost (Vite's own on-the-fly threshold). */
export const MIN_SIZE = 1024;

/** Preferred first: Brotli is about 15% smaller than gzip on this bundle. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number];

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

function compress(encoding: Encoding, bytes: Buffer): Promise<Buffer> {
  if (encoding.name === 'gzip') return compressGzip(bytes, { level: 9 });
  return compressBrotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extname(entry.name) in TEXT_TYPES)
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` next to every text file of `dir` of at least MIN_SIZE
 * octets, each only where it is smaller than the file. Returns how many copies it wrote.
 */
export async function precompressDir(dir: string): Promise<number> {
  const jobs = textFiles(dir).flatMap((file) => {
    const bytes = readFileSync(file);
    if (bytes.length < MIN_SIZE) return [];
    return ENCODINGS.map(async (encoding) => {
      const packed = await compress(encoding, bytes);
      if (packed.length >= bytes.length) return 0;
      await writeFile(file + encoding.suffix, packed);
      return 1;
    });
  });
  const written = await Promise.all(jobs);
  return written.reduce<number>((sum, n) => sum + n, 0);
}

/**
 * The encodings the client accepts, by RFC 9110 §12.5.3: a coding listed with q=0 is
 * refused, `*` stands for any coding not listed, and no header at all means identity only
 * (a server may send any coding then, but a client that names none gets the plain file).
 */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  if (header === undefined) return accepted;
  const refused = new Set<string>();
  let star = false;
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const ok = Number.isFinite(weight) && weight > 0;
    if (token === '*') star = ok;
    else if (token !== '') (ok ? accepted : refused).add(token);
  }
  if (star) for (const e of ENCODINGS) if (!refused.has(e.name)) accepted.add(e.name);
  return accepted;
}

/** The built file a request names, or undefined when it names no text file of `distDir`. */
function requestedFile(distDir: string, url: string | undefined): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
  } catch {
    return undefined;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(distDir, `.${path}`);
  // Nothing outside the build, and no dot-file (sirv's rule in the preview server too).
  if (!file.startsWith(distDir + sep)) return undefined;
  if (file.slice(distDir.length).includes(`${sep}.`)) return undefined;
  if (!(extname(file) in TEXT_TYPES) || !existsSync(file)) return undefined;
  return file;
}

function addVary(res: ServerResponse, field: string): void {
  const current = res.getHeader('Vary');
  const list = current === undefined ? [] : String(current).split(/\s*,\s*/);
  if (!list.some((f) => f.toLowerCase() === field.toLowerCase())) list.push(field);
  res.setHeader('Vary', list.filter((f) => f !== '').join(', '));
}

/** Sends one precompressed copy, with the identity file's media type. */
function sendEncoded(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  encoding: Encoding,
  extra: Readonly<Record<string, string | string[]>>,
): void {
  const copy = file + encoding.suffix;
  const stats = statSync(copy);
  const etag = `W/"${stats.size}-${stats.mtime.getTime()}-${encoding.name}"`;
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  const tags = (req.headers['if-none-match'] ?? '').split(/\s*,\s*/);
  if (tags.includes(etag)) {
    res.writeHead(304, { ETag: etag });
    res.end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': TEXT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Encoding': encoding.name,
    'Content-Length': stats.size,
    'Last-Modified': stats.mtime.toUTCString(),
    ETag: etag,
    // As the preview's own static server answers: revalidate, never serve stale.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(copy)
      .on('error', (error) => res.destroy(error))
      .pipe(res);
}

/** The preview middleware: precompressed copies for the clients that accept them. */
export function servePrecompressed(
  distDir: string,
  headers: Readonly<Record<string, string | string[]>> = {},
) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = requestedFile(distDir, req.url);
    if (file === undefined) return next();
    addVary(res, 'Accept-Encoding');
    if (req.headers.range !== undefined) {
      // A range counts octets of the representation sent (RFC 9110 §14): the identity file.
      req.headers['accept-encoding'] = 'identity';
      return next();
    }
    const copies = ENCODINGS.filter((e) => existsSync(file + e.suffix));
    // No copy (a file under MIN_SIZE, or a build made without this plugin): Vite decides.
    if (copies.length === 0) return next();
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const encoding = copies.find((e) => accepted.has(e.name));
    if (encoding !== undefined) return sendEncoded(req, res, file, encoding, headers);
    // The identity file: Vite's on-the-fly gzip behind us would ignore `gzip;q=0`.
    req.headers['accept-encoding'] = 'identity';
    next();
  };
}

/** The Vite plugin: precompress after the build, serve the copies in `vite preview`. */
export function precompress(): Plugin {
  let outDir = '';
  let building = false;
  return {
    name: 'servfail-lens:precompress',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      building = config.command === 'build';
    },
    closeBundle: {
      // After vite-plugin-pwa's closeBundle has written sw.js and the workbox runtime.
      order: 'post',
      sequential: true,
      async handler() {
        // The dev server calls closeBundle too, when it stops: it must not touch dist/.
        if (building && existsSync(outDir)) await precompressDir(outDir);
      },
    },
    configurePreviewServer(server: PreviewServer) {
      const headers = server.config.preview.headers ?? {};
      const strings = Object.fromEntries(
        Object.entries(headers).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, Array.isArray(v) ? v : String(v)]],
        ),
      );
      server.middlewares.use(servePrecompressed(outDir, strings));
    },
  };
}
