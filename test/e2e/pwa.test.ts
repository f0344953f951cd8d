/**
 * Issue #6 in Chromium: the PWA (manifest, service worker, offline), saved results,
 * evidence links (fresh context, no network), then-and-now, export/import, bad links.
 * Needs the lab (`npm run lab:up`) and a build (`LENS_DIST=dist-pwa` for a private copy).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVIDENCE_LINK_SOFT_LIMIT } from '../../src/report/permalink';
import { labFixtureIds, loadLabFixture } from '../fixtures/lab-fixtures';
import { loadLabManifest, type LabManifest } from '../lab/manifest';
import { launchBrowser, openPage, screenshot, startAppServer, type AppServer } from './harness';
import { labCheckUrl, readCells, waitForDone } from './lab-app';
import { badLinks, encodeEvidenceLink, hostileEvidence, oversizedEvidence } from './pwa-links';

/** A valid payload to damage. */
const GOOD_PAYLOAD = await encodeEvidenceLink(loadLabFixture('expired'));
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

async function serviceWorkerState(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state;
  });
}

async function historyIds(page: Page): Promise<string[]> {
  await page.waitForSelector('[data-testid="history-item"], [data-testid="history-empty"]');
  return page.$$eval('[data-testid="history-item"]', (items) =>
    items.map((item) => (item as HTMLElement).dataset.id ?? ''),
  );
}

async function verdictOf(page: Page): Promise<string | null> {
  const verdict = await page.$('[data-testid="verdict"]');
  return verdict ? verdict.getAttribute('data-verdict') : null;
}

describe('PWA, saved results and evidence links', () => {
  let manifest: LabManifest;
  let server: AppServer;
  let browser: Browser;
  let home: BrowserContext;
  let page: Page;
  let errors: string[];
  /** The live check's evidence link (a fragment) and its grid. */
  let evidenceHref = '';
  let liveCells: Awaited<ReturnType<typeof readCells>> = [];
  let liveVerdict: string | null = null;
  let liveReason: string | null = null;

  beforeAll(async () => {
    manifest = loadLabManifest();
    server = await startAppServer();
    browser = await launchBrowser();
    home = await browser.newContext({ viewport: DESKTOP });
    ({ page, errors } = await openPage(home, server.baseUrl));
  });
  afterAll(async () => {
    await home?.close();
    await browser?.close();
    await server?.close();
  });

  it('has a manifest and an active service worker', async () => {
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const manifestJson = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      href ?? '',
    )) as { name: string; start_url: string; scope: string; icons: { purpose: string }[] };
    expect(manifestJson.name).toBe('SERVFAIL Lens');
    expect(manifestJson.start_url).toBe('./');
    expect(manifestJson.scope).toBe('./');
    expect(manifestJson.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    expect(await page.$$eval('meta[name="theme-color"]', (m) => m.length)).toBe(2);
    await expect.poll(() => serviceWorkerState(page)).toBe('activated');
    await page.waitForSelector('[data-testid="sw-toast"]');
    expect(errors).toEqual([]);
  });

  it('saves a finished live check, with its evidence link, and keeps it across reloads', async () => {
    await page.goto(labCheckUrl(server.baseUrl, manifest, 'www.expired.lab.', 'A'));
    await waitForDone(page);
    const link = await page.waitForSelector('[data-testid="evidence-link"]');
    evidenceHref = (await link.getAttribute('href')) ?? '';
    expect(evidenceHref).toMatch(/^#\/evidence\/[A-Za-z0-9_-]+$/);
    expect(evidenceHref.length).toBeLessThan(EVIDENCE_LINK_SOFT_LIMIT);
    liveCells = await readCells(page);
    liveVerdict = await verdictOf(page);
    liveReason = await page.getAttribute('[data-testid="verdict"]', 'data-reason');
    await screenshot(page, 'pwa-live-check');

    await page.goto(`${server.baseUrl}#/history`);
    await expect.poll(() => historyIds(page)).toHaveLength(1);
    await page.reload();
    await expect.poll(() => historyIds(page)).toHaveLength(1);
    const name = await page.getAttribute('[data-testid="history-item"]', 'data-name');
    expect(name).toBe('www.expired.lab.');
    // The verdict at saving time is listed with it.
    expect(liveVerdict).toBe('dnssec-bogus');
    expect(
      await page.getAttribute('[data-testid="history-item"] [data-verdict]', 'data-verdict'),
    ).toBe(liveVerdict);

    // A second check, then search narrows the list.
    await page.goto(labCheckUrl(server.baseUrl, manifest, 'www.alg13.lab.', 'A'));
    await waitForDone(page);
    await page.goto(`${server.baseUrl}#/history`);
    await expect.poll(() => historyIds(page)).toHaveLength(2);
    await page.fill('[data-testid="history-search"]', 'expired');
    await expect.poll(() => historyIds(page)).toHaveLength(1);
    await page.fill('[data-testid="history-search"]', '');
    await expect.poll(() => historyIds(page)).toHaveLength(2);
    await screenshot(page, 'pwa-history-desktop');
    expect(errors).toEqual([]);
  });

  it('opens a saved result as the evidence view', async () => {
    await page.click('[data-testid="history-item"][data-name="www.expired.lab."] a');
    await page.waitForSelector('[data-testid="observed"]');
    await waitForDone(page);
    expect(await readCells(page)).toEqual(liveCells);
  });

  it('offline, a reload renders the app, the saved results and the examples', async () => {
    await page.goto(`${server.baseUrl}#/history`);
    await home.setOffline(true);
    try {
      await page.reload();
      await expect(page.textContent('h1')).resolves.toBe('SERVFAIL Lens');
      await page.waitForSelector('[data-testid="offline-notice"]');
      await expect.poll(() => historyIds(page)).toHaveLength(2);
      await screenshot(page, 'pwa-offline-history-desktop');

      await page.goto(`${server.baseUrl}#/examples`);
      await page.waitForSelector('[data-testid="example-link"]');
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-testid="example-link"]').length ===
          document.querySelectorAll('[data-testid="example"]').length,
      );
      expect(await page.$$eval('[data-testid="example"]', (e) => e.length)).toBeGreaterThanOrEqual(
        10,
      );
      await page.waitForSelector('[data-testid="public-offline"]');
      await screenshot(page, 'pwa-offline-examples-desktop');

      await page.click('[data-testid="example"][data-scenario="ds-mismatch"] a');
      await page.waitForSelector('[data-testid="observed"]');
      await waitForDone(page);
      expect((await readCells(page)).length).toBe(manifest.resolvers.length * 2);
      await screenshot(page, 'pwa-offline-example-open');
    } finally {
      await home.setOffline(false);
    }
  });

  it('an evidence link opened in a fresh context shows the same grid, without the network', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const doh: string[] = [];
    // The lab is as good as down for this context: any DoH request fails (and is counted).
    await context.route('**/dns-query**', (route) => {
      doh.push(route.request().url());
      return route.abort();
    });
    const fresh = await openPage(context, server.baseUrl + evidenceHref);
    await fresh.page.waitForSelector('[data-testid="observed"]');
    await waitForDone(fresh.page);
    expect(await readCells(fresh.page)).toEqual(liveCells);
    // The same verdict, recomputed in this browser from the link alone.
    await fresh.page.waitForSelector('[data-testid="verdict"]');
    expect(await verdictOf(fresh.page)).toBe(liveVerdict);
    expect(await fresh.page.getAttribute('[data-testid="verdict"]', 'data-reason')).toBe(
      liveReason,
    );
    const observed = await fresh.page.textContent('[data-testid="observed"]');
    expect(observed).toMatch(
      /As observed at .+ through 127\.0\.0\.1:8531, .+ and 127\.0\.0\.1:8534\./,
    );
    expect(await fresh.page.getAttribute('[data-testid="evidence-link"]', 'href')).toBe(
      evidenceHref,
    );
    await screenshot(fresh.page, 'pwa-evidence-desktop');
    expect(doh).toEqual([]);

    // Its cell details come from the recorded evidence.
    await fresh.page.click('[data-testid="cell"]');
    await fresh.page.waitForSelector('[data-testid="dig-text"]');

    // "Check again now": then and now side by side (the lab is back for this part).
    await context.unroute('**/dns-query**');
    await fresh.page.click('[data-testid="check-again"]');
    await fresh.page.waitForSelector(
      '[data-testid="now"] [data-testid="progress"][data-status="done"]',
      { timeout: 30_000 },
    );
    const nowCells = await fresh.page.$$eval('[data-testid="now"] [data-testid="cell"]', (c) =>
      c.map((e) => (e as HTMLElement).dataset.rcode),
    );
    expect(nowCells).toHaveLength(liveCells.length);
    await screenshot(fresh.page, 'pwa-then-and-now-desktop');
    expect(fresh.errors).toEqual([]);
    await context.close();
  });

  it('the live link re-runs the check', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const fresh = await openPage(context, server.baseUrl + evidenceHref);
    await waitForDone(fresh.page);
    const live = (await fresh.page.getAttribute('[data-testid="live-link"]', 'href')) ?? '';
    expect(live).toMatch(/^#\/check\/www\.expired\.lab\?type=A&resolver=/);
    // The report for the domain owner carries both links.
    await fresh.page.click('[data-testid="report-toggle"]');
    const report = (await fresh.page.textContent('[data-testid="report-text"]')) ?? '';
    expect(report).toContain(`${server.baseUrl}${evidenceHref}`);
    expect(report).toContain(`Verdict \`${liveVerdict}\`, reason \`${liveReason}\``);
    expect(report).toContain(`${server.baseUrl}${live}`);
    await screenshot(fresh.page, 'pwa-report');
    const asked: string[] = [];
    fresh.page.on('request', (r) => {
      if (r.url().includes('/dns-query')) asked.push(r.url());
    });
    await fresh.page.click('[data-testid="live-link"]');
    await waitForDone(fresh.page);
    expect(asked.length).toBeGreaterThan(0);
    expect((await readCells(fresh.page)).length).toBe(liveCells.length);
    await context.close();
  });

  it('evidence too large for a link is offered as a file, with the live link', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    const big = oversizedEvidence(loadLabFixture('lame'));
    const payload = await encodeEvidenceLink(big);
    expect(payload.length).toBeGreaterThan(EVIDENCE_LINK_SOFT_LIMIT);
    const fresh = await openPage(context, `${server.baseUrl}#/evidence/${payload}`);
    await waitForDone(fresh.page);
    const why = await fresh.page.waitForSelector('[data-testid="evidence-too-large"]');
    expect(await why.textContent()).toMatch(/would be \d+\.\d KB long; links over 8 KB/);
    expect(await fresh.page.$('[data-testid="evidence-link"]')).toBeNull();
    expect(await fresh.page.$('[data-testid="live-link"]')).not.toBeNull();
    const [download] = await Promise.all([
      fresh.page.waitForEvent('download'),
      fresh.page.click('[data-testid="evidence-download"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^servfail-lens-www\.lame\.lab-\d{4}-\d\d-\d\d\.json$/,
    );
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      exchanges: unknown[];
    };
    expect(file.exchanges).toHaveLength(big.exchanges.length);
    await screenshot(fresh.page, 'pwa-too-large');
    expect(fresh.errors).toEqual([]);
    await context.close();
  });

  it('export → import round-trips, and a bad file gets a clear message', async () => {
    await page.goto(`${server.baseUrl}#/history`);
    const before = await historyIds(page);
    expect(before.length).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-all"]'),
    ]);
    const exported = await download.path();
    const file = JSON.parse(readFileSync(exported, 'utf8')) as { investigations: unknown[] };
    expect(file.investigations).toHaveLength(2);

    while ((await historyIds(page)).length > 0) {
      const count = (await historyIds(page)).length;
      await page.click('[data-testid="history-delete"]');
      await expect.poll(() => historyIds(page)).toHaveLength(count - 1);
    }
    await page.setInputFiles('[data-testid="import-file"]', exported);
    await expect
      .poll(() => page.textContent('[data-testid="import-result"]'))
      .toMatch(/imported 2 results/);
    expect((await historyIds(page)).sort()).toEqual([...before].sort());

    // Importing the same file again adds nothing.
    await page.setInputFiles('[data-testid="import-file"]', exported);
    await expect
      .poll(() => page.textContent('[data-testid="import-result"]'))
      .toMatch(/imported 0 results; 2 already saved/);

    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        '{"format":"servfail-lens-export","version":1,"investigations":[{"evidence":{"version":1}}]}',
      ),
    });
    await expect
      .poll(() => page.textContent('[data-testid="import-result"]'))
      .toMatch(/1 entry was refused:.*investigation 0:/s);
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'photo.json',
      mimeType: 'application/json',
      buffer: Buffer.from('\x89PNG'),
    });
    await expect.poll(() => page.textContent('[data-testid="import-result"]')).toMatch(/not JSON/);
    await screenshot(page, 'pwa-import-message');
  });

  it('a full quota gives a clear message and loses nothing already saved', async () => {
    await page.goto(`${server.baseUrl}#/history`);
    const before = await historyIds(page);
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function put() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.evaluate(
      (url) => (location.hash = new URL(url).hash),
      labCheckUrl(server.baseUrl, manifest, 'www.lame.lab.', 'A'),
    );
    await waitForDone(page);
    await expect
      .poll(() => page.textContent('[data-testid="save-problem"]'))
      .toMatch(/storage is full: this result was not saved/);
    await screenshot(page, 'pwa-quota-full');
    await page.reload();
    await page.goto(`${server.baseUrl}#/history`);
    expect((await historyIds(page)).sort()).toEqual([...before].sort());
  });

  it('the automatic save can be turned off', async () => {
    await page.goto(`${server.baseUrl}#/history`);
    const before = await historyIds(page);
    await page.click('[data-testid="settings-toggle"]');
    await page.uncheck('[data-testid="settings"] input[type="checkbox"]');
    await page.goto(labCheckUrl(server.baseUrl, manifest, 'www.dead.lab.', 'A'));
    await waitForDone(page);
    await page.goto(`${server.baseUrl}#/history`);
    expect(await historyIds(page)).toEqual(before);
    await page.waitForSelector('text=Automatic saving is off');
    // The panel stays open across in-app navigation.
    await page.check('[data-testid="settings"] input[type="checkbox"]');
  });

  describe('bad links show one specific message and nothing else', () => {
    it.each(badLinks(GOOD_PAYLOAD).map((b) => [b.label, b] as const))('%s', async (_label, bad) => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const fresh = await openPage(context, `${server.baseUrl}#/evidence/${bad.payload}`);
      const error = await fresh.page.waitForSelector('[data-testid="link-error"]');
      expect(await error.getAttribute('data-kind')).toBe(bad.kind);
      expect(await fresh.page.textContent('[data-testid="link-error-message"]')).toMatch(bad.says);
      expect(await fresh.page.$('[data-testid="grid"]')).toBeNull();
      expect(await fresh.page.$('[data-testid="observed"]')).toBeNull();
      if (bad.label === 'truncated') await screenshot(fresh.page, 'pwa-bad-link-desktop');
      expect(fresh.errors).toEqual([]);
      await context.close();
    });

    it('markup in names, labels and TXT data stays text', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const payload = await encodeEvidenceLink(hostileEvidence());
      const fresh = await openPage(context, `${server.baseUrl}#/evidence/${payload}`);
      await waitForDone(fresh.page);
      const text = (await fresh.page.textContent('main')) ?? '';
      expect(text).toContain('<img/src=x/onerror=window.__xss=1>');
      expect(text).toContain('<img src=x onerror="window.__xss=2">');
      expect(text).toContain('<script>window.__xss=3</script>');
      expect(await fresh.page.$('main img, main script, main b')).toBeNull();
      expect(await fresh.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      await screenshot(fresh.page, 'pwa-hostile-evidence');
      expect(fresh.errors).toEqual([]);
      await context.close();
    });
  });

  describe('screenshots at 360 px and in dark mode', () => {
    it.each([
      ['light', PHONE],
      ['dark', PHONE],
      ['dark', DESKTOP],
    ] as const)('%s %o', async (scheme, viewport) => {
      const tag = `${scheme}-${viewport.width}`;
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const fresh = await openPage(context, `${server.baseUrl}#/examples`);
      const page = fresh.page;
      /** What each photograph must show, besides not scrolling sideways. */
      const fits = async () =>
        expect(
          await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ),
        ).toBeLessThanOrEqual(0);
      await page.waitForSelector('[data-testid="example-link"]');
      expect(await page.locator('[data-testid="example"]').count()).toBeGreaterThanOrEqual(10);
      expect(await page.textContent('[data-testid="examples"] h2')).toBe('Examples');
      await fits();
      await screenshot(page, `pwa-examples-${tag}`);
      await page.goto(server.baseUrl + evidenceHref);
      await waitForDone(page);
      expect(await verdictOf(page)).toBe(liveVerdict);
      expect(await page.textContent('[data-testid="question-name"]')).toBe('www.expired.lab');
      expect(await page.textContent('[data-testid="observed"]')).toContain('As observed at');
      expect(await readCells(page)).toEqual(liveCells);
      await fits();
      await screenshot(page, `pwa-evidence-${tag}`);
      await page.goto(`${server.baseUrl}#/evidence/AAAAA`);
      await page.waitForSelector('[data-testid="link-error"]');
      expect(await page.textContent('[data-testid="link-error"] h2')).toBe(
        'This evidence link cannot be opened',
      );
      expect(await page.textContent('[data-testid="link-error-message"]')).not.toBe('');
      expect(await page.$('[data-testid="grid"]')).toBeNull();
      await fits();
      await screenshot(page, `pwa-bad-link-${tag}`);
      await page.goto(labCheckUrl(server.baseUrl, manifest, 'www.partial.lab.', 'A'));
      await waitForDone(page);
      await page.goto(`${server.baseUrl}#/history`);
      await page.waitForSelector('[data-testid="history-item"]');
      expect(await page.getAttribute('[data-testid="history-item"]', 'data-name')).toBe(
        'www.partial.lab.',
      );
      await fits();
      await screenshot(page, `pwa-history-${tag}`);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.reload();
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('[data-testid="offline-notice"]');
      await page.waitForSelector('[data-testid="history-item"]');
      expect(await page.textContent('h1')).toBe('SERVFAIL Lens');
      expect(await page.getAttribute('[data-testid="history-item"]', 'data-name')).toBe(
        'www.partial.lab.',
      );
      await fits();
      await screenshot(page, `pwa-offline-${tag}`);
      await context.close();
    });
  });

  it('evidence-link sizes for every recorded lab scenario', async () => {
    const rows: string[] = [
      '| scenario | exchanges | evidence JSON (bytes) | link payload (characters) |',
      '| --- | ---: | ---: | ---: |',
    ];
    const sizes: number[] = [];
    for (const id of labFixtureIds()) {
      const evidence = loadLabFixture(id);
      const payload = await encodeEvidenceLink(evidence);
      sizes.push(payload.length);
      rows.push(
        `| ${id} | ${evidence.exchanges.length} | ${JSON.stringify(evidence).length} | ${payload.length} |`,
      );
    }
    console.log(
      `\nEvidence-link sizes (soft limit ${EVIDENCE_LINK_SOFT_LIMIT}):\n${rows.join('\n')}\n`,
    );
    expect(sizes.length).toBeGreaterThan(0);
    const sorted = [...sizes].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(EVIDENCE_LINK_SOFT_LIMIT);
  });
});
