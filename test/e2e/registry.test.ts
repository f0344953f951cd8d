/**
 * The registry (RDAP) in Chromium against the lab's registry (127.0.0.1:8540): the card's
 * Registry panel for a lame delegation whose only nameserver does not exist, a domain on
 * hold, a registry without CORS, the lookup turned off, and an evidence link that shows the
 * same registry view without asking anyone. Screenshots: test-results/screenshots/registry-*.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { flushUnboundCaches } from '../lab/flush';
import { SETTINGS_KEY } from '../../src/store/settings';
import { openPage, screenshot } from './harness';
import { labCheckUrl, useLabApp, waitForDone } from './lab-app';

async function verdictOf(page: Page): Promise<{ verdict: string; reason: string }> {
  const card = await page.waitForSelector('[data-testid="verdict"]:not([data-verdict="running"])', {
    timeout: 30_000,
  });
  return {
    verdict: (await card.getAttribute('data-verdict')) ?? '',
    reason: (await card.getAttribute('data-reason')) ?? '',
  };
}

/** Requests to the lab registry, counted per page. */
function watchRegistry(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(':8540/')) asked.push(r.url());
  });
  return asked;
}

describe('the registry against the lab', () => {
  const app = useLabApp({ desktop: true });

  /** A live check of `qname A` against the lab, with the lab's registry unless told otherwise. */
  const checkUrl = (qname: string, rdap?: string) =>
    labCheckUrl(app.server.baseUrl, app.manifest, qname, 'A', undefined, rdap);

  it('orphan: the registry names a nameserver that does not exist; the card says so', async () => {
    await flushUnboundCaches();
    const url = checkUrl('www.orphan.lab.');
    const { page, errors } = await openPage(app.desktop, url);
    await waitForDone(page);
    expect(await verdictOf(page)).toEqual({
      verdict: 'lame-delegation',
      reason: 'ns-no-address',
    });
    const panel = page.locator('[data-testid="registry"]');
    expect(await panel.getAttribute('data-state')).toBe('found');
    expect(await panel.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await panel.locator('li[data-host="ns1.gone.lab."]').count()).toBe(1);
    const card = (await page.textContent('[data-testid="verdict"]')) ?? '';
    expect(card).toMatch(
      /ns1\.gone\.lab\. \(listed by the registry\): its domain gone\.lab\. does not exist/,
    );
    expect(card).toContain('dig ns1.gone.lab. A');
    // The address queries for the registry's nameserver are in the grid's evidence.
    expect(card).not.toMatch(/Not checked/);
    await screenshot(page, 'registry-orphan-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('held: the hold explains the NXDOMAIN, and the status is shown', async () => {
    const url = checkUrl('www.held.lab.');
    const { page, errors } = await openPage(app.desktop, url);
    await waitForDone(page);
    expect(await verdictOf(page)).toEqual({ verdict: 'nxdomain', reason: 'secure' });
    expect(await page.textContent('[data-testid="verdict-headline"]')).toMatch(
      /held\.lab\. is on client hold at the registry/,
    );
    const chip = page.locator('[data-testid="registry-status"] .chip.hold');
    expect(await chip.textContent()).toBe('client hold');
    await page.locator('[data-testid="verdict"]').screenshot({
      path: 'test-results/screenshots/registry-held-card.png',
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ds-mismatch: the registry claim leads to the registry panel', async () => {
    const url = checkUrl('www.ds-mismatch.lab.');
    const { page, errors } = await openPage(app.desktop, url);
    await waitForDone(page);
    await verdictOf(page);
    await page.locator('[data-testid="verdict"] details.claims > summary').click();
    const link = page.locator('[data-testid="claim-exchange"][data-exchange="r0"]');
    expect(await link.textContent()).toBe('registry: ds-mismatch.lab.');
    const claim = page.locator('[data-testid="claim"]', { has: link });
    expect(await claim.textContent()).toMatch(/stale DS is at the registrar/);
    await link.click();
    // The panel has no fixed id (then and now shows two): it is known by its test id.
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid),
    ).toBe('registry');
    expect(await page.locator('[data-testid="registry-ds"]').innerText()).toMatch(
      /^ds-mismatch\.lab\. DS \d+ 13 2 [0-9A-F]{64}$/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a registry without CORS: said so, the verdict still stands', async () => {
    const url = checkUrl('www.lame.lab.', app.manifest.rdap.bootstrapNoCors);
    // Chromium logs the CORS refusal itself; that is the case under test.
    const { page, errors } = await openPage(app.desktop, url, {
      ignoreErrors: /CORS|Failed to load/,
    });
    await waitForDone(page);
    expect(await verdictOf(page)).toEqual({ verdict: 'lame-delegation', reason: 'ns-failure' });
    const panel = page.locator('[data-testid="registry"]');
    expect(await panel.getAttribute('data-state')).toBe('failed');
    // Open from the start on a lame delegation: the registry is part of the answer.
    expect(await panel.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await page.textContent('[data-testid="registry-message"]')).toMatch(
      /could not reach 127\.0\.0\.1:8540 from this browser \(blocked, offline or no CORS/,
    );
    await screenshot(page, 'registry-nocors-desktop');
    await panel.screenshot({ path: 'test-results/screenshots/registry-nocors-panel.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('rdap=off: nothing is asked, and the card says the registry was not asked', async () => {
    const url = checkUrl('www.lame.lab.', 'off');
    const { page, errors } = await openPage(app.desktop, url);
    const asked = watchRegistry(page);
    await waitForDone(page);
    await verdictOf(page);
    expect(await page.locator('[data-testid="registry"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="verdict"]')).toMatch(
      /Not checked: The registry’s view \(RDAP.*was not asked for this check/,
    );
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bootstrap URL that is not allowed is reported, and the check still runs', async () => {
    const url = checkUrl('www.alg13.lab.', 'http://rdap.example/bootstrap.json');
    // The fallback is IANA's file, which this closed network cannot reach.
    const { page } = await openPage(app.desktop, url);
    expect(await page.textContent('[data-testid="registry-problem"]')).toMatch(
      /must be https:\/\/ \(plain http only on this machine\)/,
    );
    await waitForDone(page);
    expect(await verdictOf(page)).toEqual({ verdict: 'ok', reason: 'secure' });
    await page.close();
  });

  it('with the registry turned off in the settings, "Check again now" does not ask it', async () => {
    const live = await openPage(app.desktop, checkUrl('www.held.lab.'));
    await waitForDone(live.page);
    const href = await live.page.getAttribute('[data-testid="evidence-link"]', 'href');
    await live.page.close();

    const fresh = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await fresh.addInitScript((key) => {
      localStorage.setItem(key, JSON.stringify({ version: 1, registry: false }));
    }, SETTINGS_KEY);
    const { page, errors } = await openPage(fresh, app.server.baseUrl + href);
    const asked = watchRegistry(page);
    await waitForDone(page);
    // The recording keeps its registry view…
    expect(await page.locator('[data-testid="then"] [data-testid="registry"]').count()).toBe(1);
    await page.click('[data-testid="check-again"]');
    await page.waitForSelector('[data-testid="now"] [data-testid="progress"][data-status="done"]', {
      timeout: 30_000,
    });
    await page.waitForSelector(
      '[data-testid="now"] [data-testid="verdict"]:not([data-verdict="running"])',
    );
    // …the new check does not ask, and says so.
    expect(await page.locator('[data-testid="now"] [data-testid="registry"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="now"] [data-testid="verdict"]')).toMatch(
      /was not asked for this check/,
    );
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('an evidence link shows the same registry view without asking the registry', async () => {
    const live = await openPage(app.desktop, checkUrl('www.orphan.lab.'));
    await waitForDone(live.page);
    await verdictOf(live.page);
    const href = await live.page.getAttribute('[data-testid="evidence-link"]', 'href');
    const liveRegistry = await live.page.locator('[data-testid="registry"]').innerText();
    await live.page.close();

    const fresh = await app.browser.newContext({
      viewport: { width: 360, height: 780 },
      colorScheme: 'dark',
    });
    const asked: string[] = [];
    await fresh.route(/\/dns-query|:8540\//, (route) => {
      asked.push(route.request().url());
      return route.abort();
    });
    const { page, errors } = await openPage(fresh, app.server.baseUrl + href);
    await waitForDone(page);
    expect(await verdictOf(page)).toEqual({
      verdict: 'lame-delegation',
      reason: 'ns-no-address',
    });
    expect(await page.locator('[data-testid="registry"]').innerText()).toBe(liveRegistry);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.locator('[data-testid="registry"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'registry-orphan-evidence-phone-dark');
    await page.locator('[data-testid="verdict"]').screenshot({
      path: 'test-results/screenshots/registry-orphan-card-phone-dark.png',
    });
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
    await fresh.close();
  });
});
