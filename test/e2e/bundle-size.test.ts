/**
 * The size budget of the built app (what the product must feel like): a first visit loads at
 * most ~100 KB gzip of script and style for the shell, and the worker chunk stays near or
 * under 120 KB (the worker starts from a 120 KB raw chunk; validation and diagnosis follow in
 * a second one). Measured on the build the browser tests run against; sizes are printed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from './harness';

const dist = resolve(DIST_DIR);
const KB = 1024;

function sizes(file: string): { raw: number; gzip: number } {
  const bytes = readFileSync(join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Scripts, module preloads and style sheets that index.html makes the browser fetch. */
function shellFiles(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="(?:stylesheet|modulepreload)"/g),
  ].map((m) => (m[1] ?? '').replace(/^\.?\//, ''));
  return [...new Set(refs)].filter((f) => /\.(m?js|css)$/.test(f));
}

describe('bundle size', () => {
  it('the shell a first visit loads stays within ~100 KB gzip', () => {
    const files = shellFiles();
    expect(files.length).toBeGreaterThan(0);
    let total = 0;
    for (const file of files) {
      const s = sizes(file);
      total += s.gzip;
      console.log(
        `shell  ${file}: ${(s.raw / KB).toFixed(1)} KB raw, ${(s.gzip / KB).toFixed(1)} KB gzip`,
      );
    }
    console.log(`shell  total: ${(total / KB).toFixed(1)} KB gzip`);
    expect(total).toBeLessThanOrEqual(100 * KB);
  });

  it('the chain graph is a chunk of its own, loaded when first shown, at most 30 KB gzip', () => {
    // Issue 17: the graph's model, layout, drawing and downloads; none of it in the shell.
    const graph = readdirSync(join(dist, 'assets')).filter((f) =>
      /^ChainGraph-.*\.(js|css)$/.test(f),
    );
    expect(graph.some((f) => f.endsWith('.js'))).toBe(true);
    expect(shellFiles().some((f) => f.includes('ChainGraph'))).toBe(false);
    let total = 0;
    for (const file of graph) {
      const s = sizes(join('assets', file));
      total += s.gzip;
      console.log(
        `graph  ${file}: ${(s.raw / KB).toFixed(1)} KB raw, ${(s.gzip / KB).toFixed(1)} KB gzip`,
      );
    }
    expect(total).toBeLessThanOrEqual(30 * KB);
  });

  it('the worker chunks stay near or under 120 KB gzip, and the one a check starts with under 120 KB raw', () => {
    // lens.worker (collection: DoH, decoding; the RDAP lookup is its own chunk, loaded when
    // a check first asks the registry) and worker-analysis (validation, diagnosis and the
    // full-response decoder, fetched in the background when the worker starts).
    const workers = readdirSync(join(dist, 'assets')).filter((f) => /worker.*\.js$/.test(f));
    expect(workers.some((f) => f.startsWith('lens.worker'))).toBe(true);
    expect(workers.some((f) => f.startsWith('worker-analysis'))).toBe(true);
    let total = 0;
    for (const file of workers) {
      const s = sizes(join('assets', file));
      total += s.gzip;
      console.log(
        `worker ${file}: ${(s.raw / KB).toFixed(1)} KB raw, ${(s.gzip / KB).toFixed(1)} KB gzip`,
      );
      expect(s.gzip).toBeLessThanOrEqual(120 * KB);
      if (file.startsWith('lens.worker')) expect(s.raw).toBeLessThanOrEqual(120 * KB);
    }
    console.log(`worker total: ${(total / KB).toFixed(1)} KB gzip`);
  });
});
