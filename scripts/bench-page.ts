/**
 * `npm run bench:page`: where the time of a live check goes, phase by phase, in Chromium
 * against the DNS lab (issue 14). Medians over RUNS runs (default 20); nothing passes or
 * fails here, goals included.
 *
 * Kinds of run, each in a fresh browser context (empty cache and storage) unless said:
 * - cold live link: a live link of alg13 is opened;
 * - warm, same page: in that same open page, ds-mismatch is checked from the search box;
 * - evidence link, cold: the cold check's own evidence link (its recorded Evidence) is
 *   opened; nothing is asked of the resolvers unless the page asks (counted if it does);
 * - the two live kinds again behind DoH fronts DELAY_MS (default 100) away: the lab's own
 *   gateway code, started here on ports the OS picks, one listener per resolver the
 *   scenarios ask, forwarding to its UDP address and holding every answer until DELAY_MS
 *   after the request arrived (bench-page/far-fronts.ts). The lab is not restarted or
 *   changed. Holding requests with Playwright's routing was tried and dropped: Chromium
 *   then reports the held requests' timings bunched together.
 * Runs of the two settings alternate, so that the machine's load falls on both alike.
 *
 * Phases, in ms from the navigation start (cold, evidence link) or the click on Check (warm):
 *   shell     the search box is in the document
 *   worker    the worker's first chunk has arrived (cold only)
 *   first     the first DoH query is sent
 *   last      the last DoH answer is in
 *   verdict   the verdict is painted (two animation frames after its final id appears)
 *   settled   the evidence link is in the page and painted
 * Network time: the union of the intervals during which at least one DoH request of the
 * check was in flight, each from the request's start to its answer's arrival (Chromium's
 * request timing, startTime → responseStart; bench-page/network.ts says why not its
 * responseEnd), up to the verdict. Gaps between waves with nothing in flight are the app's
 * own time: app time = verdict − network. Main thread, over the span from the run's start
 * to settled: long tasks (> 50 ms) and the longest, and CLS (the layout shifts without
 * recent input, summed). The second table shows what the medians rest on.
 *
 * The service worker is blocked: a first visit is not controlled by one anyway, and only
 * without it does Chromium attribute the worker's DoH requests to the page.
 *
 *   npm run lab:up && npm run build && npm run bench:page   # RUNS=5 for a quick look
 *   LENS_DIST=dist-x DELAY_MS=200 VERBOSE=1 npm run bench:page   # DELAY_MS=0: no delayed rows
 */
import type { Browser, Page } from 'playwright-core';
import { loadLabManifest, scenarioResolvers, type LabManifest } from '../test/lab/manifest';
import { LAB_SCENARIOS, type LabScenario } from '../test/lab/scenarios';
import { launchBrowser, startAppServer } from '../test/e2e/harness';
import { labCheckUrl } from '../test/e2e/lab-app';
import { FAR_FRONTS_BROWSER_ARGS, startFarFronts } from './bench-page/far-fronts';
import { IN_PAGE, readPage, resetPage, type PageReading } from './bench-page/in-page';
import { unionOf, watchNetwork, type DohTiming, type NetworkReading } from './bench-page/network';
import {
  FOOTNOTE,
  appTime,
  goalLines,
  detailLines,
  rowMedian,
  runLine,
  tableLines,
  type Measure,
  type Row,
} from './bench-page/report';

const RUNS = Number(process.env.RUNS ?? 20);
const DELAY_MS = Number(process.env.DELAY_MS ?? 100);
/** VERBOSE=1: every run's figures as it ends, besides the medians. */
const VERBOSE = process.env.VERBOSE === '1';
/** A healthy signed name (cold) and a DNSSEC failure (warm): the app's two common paths. */
const COLD_SCENARIO = 'alg13';
const WARM_SCENARIO = 'ds-mismatch';

function scenario(id: string): LabScenario {
  const found = LAB_SCENARIOS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no lab scenario ${id}`);
  return found;
}

/** The union of the requests' intervals ending at `endOf`, cut at the verdict. */
function networkTime(doh: readonly DohTiming[], endOf: (d: DohTiming) => number, verdict: number) {
  // A request still in flight after the verdict did not hold it up.
  const clipped = doh
    .map((d) => ({ start: d.start, end: Math.min(endOf(d), verdict) }))
    .filter((i) => i.end > i.start);
  return unionOf(clipped).length;
}

/** A run's figures, relative to `start` (epoch ms), from the page and the network. */
function measure(start: number, page: PageReading, network: NetworkReading): Measure {
  const at = (value: number | undefined) => (value === undefined ? undefined : value - start);
  const { doh } = network;
  const verdict = page.marks.verdict ?? Infinity;
  const phases = {
    shell: at(page.marks.shell),
    worker: at(network.worker),
    first: at(doh.length === 0 ? undefined : Math.min(...doh.map((d) => d.start))),
    last: at(doh.length === 0 ? undefined : Math.max(...doh.map((d) => d.arrived))),
    verdict: at(page.marks.verdict),
    settled: at(page.marks.settled),
  };
  return {
    phases: Object.fromEntries(Object.entries(phases).filter(([, v]) => v !== undefined)),
    network: networkTime(doh, (d) => d.arrived, verdict),
    networkToEnd: networkTime(doh, (d) => d.end, verdict),
    quickest: doh.length === 0 ? undefined : Math.min(...doh.map((d) => d.arrived - d.start)),
    bursts: unionOf(doh.map((d) => ({ start: d.start, end: d.arrived }))).pieces,
    requests: doh.length,
    cancelled: network.cancelled,
    failed: network.failed,
    mainThread: page.mainThread,
  };
}

async function freshPage(browser: Browser): Promise<Page> {
  // Fresh: empty HTTP cache, storage and compiled-code cache (cold).
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(IN_PAGE);
  return page;
}

interface LiveRun {
  readonly cold: Measure;
  readonly warm: Measure;
  /** The cold check's evidence link, `#/evidence/…`. */
  readonly evidenceHref: string;
}

/** One cold live link, then one warm check in the same page, at the given DoH fronts. */
async function liveRun(
  browser: Browser,
  baseUrl: string,
  manifest: LabManifest,
  frontOf: (labUrl: string) => string,
): Promise<LiveRun> {
  const [cold, warm] = [scenario(COLD_SCENARIO), scenario(WARM_SCENARIO)];
  const fronts = (s: LabScenario) => scenarioResolvers(manifest, s).map((r) => frontOf(r.dohUrl));
  const page = await freshPage(browser);
  try {
    const network = watchNetwork(page, new Set([...fronts(cold), ...fronts(warm)]));
    await page.goto(labCheckUrl(baseUrl, manifest, cold.qname, cold.qtype, fronts(cold)), {
      waitUntil: 'commit',
    });
    const coldPage = await readPage(page);
    const origin = await page.evaluate(() => performance.timeOrigin);
    const coldMeasure = measure(origin, coldPage, network.take());
    const evidenceHref = (await page.getAttribute('[data-testid="evidence-link"]', 'href')) ?? '';

    // The second check: typed into the search box of the open page, as a person would.
    await page.fill('[data-testid="name-input"]', warm.qname);
    await resetPage(page);
    await page.click('[data-testid="check"]');
    const warmPage = await readPage(page);
    if (warmPage.clicked === undefined) throw new Error('the click on Check was not seen');
    const warmMeasure = measure(warmPage.clicked, warmPage, network.take());
    return { cold: coldMeasure, warm: warmMeasure, evidenceHref };
  } finally {
    await page.context().close();
  }
}

/** The evidence link opened in a fresh context. */
async function evidenceRun(browser: Browser, url: string, fronts: Set<string>): Promise<Measure> {
  const page = await freshPage(browser);
  try {
    const network = watchNetwork(page, fronts);
    await page.goto(url, { waitUntil: 'commit' });
    const reading = await readPage(page);
    const origin = await page.evaluate(() => performance.timeOrigin);
    return measure(origin, reading, network.take());
  } finally {
    await page.context().close();
  }
}

function printResults(rows: Readonly<Record<RowKey, Row>>, delayed: boolean): void {
  const shown = ROW_KEYS.filter((key) => delayed || !key.endsWith('Far')).map((k) => rows[k]);
  const intro = `Live check phases in Chromium, ms, median of ${RUNS} runs (cold ${COLD_SCENARIO}, warm ${WARM_SCENARIO}`;
  console.log(
    `${intro}${delayed ? `; +${DELAY_MS} ms: DoH fronts over HTTP/2 and TLS holding each answer ${DELAY_MS} ms` : ''})`,
  );
  for (const line of tableLines(shown)) console.log(line);
  console.log('');
  for (const line of detailLines(shown)) console.log(line);
  console.log('');
  for (const line of FOOTNOTE) console.log(`  ${line}`);
  const checks = ['cold', 'warm', ...(delayed ? (['coldFar', 'warmFar'] as const) : [])] as const;
  const quality = [...checks, 'evidence'] as const;
  const measured = (keys: readonly RowKey[], pick: (run: Measure) => number | undefined) =>
    keys.map((key) => [rows[key].label, rowMedian(rows[key], pick)] as const);
  console.log('\nGoals of issue 14 (deliverable 4), on the medians above:');
  const goals = goalLines([
    {
      text: 'cold live link: verdict − network ≤ 300 ms',
      measured: measured(delayed ? ['cold', 'coldFar'] : ['cold'], appTime),
      met: (ms) => ms <= 300,
    },
    {
      text: 'warm, same page: verdict − network ≤ 50 ms',
      measured: measured(delayed ? ['warm', 'warmFar'] : ['warm'], appTime),
      met: (ms) => ms <= 50,
    },
    {
      text: 'long tasks (> 50 ms) in a check or an evidence link: none',
      measured: measured(quality, (r) => r.mainThread.longTasks),
      met: (n) => n === 0,
      digits: 1,
    },
    {
      text: 'layout shift (CLS) as results arrive: 0',
      measured: measured(quality, (r) => r.mainThread.cls),
      met: (cls) => cls === 0,
      digits: 3,
    },
  ]);
  for (const line of goals) console.log(line);
}

const ROW_KEYS = ['cold', 'warm', 'evidence', 'coldFar', 'warmFar'] as const;
type RowKey = (typeof ROW_KEYS)[number];

function emptyRows(): Record<RowKey, Row & { runs: Measure[] }> {
  const far = `+${DELAY_MS} ms`;
  return {
    cold: { label: 'cold live link', runs: [] },
    warm: { label: 'warm, same page', runs: [] },
    evidence: { label: 'evidence link, cold', runs: [] },
    coldFar: { label: `cold live link, ${far}`, runs: [] },
    warmFar: { label: `warm, same page, ${far}`, runs: [] },
  };
}

async function main(): Promise<void> {
  const manifest = loadLabManifest();
  const labFronts = [
    ...new Map(
      [scenario(COLD_SCENARIO), scenario(WARM_SCENARIO)]
        .flatMap((s) => scenarioResolvers(manifest, s))
        .map((r) => [r.id, r]),
    ).values(),
  ];
  const delayed = DELAY_MS > 0;
  const far = delayed ? await startFarFronts(labFronts, DELAY_MS) : undefined;
  const server = await startAppServer();
  const browser = await launchBrowser(delayed ? FAR_FRONTS_BROWSER_ARGS : []);
  const rows = emptyRows();
  try {
    const asIs = (url: string) => url;
    const record = (key: RowKey, run: Measure): void => {
      rows[key].runs.push(run);
      if (VERBOSE) console.log(runLine(rows[key].label, run));
    };
    for (let i = 0; i < RUNS; i++) {
      const live = await liveRun(browser, server.baseUrl, manifest, asIs);
      record('cold', live.cold);
      record('warm', live.warm);
      const fronts = new Set(labFronts.map((r) => r.dohUrl));
      record('evidence', await evidenceRun(browser, server.baseUrl + live.evidenceHref, fronts));
      if (far === undefined) continue;
      const farUrl = (url: string) => far.urlOf.get(url) ?? url;
      const farRun = await liveRun(browser, server.baseUrl, manifest, farUrl);
      record('coldFar', farRun.cold);
      record('warmFar', farRun.warm);
    }
    printResults(rows, delayed);
  } finally {
    await browser.close();
    await server.close();
    await far?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
