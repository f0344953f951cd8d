/**
 * Issue 15, deliverable 2 in Chromium: a failing check's card says when every resolver will
 * have followed a fix (`[data-testid=fix-eta]` with `data-seconds`), each resolver's line,
 * what it rests on (linked to the exchanges like the card's claims) and, for Google and
 * Cloudflare, their cache-flush pages, marked as leaving the app. Against the live lab
 * (ds-mismatch: the lab's zones have TTL 300, plus RFC 9520's five minutes of cached
 * failure), photographed at 1280 and 360 px in light and dark
 * (test-results/screenshots/fix-eta-*.png); and from a recording as if asked at Google and
 * Cloudflare, for the flush links. Needs the lab up and a build (LENS_DIST).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Evidence } from '../../src/evidence/evidence';
import { encodeEvidenceLink } from '../../src/report/permalink';
import { evidenceFragment } from '../../src/report/route';
import { loadLabFixture } from '../fixtures/lab-fixtures';
import { flushUnboundCaches } from '../lab/flush';
import { openPage, screenshot, SCREENSHOT_DIR } from './harness';
import { labCheckUrl, useLabApp, waitForDone } from './lab-app';

/** The ds-mismatch recording as if its first two resolvers were Google and Cloudflare. */
function askedAtPublicResolvers(): Evidence {
  const lab = loadLabFixture('ds-mismatch');
  const rename = new Map([
    [lab.resolvers[0]!.url, 'https://dns.google/dns-query'],
    [lab.resolvers[1]!.url, 'https://cloudflare-dns.com/dns-query'],
  ]);
  const renamed = (url: string) => rename.get(url) ?? url;
  return {
    ...lab,
    resolvers: lab.resolvers.map((r, i) => ({
      url: renamed(r.url),
      label: i === 0 ? 'Google' : i === 1 ? 'Cloudflare' : r.label,
    })),
    exchanges: lab.exchanges.map((x) => ({ ...x, resolver: renamed(x.resolver) })),
  };
}

/** The ETA block alone, as test-results/screenshots/<name>.png. */
async function shoot(eta: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await eta.scrollIntoViewIfNeeded();
  await eta.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

async function etaOnPage(page: Page): Promise<Locator> {
  const eta = page.locator('[data-testid="fix-eta"]');
  await eta.waitFor();
  return eta;
}

describe('fix ETA on the verdict card', () => {
  const app = useLabApp();

  /**
   * A finished page in a context of its own: a live check of `qname` (or `fragment`), with
   * no service worker, so its "ready to work offline" note stays out of the photographs.
   */
  async function finished(
    target: { readonly qname: string } | { readonly fragment: string },
    options: { readonly width?: number; readonly colorScheme?: 'light' | 'dark' } = {},
  ) {
    const context = await app.browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      serviceWorkers: 'block',
    });
    const url =
      'qname' in target
        ? labCheckUrl(app.server.baseUrl, app.manifest, target.qname, 'A')
        : `${app.server.baseUrl}${target.fragment}`;
    const { page, errors } = await openPage(context, url);
    await waitForDone(page);
    return { context, page, errors };
  }

  it('a failing live check: 600 s, each resolver, the evidence; photographed light and dark, wide and narrow', async () => {
    await flushUnboundCaches();
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 360]) {
        const { context, page, errors } = await finished(
          { qname: 'www.ds-mismatch.lab.' },
          { width, colorScheme },
        );
        const eta = await etaOnPage(page);
        // The DS at lab. and the zone's DNSKEY set: 300 s each; then five minutes of failure.
        expect(await eta.getAttribute('data-seconds')).toBe('600');
        expect(await eta.innerText()).toContain(
          'every resolver asked will have dropped the broken answer within about 10 min',
        );
        const rows = eta.locator('[data-testid="fix-eta-resolver"]');
        expect(await rows.count()).toBe(app.manifest.resolvers.length);
        expect(await rows.first().innerText()).toMatch(
          /had [0-5] s left on its copy of ds-mismatch\.lab\. DS/,
        );
        // Loopback resolvers have no public flush page.
        expect(await eta.locator('[data-testid="flush-link"]').count()).toBe(0);
        await eta.locator('details.basis > summary').click();
        expect(
          await eta
            .locator('[data-testid="fix-eta-basis"]')
            .evaluateAll((items) =>
              items.map((li) => `${li.getAttribute('data-kind')} ${li.getAttribute('data-ttl')}`),
            ),
        ).toEqual(['ds 300', 'dnskey 300', 'failure-cache 300']);
        // No horizontal scrolling at 360 px.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `fix-eta-${width}-${colorScheme}`);
        await shoot(eta, `fix-eta-card-${width}-${colorScheme}`);
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  });

  it('a basis entry opens the exchange it rests on', async () => {
    const { context, page } = await finished({ qname: 'www.ds-mismatch.lab.' });
    const eta = await etaOnPage(page);
    await eta.locator('details.basis > summary').click();
    await eta
      .locator('[data-testid="fix-eta-basis"][data-kind="ds"] [data-testid="fix-eta-exchange"]')
      .click();
    const detail = page.locator('[data-testid="cell-detail"]');
    await detail.waitFor();
    expect(await detail.innerText()).toMatch(/ds-mismatch\.lab\.\s+\d+\s+IN\s+DS/);
    await context.close();
  });

  it('a lame delegation: cached failure only, and the referral TTL no resolver shows', async () => {
    await flushUnboundCaches();
    const { context, page, errors } = await finished({ qname: 'www.lame.lab.' });
    const eta = await etaOnPage(page);
    expect(await eta.getAttribute('data-seconds')).toBe('300');
    expect(await eta.locator('[data-testid="fix-eta-resolver"]').first().innerText()).toContain(
      'may keep its failure up to 5 min',
    );
    await eta.locator('details.basis > summary').click();
    expect(await eta.locator('[data-testid="fix-eta-unseen"]').innerText()).toMatch(
      /^Not shown: how long resolvers keep lab\.’s NS RRset for lame\.lab\. \(the referral\)/,
    );
    await shoot(eta, 'fix-eta-card-lame');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a working name shows none', async () => {
    const { context, page } = await finished({ qname: 'www.alg13.lab.' });
    expect(await page.getAttribute('[data-testid="verdict"]', 'data-verdict')).toBe('ok');
    expect(await page.locator('[data-testid="fix-eta"]').count()).toBe(0);
    await context.close();
  });

  it('Google and Cloudflare, when asked: their flush pages, leaving the app', async () => {
    const payload = await encodeEvidenceLink(askedAtPublicResolvers());
    const { context, page, errors } = await finished({ fragment: evidenceFragment(payload) });
    const eta = await etaOnPage(page);
    const links = eta.locator('[data-testid="flush-link"]');
    expect(
      await links.evaluateAll((anchors) =>
        anchors.map((a) => ({
          href: a.getAttribute('href'),
          target: a.getAttribute('target'),
          rel: a.getAttribute('rel'),
          text: a.textContent?.replace(/\s+/g, ' ').trim(),
        })),
      ),
    ).toEqual([
      {
        href: 'https://dns.google/cache',
        target: '_blank',
        rel: 'noopener noreferrer',
        text: 'Flush Google Public DNS’s cache (opens dns.google)',
      },
      {
        href: 'https://one.one.one.one/purge-cache/',
        target: '_blank',
        rel: 'noopener noreferrer',
        text: 'Flush Cloudflare 1.1.1.1’s cache (opens one.one.one.one)',
      },
    ]);
    await shoot(eta, 'fix-eta-public-resolvers');
    expect(errors).toEqual([]);
    await context.close();
  });
});
