/**
 * Issue 11: resolvers as they really behave, in Chromium against the lab's real servers.
 * A check with two working resolvers and every broken DoH front the lab has (no CORS, 429
 * with and without CORS, TC=1, a 5 MiB body, garbage, HTTP 500, HTML, an answer to another
 * question, a hang, a reset) gets the verdict the two alone get, every broken cell names
 * its error class, and the card lists each broken resolver as a warning. A resolver that
 * holds its SERVFAIL back past the limit is shown waiting, then named slow — not offline.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { flushUnboundCaches } from '../lab/flush';
import { labResolver, type LabManifest } from '../lab/manifest';
import { openPage, SCREENSHOT_DIR } from './harness';
import { labCheckUrl, readCells, useLabApp, waitForDone } from './lab-app';

/** The error class each broken front must show in its cells (`data-rcode`). */
const CLASS_OF: Readonly<Record<string, string>> = {
  nocors: 'unreachable', // the browser cannot read an answer without CORS
  '429': 'unreachable', // a 429 without CORS reads as a network failure
  '429cors': 'rate-limited',
  tc: 'truncated',
  huge: 'too-large',
  garbage: 'malformed',
  '500': 'http-status',
  html: 'content-type',
  wrong: 'mismatch',
  hang: 'timeout',
  reset: 'unreachable',
};

const IGNORED = /Failed to load resource|ERR_|net::|CORS|Access-Control|blocked by CORS/;

async function verdictOf(page: Page): Promise<{ verdict: string; reason: string }> {
  const card = page.locator('[data-testid="verdict"]:not([data-verdict="running"])');
  await card.waitFor({ timeout: 60_000 });
  return {
    verdict: (await card.getAttribute('data-verdict')) ?? '',
    reason: (await card.getAttribute('data-reason')) ?? '',
  };
}

async function warningIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="verdict-warnings"] li[data-warning]', (items) =>
    items.map((li) => (li as HTMLElement).dataset.warning ?? ''),
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

function working(manifest: LabManifest): string[] {
  return [labResolver(manifest, 'unbound').dohUrl, labResolver(manifest, 'bind').dohUrl];
}

describe('real-world resolvers in the browser', () => {
  const app = useLabApp({ desktop: true });

  async function phone(): Promise<BrowserContext> {
    return app.browser.newContext({ viewport: { width: 360, height: 780 } });
  }

  it('two working resolvers plus every broken DoH front: the same verdict as the two alone', async () => {
    const manifest = app.manifest;
    const url = (resolvers: readonly string[]) =>
      labCheckUrl(app.server.baseUrl, manifest, 'www.alg13.lab.', 'A', resolvers);

    await flushUnboundCaches();
    const alone = await openPage(app.desktop, url(working(manifest)));
    await waitForDone(alone.page);
    const expected = await verdictOf(alone.page);
    await alone.page.close();
    expect(expected).toEqual({ verdict: 'ok', reason: 'secure' });

    // The broken ones first: the first resolver is the one asked for the chain, so this is
    // the hard order (the chain material must come from a resolver that works).
    const broken = manifest.brokenFronts;
    expect(broken.length).toBeGreaterThanOrEqual(10);
    const started = Date.now();
    const { page, errors } = await openPage(
      app.desktop,
      url([...broken.map((f) => f.url), ...working(manifest)]),
      { ignoreErrors: IGNORED },
    );
    await waitForDone(page, 60_000);
    const elapsed = Date.now() - started;
    expect(await verdictOf(page)).toEqual(expected);
    expect(elapsed).toBeLessThan(40_000);

    const cells = await readCells(page);
    for (const front of broken) {
      for (const cd of ['0', '1']) {
        const cell = cells.find((c) => c.resolver === front.url && c.cd === cd);
        expect(cell?.rcode, `${front.id} CD=${cd}`).toBe(CLASS_OF[front.id]);
      }
    }
    const warnings = await warningIds(page);
    expect(warnings.filter((w) => w === 'resolver-unreachable')).toHaveLength(broken.length);
    // The rate-limited one says what to do about it.
    const texts = await page
      .locator('[data-testid="verdict-warnings"] li[data-warning="resolver-unreachable"]')
      .allTextContents();
    expect(texts.join('\n')).toMatch(/rate-limited: .*Wait a minute/);
    expect(texts.join('\n')).toMatch(/too-large/);
    await shoot(page, 'real-world-broken-fronts-desktop');
    expect(errors).toEqual([]);
    await page.close();
    console.log(
      `[real-world] 2 working + ${broken.length} broken resolvers: verdict in ${elapsed} ms`,
    );
  });

  it('a resolver slower than the limit is shown waiting, then named slow, never offline (360 px)', async () => {
    const manifest = app.manifest;
    const stuck = labResolver(manifest, 'stuck').dohUrl;
    await flushUnboundCaches();
    const context = await phone();
    const { page, errors } = await openPage(
      context,
      labCheckUrl(app.server.baseUrl, manifest, 'www.dead.lab.', 'A', [
        stuck,
        ...working(manifest),
      ]),
      { ignoreErrors: IGNORED },
    );
    // While the stuck front holds its SERVFAIL, its cells count the seconds.
    const waiting = page.locator(`[data-testid="cell-pending"][data-resolver="${stuck}"]`).first();
    await expect
      .poll(async () => Number((await waiting.getAttribute('data-waiting')) ?? '0'), {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(2);
    expect(await waiting.textContent()).toMatch(/waiting, \d+ s/);
    await shoot(page, 'real-world-waiting-phone');
    await waitForDone(page, 60_000);
    expect(await verdictOf(page)).toEqual({ verdict: 'lame-delegation', reason: 'ns-failure' });
    const warnings = await warningIds(page);
    expect(warnings).toContain('resolver-slow');
    expect(warnings).not.toContain('resolver-unreachable');
    const card = (await page.locator('[data-testid="verdict"]').textContent()) ?? '';
    expect(card).not.toMatch(/check that you are online/i);
    expect(card).toMatch(/not your connection/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
    await shoot(page, 'real-world-slow-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('only the stuck resolver: inconclusive, the domain’s servers are slow — not “offline”', async () => {
    const manifest = app.manifest;
    const stuck = labResolver(manifest, 'stuck').dohUrl;
    await flushUnboundCaches();
    const { page } = await openPage(
      app.desktop,
      labCheckUrl(app.server.baseUrl, manifest, 'www.dead.lab.', 'A', [stuck]),
      { ignoreErrors: IGNORED },
    );
    await waitForDone(page, 60_000);
    expect(await verdictOf(page)).toEqual({ verdict: 'inconclusive', reason: 'authority-slow' });
    const headline = await page.locator('[data-testid="verdict-headline"]').textContent();
    expect(headline).toMatch(/dead\.lab\./);
    await page.close();
  });

  it.each([
    ['stale', 'lame-delegation', 'ns-failure', 'resolver-stale'],
    ['filtered', 'resolver-specific', 'filtered', undefined],
    ['forged', 'resolver-specific', 'forged', undefined],
  ] as const)('%s at 360 px: %s / %s', async (id, verdict, reason, warning) => {
    const manifest = app.manifest;
    const scenario = manifest.scenarios.find((s) => s.id === id)!;
    const resolvers = scenario.resolvers.map((r) => labResolver(manifest, r).dohUrl);
    await flushUnboundCaches();
    const context = await phone();
    const { page, errors } = await openPage(
      context,
      labCheckUrl(app.server.baseUrl, manifest, scenario.qname, scenario.qtype, resolvers),
    );
    await waitForDone(page);
    expect(await verdictOf(page)).toEqual({ verdict, reason });
    if (warning) expect(await warningIds(page)).toContain(warning);
    // The chain panel shows the validated answer, never the filter's denial or address.
    const links = await page.$$eval('[data-testid="chain-link"]', (els) =>
      els.map((e) => (e as HTMLElement).dataset.status ?? ''),
    );
    if (id !== 'stale') expect(links.every((s) => s === 'secure')).toBe(true);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
    await shoot(page, `real-world-${id}-phone`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
