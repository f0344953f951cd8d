/**
 * `npm run bench:page`: where the time of a live check goes, phase by phase, in Chromium
 * against the DNS lab (issue 14). Medians over RUNS runs; nothing passes or fails here.
 *
 * - cold: a fresh browser context (empty cache and storage) opens a live link;
 * - warm: in that same open page, a second check is started from the search box;
 * - against the lab as it is (loopback: the network costs almost nothing, so nearly all
 *   the time is the app's own). Not yet: the same behind lab fronts that add a known
 *   delay. Holding requests with Playwright's routing was tried and dropped: Chromium then
 *   reports the held requests' timings bunched together, so "last answer" lands after the
 *   verdict it fed. A delay belongs in the lab's DoH fronts (test/lab/fronts.ts).
 *
 * Phases, in ms from the navigation start (cold) or from the submit (warm):
 *   shell     the search box is in the document
 *   worker    the worker's first chunk has arrived (cold only)
 *   first     the first DoH query leaves
 *   last      the last DoH answer is in
 *   verdict   the verdict is painted (two animation frames after its final id appears)
 *   settled   the evidence link is in the page and painted
 *
 * The service worker is blocked: a first visit is not controlled by one anyway, and only
 * without it does Chromium attribute the worker's DoH requests to the page.
 *
 *   npm run lab:up && npm run build && npm run bench:page   # RUNS=5 for a quick look
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { loadLabManifest, scenarioResolvers, type LabManifest } from '../test/lab/manifest';
import { LAB_SCENARIOS, type LabScenario } from '../test/lab/scenarios';
import { launchBrowser, startAppServer } from '../test/e2e/harness';
import { labCheckUrl } from '../test/e2e/lab-app';
import { median } from './bench-worker';

const RUNS = Number(process.env.RUNS ?? 20);
/** A healthy signed name (cold) and a DNSSEC failure (warm): the app's two common paths. */
const COLD_SCENARIO = 'alg13';
const WARM_SCENARIO = 'ds-mismatch';

const PHASES = ['shell', 'worker', 'first', 'last', 'verdict', 'settled'] as const;
type Phase = (typeof PHASES)[number];
type Phases = Partial<Record<Phase, number>>;

/**
 * Runs in every document before the app: notes (as epoch ms) when the search box appears,
 * when the verdict's final id appears (then two frames, so it has been painted) and when
 * the evidence link does. `__lensPhases.reset()` starts a warm measurement.
 */
const IN_PAGE = `(() => {
  const state = { marks: {} };
  const now = () => performance.timeOrigin + performance.now();
  const afterPaint = (key) => requestAnimationFrame(() => requestAnimationFrame(() => {
    if (!(key in state.marks)) state.marks[key] = now();
  }));
  const seen = new Set();
  const look = () => {
    if (!seen.has('shell') && document.querySelector('[data-testid="name-input"]')) {
      seen.add('shell'); state.marks.shell = now();
    }
    const verdict = document.querySelector('[data-testid="verdict"]');
    const id = verdict && verdict.getAttribute('data-verdict');
    if (!seen.has('verdict') && id && id !== 'running') { seen.add('verdict'); afterPaint('verdict'); }
    if (!seen.has('settled') && seen.has('verdict') &&
        document.querySelector('[data-testid="evidence-link"]')) { seen.add('settled'); afterPaint('settled'); }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
  window.__lensPhases = {
    read: () => state.marks,
    reset: () => { state.marks = {}; seen.clear(); seen.add('shell'); return now(); },
  };
})();`;

interface DohTimes {
  first?: number;
  last?: number;
  worker?: number;
}

/** Watches the page's requests: when the first DoH query left and the last answer came. */
function watchRequests(page: Page, fronts: ReadonlySet<string>): DohTimes {
  const times: DohTimes = {};
  page.on('requestfinished', (request: Request) => {
    const url = new URL(request.url());
    const timing = request.timing();
    // When the app asked (a held request's requestStart would include the hold).
    const sent = timing.startTime;
    const received = timing.startTime + timing.responseEnd;
    if (/\/lens\.worker-[^/]*\.js$/.test(url.pathname)) times.worker ??= received;
    if (!fronts.has(`${url.origin}${url.pathname}`)) return;
    times.first = Math.min(times.first ?? Infinity, sent);
    times.last = Math.max(times.last ?? 0, received);
  });
  return times;
}

function relative(start: number, marks: Record<string, number>, doh: DohTimes): Phases {
  const at = (value: number | undefined) => (value === undefined ? undefined : value - start);
  const phases: Phases = {};
  for (const phase of PHASES) {
    const value = at(phase in marks ? marks[phase] : doh[phase as keyof DohTimes]);
    if (value !== undefined) phases[phase] = value;
  }
  return phases;
}

async function readMarks(page: Page): Promise<Record<string, number>> {
  await page.waitForFunction(
    () => 'settled' in (window as unknown as LensWindow).__lensPhases.read(),
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  return page.evaluate(() => (window as unknown as LensWindow).__lensPhases.read());
}

interface LensWindow {
  readonly __lensPhases: { read(): Record<string, number>; reset(): number };
}

function scenario(id: string): LabScenario {
  const found = LAB_SCENARIOS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no lab scenario ${id}`);
  return found;
}

/** One cold live link, then one warm check in the same page. */
async function oneRun(
  context: BrowserContext,
  baseUrl: string,
  manifest: LabManifest,
): Promise<{ cold: Phases; warm: Phases }> {
  const cold = scenario(COLD_SCENARIO);
  const warm = scenario(WARM_SCENARIO);
  const fronts = new Set(
    [...scenarioResolvers(manifest, cold), ...scenarioResolvers(manifest, warm)].map(
      (r) => r.dohUrl,
    ),
  );
  const page = await context.newPage();
  await page.addInitScript(IN_PAGE);
  let doh = watchRequests(page, fronts);
  const coldUrl = labCheckUrl(
    baseUrl,
    manifest,
    cold.qname,
    cold.qtype,
    scenarioResolvers(manifest, cold).map((r) => r.dohUrl),
  );
  await page.goto(coldUrl, { waitUntil: 'commit' });
  const coldMarks = await readMarks(page);
  const origin = await page.evaluate(() => performance.timeOrigin);
  const coldPhases = relative(origin, coldMarks, doh);

  // The second check: typed into the search box of the open page, as a person would.
  page.removeAllListeners('requestfinished');
  doh = watchRequests(page, fronts);
  await page.fill('[data-testid="name-input"]', warm.qname);
  const submitted = await page.evaluate(() =>
    (window as unknown as LensWindow).__lensPhases.reset(),
  );
  await page.click('[data-testid="check"]');
  const warmMarks = await readMarks(page);
  const warmPhases = relative(submitted, warmMarks, doh);
  delete warmPhases.shell;
  await page.close();
  return { cold: coldPhases, warm: warmPhases };
}

function row(label: string, runs: readonly Phases[]): string {
  const cells = PHASES.map((phase) => {
    const values = runs.flatMap((r) => (r[phase] === undefined ? [] : [r[phase]]));
    return (values.length === 0 ? '–' : median(values).toFixed(0)).padStart(8);
  });
  const own = runs.flatMap((r) =>
    r.verdict === undefined || r.last === undefined || r.first === undefined
      ? []
      : [r.verdict - (r.last - r.first)],
  );
  return `  ${label.padEnd(22)}${cells.join('')}${(own.length === 0 ? '–' : median(own).toFixed(0)).padStart(10)}`;
}

async function main(): Promise<void> {
  const manifest = loadLabManifest();
  const server = await startAppServer();
  const browser = await launchBrowser();
  try {
    console.log(
      `Live check phases in Chromium, ms, median of ${RUNS} runs (cold ${COLD_SCENARIO}, warm ${WARM_SCENARIO})`,
    );
    console.log(
      `  ${''.padEnd(22)}${PHASES.map((p) => p.padStart(8)).join('')}${'app time'.padStart(10)}`,
    );
    const results: { cold: Phases; warm: Phases }[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh context: empty HTTP cache, storage and compiled-code cache (cold).
      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        results.push(await oneRun(context, server.baseUrl, manifest));
      } finally {
        await context.close();
      }
    }
    console.log(
      row(
        'cold live link',
        results.map((r) => r.cold),
      ),
    );
    console.log(
      row(
        'warm, same page',
        results.map((r) => r.warm),
      ),
    );
    console.log(
      '\n  app time = verdict − (last − first): the time to the painted verdict that is not the' +
        '\n  DoH exchanges themselves (startup, waiting on ourselves, validation, rendering).',
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
