/**
 * `npm run bench:lighthouse`: Lighthouse's performance score of the built app (issue 14),
 * on the home page and on an evidence link, as a phone sees them: Lighthouse 12's default
 * mobile profile (Moto G Power screen, simulated slow 4G and 4x CPU slowdown), performance
 * category only. A benchmark: it prints medians and what costs the most, and fails on
 * nothing but a run that cannot happen.
 *
 * The app is served as `npm start` serves it (vite preview with the project's config, so
 * the precompressed Brotli/gzip of build/precompress.ts). Each run starts Debian's Chromium
 * afresh (empty profile, no cache, no service worker) with the browser tests' flags, which
 * this closed network needs, and Lighthouse's own storage reset.
 *
 *   npm run build && npm run bench:lighthouse
 *   RUNS=5 LENS_DIST=dist-x SERVE_ENCODING=identity npm run bench:lighthouse
 *
 * - RUNS: runs per page (default 3); the run with the median score is the one explained.
 * - LENS_DIST: the build folder (default dist/), as for the browser tests.
 * - SERVE_ENCODING: the Accept-Encoding the server is made to see, whatever Chromium sends:
 *   `identity` (no compression: what the first figures were taken with), `gzip`,
 *   `br`. Unset: as Chromium asks (`gzip, deflate, br, zstd`).
 * - LH_EVIDENCE: the lab recording opened as an evidence link (default ds-mismatch, a
 *   DNSSEC failure: verdict, grid and chain all render).
 *
 * Full reports (HTML, JSON) of each page's median run go to test-results/lighthouse/.
 * Scores depend on this machine: simulated throttling scales the CPU time it observes, so a
 * loaded or slow machine scores lower. Lighthouse's benchmark index and the load average are
 * printed with the results.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse, { generateReport, type Result } from 'lighthouse';
import type { Plugin } from 'vite';
import { encodeEvidenceLink } from '../src/report/permalink';
import { loadLabFixture } from '../test/fixtures/lab-fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DIST_DIR, startAppServer } from '../test/e2e/harness';
import { median } from './bench-worker';
import { explainRun } from './lighthouse-explain';

const RUNS = Number(process.env.RUNS ?? 3);
const SERVE_ENCODING = process.env.SERVE_ENCODING;
const EVIDENCE_SCENARIO = process.env.LH_EVIDENCE ?? 'ds-mismatch';
const REPORT_DIR = resolve('test-results/lighthouse');

/** The metrics printed, by Lighthouse audit id, with how each is shown. */
const METRICS = [
  { id: 'first-contentful-paint', label: 'FCP', unit: 'ms' },
  { id: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
  { id: 'total-blocking-time', label: 'TBT', unit: 'ms' },
  { id: 'cumulative-layout-shift', label: 'CLS', unit: '' },
  { id: 'speed-index', label: 'SI', unit: 'ms' },
  { id: 'interactive', label: 'TTI', unit: 'ms' },
] as const;

interface Page {
  readonly name: string;
  readonly url: string;
}

/** A preview middleware that makes the server see SERVE_ENCODING as the Accept-Encoding. */
function forcedEncoding(encoding: string): Plugin {
  return {
    name: 'bench-lighthouse:accept-encoding',
    // Before build/precompress.ts's middleware, which reads the header.
    enforce: 'pre',
    configurePreviewServer(server) {
      server.middlewares.use((req: IncomingMessage, _res: ServerResponse, next: () => void) => {
        req.headers['accept-encoding'] = encoding;
        next();
      });
    },
  };
}

/** One Lighthouse run in a fresh Chromium. */
async function audit(url: string): Promise<Result> {
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: [...CHROMIUM_ARGS] });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (result === undefined) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError !== undefined) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    chrome.kill();
  }
}

const score = (lhr: Result): number => Math.round((lhr.categories.performance?.score ?? 0) * 100);
const metric = (lhr: Result, id: string): number | undefined => lhr.audits[id]?.numericValue;

function formatMetric(value: number | undefined, unit: string): string {
  if (value === undefined) return '–';
  return unit === 'ms' ? value.toFixed(0) : value.toFixed(3);
}

function printRuns(page: Page, runs: readonly Result[]): void {
  const head = ['run', 'score', ...METRICS.map((m) => (m.unit ? `${m.label} ms` : m.label))];
  console.log(`\n${page.name}: ${runs.length} runs`);
  console.log(`  ${head.map((h) => h.padStart(8)).join('')}`);
  const line = (label: string, cells: readonly string[]) =>
    console.log(`  ${[label, ...cells].map((c) => c.padStart(8)).join('')}`);
  runs.forEach((lhr, i) =>
    line(String(i + 1), [
      String(score(lhr)),
      ...METRICS.map((m) => formatMetric(metric(lhr, m.id), m.unit)),
    ]),
  );
  line('median', [
    String(median(runs.map(score))),
    ...METRICS.map((m) => {
      const values = runs.flatMap((lhr) => metric(lhr, m.id) ?? []);
      return formatMetric(values.length === 0 ? undefined : median(values), m.unit);
    }),
  ]);
}

/** The run whose score is the median (the lower middle one for an even count). */
function medianRun(runs: readonly Result[]): Result {
  const sorted = [...runs].sort((a, b) => score(a) - score(b));
  const chosen = sorted[Math.floor((sorted.length - 1) / 2)];
  if (chosen === undefined) throw new Error('no runs');
  return chosen;
}

function saveReports(page: Page, lhr: Result): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  const base = join(REPORT_DIR, page.name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, ''));
  writeFileSync(`${base}.report.html`, generateReport(lhr, 'html'));
  writeFileSync(`${base}.report.json`, JSON.stringify(lhr));
  // What the page showed when Lighthouse stopped watching (a data: URL of a JPEG).
  const shot = (lhr.audits['final-screenshot']?.details as { data?: string } | undefined)?.data;
  if (shot !== undefined)
    writeFileSync(`${base}.final.jpg`, Buffer.from(shot.split(',')[1] ?? '', 'base64'));
  console.log(`  full report: ${base}.report.html`);
}

async function pages(baseUrl: string): Promise<Page[]> {
  const payload = await encodeEvidenceLink(loadLabFixture(EVIDENCE_SCENARIO));
  return [
    { name: 'home', url: baseUrl },
    { name: `evidence link (${EVIDENCE_SCENARIO})`, url: `${baseUrl}#/evidence/${payload}` },
  ];
}

async function main(): Promise<void> {
  const server = await startAppServer(
    SERVE_ENCODING === undefined ? {} : { plugins: [forcedEncoding(SERVE_ENCODING)] },
  );
  try {
    const serving = SERVE_ENCODING === undefined ? 'as Chromium asks' : SERVE_ENCODING;
    console.log(
      `Lighthouse, mobile, performance only: ${DIST_DIR}/ served by vite preview, ` +
        `Accept-Encoding ${serving}; ${RUNS} runs per page, fresh Chromium each`,
    );
    for (const page of await pages(server.baseUrl)) {
      const runs: Result[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(page.url));
      const first = runs[0];
      if (first !== undefined)
        console.log(
          `\nLighthouse ${first.lighthouseVersion}, ${first.environment.hostUserAgent.replace(/.*(HeadlessChrome\/\S+).*/, '$1')}, ` +
            `benchmark index ${median(runs.map((r) => r.environment.benchmarkIndex)).toFixed(0)}, ` +
            `load average ${loadavg()[0]?.toFixed(1)}`,
        );
      printRuns(page, runs);
      const chosen = medianRun(runs);
      explainRun(chosen);
      saveReports(page, chosen);
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
