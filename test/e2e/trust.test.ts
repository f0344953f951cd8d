/**
 * Issue 12, items 2, 3, 5 and 6 in Chromium against the lab: trust anchors that are not the
 * root's are said above the verdict (an evidence link that brings its own root key, a live
 * `ta=` check), "Check again now" defaults to the built-in root anchors, a link's resolvers
 * and registry bootstrap are named as text, a resolver URL with a query string of its own is
 * refused before anything is sent, an import file over the cap is refused from its size
 * without being read, and an imported entry's claimed verdict is replaced by one computed
 * from its Evidence. Screenshots at 1280 and 360 px: test-results/screenshots/trust-*.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { EVIDENCE_LIMITS } from '../../src/evidence/limits';
import { encodeEvidenceLink } from '../../src/report/permalink';
import { serialiseEvidence } from '../../src/evidence/codec';
import { checkFragment } from '../../src/report/route';
import { MAX_IMPORT_BYTES } from '../../src/store/export-file';
import type { Evidence } from '../../src/evidence/evidence';
import { runLiveInvestigation } from '../../src/investigate/run';
import { loadLabFixture } from '../fixtures/lab-fixtures';
import { flushUnboundCaches } from '../lab/flush';
import { loadLabManifest } from '../lab/manifest';
import { openPage, screenshot } from './harness';
import { labCheckUrl, useLabApp, waitForDone } from './lab-app';

const PHONE = { width: 360, height: 780 };

/** The key tag of a `. IN DS <tag> …` anchor. */
const tagOf = (ds: string): string => /\bDS\s+(\d+)\s/i.exec(ds)?.[1] ?? '';

/** The top edge of the first element matching `selector`, in page pixels. */
async function topOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  if (box === null) throw new Error(`${selector} is not laid out`);
  return box.y;
}

/** Whether the page is wider than its viewport (something pushed the layout sideways). */
async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

async function settledVerdict(page: Page, scope = ''): Promise<string> {
  const card = await page.waitForSelector(
    `${scope} [data-testid="verdict"]:not([data-verdict="running"])`,
    { timeout: 30_000 },
  );
  return (await card.getAttribute('data-verdict')) ?? '';
}

describe('trust anchors, link resolvers and contained failures', () => {
  const app = useLabApp({ desktop: true });
  /**
   * Evidence validated against the lab's own root key: Secure, for the lab only. Collected
   * now from the running lab (as the app does), because every lab:up makes new keys: a
   * stored recording's anchor would not match the lab that "Check again now" asks.
   */
  let recording: Evidence;
  let labTag = '';
  beforeAll(async () => {
    const manifest = loadLabManifest();
    await flushUnboundCaches();
    recording = await runLiveInvestigation({
      question: { name: 'www.alg13.lab.', type: 'A' },
      resolvers: manifest.resolvers.map((r) => ({ url: r.dohUrl, label: r.label })),
      trustAnchors: manifest.trustAnchors,
      rdapBootstrap: manifest.rdap.bootstrap,
      timeoutMs: 4000,
    });
    labTag = tagOf(recording.trustAnchors[0] ?? '');
  });

  it('an evidence link with a foreign root anchor says so above the verdict; Check again now defaults to the root anchors', async () => {
    expect(labTag).toMatch(/^\d+$/);
    const payload = await encodeEvidenceLink(recording);
    const url = `${app.server.baseUrl}#/evidence/${payload}`;
    const { page, errors } = await openPage(app.desktop, url);
    await waitForDone(page);
    expect(await settledVerdict(page, '[data-testid="then"]')).toBe('ok');

    const banner = page.locator('[data-testid="then"] [data-testid="custom-trust-anchor"]');
    await banner.waitFor();
    expect(await banner.getAttribute('data-key-tags')).toBe(labTag);
    expect(await banner.textContent()).toContain(
      `This result is validated against a trust anchor that is not the root's (key tag ${labTag}): 'Secure' here means secure for whoever made this link, not for the Internet.`,
    );
    expect(
      await topOf(page, '[data-testid="then"] [data-testid="custom-trust-anchor"]'),
    ).toBeLessThan(await topOf(page, '[data-testid="then"] [data-testid="verdict"]'));
    // The resolvers "Check again now" would ask are named, as text, before it is pressed.
    const asks = page.locator('[data-testid="observed"] [data-testid="link-resolvers"]');
    expect(await asks.locator('[data-testid="link-resolver"]').allTextContents()).toEqual(
      recording.resolvers.map((r) => r.url),
    );

    // Both choices: the root anchors first (the primary button), the link's second.
    const buttons = page.locator('[data-testid="observed"] button[data-anchors]');
    expect(
      await buttons.evaluateAll((b) => b.map((e) => (e as HTMLElement).dataset.testid)),
    ).toEqual(['check-again', 'check-again-link-anchors']);
    expect(await page.textContent('[data-testid="check-again"]')).toMatch(
      /Check again now\s+with the root's trust anchors/,
    );
    expect(await page.textContent('[data-testid="check-again-link-anchors"]')).toMatch(
      new RegExp(`this link's own trust anchor\\s+key tag ${labTag}, not the root's`),
    );
    // The report for the domain owner says it too, before the verdict.
    await page.click('[data-testid="then"] [data-testid="report-toggle"]');
    const report = (await page.textContent('[data-testid="report-text"]')) ?? '';
    expect(report).toMatch(
      new RegExp(
        `^# .+\\n\\n\\*\\*Not validated against the root's trust anchors\\.\\*\\* .+key tag ${labTag}\\)`,
      ),
    );
    await page.click('[data-testid="then"] [data-testid="report-toggle"]');
    await screenshot(page, 'trust-evidence-link-desktop');

    // The default: the built-in root anchors. The lab's chain does not validate under them.
    await page.click('[data-testid="check-again"]');
    await page.waitForSelector('[data-testid="now"] [data-testid="progress"][data-status="done"]', {
      timeout: 30_000,
    });
    const now = page.locator('[data-testid="now"]');
    expect(await now.locator('[data-testid="custom-trust-anchor"]').count()).toBe(0);
    expect(await now.locator('[data-testid="link-resolvers"]').count()).toBe(1);
    expect(await now.locator('[data-testid="live-link"]').getAttribute('href')).not.toContain(
      'ta=',
    );
    await now.locator('[data-testid="verdict"]:not([data-verdict="running"])').waitFor();
    const rootLink = now.locator('[data-testid="chain-link"][data-zone="."]');
    expect(await rootLink.getAttribute('data-status')).not.toBe('secure');
    expect(await now.locator('[data-testid="verdict"]').getAttribute('data-verdict')).not.toBe(
      'ok',
    );
    await screenshot(page, 'trust-check-again-root-desktop');
    expect(errors).toEqual([]);
    await page.close();

    // The other choice, clearly labelled: the link's own anchor, and the banner with it.
    const second = await openPage(app.desktop, url);
    await second.page.click('[data-testid="check-again-link-anchors"]');
    await second.page.waitForSelector(
      '[data-testid="now"] [data-testid="progress"][data-status="done"]',
      { timeout: 30_000 },
    );
    const linked = second.page.locator('[data-testid="now"]');
    expect(await linked.locator('.side-title').textContent()).toMatch(
      /with this link's own trust anchors/,
    );
    expect(
      await linked.locator('[data-testid="custom-trust-anchor"]').getAttribute('data-key-tags'),
    ).toBe(labTag);
    expect(await linked.locator('[data-testid="live-link"]').getAttribute('href')).toContain('ta=');
    expect(await settledVerdict(second.page, '[data-testid="now"]')).toBe('ok');
    expect(second.errors).toEqual([]);
    await second.page.close();
  });

  it('at 360 px the banner and the two buttons wrap without pushing the page sideways', async () => {
    const context = await app.browser.newContext({ viewport: PHONE });
    const payload = await encodeEvidenceLink(recording);
    const { page, errors } = await openPage(context, `${app.server.baseUrl}#/evidence/${payload}`);
    await waitForDone(page);
    await page.locator('[data-testid="custom-trust-anchor"]').waitFor();
    await page.locator('[data-testid="check-again-link-anchors"]').waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'trust-evidence-link-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a live ta= check shows the banner and names the link resolvers and registry above the verdict', async () => {
    await flushUnboundCaches();
    const { manifest } = app;
    const url = labCheckUrl(app.server.baseUrl, manifest, 'www.alg13.lab.', 'A');
    for (const [context, name] of [
      [app.desktop, 'desktop'],
      [await app.browser.newContext({ viewport: PHONE }), 'phone'],
    ] as [BrowserContext, string][]) {
      const { page, errors } = await openPage(context, url);
      const banner = page.locator('[data-testid="custom-trust-anchor"]');
      await banner.waitFor();
      expect(await banner.getAttribute('data-key-tags')).toBe(
        manifest.trustAnchors.map(tagOf).join(' '),
      );
      expect(await banner.textContent()).toContain(
        "'Secure' here means secure for whoever made this link",
      );
      const notice = page.locator('[data-testid="link-resolvers"]');
      expect(await notice.textContent()).toContain(
        'This link asks these resolvers instead of yours:',
      );
      expect(await notice.locator('[data-testid="link-resolver"]').allTextContents()).toEqual(
        manifest.resolvers.map((r) => r.dohUrl),
      );
      expect(await notice.locator('[data-testid="link-rdap"]').textContent()).toBe(
        manifest.rdap.bootstrap,
      );
      await waitForDone(page);
      expect(await settledVerdict(page)).toBe('ok');
      const verdictTop = await topOf(page, '[data-testid="verdict"]');
      expect(await topOf(page, '[data-testid="custom-trust-anchor"]')).toBeLessThan(verdictTop);
      expect(await topOf(page, '[data-testid="link-resolvers"]')).toBeLessThan(verdictTop);
      expect(await overflowsSideways(page)).toBe(false);
      await screenshot(page, `trust-live-ta-${name}`);
      expect(errors).toEqual([]);
      await page.close();
      if (name === 'phone') await context.close();
    }

    // History marks the saved result as validated against someone else's anchor.
    const { page } = await openPage(app.desktop, `${app.server.baseUrl}#/history`);
    const item = page.locator('[data-testid="history-item"][data-name="www.alg13.lab."]').first();
    await item.waitFor();
    expect(
      await item.locator('[data-testid="history-custom-anchor"]').getAttribute('data-key-tags'),
    ).toBe(manifest.trustAnchors.map(tagOf).join(' '));
    await screenshot(page, 'trust-history-desktop');
    await page.close();
  });

  it('a resolver= URL with a query string of its own is refused with its message, and never asked', async () => {
    const { manifest } = app;
    const good = manifest.resolvers[0]!.dohUrl;
    const tagged = `${manifest.resolvers[1]!.dohUrl}?ref=tracking-id`;
    const url = labCheckUrl(app.server.baseUrl, manifest, 'www.alg13.lab.', 'A', [good, tagged]);
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context, 'about:blank');
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/dns-query')) sent.push(r.url());
    });
    await page.goto(url);
    const problem = await page.waitForSelector('[data-testid="resolver-problem"]');
    expect(await problem.textContent()).toContain(
      `${tagged}: A resolver URL must not carry a query string (the part from ?): the app adds its own dns= query, and nothing else is sent. Give it as ${manifest.resolvers[1]!.dohUrl}.`,
    );
    await waitForDone(page);
    expect(sent.length).toBeGreaterThan(0);
    expect(
      sent.filter((u) => u.includes('ref=') || u.startsWith(manifest.resolvers[1]!.dohUrl)),
    ).toEqual([]);
    await screenshot(page, 'trust-resolver-query-refused');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a live check whose result could not be saved or linked is refused before anything is sent', async () => {
    const { manifest } = app;
    const overrides = {
      resolvers: manifest.resolvers.map((r) => r.dohUrl),
      rdap: manifest.rdap.bootstrap,
    };
    const cases: [string, string, string][] = [
      [
        'type',
        checkFragment('www.alg13.lab', 'FOO', {
          ...overrides,
          trustAnchors: manifest.trustAnchors,
        }),
        '"FOO" is not a record type this app can ask for',
      ],
      [
        'anchors',
        checkFragment('www.alg13.lab', 'A', {
          ...overrides,
          trustAnchors: Array<string>(EVIDENCE_LIMITS.trustAnchors + 1).fill(
            manifest.trustAnchors[0] ?? '',
          ),
        }),
        `This check names ${EVIDENCE_LIMITS.trustAnchors + 1} trust anchors; at most ${EVIDENCE_LIMITS.trustAnchors} are accepted.`,
      ],
    ];
    for (const [name, fragment, message] of cases) {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const { page, errors } = await openPage(context, 'about:blank');
      const sent: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/dns-query') || r.url().includes(':8540/')) sent.push(r.url());
      });
      await page.goto(app.server.baseUrl + fragment);
      const refused = await page.waitForSelector('[data-testid="check-refused"]');
      expect(await refused.textContent()).toContain(message);
      expect(await page.locator('[data-testid="verdict"]').count()).toBe(0);
      await page.waitForTimeout(1_000);
      expect(sent).toEqual([]);
      await screenshot(page, `trust-check-refused-${name}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('a worker that cannot start ends the check with a message, not "Asking…" for ever', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The worker's script cannot be fetched (as offline, before the app was cached).
    await context.route('**/assets/lens.worker-*.js', (route) => route.abort());
    const url = labCheckUrl(app.server.baseUrl, app.manifest, 'www.alg13.lab.', 'A');
    const { page } = await openPage(context, url);
    const progress = await page.waitForSelector('[data-testid="progress"][data-status="failed"]', {
      timeout: 15_000,
    });
    expect(await progress.textContent()).toContain(
      'The investigation stopped: the part of the app that checks DNS could not be started',
    );
    await screenshot(page, 'trust-worker-failed');
    await context.close();
  });

  it('an import over the cap is refused from its size, unread; a small one is read and its claimed verdict recomputed', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Count every way a page can read a file's contents.
    await context.addInitScript(() => {
      const reads = { count: 0 };
      (globalThis as unknown as { fileReads: typeof reads }).fileReads = reads;
      for (const method of ['text', 'arrayBuffer', 'stream', 'bytes'] as const) {
        const original = (Blob.prototype as unknown as Record<string, unknown>)[method];
        if (typeof original !== 'function') continue;
        (Blob.prototype as unknown as Record<string, unknown>)[method] = function (
          this: Blob,
          ...args: unknown[]
        ) {
          reads.count++;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        };
      }
      for (const method of ['readAsText', 'readAsArrayBuffer', 'readAsDataURL'] as const) {
        const original = FileReader.prototype[method];
        FileReader.prototype[method] = function (this: FileReader, blob: Blob) {
          reads.count++;
          return original.call(this, blob);
        } as never;
      }
    });
    const { page, errors } = await openPage(context, `${app.server.baseUrl}#/history`);
    await page.waitForSelector('[data-testid="history-empty"]');
    const reads = () =>
      page.evaluate(
        () => (globalThis as unknown as { fileReads: { count: number } }).fileReads.count,
      );

    // One byte over the cap (a real File of that size, built in the page).
    await page.evaluate((size) => {
      const input = document.querySelector('[data-testid="import-file"]') as HTMLInputElement;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(size)], 'huge-export.json'));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, MAX_IMPORT_BYTES + 1);
    const refused = await page.waitForSelector('[data-testid="import-result"]');
    expect(await refused.textContent()).toContain(
      'huge-export.json: The file is too large to import (129 MiB; at most 128 MiB are read). It was not opened.',
    );
    expect(await reads()).toBe(0);
    await screenshot(page, 'trust-import-too-large');

    // A small export whose entry claims "ok" for a broken chain: read, and recomputed.
    const expired = loadLabFixture('expired');
    const file = JSON.stringify({
      format: 'servfail-lens-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      investigations: [
        {
          id: 'x',
          savedAt: Date.now(),
          verdict: 'ok',
          reason: 'secure',
          headline: 'All good: nothing to fix.',
          evidence: JSON.parse(serialiseEvidence(expired)),
        },
      ],
    });
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'claims-ok.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="import-result"]')
        ?.textContent?.includes('claims-ok.json'),
    );
    expect(await reads()).toBeGreaterThan(0);
    const item = page.locator('[data-testid="history-item"]');
    await item.locator('.verdict[data-verdict]').waitFor({ timeout: 30_000 });
    expect(await item.locator('.verdict').getAttribute('data-verdict')).toBe('dnssec-bogus');
    expect(await item.textContent()).not.toContain('All good');
    expect(await item.locator('[data-testid="history-custom-anchor"]').count()).toBe(1);
    await screenshot(page, 'trust-import-rechecked');
    expect(errors).toEqual([]);
    await context.close();
  });
});
