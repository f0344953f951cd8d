/**
 * Issue 16, deliverable 1 in Chromium: a working name comes back "ok, but …". Each of the
 * lab's early-warning zones (test/lab/zones.ts), checked live against the lab's resolvers,
 * shows its verdict ok and its warning (`[data-testid=verdict-warnings]
 * li[data-warning=<id>]`) with the records it rests on and links to the exchanges; the zone
 * whose CDS matches its DS (cds-ok) shows none of them. The card with the CDS warning and
 * the NSEC3 one is photographed at 1280 and 360 px, light and dark
 * (test-results/screenshots/early-warning-*.png). Needs the lab up and a build (LENS_DIST).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labScenario } from '../lab/scenarios';
import { openPage, SCREENSHOT_DIR } from './harness';
import { scenarioCheckUrl, useLabApp, waitForDone } from './lab-app';

const CHAIN_WARNINGS = [
  'nsec3-iterations',
  'algorithm-deprecated',
  'ds-sha1-only',
  'ds-unused',
  'cds-mismatch',
];

/** Each zone, its warning, and what its sentence must say (the zone's own records). */
const CASES = [
  {
    scenario: 'nsec3-iter',
    warning: 'nsec3-iterations',
    text: /^nsec3-iter\.lab\. uses NSEC3 with 10 extra iterations and salt AABBCCDD \(\S+\.nsec3-iter\.lab\. \d+ IN NSEC3 1 0 10 AABBCCDD .*Re-sign the zone with NSEC3 parameters 1 0 0 -/s,
  },
  {
    scenario: 'rsasha1',
    warning: 'algorithm-deprecated',
    text: /^rsasha1\.lab\. is signed only with algorithm 5 RSASHA1 \(keys \d+ and \d+\), which RFC 8624 §3\.1 says not to sign with\..*Red Hat Enterprise Linux 9/s,
  },
  {
    scenario: 'sha1-ds',
    warning: 'ds-sha1-only',
    text: /^lab\. publishes only SHA-1 \(digest type 1\) DS records for sha1-ds\.lab\.: sha1-ds\.lab\. \d+ IN DS \d+ 13 1 [0-9A-F]{40}\..*Add a SHA-256 \(digest type 2\) DS/s,
  },
  {
    scenario: 'leftover-ds',
    warning: 'ds-unused',
    text: /^The parent publishes a DS for leftover-ds\.lab\. that matches none of its keys \(leftover-ds\.lab\. \d+ IN DS \d+ 13 2 [0-9A-F]{64}\), beside the DS for key \d+\./,
  },
  {
    scenario: 'cds-bad',
    warning: 'cds-mismatch',
    text: /^cds-bad\.lab\. publishes CDS\/CDNSKEY records \(cds-bad\.lab\. \d+ IN CDS (\d+) 13 2 .*\) for key \1, which the zone publishes but which does not sign its DNSKEY set\..*would answer SERVFAIL/s,
  },
] as const;

describe('early warnings on a working name', () => {
  const app = useLabApp({ desktop: true });

  async function warningsOf(scenario: string) {
    const url = scenarioCheckUrl(app.server.baseUrl, app.manifest, labScenario(scenario));
    const { page, errors } = await openPage(app.desktop, url);
    await waitForDone(page);
    const verdict = page.locator('[data-testid="verdict"]');
    const items = page.locator('[data-testid="verdict-warnings"] li[data-warning]');
    const ids = await items.evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).dataset.warning),
    );
    return { page, errors, verdict, items, ids };
  }

  for (const c of CASES) {
    it(`${c.scenario}: ok, with ${c.warning}, its records and its exchanges`, async () => {
      const { page, errors, verdict, ids } = await warningsOf(c.scenario);
      expect(await verdict.getAttribute('data-verdict')).toBe('ok');
      // "ok, but …": the headline sends the reader to the warning.
      expect(await page.locator('[data-testid="verdict-headline"]').innerText()).toMatch(
        /check out\. But one warning below says how it can break later\.$/,
      );
      // Its own chain warning, and no other.
      expect(ids.filter((id) => CHAIN_WARNINGS.includes(id!))).toEqual([c.warning]);
      const item = page.locator(`[data-testid="verdict-warnings"] li[data-warning="${c.warning}"]`);
      expect((await item.locator('span').first().innerText()).trim()).toMatch(c.text);
      // Each exchange it rests on is a link to that exchange in the evidence.
      const chips = item.locator('[data-testid="warning-exchange"]');
      expect(await chips.count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('cds-ok: a CDS that matches the parent’s DS raises nothing', async () => {
    const { page, errors, verdict, ids } = await warningsOf('cds-ok');
    expect(await verdict.getAttribute('data-verdict')).toBe('ok');
    expect(ids.filter((id) => CHAIN_WARNINGS.includes(id!))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('photographed: the CDS and NSEC3 warnings at 1280 and 360 px, light and dark', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const scenario of ['cds-bad', 'nsec3-iter']) {
      for (const width of [1280, 360]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await app.browser.newContext({
            viewport: { width, height: 900 },
            colorScheme,
            serviceWorkers: 'block',
          });
          const url = scenarioCheckUrl(app.server.baseUrl, app.manifest, labScenario(scenario));
          const { page, errors } = await openPage(context, url);
          await waitForDone(page);
          const list = page.locator('[data-testid="verdict-warnings"]');
          await list.scrollIntoViewIfNeeded();
          // Nothing wider than the phone's screen.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${scenario} ${width} ${colorScheme}`).toBeLessThanOrEqual(0);
          await page.locator('[data-testid="verdict"]').screenshot({
            path: resolve(SCREENSHOT_DIR, `early-warning-${scenario}-${width}-${colorScheme}.png`),
          });
          expect(errors).toEqual([]);
          await context.close();
        }
      }
    }
  });
});
