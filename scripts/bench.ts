/**
 * `npm run bench`: how long validating a whole chain takes where the app does it, off the
 * main thread. Medians and ratios only; nothing here passes or fails.
 *
 * - Node worker thread: `validateEvidence` on the lab recordings (test/fixtures/lab), one
 *   per zone algorithm: root (RSASHA256) → lab. (ECDSAP256) → alg<N>.lab. → the answer,
 *   decoding included; plus raw verifications per second of the zone's answer signature.
 * - Chromium Web Worker: the built app's own worker (dist/ or LENS_DIST), asked to `load`
 *   the same evidence through its comlink API: decode, summarise and validate, round trip
 *   included. Skipped when there is no build or no Chromium.
 * - Hostile input (scripts/bench-hostile.ts): the inputs the unit tests check only for
 *   correctness, timed here instead.
 *
 *   npm run bench                  # needs the fixtures; the browser part needs a build
 *   LENS_DIST=dist-chain npm run bench
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CHROMIUM_PATH, DIST_DIR, launchBrowser, startAppServer } from '../test/e2e/harness';
import { benchHostile } from './bench-hostile';
import { median, type BenchInput, type ChainResult } from './bench-worker';

const SCENARIOS = ['alg8', 'alg10', 'alg13', 'alg14', 'alg15', 'alg16'] as const;
const FIXTURES = resolve('test/fixtures/lab');
const RUNS = 60;

function nodeWorker(input: BenchInput): Promise<ChainResult[]> {
  return new Promise((done, fail) => {
    // Worker threads do not inherit tsx's loader from the `tsx` command (Node 20): the
    // thread registers it before importing the TypeScript module.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./bench-worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: input });
    worker.once('message', (results: ChainResult[]) => {
      void worker.terminate();
      done(results);
    });
    worker.once('error', fail);
  });
}

interface BrowserResult {
  readonly id: string;
  readonly firstMs: number;
  readonly medianMs: number;
}

/**
 * Runs in the page: the app's worker, driven with comlink's wire protocol (`APPLY load`
 * with one RAW argument; the reply carries the same id), timed round trip by round trip.
 */
const IN_PAGE = `async ({ url, evidence, runs }) => {
  const worker = new Worker(url, { type: 'module' });
  let next = 0;
  const load = (value) =>
    new Promise((done, fail) => {
      const id = 'bench-' + next++;
      const onMessage = (event) => {
        if (event.data.id !== id) return;
        worker.removeEventListener('message', onMessage);
        if (event.data.type === 'HANDLER') fail(new Error('the worker threw'));
        else done();
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage({ id, type: 'APPLY', path: ['load'], argumentList: [{ type: 'RAW', value }] });
    });
  const out = [];
  for (const e of evidence) {
    const t0 = performance.now();
    await load(e.json);
    const firstMs = performance.now() - t0;
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await load(e.json);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const mid = Math.floor(times.length / 2);
    const medianMs = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
    out.push({ id: e.id, firstMs, medianMs });
  }
  worker.terminate();
  return out;
}`;

/** The built app's worker in Chromium (dist/ or LENS_DIST). */
async function chromiumWorker(): Promise<BrowserResult[] | string> {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  const assets = join(DIST_DIR, 'assets');
  const file = existsSync(assets)
    ? readdirSync(assets).find((f) => /^lens\.worker.*\.js$/.test(f))
    : undefined;
  if (!file) return `no build in ${DIST_DIR}/ (run \`npm run build\`)`;
  const evidence = SCENARIOS.map((id) => ({
    id,
    json: JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), 'utf8')) as unknown,
  }));
  const server = await startAppServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(server.baseUrl);
    const args = { url: `${server.baseUrl}assets/${file}`, evidence, runs: RUNS };
    // Plain JavaScript text: tsx's compiled functions would reference its helpers
    // (`__name`), which do not exist in the page.
    return (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(args)})`)) as BrowserResult[];
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (x: number): string => `${x.toFixed(2).padStart(6)} ms`;

async function main(): Promise<void> {
  const fixtures = SCENARIOS.map((id) => ({ id, path: join(FIXTURES, `${id}.json`) }));
  const missing = fixtures.filter((f) => !existsSync(f.path));
  if (missing.length > 0)
    throw new Error(
      `missing ${missing.map((f) => f.path).join(', ')}: see scripts/record-fixtures.ts`,
    );

  const node = await nodeWorker({ fixtures, runs: RUNS, verifyMs: 400 });
  const browser = await chromiumWorker();
  const fastestChain = Math.min(...node.map((r) => r.medianMs));
  const fastestVerify = Math.max(...node.map((r) => r.verifyPerSecond ?? 0));

  console.log(
    `Whole chain, root → lab. → zone → answer: median of ${RUNS} runs (first run in brackets)`,
  );
  console.log('');
  console.log(
    '  scenario  alg  status   verifs   Node worker thread          ' +
      (typeof browser === 'string' ? '' : 'Chromium Web Worker (load round trip)'),
  );
  for (const r of node) {
    const b = typeof browser === 'string' ? undefined : browser.find((x) => x.id === r.id);
    console.log(
      `  ${r.id.padEnd(8)} ${String(r.algorithm ?? '?').padStart(4)}  ${r.status.padEnd(7)} ${String(r.verifications).padStart(6)}   ` +
        `${ms(r.medianMs)} (${ms(r.firstMs).trim()}) ×${(r.medianMs / fastestChain).toFixed(1)}` +
        (b ? `     ${ms(b.medianMs)} (${ms(b.firstMs).trim()})` : ''),
    );
  }
  if (typeof browser === 'string') console.log(`\n  Chromium Web Worker: skipped, ${browser}`);
  console.log(
    `\n  median over algorithms: Node ${ms(median(node.map((r) => r.medianMs))).trim()}` +
      (typeof browser === 'string'
        ? ''
        : `, Chromium ${ms(median(browser.map((r) => r.medianMs))).trim()}`),
  );

  console.log(
    '\nSignature verifications per second (the zone key on the answer RRSIG, Node worker thread):',
  );
  for (const r of [...node].sort((a, b) => (a.algorithm ?? 0) - (b.algorithm ?? 0))) {
    if (r.verifyPerSecond === null) continue;
    console.log(
      `  algorithm ${String(r.algorithm).padStart(2)}: ${r.verifyPerSecond.toFixed(0).padStart(7)} /s` +
        `  (${(fastestVerify / r.verifyPerSecond).toFixed(1)}× the time of the fastest)`,
    );
  }
  await benchHostile();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
