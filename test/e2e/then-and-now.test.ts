/**
 * Issue 13, deliverable 5: in then-and-now mode (an evidence link checked again, two check
 * views on one page) every element id is unique, and each card opens its own panels: a
 * claim in the "now" card opens and scrolls to the "now" view's full response, its chain
 * link focuses the "now" chain panel, its registry link opens the "now" registry panel —
 * never the "then" ones above. Photographs the check, evidence and then-and-now views at
 * 1280 and 360 px (test-results/screenshots/views-*.png), each after asserting what it shows.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { flushUnboundCaches } from '../lab/flush';
import { EXPECTED } from '../unit/diagnosis/expected-verdicts';
import { openPage, screenshot } from './harness';
import { scenarioCheckUrl, useLabApp, waitForDone, type LabApp } from './lab-app';

const LAYOUTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 360, height: 780 } },
] as const;

/** Ids that more than one element of the page carries, with their counts. */
function duplicateIds(page: Page): Promise<Record<string, number>> {
  return page.$$eval('[id]', (elements) => {
    const counts: Record<string, number> = {};
    for (const element of elements) counts[element.id] = (counts[element.id] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 1));
  });
}

/** Whether any part of the element is inside the viewport. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight && box.height > 0;
  });
}

/** Which side ("then", "now" or none) holds the focused element. */
function focusedSide(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (
        document.activeElement?.closest('[data-testid="then"], [data-testid="now"]') as
          HTMLElement | null | undefined
      )?.dataset.testid ?? '',
  );
}

/**
 * Opens a lab scenario's live check, then its evidence link, then checks it again with
 * the link's own trust anchors (the lab's root key).
 */
async function openThenAndNow(
  app: LabApp,
  context: BrowserContext,
  scenario: string,
  shots?: string,
): Promise<{ page: Page; errors: string[] }> {
  const found = app.manifest.scenarios.find((s) => s.id === scenario);
  const expected = EXPECTED[scenario];
  if (!found || !expected) throw new Error(`no lab scenario ${scenario}`);
  const { page, errors } = await openPage(
    context,
    scenarioCheckUrl(app.server.baseUrl, app.manifest, found),
  );
  await waitForDone(page);
  const verdict = page.locator('[data-testid="verdict"]');
  expect(await verdict.getAttribute('data-verdict')).toBe(expected[0]);
  expect(await page.textContent('[data-testid="question-name"]')).toBe(
    found.qname.replace(/\.$/, ''),
  );
  expect(await page.locator('[data-testid="cell"]').count()).toBeGreaterThanOrEqual(2);
  if (shots) await screenshot(page, `views-check-${shots}`);

  const href = (await page.getAttribute('[data-testid="evidence-link"]', 'href')) ?? '';
  expect(href).toMatch(/^#\/evidence\//);
  await page.evaluate((hash) => (location.hash = hash), href);
  await page.waitForSelector('[data-testid="observed"]');
  await waitForDone(page);
  expect(await page.locator('[data-testid="verdict"]').getAttribute('data-verdict')).toBe(
    expected[0],
  );
  expect(await page.textContent('[data-testid="observed"]')).toContain('As observed at');
  // The lab's own root key: "Check again now" offers the root's anchors and the link's.
  const withLinkAnchors = page.locator('[data-testid="check-again-link-anchors"]');
  await withLinkAnchors.waitFor();
  expect(await page.locator('[data-testid="check-again"]').isVisible()).toBe(true);
  if (shots) await screenshot(page, `views-evidence-${shots}`);

  // With the link's anchors, "now" validates against the lab's root as "then" did.
  await withLinkAnchors.click();
  await page.waitForSelector('[data-testid="now"] [data-testid="progress"][data-status="done"]', {
    timeout: 30_000,
  });
  for (const side of ['then', 'now']) {
    expect(
      await page.getAttribute(`[data-testid="${side}"] [data-testid="verdict"]`, 'data-verdict'),
    ).toBe(expected[0]);
  }
  expect(await page.textContent('[data-testid="now"] .side-title')).toContain('Now');
  return { page, errors };
}

describe('then and now: two check views on one page', () => {
  const app = useLabApp();

  it.each(LAYOUTS)('$name: every id is unique; photographs of the three views', async (layout) => {
    await flushUnboundCaches();
    const context = await app.browser.newContext({ viewport: layout.viewport });
    const { page, errors } = await openThenAndNow(app, context, 'ds-mismatch', layout.name);
    expect(await duplicateIds(page)).toEqual({});
    // Ids are there to tie labels to their sections: both cards are named by their headline.
    for (const side of ['then', 'now']) {
      const card = page.locator(`[data-testid="${side}"] [data-testid="verdict"]`);
      const labelledBy = (await card.getAttribute('aria-labelledby')) ?? '';
      expect(await page.locator(`[id="${labelledBy}"]`).getAttribute('data-testid')).toBe(
        'verdict-headline',
      );
      expect(await page.locator(`[data-testid="${side}"] [id="${labelledBy}"]`).count()).toBe(1);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `views-then-and-now-${layout.name}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 360 px, a claim in the "now" card opens and scrolls to the "now" panels', async () => {
    await flushUnboundCaches();
    const context = await app.browser.newContext({ viewport: { width: 360, height: 780 } });
    const { page, errors } = await openThenAndNow(app, context, 'ds-mismatch');
    const then = '[data-testid="then"]';
    const now = '[data-testid="now"]';

    // The "then" card's claim opens the "then" full response first.
    await page.click(`${then} [data-testid="verdict"] details.claims > summary`);
    const thenClaim = page.locator(`${then} [data-testid="claim-exchange"]`).first();
    await thenClaim.click();
    await page.waitForSelector(`${then} [data-testid="cell-detail"] [data-testid="dig-text"]`);
    expect(await inView(page, `${then} [data-testid="cell-detail"]`)).toBe(true);
    const thenHeader = await page.textContent(`${then} [data-testid="cell-detail"] h3`);

    // The "now" card's claim: the "now" pane opens and is scrolled to; "then" is left alone.
    await page.click(`${now} [data-testid="verdict"] details.claims > summary`);
    const nowClaim = page.locator(`${now} [data-testid="claim-exchange"]`).first();
    await nowClaim.click();
    await page.waitForSelector(`${now} [data-testid="cell-detail"] [data-testid="dig-text"]`);
    await page.waitForTimeout(300);
    expect(await inView(page, `${now} [data-testid="cell-detail"]`)).toBe(true);
    expect(await inView(page, `${then} [data-testid="cell-detail"]`)).toBe(false);
    expect(await page.textContent(`${then} [data-testid="cell-detail"] h3`)).toBe(thenHeader);
    expect(await page.textContent(`${now} [data-testid="dig-command"]`)).toContain(
      'www.ds-mismatch.lab.',
    );

    // The "now" card's chain link focuses the "now" chain panel's link for that zone.
    const toChain = page
      .locator(`${now} [data-testid="claim-chain"][data-zone="ds-mismatch.lab."]`)
      .first();
    await toChain.click();
    expect(await focusedSide(page)).toBe('now');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.zone),
    ).toBe('ds-mismatch.lab.');
    expect(
      await inView(page, `${now} [data-testid="chain-link"][data-zone="ds-mismatch.lab."]`),
    ).toBe(true);

    // Its registry link (the DS the registry holds) opens the "now" registry panel.
    await page.$$eval('details.registry', (all) => {
      for (const details of all) (details as HTMLDetailsElement).open = false;
    });
    await page.locator(`${now} [data-testid="claim-exchange"][data-exchange^="r"]`).first().click();
    expect(
      await page.$eval(`${now} [data-testid="registry"]`, (d) => (d as HTMLDetailsElement).open),
    ).toBe(true);
    expect(
      await page.$eval(`${then} [data-testid="registry"]`, (d) => (d as HTMLDetailsElement).open),
    ).toBe(false);
    expect(await focusedSide(page)).toBe('now');
    expect(await inView(page, `${now} [data-testid="registry"]`)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
