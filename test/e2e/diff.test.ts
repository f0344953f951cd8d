/**
 * Issue 15, deliverables 3 and 4: what changed between two results of one name, in the
 * built app against the DNS lab. The lab makes fresh keys at every start, so the recording
 * of `ds-mismatch` in test/fixtures/lab (an earlier lab) and a live check of the same name
 * now are a real pair: other keys at the root, in `lab.` and in the zone, another DS.
 *
 * - History groups the two saved results under one name with their verdicts over time,
 *   and "Compare with newest" lists exactly the differences `diffResults` finds in Node
 *   for the same two Evidence files (the live one read back from its evidence link).
 * - Then and now: the old recording's evidence link, checked again, lists the differences
 *   above the two sides, and a difference's "now" link opens that response in the "now" view.
 *
 * Photographs at 1280 and 360 px, light and dark (test-results/screenshots/diff-*.png),
 * each after axe-core found nothing serious on the page and no sideways scrolling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { diffResults } from '../../src/diagnosis/diff/diff-results';
import { parseEvidence } from '../../src/evidence/codec';
import { answerOf } from '../../src/evidence/decoded';
import { groupDifferences } from '../../src/ui/diff/diff-model';
import type { Evidence } from '../../src/evidence/evidence';
import { decodeEvidenceLink, encodeEvidenceLink } from '../../src/report/permalink';
import { LAB_FIXTURE_DIR, loadLabFixture } from '../fixtures/lab-fixtures';
import { sideOf } from '../unit/diagnosis/diff-sides';
import { axeViolations } from './axe';
import { openPage, screenshot } from './harness';
import { labCheckUrl, useLabApp, waitForDone } from './lab-app';

const NAME = 'www.ds-mismatch.lab.';
const LOOKS = [
  { name: 'desktop-light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  { name: 'phone-light', viewport: { width: 360, height: 780 }, colorScheme: 'light' },
  { name: 'phone-dark', viewport: { width: 360, height: 780 }, colorScheme: 'dark' },
] as const;

/** The Evidence of a page's evidence link (`within` narrows to one side). */
async function evidenceOf(page: Page, within = ''): Promise<Evidence> {
  const href = (await page.getAttribute(`${within} [data-testid="evidence-link"]`, 'href')) ?? '';
  const decoded = await decodeEvidenceLink(href.replace(/^#\/evidence\//, ''));
  if (!decoded.ok) throw new Error(`evidence link: ${decoded.message}`);
  return decoded.evidence;
}

/**
 * What `diffResults` says in Node, as the list shows it: kind and sentence, grouped by topic
 * as the page groups them (diff-model.ts).
 */
/** The key tags of the DS records lab. published for the name's zone, as one string. */
function dsTags(evidence: Evidence): string {
  const x = evidence.exchanges.find(
    (e) => e.purpose === 'ds' && e.question.name === 'ds-mismatch.lab.' && e.response,
  )!;
  const message = answerOf(x)!;
  return message.answer
    .filter((rr) => rr.type === 'DS')
    .map((rr) => rr.rdata.split(' ')[0])
    .sort()
    .join(',');
}

async function expectedList(before: Evidence, after: Evidence): Promise<string[][]> {
  const differences = diffResults(await sideOf(before), await sideOf(after));
  return groupDifferences(differences).flatMap((g) => g.differences.map((d) => [d.kind, d.text]));
}

/** The list on the page, in the order shown (topic by topic). */
async function shownList(page: Page, within = ''): Promise<string[][]> {
  await page.waitForSelector(`${within} [data-testid="diff"][data-state="ready"]`, {
    timeout: 30_000,
  });
  return page.$$eval(`${within} [data-testid="diff"] li[data-kind]`, (items) =>
    items.map((li) => [
      (li as HTMLElement).dataset.kind ?? '',
      li.querySelector('.text')?.textContent ?? '',
    ]),
  );
}

/**
 * A first visit's "Ready to work offline" note comes once the service worker is active and
 * would cover the list in photographs and clicks: acknowledged, as a person would.
 */
async function dismissOfflineNote(page: Page): Promise<void> {
  const note = page.locator('[data-testid="sw-toast"] button');
  await note.waitFor({ timeout: 15_000 }).catch(() => undefined);
  if ((await note.count()) > 0) await note.first().click();
}

async function photograph(page: Page, name: string, scrollTo: string): Promise<void> {
  for (const look of LOOKS) {
    await page.setViewportSize(look.viewport);
    await page.emulateMedia({ colorScheme: look.colorScheme });
    await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} ${look.name} scrolls sideways`).toBeLessThanOrEqual(0);
    // Contrast in either scheme, names that say what the controls show.
    expect(await axeViolations(page), `${name} ${look.name}`).toEqual([]);
    await screenshot(page, `diff-${name}-${look.name}`);
  }
}

describe('what changed between two results of one name', () => {
  const app = useLabApp();

  it('History groups them by name with their verdicts over time, and compares them', async () => {
    // axe-core is injected as an inline script, which the app's policy forbids.
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const { page, errors } = await openPage(
      context,
      labCheckUrl(app.server.baseUrl, app.manifest, NAME, 'A'),
    );
    await waitForDone(page);
    await dismissOfflineNote(page);
    const live = await evidenceOf(page);
    const recorded = loadLabFixture('ds-mismatch');
    expect(recorded.startedAt).toBeLessThan(live.startedAt);

    // The earlier recording joins it in History (a file, as someone would send it).
    await page.goto(`${app.server.baseUrl}#/history`);
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'ds-mismatch.json',
      mimeType: 'application/json',
      buffer: readFileSync(join(LAB_FIXTURE_DIR, 'ds-mismatch.json')),
    });
    const group = page.locator(`[data-testid="history-group"][data-name="${NAME}"]`);
    await group
      .locator('[data-testid="history-mark"][data-verdict="dnssec-bogus"]')
      .nth(1)
      .waitFor({
        timeout: 30_000,
      });
    expect(await page.locator('[data-testid="history-group"]').count()).toBe(1);
    expect(await group.getAttribute('data-count')).toBe('2');
    expect(await group.locator('[data-testid="history-item"]').count()).toBe(2);
    // One mark per result, newest first, each opening that result.
    const marks = await group.locator('[data-testid="history-mark"]').evaluateAll((all) =>
      all.map((a) => ({
        verdict: (a as HTMLElement).dataset.verdict,
        href: a.getAttribute('href'),
      })),
    );
    const items = await group
      .locator('[data-testid="history-item"]')
      .evaluateAll((all) => all.map((li) => `#/saved/${(li as HTMLElement).dataset.id}`));
    expect(marks).toEqual(items.map((href) => ({ verdict: 'dnssec-bogus', href })));

    // The entry observed earlier (the recording, though imported last) against the newest.
    expect(await group.locator('[data-testid="history-compare"]').count()).toBe(1);
    await group.locator('[data-testid="history-compare"]').click();
    const shown = await shownList(page, '[data-testid="history-comparison"]');
    const expected = await expectedList(recorded, live);
    expect(shown).toEqual(expected);
    // Between two builds of the lab (the recording's and this one) every key was made
    // anew: a real rollover, so the DS at lab. and the zone's keys and signer changed. A
    // recording made from this very lab shows none of that.
    const kinds = new Set(shown.map(([kind]) => kind));
    const sameLab = dsTags(recorded) === dsTags(live);
    for (const kind of ['ds', 'dnskey', 'signer']) expect(kinds.has(kind)).toBe(!sameLab);
    expect(kinds.has('verdict')).toBe(false);
    await photograph(page, 'history', '[data-testid="history-comparison"]');

    await page.click('[data-testid="history-compare-close"]');
    expect(await page.locator('[data-testid="diff"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('then and now: an old recording checked again lists what changed, linked to both sides', async () => {
    // axe-core is injected as an inline script, which the app's policy forbids.
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const recorded = loadLabFixture('ds-mismatch');
    const link = `${app.server.baseUrl}#/evidence/${await encodeEvidenceLink(recorded)}`;
    const { page, errors } = await openPage(context, link);
    await waitForDone(page);
    await dismissOfflineNote(page);
    expect(await page.locator('[data-testid="diff"]').count()).toBe(0);
    // Checked again with the recording's own anchors: the lab root it was made under.
    await page.click('[data-testid="check-again-link-anchors"]');
    await page.waitForSelector('[data-testid="diff-waiting"]');
    await page.waitForSelector('[data-testid="now"] [data-testid="progress"][data-status="done"]', {
      timeout: 30_000,
    });
    const now = await evidenceOf(page, '[data-testid="now"]');
    const shown = await shownList(page);
    expect(shown).toEqual(await expectedList(recorded, now));
    expect(shown.length).toBeGreaterThan(0);
    // Above both sides.
    const top = (selector: string) =>
      page.$eval(selector, (e) => e.getBoundingClientRect().top + window.scrollY);
    expect(await top('[data-testid="diff"]')).toBeLessThan(await top('[data-testid="then"]'));

    await photograph(page, 'then-and-now', '[data-testid="diff"]');

    // A difference's "now" link opens that response in the "now" view.
    const chip = page.locator('[data-testid="diff-exchange"][data-side="after"]').first();
    const id = (await chip.getAttribute('data-exchange')) ?? '';
    const asked = now.exchanges.find((x) => x.id === id)!;
    await chip.click();
    await page.waitForSelector(
      '[data-testid="now"] [data-testid="cell-detail"] [data-testid="dig-text"]',
    );
    expect(await page.textContent('[data-testid="now"] [data-testid="dig-command"]')).toContain(
      asked.question.name,
    );
    expect(await page.locator('[data-testid="then"] [data-testid="cell-detail"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('History: a lame delegation fixed (two recordings of the lab) goes from red to green, and says what changed', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const { page, errors } = await openPage(context, `${app.server.baseUrl}#/history`);
    await dismissOfflineNote(page);
    const pairs = join(LAB_FIXTURE_DIR, '..', 'lab-pairs', 'relame');
    for (const side of ['after', 'before']) {
      await page.setInputFiles('[data-testid="import-file"]', {
        name: `relame-${side}.json`,
        mimeType: 'application/json',
        buffer: readFileSync(join(pairs, `${side}.json`)),
      });
      await page.waitForFunction(
        (name) =>
          document.querySelector('[data-testid="import-result"]')?.textContent?.includes(name),
        `relame-${side}.json`,
      );
    }
    const group = page.locator('[data-testid="history-group"][data-name="www.relame.lab."]');
    await group.locator('[data-testid="history-mark"][data-verdict="lame-delegation"]').waitFor({
      timeout: 30_000,
    });
    await group.locator('[data-testid="history-mark"][data-verdict="ok"]').waitFor();
    // Newest observed first: ok now, lame before, whatever order they were imported in.
    expect(
      await group
        .locator('[data-testid="history-mark"]')
        .evaluateAll((all) => all.map((a) => (a as HTMLElement).dataset.verdict)),
    ).toEqual(['ok', 'lame-delegation']);
    await group.locator('[data-testid="history-compare"]').click();
    const shown = await shownList(page, '[data-testid="history-comparison"]');
    const [before, after] = ['before', 'after'].map((side) => {
      const read = parseEvidence(JSON.parse(readFileSync(join(pairs, `${side}.json`), 'utf8')));
      if (!read.ok) throw new Error(read.message);
      return read.evidence;
    });
    expect(shown).toEqual(await expectedList(before!, after!));
    expect(shown[0]).toEqual([
      'verdict',
      'The verdict went from lame-delegation (ns-failure: the nameservers fail to answer for the zone) to ok (secure: validated from the trust anchor).',
    ]);
    await photograph(page, 'history-relame', '[data-testid="history-group"]');
    expect(errors).toEqual([]);
    await context.close();
  });
});
