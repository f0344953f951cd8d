/**
 * Issue 17: the chain-of-trust graph in the built app, for every lab scenario checked live
 * against the lab. One page per scenario, drawn at 1280 and 360 px, light and dark: every
 * node and edge carries the status the proof tree gives it (the evidence link's Evidence,
 * validated again here in Node), the broken edge takes the focus where the list says the
 * chain breaks and opens its evidence, axe finds nothing, nothing scrolls sideways at 360.
 * The SVG and PNG downloads open in Chromium as the same picture.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainGraph } from '../../src/diagnosis/chain-graph/build';
import type { ChainGraph } from '../../src/diagnosis/chain-graph/graph';
import { foldableZones } from '../../src/diagnosis/chain-graph/layout';
import { validateEvidence } from '../../src/diagnosis/validate-evidence';
import { decodeEvidenceLink } from '../../src/report/permalink';
import { loadLabManifest } from '../lab/manifest';
import type { LabScenario } from '../lab/scenarios';
import { axeViolations } from './axe';
import { SCREENSHOT_DIR, openPage } from './harness';
import { labCheckUrl, useLabApp, waitForDone } from './lab-app';

const lab = useLabApp();
const DOWNLOADS = resolve('test-results/downloads');
beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  mkdirSync(DOWNLOADS, { recursive: true });
});

/**
 * The scenarios photographed: a secure chain, a DS mismatch, an expired signature, an insecure
 * delegation, an NSEC3 denial, a left-over DS beside the one that leads in, a CDS of the ZSK.
 */
const PHOTOGRAPHED = new Set([
  'alg13',
  'ds-mismatch',
  'expired',
  'insecure',
  'nsec3-nxdomain',
  'leftover-ds',
  'cds-bad',
]);

interface DomItem {
  readonly id: string;
  readonly zone: string;
  readonly kind: string;
  readonly status: string;
}

/** The graph's DOM contract as drawn: nodes and edges with their attributes, the band, the focus. */
async function readGraph(page: Page) {
  return page.$eval('[data-testid="chain-graph"]', (svg) => {
    const read = (el: Element, kind: string) => {
      const d = (el as SVGElement).dataset;
      return { id: d.item ?? '', zone: d.zone ?? '', kind: d[kind] ?? '', status: d.status ?? '' };
    };
    const active = document.activeElement as SVGElement | null;
    return {
      nodes: Array.from(svg.querySelectorAll('[data-node]')).map((el) => read(el, 'kind')),
      edges: Array.from(svg.querySelectorAll('[data-edge]')).map((el) => read(el, 'edge')),
      band: svg.querySelector('[data-band]')?.getAttribute('data-band') ?? null,
      focused: active && svg.contains(active) ? (active.dataset.item ?? null) : null,
      tag: svg.tagName.toLowerCase(),
      viewBox: svg.getAttribute('viewBox'),
    };
  });
}

/** The list's links (read before the graph replaces it). */
async function readList(page: Page) {
  return page.$$eval('[data-testid="chain-link"]', (links) =>
    links.map((l) => ({
      zone: (l as HTMLElement).dataset.zone ?? '',
      status: (l as HTMLElement).dataset.status ?? '',
    })),
  );
}

/** What the proof tree says: the evidence link's Evidence validated and drawn here in Node. */
async function expectedGraph(page: Page): Promise<ChainGraph> {
  const href = (await page.getAttribute('[data-testid="evidence-link"]', 'href')) ?? '';
  const opened = await decodeEvidenceLink(href.replace(/^#\/evidence\//, ''));
  if (!opened.ok) throw new Error(opened.message);
  const v = await validateEvidence(opened.evidence, { now: opened.evidence.finishedAt / 1000 });
  return chainGraph(v);
}

function compare(
  expected: ChainGraph,
  drawn: Awaited<ReturnType<typeof readGraph>>,
  hidden: ReadonlySet<string>,
  where: string,
): void {
  const nodes: DomItem[] = expected.nodes
    .filter((n) => !hidden.has(n.cluster))
    .map((n) => ({ id: n.id, zone: n.zone, kind: n.kind, status: n.status }));
  const byId = (a: DomItem, b: DomItem) => a.id.localeCompare(b.id);
  expect([...drawn.nodes].sort(byId), where).toEqual(nodes.sort(byId));
  const shownNode = new Set(nodes.map((n) => n.id));
  const cluster = new Map(expected.nodes.map((n) => [n.id, n.cluster]));
  const edges: DomItem[] = expected.edges
    .filter(
      (e) =>
        (shownNode.has(e.to) || (e.to.startsWith('zone:') && !hidden.has(e.to.slice(5)))) &&
        (shownNode.has(e.from) || hidden.has(cluster.get(e.from)!)),
    )
    .map((e) => ({ id: e.id, zone: e.zone, kind: e.kind, status: e.status }));
  expect([...drawn.edges].sort(byId), where).toEqual(edges.sort(byId));
}

/** Nothing in the chain panel reaches past the viewport, and the page does not scroll sideways. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const root = document.querySelector('[data-testid="chain"]')!;
    const wide = [root, ...Array.from(root.querySelectorAll('*'))]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.tagName} ${(el.textContent ?? '').slice(0, 40)}`);
    return document.documentElement.scrollWidth > width ? ['document', ...wide] : wide;
  });
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
}

async function look(
  page: Page,
  scenario: LabScenario,
  width: number,
  scheme: 'light' | 'dark',
): Promise<void> {
  await page.setViewportSize({ width, height: width > 400 ? 900 : 780 });
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  // The first visit's "Ready to work offline" note would cover the graph: acknowledged, as a person would.
  const note = page.locator('[data-testid="sw-toast"] button');
  if ((await note.count()) > 0) await note.first().click();
  if (PHOTOGRAPHED.has(scenario.id))
    await page
      .locator('[data-testid="chain"]')
      .screenshot({ path: `${SCREENSHOT_DIR}/graph-${scenario.id}-${width}-${scheme}.png` });
  expect(
    await axeViolations(page, '[data-testid="chain"]'),
    `${scenario.id} ${width} ${scheme}`,
  ).toEqual([]);
}

describe('chain graph against the lab', () => {
  // One page for every scenario: a check's route lives in the fragment, so each new check is
  // a hash change in the same page (and axe, once injected, stays). axe is an inline script,
  // which the page's CSP would refuse (as in a11y.test.ts).
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    context = await lab.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    ({ page, errors } = await openPage(context, lab.server.baseUrl));
  });
  afterAll(async () => {
    await context?.close();
  });

  /** Starts the scenario's live check in the page, from the home route (the same URL twice is a new check too). */
  async function check(scenario: LabScenario): Promise<void> {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => (location.hash = '#/'));
    await page.waitForSelector('[data-testid="chain"]', { state: 'detached' });
    const url = labCheckUrl(lab.server.baseUrl, lab.manifest, scenario.qname, scenario.qtype);
    await page.evaluate((hash) => (location.hash = hash), url.slice(lab.server.baseUrl.length));
    await waitForDone(page);
    await page.locator('[data-testid="chain"]').waitFor();
  }

  const scenarios = loadLabManifest().scenarios;
  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const before = errors.length;
    await check(scenario);
    try {
      const list = await readList(page);
      const status = await page.getAttribute('[data-testid="chain"]', 'data-status');
      const expected = await expectedGraph(page);

      // Opened by the person: the graph replaces the list and the broken edge takes the focus.
      await page.click('[data-testid="chain-view-graph"]');
      await page.waitForSelector('[data-testid="chain-graph"] [data-item]');
      if (expected.broken)
        await page.waitForFunction(
          (id) => (document.activeElement as SVGElement | null)?.dataset.item === id,
          expected.broken,
        );
      let drawn = await readGraph(page);
      expect(drawn.tag).toBe('svg');
      expect(await page.locator('[data-testid="chain-link"]').count()).toBe(0);
      compare(expected, drawn, new Set(), `${scenario.id} 1280`);
      expect(drawn.focused).toBe(expected.broken);
      const broken = [...drawn.nodes, ...drawn.edges].find((x) => x.id === expected.broken);
      if (status === 'bogus' || status === 'insecure') {
        // Where the list says the chain breaks (the first link with the chain's status).
        const first = list.find((l) => l.status === status)!;
        expect(broken, scenario.id).toMatchObject({ zone: first.zone, status });
        expect(drawn.edges.some((e) => e.id === expected.broken)).toBe(true);
      } else if (list.length === 0) {
        expect(broken).toMatchObject({ zone: scenario.zone, status: 'failing', kind: 'rrset' });
      } else {
        expect(drawn.focused).toBeNull();
      }
      if (expected.broken) {
        // Enter opens what the broken item rests on: its records and the exchange it came from.
        await page.keyboard.press('Enter');
        const evidence = page.locator('[data-testid="graph-evidence"]');
        await evidence.waitFor();
        const text = await evidence.innerText();
        expect(text).toContain(broken!.status);
        if (list.length > 0) expect(text).toMatch(/ · x\d+ · \S/);
      }

      await look(page, scenario, 1280, 'light');
      await look(page, scenario, 1280, 'dark');
      // A phone: the secure zones above the answer fold into a band; nothing scrolls sideways.
      await look(page, scenario, 360, 'dark');
      expect(await overflow(page), scenario.id).toEqual([]);
      drawn = await readGraph(page);
      const folded = foldableZones(expected);
      expect(drawn.band).toBe(folded.length > 0 ? folded.join(' ') : null);
      compare(expected, drawn, new Set(folded), `${scenario.id} 360 folded`);
      if (folded.length > 0) {
        await page.focus('[data-band]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-band]', { state: 'detached' });
      }
      await look(page, scenario, 360, 'light');
      expect(await overflow(page), scenario.id).toEqual([]);
      compare(expected, await readGraph(page), new Set(), `${scenario.id} 360`);
      expect(errors.slice(before)).toEqual([]);
    } finally {
      // The next scenario starts from the list again.
      await page.click('[data-testid="chain-view-list"]').catch(() => undefined);
    }
  });
});

describe('chain graph choice, evidence and downloads', () => {
  it('is remembered, opens an exchange from the evidence, and downloads an SVG and a PNG that show the same picture', async () => {
    const scenario = lab.manifest.scenarios.find((s) => s.id === 'expired')!;
    const context = await lab.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const url = labCheckUrl(lab.server.baseUrl, lab.manifest, scenario.qname, scenario.qtype);
    const { page, errors } = await openPage(context, url);
    try {
      await waitForDone(page);
      await page.click('[data-testid="chain-view-graph"]');
      await page.waitForSelector('[data-edge][data-broken]');
      // The choice survives a reload; restored, the graph does not take the focus.
      await page.reload();
      await waitForDone(page);
      await page.waitForSelector('[data-testid="chain-graph"] [data-item]');
      expect(await page.getAttribute('[data-testid="chain-view-graph"]', 'aria-pressed')).toBe(
        'true',
      );
      expect(await page.evaluate(() => document.activeElement?.closest('svg') ?? null)).toBeNull();

      // Keyboard: Tab reaches the graph at its broken edge; arrows move; Enter opens; the chip opens the exchange.
      await page.focus('[data-testid="chain-view-graph"]');
      await page.keyboard.press('Tab');
      const focused = () =>
        page.evaluate(() => (document.activeElement as SVGElement | null)?.dataset.item ?? null);
      const broken = await page.getAttribute('[data-edge][data-broken]', 'data-item');
      expect(await focused()).toBe(broken);
      await page.keyboard.press('ArrowUp');
      expect(await focused()).not.toBe(broken);
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(broken);
      await page.keyboard.press('Enter');
      const evidence = page.locator('[data-testid="graph-evidence"]');
      expect(await evidence.innerText()).toMatch(/expiration \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
      await evidence.locator('button', { hasText: 'DNSKEY expired.lab. response' }).click();
      const detail = page.locator('[data-testid="cell-detail"]');
      await detail.waitFor();
      expect(await detail.locator('h3').innerText()).toContain('expired.lab. DNSKEY');

      // On paper: the drawing in light colours, without its buttons.
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      expect(await page.locator('[data-testid="graph-download-svg"]').isVisible()).toBe(false);
      const ink = await page.$eval(
        '[data-testid="chain-graph"] .title',
        (t) => getComputedStyle(t).fill,
      );
      expect(ink).toBe('rgb(0, 0, 0)');
      await page
        .locator('[data-testid="chain-graph"]')
        .screenshot({ path: `${SCREENSHOT_DIR}/graph-expired-print.png` });
      await page.emulateMedia({ media: 'screen', colorScheme: 'light' });

      // The downloads, saved, then opened in Chromium beside each other.
      const save = async (testid: string, file: string): Promise<string> => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click(`[data-testid="${testid}"]`),
        ]);
        expect(download.suggestedFilename()).toMatch(
          /^chain-of-trust-www\.expired\.lab\.(svg|png)$/,
        );
        const path = resolve(DOWNLOADS, file);
        await download.saveAs(path);
        return path;
      };
      const svgPath = await save('graph-download-svg', 'chain-expired.svg');
      const pngPath = await save('graph-download-png', 'chain-expired.png');
      const svgText = readFileSync(svgPath, 'utf8');
      expect(svgText).toMatch(/^<\?xml/);
      expect(svgText).not.toContain('class=');
      expect(svgText.match(/data-node=/g)?.length).toBe(await page.locator('[data-node]').count());
      const viewer = await context.newPage();
      await viewer.setContent(
        `<img id="svg" src="data:image/svg+xml;base64,${readFileSync(svgPath).toString('base64')}">` +
          `<img id="png" src="data:image/png;base64,${readFileSync(pngPath).toString('base64')}">`,
      );
      // Both drawn at the PNG's size (the SVG as the vector it is): ink, and how far apart they are.
      const seen = await viewer.evaluate(async () => {
        const [svg, png] = ['svg', 'png'].map(
          (id) => document.getElementById(id) as HTMLImageElement,
        );
        await Promise.all([svg!.decode(), png!.decode()]);
        const [w, h] = [png!.naturalWidth, png!.naturalHeight];
        const pixels = (img: HTMLImageElement): Uint8ClampedArray => {
          const canvas = document.createElement('canvas');
          canvas.width = w;
          canvas.height = h;
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(img, 0, 0, w, h);
          return ctx.getImageData(0, 0, w, h).data;
        };
        const [a, b] = [pixels(svg!), pixels(png!)];
        const far = (p: Uint8ClampedArray, q: Uint8ClampedArray, i: number, j: number): boolean =>
          Math.abs(p[i]! - q[j]!) +
            Math.abs(p[i + 1]! - q[j + 1]!) +
            Math.abs(p[i + 2]! - q[j + 2]!) >
          60;
        let inkA = 0;
        let inkB = 0;
        let apart = 0;
        for (let i = 0; i < a.length; i += 4) {
          if (far(a, a, i, 0)) inkA++;
          if (far(b, b, i, 0)) inkB++;
          if (far(a, b, i, i)) apart++;
        }
        const n = w * h;
        return {
          svg: [svg!.naturalWidth, svg!.naturalHeight],
          png: [w, h],
          ink: [inkA / n, inkB / n],
          apart: apart / n,
        };
      });
      expect(seen.png[0]).toBe(seen.svg[0]! * 2);
      expect(seen.png[1]! / seen.png[0]!).toBeCloseTo(seen.svg[1]! / seen.svg[0]!, 2);
      // Not blank: lines and words cover a few per cent of either picture.
      expect(seen.ink[0]).toBeGreaterThan(0.02);
      expect(seen.ink[1]).toBeGreaterThan(0.02);
      // The same picture: pixels that differ (anti-aliasing) are a small part of the ink.
      expect(seen.apart).toBeLessThan(seen.ink[0]! / 10);
      await viewer.screenshot({
        path: `${SCREENSHOT_DIR}/graph-downloads-expired.png`,
        fullPage: true,
      });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
