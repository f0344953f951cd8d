/**
 * Issue 16, deliverables 2 and 3: the DS check before publishing, in Chromium against the
 * DNS lab (nothing mocked). For ds-mismatch.lab., whose parent publishes the DS of a key the
 * zone never had, the DS of the zone's KSK gives `secure`, the DS of its ZSK (a key that
 * signs no DNSKEY set) gives `breaks`, and no DS at all gives `insecure`. The right DS is
 * computed from the lab's own key files by BIND's dnssec-dsfromkey, not by the app.
 *
 * Also: a mistyped record is named and the others still checked; the verdict card and the
 * DS fix open the page filled in, and so does the owner's report; editing keeps the URL
 * (history.replaceState); Back and Forward move between the check and the DS check.
 * Screenshots at 1280 px (light) and 360 px (dark), and axe on the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dsCheckFragment } from '../../src/report/route';
import { runPaths } from '../lab/paths';
import { axeViolations } from './axe';
import { openPage, screenshot, SCREENSHOT_DIR } from './harness';
import { scenarioCheckUrl, useLabApp, waitForDone } from './lab-app';

const ZONE = 'ds-mismatch.lab.';

/** The DS (SHA-256) of the lab key of ZONE with this role, as dnssec-dsfromkey prints it. */
function labDs(role: 'key-signing' | 'zone-signing'): string {
  const dir = join(runPaths.keys, 'ds-mismatch');
  const file = readdirSync(dir).find(
    (f) => f.endsWith('.key') && readFileSync(join(dir, f), 'utf8').includes(`a ${role} key`),
  );
  if (!file) throw new Error(`no ${role} key for ${ZONE} in ${dir}`);
  return execFileSync('dnssec-dsfromkey', ['-2', join(dir, file)], { encoding: 'utf8' }).trim();
}

interface Checked {
  readonly result: string;
  readonly statuses: readonly string[];
  readonly advice: string | null;
}

/** Waits for the answer and reads its DOM contract. */
async function checked(page: Page): Promise<Checked> {
  const section = page.locator('[data-testid="ds-check"]');
  await section.waitFor({ timeout: 20_000 });
  return {
    result: (await section.getAttribute('data-result')) ?? '',
    statuses: await section
      .locator('li[data-ds]')
      .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.status ?? '')),
    advice: await page.locator('[data-testid="ds-meanwhile"]').getAttribute('data-advice'),
  };
}

/** Types records into the text area and presses Check; waits for the new answer. */
async function checkRecords(page: Page, text: string): Promise<Checked> {
  await page.fill('[data-testid="ds-check-records"]', text);
  const before = await page.locator('[data-testid="ds-check"]').count();
  await page.click('[data-testid="ds-check-run"]');
  if (before > 0)
    await page.waitForSelector('[data-testid="ds-check-progress"]', { state: 'detached' });
  return checked(page);
}

describe('the DS check before publishing (against the lab)', () => {
  const app = useLabApp();
  const overrides = () => ({
    resolvers: app.manifest.resolvers.map((r) => r.dohUrl),
    trustAnchors: app.manifest.trustAnchors,
    rdap: app.manifest.rdap.bootstrap,
  });
  const dsCheckUrl = (records: readonly string[]) =>
    app.server.baseUrl + dsCheckFragment(ZONE, records, overrides());

  async function context(options: { width: number; dark?: boolean }): Promise<BrowserContext> {
    return app.browser.newContext({
      viewport: { width: options.width, height: 900 },
      colorScheme: options.dark ? 'dark' : 'light',
      // The test's own axe script is let in; the app's CSP allows no inline script.
      bypassCSP: true,
    });
  }

  it('the right DS gives secure, a ZSK’s DS breaks, no DS is insecure', async () => {
    const ksk = labDs('key-signing');
    const zsk = labDs('zone-signing');
    const ctx = await context({ width: 1280 });
    const { page, errors } = await openPage(ctx, dsCheckUrl([ksk]));

    // A link with records is checked at once.
    const right = await checked(page);
    expect(right).toEqual({ result: 'secure', statuses: ['valid'], advice: 'remove-now' });
    expect(await page.locator('li[data-ds="0"]').textContent()).toMatch(/Matches the KSK \d+/);
    // The exchanges it rests on: the zone's DNSKEY and DS, CD=1, at the first resolver.
    const exchanges = page.locator('[data-testid="ds-check-exchange"]');
    expect(await exchanges.count()).toBe(2);
    expect(await exchanges.first().textContent()).toContain(app.manifest.resolvers[0]!.dohUrl);
    await page.click('text=What this rests on');
    await screenshot(page, 'ds-check-secure-1280');
    expect(await axeViolations(page)).toEqual([]);

    // Editing replaces the URL: no history entry per keystroke, and the fragment carries it.
    const entries = await page.evaluate(() => history.length);
    const wrong = await checkRecords(page, zsk);
    expect(wrong).toMatchObject({ result: 'breaks', statuses: ['key-not-signing'] });
    expect(await page.evaluate(() => history.length)).toBe(entries);
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`ds=${zsk}`);
    await screenshot(page, 'ds-check-breaks-1280');

    const none = await checkRecords(page, '');
    expect(none.result).toBe('insecure');
    expect(none.statuses).toEqual([]);
    expect(new URL(page.url()).hash).toBe(dsCheckFragment(ZONE, [], overrides()));
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a mistyped record is named, and the other lines are still checked (360 px, dark)', async () => {
    const ksk = labDs('key-signing');
    const ctx = await context({ width: 360, dark: true });
    const typo = ksk.replace(/ 2 ([0-9A-F]{10})/, ' 2 $1Z');
    const { page, errors } = await openPage(ctx, dsCheckUrl([typo, ksk, 'publish me please']));
    const result = await checked(page);
    expect(result).toMatchObject({
      result: 'secure',
      statuses: ['malformed', 'valid', 'malformed'],
    });
    expect(await page.locator('li[data-ds="0"]').textContent()).toMatch(
      /This record could not be read: the digest is not hexadecimal/,
    );
    expect(await page.locator('[data-testid="ds-check-headline"]').textContent()).toMatch(
      /2 records could not be read/,
    );
    // Keyboard: from the zone field, Tab reaches the records and then Check; Enter runs it.
    await page.focus('[data-testid="ds-check-zone"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'ds-check-records',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'ds-check-run',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="ds-check-progress"]', { state: 'detached' });
    expect((await checked(page)).result).toBe('secure');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(page, 'ds-check-typo-360-dark');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a resolver that gives no DNS answer: the transport’s own class and message, nothing judged', async () => {
    const ctx = await context({ width: 1280 });
    // 256 random octets: not decodable, or decodable as the answer to another question.
    const expected: Readonly<Record<string, RegExp>> = {
      '500': /^http-status$/,
      garbage: /^(malformed|mismatch)$/,
      html: /^content-type$/,
      nocors: /^unreachable$/,
    };
    for (const [front, errorClass] of Object.entries(expected)) {
      const url = app.manifest.brokenFronts.find((f) => f.id === front)?.url;
      if (!url) throw new Error(`no broken front ${front}`);
      const link =
        app.server.baseUrl +
        dsCheckFragment(ZONE, [labDs('key-signing')], { ...overrides(), resolvers: [url] });
      const { page } = await openPage(ctx, link, { ignoreErrors: /./ });
      const problem = page.locator('[data-testid="ds-check-problem"]');
      await problem.waitFor({ timeout: 20_000 });
      const dnskey = page.locator('[data-testid="ds-check-exchange"][data-type="DNSKEY"]');
      const seen = (await dnskey.getAttribute('data-status')) ?? '';
      expect(seen, front).toMatch(errorClass);
      expect(await problem.textContent(), front).toContain(`(${seen}):`);
      expect(await page.locator('[data-testid="ds-check"]').count()).toBe(0);
      if (front === '500') {
        await screenshot(page, 'ds-check-problem-1280');
        expect(await axeViolations(page)).toEqual([]);
      }
      await page.close();
    }
    await ctx.close();
  });

  it('the verdict card, the DS fix and the report open the check filled in; Back and Forward', async () => {
    const scenario = app.manifest.scenarios.find((s) => s.id === 'ds-mismatch');
    if (!scenario) throw new Error('no lab scenario ds-mismatch');
    const ctx = await context({ width: 1280 });
    const { page, errors } = await openPage(
      ctx,
      scenarioCheckUrl(app.server.baseUrl, app.manifest, scenario),
    );
    await waitForDone(page);
    expect(await page.getAttribute('[data-testid="verdict"]', 'data-reason')).toBe('ds-mismatch');
    const checkUrl = page.url();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.locator('[data-testid="verdict"]').screenshot({
      path: join(SCREENSHOT_DIR, 'ds-check-links-verdict-1280.png'),
    });

    // The card's link: the zone, with the DS set its parent publishes today (the wrong one).
    await page.click('[data-testid="ds-check-link"]');
    const today = await checked(page);
    expect(today).toMatchObject({ result: 'breaks', statuses: ['no-key'], advice: 'unchanged' });
    expect(await page.inputValue('[data-testid="ds-check-zone"]')).toBe('ds-mismatch.lab');
    expect(await page.inputValue('[data-testid="ds-check-records"]')).toMatch(
      /^ds-mismatch\.lab\. IN DS \d+ 13 2 [0-9A-F]{64}$/,
    );

    // Back to the check, Forward to the DS check again.
    await page.goBack();
    await page.waitForSelector('[data-testid="verdict"][data-verdict="dnssec-bogus"]', {
      timeout: 30_000,
    });
    expect(page.url()).toBe(checkUrl);
    await page.goForward();
    expect((await checked(page)).result).toBe('breaks');

    // The DS fix's link: the records the fix proposes (SHA-256 and SHA-384 of the KSK).
    await page.goBack();
    await waitForDone(page);
    const fixLink = page.locator('[data-testid="fix-ds-check"]');
    const fixHref = (await fixLink.getAttribute('href')) ?? '';
    await fixLink.click();
    const proposed = await checked(page);
    expect(proposed).toMatchObject({
      result: 'secure',
      statuses: ['valid', 'valid'],
      advice: 'remove-now',
    });
    const lines = (await page.inputValue('[data-testid="ds-check-records"]')).split('\n');
    expect(lines[0]).toBe(labDs('key-signing'));
    expect(lines[1]).toMatch(/^ds-mismatch\.lab\. IN DS \d+ 13 4 [0-9A-F]{96}$/);
    await screenshot(page, 'ds-check-from-fix-1280');

    // The owner's report carries the same link, whole, on a line of its own.
    await page.goBack();
    await waitForDone(page);
    await page.click('[data-testid="report-toggle"]');
    const report = (await page.textContent('[data-testid="report-text"]')) ?? '';
    const base = checkUrl.split('#')[0] ?? '';
    expect(report.split('\n')).toContain(base + fixHref);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
