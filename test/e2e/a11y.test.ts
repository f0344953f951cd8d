/**
 * Issue 13, deliverable 5: axe-core, injected into the built app, finds no serious or
 * critical accessibility problem on the pages people read, and every control's accessible
 * name contains its visible text (`label-content-name-mismatch`, WCAG 2.1 SC 2.5.3, an
 * experimental rule axe leaves off unless asked). Against the DNS lab: a live check, its
 * evidence link, the same evidence checked again (then and now side by side) and the
 * history list, each with its collapsible parts opened so that their controls are seen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { flushUnboundCaches } from '../lab/flush';
import { axeViolations } from './axe';
import { openPage, screenshot } from './harness';
import { scenarioCheckUrl, useLabApp, waitForDone } from './lab-app';

const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Opens every closed `<details>` in `scope`, so that axe sees what they hold. */
async function openAllDetails(page: Page, scope = 'body'): Promise<void> {
  await page.$$eval(`${scope} details`, (all) => {
    for (const details of all) (details as HTMLDetailsElement).open = true;
  });
}

describe('accessibility (axe-core)', () => {
  const app = useLabApp();

  it('a live check, its evidence link, then and now, and the history list', async () => {
    await flushUnboundCaches();
    const scenario = app.manifest.scenarios.find((s) => s.id === 'lame');
    if (!scenario) throw new Error('no lab scenario lame');
    // The app's CSP allows no inline script: the test's own axe is let in by the browser.
    const context = await app.browser.newContext({ ...DESKTOP, bypassCSP: true });
    const { page, errors } = await openPage(
      context,
      scenarioCheckUrl(app.server.baseUrl, app.manifest, scenario),
    );

    // The live check, with its claims, details and one full response open.
    await waitForDone(page);
    expect(await page.getAttribute('[data-testid="verdict"]', 'data-verdict')).toBe(
      'lame-delegation',
    );
    await openAllDetails(page);
    await page.locator('[data-testid="cell"]').first().click();
    await page.waitForSelector('[data-testid="dig-text"]');
    expect(await axeViolations(page)).toEqual([]);

    // The evidence link of the same check.
    const href = (await page.getAttribute('[data-testid="evidence-link"]', 'href')) ?? '';
    expect(href).toMatch(/^#\/evidence\//);
    await page.evaluate((hash) => (location.hash = hash), href);
    await page.waitForSelector('[data-testid="observed"]');
    await waitForDone(page);
    await openAllDetails(page);
    expect(await axeViolations(page)).toEqual([]);

    // Then and now: two check views on one page.
    await page.click('[data-testid="check-again"]');
    await page.waitForSelector('[data-testid="now"] [data-testid="progress"][data-status="done"]', {
      timeout: 30_000,
    });
    await openAllDetails(page);
    expect(await page.locator('[data-testid="verdict"]').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    // The history list: the finished live check was saved.
    await page.evaluate(() => (location.hash = '#/history'));
    await page.waitForSelector('[data-testid="history-item"]');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'a11y-history');
    expect(errors).toEqual([]);
    await context.close();
  });
});
