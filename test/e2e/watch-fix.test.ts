/**
 * Issue 15, "Done when": a watch sees the lab change a zone under it, with nothing mocked.
 * `www.fixme.lab.` starts bogus (the DS in `lab.` is of a key the zone never published);
 * while the page watches it, the lab publishes the right DS (test/lab/changes.ts re-signs
 * `lab.` and reloads BIND). `www.breakme.lab.` starts secure; the lab re-signs it with
 * every signature expired. The resolvers are not flushed: they follow as their caches say
 * (Unbound's cap of 5 s, its 60 s key cache for a bogus DS, BIND's 30 s bad cache), as
 * public resolvers follow a fix only when their caches run out.
 *
 * Each time the timeline gains the run that changed, the verdict card shows it, the run
 * lists what changed (the diff), the title and the live region say so, and a notification
 * is shown (permission granted in the test's context). Screenshots: watch-fix-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { applyLabChange, resetLabChanges, type AppliedChange } from '../lab/changes';
import { openPage, screenshot } from './harness';
import { labCheckUrl, useLabApp } from './lab-app';
import { notificationsOf, recordNotifications, runsOf, waitForRuns } from './watch-page';

/** Time enough for BIND's bad cache and Unbound's bogus-key cache (60 s) and a few runs. */
const CHANGE_SEEN_MS = 150_000;

async function verdictOf(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="verdict"]', 'data-verdict');
}

/** Waits until the newest run has this verdict; returns how many runs that took. */
async function waitForVerdict(page: Page, verdict: string): Promise<number> {
  await page.waitForFunction(
    (wanted) =>
      document.querySelector('[data-testid="watch-run"]')?.getAttribute('data-verdict') === wanted,
    verdict,
    { timeout: CHANGE_SEEN_MS, polling: 500 },
  );
  return page.locator('[data-testid="watch-run"]').count();
}

/**
 * What the diffs of the timeline list, newest run first, as `kind/change` pairs: a fix may
 * reach the resolvers one after another, so what changed may spread over several runs.
 */
async function diffKinds(page: Page): Promise<string[]> {
  const newest = page.locator('[data-testid="watch-run"]').first();
  await newest.locator('[data-testid="diff"][data-state="ready"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="watch-run-diff"] [data-testid="diff"]').length ===
      document.querySelectorAll(
        '[data-testid="watch-run-diff"] [data-testid="diff"][data-state="ready"]',
      ).length,
  );
  return page
    .locator('[data-testid="watch-run-diff"] [data-testid="diff"] li[data-kind]')
    .evaluateAll((items) =>
      items.map((li) => `${li.getAttribute('data-kind')}/${li.getAttribute('data-change') ?? '-'}`),
    );
}

describe('a watch sees the lab fix and break a zone', () => {
  const app = useLabApp();

  beforeAll(async () => {
    await resetLabChanges(['fixme', 'breakme']);
  }, 120_000);
  afterAll(async () => {
    await resetLabChanges(['fixme', 'breakme']);
  }, 120_000);

  async function watchName(qname: string) {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['notifications'], { origin: app.server.baseUrl });
    await recordNotifications(context);
    const url = `${labCheckUrl(app.server.baseUrl, app.manifest, qname, 'A')}&watch=10`;
    const opened = await openPage(context, url);
    await waitForRuns(opened.page, 1);
    return { context, ...opened };
  }

  it(
    'a bogus zone gets its DS: the timeline turns ok within the ETA, with a notification',
    async () => {
      const { context, page, errors } = await watchName('www.fixme.lab');
      expect(await verdictOf(page)).toBe('dnssec-bogus');
      expect(await page.getAttribute('[data-testid="verdict"]', 'data-reason')).toBe('ds-mismatch');
      // The card's ETA rests on the DS TTL at lab. (3600 s) and five minutes of failure caching.
      const eta = Number(await page.getAttribute('[data-testid="fix-eta"]', 'data-seconds'));
      expect(eta).toBe(3600 + 300);

      const fixed: AppliedChange = await applyLabChange('fixme');
      expect(fixed.state).toBe('right-ds');
      const runs = await waitForVerdict(page, 'ok');
      expect(runs).toBeGreaterThan(1);
      const timeline = await runsOf(page);
      const ok = timeline.at(-1)!;
      // Seen within the ETA the first run gave (the lab's caches are far shorter).
      expect(ok.at - fixed.servedAt).toBeLessThan(eta * 1000);
      expect(timeline[0]!.verdict).toBe('dnssec-bogus');
      expect(await verdictOf(page)).toBe('ok');
      expect(await page.locator('[data-testid="fix-eta"]').count()).toBe(0);

      // What changed: the DS at the parent (the never-published key's out, the KSK's in).
      const kinds = await diffKinds(page);
      expect(kinds.some((k) => k.startsWith('verdict/'))).toBe(true);
      expect(kinds).toEqual(expect.arrayContaining(['ds/added', 'ds/removed']));
      expect(await page.title()).toBe('✓ fixed: www.fixme.lab — SERVFAIL Lens');
      expect(await page.textContent('[data-testid="watch-announce"]')).toMatch(
        /^Fixed: www\.fixme\.lab\. .*Now ok \(secure\), before /,
      );
      const shown = await notificationsOf(page);
      expect(shown.at(-1)?.title).toBe('Fixed: www.fixme.lab');
      await screenshot(page, 'watch-fix-fixed-1280');
      expect(errors).toEqual([]);
      await context.close();
    },
    CHANGE_SEEN_MS + 60_000,
  );

  it(
    'a working zone loses its signatures: the timeline turns bogus, with a notification',
    async () => {
      const { context, page, errors } = await watchName('www.breakme.lab');
      expect(await verdictOf(page)).toBe('ok');
      expect(await page.textContent('[data-testid="watch"]')).toBe('Stop watching');

      const broken = await applyLabChange('breakme');
      expect(broken.state).toBe('expired');
      await waitForVerdict(page, 'dnssec-bogus');
      const timeline = await runsOf(page);
      expect(timeline[0]!.verdict).toBe('ok');
      expect(timeline.at(-1)!.reason).toBe('rrsig-expired');
      expect(timeline.at(-1)!.at).toBeGreaterThan(broken.servedAt);
      expect(await page.getAttribute('[data-testid="verdict"]', 'data-reason')).toBe(
        'rrsig-expired',
      );
      // The broken card says when a re-signing will have reached every resolver: DNSKEY TTL.
      expect(Number(await page.getAttribute('[data-testid="fix-eta"]', 'data-seconds'))).toBe(
        1800 + 300,
      );
      const kinds = await diffKinds(page);
      expect(kinds.some((k) => k.startsWith('verdict/'))).toBe(true);
      expect(kinds.some((k) => k.startsWith('expiration/'))).toBe(true);
      expect(await page.title()).toBe('✗ broken: www.breakme.lab — SERVFAIL Lens');
      const shown = await notificationsOf(page);
      expect(shown.at(-1)?.title).toBe('Broken: www.breakme.lab');
      await screenshot(page, 'watch-fix-broken-1280');
      expect(errors).toEqual([]);
      await context.close();
    },
    CHANGE_SEEN_MS + 60_000,
  );
});
