/**
 * The build's text compression (build/precompress.ts): which codings a client's
 * Accept-Encoding allows (RFC 9110 §12.5.3), and which copies the build writes.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptedEncodings, MIN_SIZE, precompressDir } from '../../../build/precompress';

const sorted = (header: string | undefined) => [...acceptedEncodings(header)].sort();

describe('acceptedEncodings', () => {
  it('lists the codings named with a weight above zero', () => {
    expect(sorted('gzip, deflate, br, zstd')).toEqual(['br', 'deflate', 'gzip', 'zstd']);
    expect(sorted('br;q=0.8, GZIP ; q=1')).toEqual(['br', 'gzip']);
  });

  it('drops a coding refused with q=0 (or a weight that is no number)', () => {
    expect(sorted('br;q=0, gzip')).toEqual(['gzip']);
    expect(sorted('br;q=0.000, gzip;q=zero')).toEqual([]);
  });

  it('reads * as every coding the server has that is not refused', () => {
    expect(sorted('*')).toEqual(['br', 'gzip']);
    expect(sorted('br;q=0, *')).toEqual(['gzip']);
    expect(sorted('*;q=0')).toEqual([]);
  });

  it('gives nothing but identity without the header, or with an empty one', () => {
    expect(sorted(undefined)).toEqual([]);
    expect(sorted('')).toEqual([]);
    expect(sorted('identity')).toEqual(['identity']);
  });
});

describe('precompressDir', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes .br and .gz next to text files of MIN_SIZE octets or more, and nothing else', async () => {
    dir = mkdtempSync(join(tmpdir(), 'precompress-'));
    mkdirSync(join(dir, 'assets'));
    const script = 'export const answer = "the same line, again and again";\n'.repeat(200);
    writeFileSync(join(dir, 'assets/index.js'), script);
    writeFileSync(join(dir, 'index.html'), `<!doctype html>${'<p>text</p>'.repeat(200)}`);
    writeFileSync(join(dir, 'tiny.css'), 'a{}'.repeat(10));
    writeFileSync(join(dir, 'image.png'), Buffer.alloc(MIN_SIZE * 4));
    writeFileSync(join(dir, 'index.js.map'), '{}'.repeat(MIN_SIZE));

    expect(await precompressDir(dir)).toBe(4);
    const original = readFileSync(join(dir, 'assets/index.js'));
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets/index.js.br')))).toEqual(original);
    expect(gunzipSync(readFileSync(join(dir, 'assets/index.js.gz')))).toEqual(original);
    expect(existsSync(join(dir, 'index.html.br'))).toBe(true);
    for (const skipped of ['tiny.css', 'image.png', 'index.js.map'])
      expect(existsSync(join(dir, `${skipped}.gz`)), skipped).toBe(false);
  });

  it('keeps no copy that is not smaller than the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'precompress-'));
    // Random octets do not compress: both copies come out larger, so neither is kept.
    writeFileSync(
      join(dir, 'random.svg'),
      Buffer.from(crypto.getRandomValues(new Uint8Array(4096))),
    );
    expect(await precompressDir(dir)).toBe(0);
    expect(existsSync(join(dir, 'random.svg.gz'))).toBe(false);
    expect(existsSync(join(dir, 'random.svg.br'))).toBe(false);
  });
});
