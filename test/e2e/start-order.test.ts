/**
 * A live link's first queries leave as soon as the page knows the question (issue 14): not
 * after the worker's analysis code, the registry lookup, a UI chunk or the service worker.
 * Asserted on the order in which the browser issued its requests, never on timings.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Request } from 'playwright-core';
import { LAB_SCENARIOS } from '../lab/scenarios';
import { scenarioCheckUrl, useLabApp, waitForDone } from './lab-app';

const lab = useLabApp();

function scenario(id: string) {
  const found = LAB_SCENARIOS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no lab scenario ${id}`);
  return found;
}

/** Every request the context's pages and workers issue, in the order they were issued. */
function requestLog(context: BrowserContext): string[] {
  const log: string[] = [];
  context.on('request', (request: Request) => log.push(request.url()));
  return log;
}

/** The position of the first request whose URL matches, or -1. */
const first = (log: readonly string[], pattern: RegExp): number =>
  log.findIndex((url) => pattern.test(url));

const DOH = /:\d+\/dns-query\?dns=/;
const ANALYSIS_CHUNK = /\/assets\/worker-analysis-[^/]*\.js$/;
const WORKER_CHUNK = /\/assets\/lens\.worker-[^/]*\.js$/;
const RDAP = /\/bootstrap\/dns\.json$|\/rdap\/domain\//;
const REGISTRY_CHUNK = /\/assets\/lookup-[^/]*\.js$/;

describe('a live link starts with its queries', () => {
  it('sends the first DoH query before the analysis chunk, the registry lookup and later UI chunks load', async () => {
    // Service workers blocked: a page no worker controls yet, as on a first visit.
    const context = await lab.browser.newContext({ serviceWorkers: 'block' });
    const log = requestLog(context);
    const page = await context.newPage();
    await page.goto(scenarioCheckUrl(lab.server.baseUrl, lab.manifest, scenario('alg13')));
    await waitForDone(page);

    const doh = first(log, DOH);
    expect(first(log, WORKER_CHUNK)).toBeGreaterThanOrEqual(0);
    expect(doh).toBeGreaterThan(first(log, WORKER_CHUNK));
    for (const later of [ANALYSIS_CHUNK, REGISTRY_CHUNK, RDAP]) {
      const at = first(log, later);
      expect(at, `${later} was requested`).toBeGreaterThanOrEqual(0);
      expect(at, `first DoH query before ${later}`).toBeGreaterThan(doh);
    }
    // The page's own chunks may load beside the queries (what it draws with), but nothing
    // the queries could wait for: the service worker's code, the share bar's codec.
    for (const later of [/\/assets\/workbox-window[^/]*\.js$/, /\/assets\/codec-[^/]*\.js$/]) {
      const at = first(log, later);
      if (at >= 0) expect(at, `first DoH query before ${later}`).toBeGreaterThan(doh);
    }
    await context.close();
  });

  it('installs the service worker only after the check it opened with is done', async () => {
    const context = await lab.browser.newContext();
    const log = requestLog(context);
    const page = await context.newPage();
    await page.goto(scenarioCheckUrl(lab.server.baseUrl, lab.manifest, scenario('alg13')));
    await waitForDone(page);
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then(Boolean));
    const registered = first(log, /\/sw\.js$/);
    const lastQuery = log.findLastIndex((url) => DOH.test(url));
    expect(lastQuery).toBeGreaterThan(0);
    expect(registered).toBeGreaterThan(lastQuery);
    expect(first(log, /\/assets\/workbox-window[^/]*\.js$/)).toBeGreaterThan(lastQuery);
    await context.close();
  });
});
