/**
 * Issue #11, item 0: every route change shows the right check. In one page against the
 * DNS lab: a name from the search box, Back, Forward, an edited fragment, a re-submit of
 * the same name, the evidence view's "Check again now", two evidence links and two saved
 * results in turn, the type select, and a new name while the last check still runs. After
 * each step the heading, the verdict, every grid cell (its full response comes from the
 * worker by run), the chain, the report and both links are those of the URL's question,
 * and the DoH requests the page sent since the step ask about that question and no other.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, ElementHandle, Page } from 'playwright-core';
import { decodeMessage } from '../../src/dns/message';
import { decodeEvidenceLink } from '../../src/report/permalink';
import { flushUnboundCaches } from '../lab/flush';
import type { LabManifest } from '../lab/manifest';
import { EXPECTED } from '../unit/diagnosis/expected-verdicts';
import { openPage, screenshot } from './harness';
import { labCheckUrl, readCells, useLabApp, waitForDone, type LabApp } from './lab-app';

interface Question {
  readonly name: string;
  readonly type: string;
}

/** A lab scenario's question, its expected verdict (null: any) and the resolvers asked. */
interface Step extends Question {
  readonly scenario: string;
  readonly verdict: string | null;
  /** DoH URLs; the lab's main resolvers when absent. */
  readonly resolvers?: readonly string[];
}

function stepOf(manifest: LabManifest, scenario: string): Step {
  const found = manifest.scenarios.find((s) => s.id === scenario);
  const expected = EXPECTED[scenario];
  if (!found || !expected) throw new Error(`no lab scenario ${scenario}`);
  return { scenario, name: found.qname, type: found.qtype, verdict: expected[0] };
}

/** A live check's fragment with the lab's anchors and registry and the step's resolvers. */
const labFragment = (manifest: LabManifest, step: Step): string =>
  labCheckUrl('', manifest, step.name, step.type, step.resolvers);

/** `lame.lab.` for `www.lame.lab.`: the zone a step's own queries stay in or above. */
const zoneOf = (name: string): string => name.split('.').slice(-3).join('.');

/** True when `name` is `zone` or under it. */
const within = (name: string, zone: string): boolean =>
  name.toLowerCase() === zone || name.toLowerCase().endsWith(`.${zone}`);

/** Every DoH question the page (and its workers) sends to the lab's resolvers, in order. */
function recordDoh(page: Page, manifest: LabManifest): Question[] {
  const asked: Question[] = [];
  const fronts = [...manifest.resolvers, ...manifest.extraResolvers].map((r) => r.dohUrl);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!fronts.includes(`${url.origin}${url.pathname}`)) return;
    const wire = url.searchParams.get('dns');
    if (wire === null) return;
    const decoded = decodeMessage(Buffer.from(wire, 'base64url'));
    const question = decoded.ok ? decoded.message.question[0] : undefined;
    if (question) asked.push({ name: question.name.toLowerCase(), type: question.type });
  });
  return asked;
}

const DESKTOP = { width: 1280, height: 900 };

/**
 * A context of its own without the service worker: once one controls the page, Chromium
 * reports the app worker's DoH requests as the service worker's, and `page.on('request')`
 * no longer sees them. Routing does not involve the service worker.
 */
function newContext(app: LabApp, viewport = DESKTOP): Promise<BrowserContext> {
  return app.browser.newContext({ viewport, serviceWorkers: 'block' });
}

/** A page that records its DoH questions from the start, opened at a step's live check. */
async function openRecorded(
  app: LabApp,
  context: BrowserContext,
  step: Step,
): Promise<{ page: Page; errors: string[]; doh: Question[] }> {
  const { page, errors } = await openPage(context, 'about:blank');
  const doh = recordDoh(page, app.manifest);
  await page.goto(app.server.baseUrl + labFragment(app.manifest, step));
  return { page, errors, doh };
}

/**
 * Records, at every change of the page, a moment when a check runs while the search form
 * offers Check instead of Cancel (the page thinks nothing runs): read it with `busyLapses`.
 */
async function watchBusy(page: Page): Promise<void> {
  await page.evaluate(() => {
    const lapses: string[] = [];
    Object.assign(window, { busyLapses: lapses });
    new MutationObserver(() => {
      const running = document.querySelector('[data-testid="progress"][data-status="running"]');
      if (running && document.querySelector('[data-testid="check"]')) {
        lapses.push(document.querySelector('[data-testid="question-name"]')?.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const busyLapses = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { busyLapses: string[] }).busyLapses);

/** Runs `action` and waits until the check view that was on the page is gone. */
async function replacing(page: Page, action: () => Promise<unknown>): Promise<void> {
  const old: ElementHandle | null = await page.$('[data-testid="progress"]');
  await action();
  if (old) await page.waitForFunction((element) => !element.isConnected, old);
}

async function attribute(page: Page, selector: string, name: string): Promise<string> {
  return (await page.getAttribute(selector, name)) ?? '';
}

/**
 * The finished check in `scope` is the step's, from heading to links; the DoH questions
 * asked since the step began (`asked.doh` from `asked.from`) are about it and about none of the `others`.
 */
async function expectCheck(
  page: Page,
  step: Step,
  asked: { readonly doh: readonly Question[]; readonly from: number } | null,
  others: readonly Step[],
  scope = '',
): Promise<void> {
  const $ = (selector: string) => `${scope} ${selector}`.trim();
  await page.waitForSelector($('[data-testid="progress"][data-status="done"]'), {
    timeout: 30_000,
  });
  const shown = step.name.replace(/\.$/, '');
  expect(await page.textContent($('[data-testid="question-name"]'))).toBe(shown);
  expect(await page.textContent($('[data-testid="question-type"]'))).toBe(step.type);
  const verdict = await attribute(page, $('[data-testid="verdict"]'), 'data-verdict');
  expect(verdict).not.toBe('running');
  if (step.verdict !== null) expect(verdict).toBe(step.verdict);

  // The links: the live link names the question, the evidence link carries its Evidence.
  const live = await attribute(page, $('[data-testid="live-link"]'), 'href');
  expect(live.startsWith(`#/check/${shown}?type=${step.type}`), live).toBe(true);
  const link = await page.waitForSelector($('[data-testid="evidence-link"]'));
  const payload = ((await link.getAttribute('href')) ?? '').replace(/^#\/evidence\//, '');
  const opened = await decodeEvidenceLink(payload);
  expect(opened.ok && opened.evidence.question).toEqual({ name: step.name, type: step.type });

  // Every chain link is a zone above the name; the report is about the name.
  const zones = await page.$$eval($('[data-testid="chain-link"]'), (links) =>
    links.map((l) => (l as HTMLElement).dataset.zone ?? ''),
  );
  // A lame delegation has no chain below its parent to show; every other verdict has one.
  if (verdict !== 'lame-delegation') expect(zones.length).toBeGreaterThan(0);
  for (const zone of zones) expect(zone === '.' || within(step.name, zone), zone).toBe(true);
  await page.click($('[data-testid="report-toggle"]'));
  const report = (await page.textContent($('[data-testid="report-text"]'))) ?? '';
  expect(report).toContain(shown);
  expect(report).toContain(`Verdict \`${verdict}\``);
  await page.click($('[data-testid="report-toggle"]'));

  // Every cell's full response, fetched from the worker by this run, is this question's.
  const cells = await page.$$($('[data-testid="cell"]'));
  expect(cells.length).toBeGreaterThanOrEqual(2);
  for (const cell of cells) {
    await cell.click();
    const header = ((await page.textContent($('[data-testid="cell-detail"] h3'))) ?? '').replace(
      /\s+/g,
      ' ',
    );
    expect(header).toContain(`${step.name} ${step.type}`);
    const dig = await page.waitForSelector($('[data-testid="dig-command"]'));
    expect(await dig.textContent()).toContain(` ${step.name} ${step.type}`);
  }
  await page.click($('[data-testid="cell-detail"] .close'));

  if (asked === null) return;
  const since = asked.doh.slice(asked.from);
  expect(since).toContainEqual({ name: step.name, type: step.type });
  const zone = zoneOf(step.name);
  for (const other of others) {
    const otherZone = zoneOf(other.name);
    if (otherZone === zone) continue;
    const stray = since.filter((q) => within(q.name, otherZone));
    expect(stray, `${step.scenario} asked about ${otherZone}`).toEqual([]);
  }
}

/** Types a name (and a type) into the search box and presses Enter. */
async function search(page: Page, step: Question): Promise<void> {
  await page.fill('[data-testid="name-input"]', step.name.replace(/\.$/, ''));
  await page.selectOption('[data-testid="type-select"]', step.type);
  await page.press('[data-testid="name-input"]', 'Enter');
}

describe('every route change shows its own check', () => {
  const app = useLabApp();

  it('search box, Back, Forward, an edited fragment, re-submits and Check again now', async () => {
    await flushUnboundCaches();
    const [expired, alg13, lame] = ['expired', 'alg13', 'lame'].map((s) =>
      stepOf(app.manifest, s),
    ) as [Step, Step, Step];
    const all = [expired, alg13, lame];
    const context = await newContext(app);
    const { page, errors, doh } = await openRecorded(app, context, expired);
    /** Runs one step and checks the page against it, with the requests sent since. */
    const step = async (expected: Step, action: () => Promise<unknown>, shot?: string) => {
      const from = doh.length;
      await replacing(page, action);
      await expectCheck(page, expected, { doh, from }, all);
      expect(decodeURIComponent(await page.evaluate(() => location.hash))).toContain(
        `#/check/${expected.name.replace(/\.$/, '')}?type=${expected.type}`,
      );
      if (shot) await screenshot(page, shot);
    };

    await expectCheck(page, expired, { doh, from: 0 }, all);
    await step(alg13, () => search(page, alg13), 'navigation-search-box');
    await step(expired, () => page.goBack());
    await step(alg13, () => page.goForward());
    const edited = labFragment(app.manifest, lame);
    await step(lame, () => page.evaluate((hash) => (location.hash = hash), edited));
    // The same name again, by the Check button and by Enter: a new run each time.
    for (const press of [
      () => page.click('[data-testid="check"]'),
      () => page.press('[data-testid="name-input"]', 'Enter'),
    ]) {
      const from = doh.length;
      await step(lame, press, 'navigation-lame');
      expect(doh.length).toBeGreaterThan(from);
    }

    // The evidence view of this check, then "Check again now" beside it.
    const evidenceHref = await attribute(page, '[data-testid="evidence-link"]', 'href');
    await replacing(page, () => page.evaluate((hash) => (location.hash = hash), evidenceHref));
    await page.waitForSelector('[data-testid="observed"]');
    await expectCheck(page, lame, null, all, '[data-testid="then"]');
    const from = doh.length;
    await page.click('[data-testid="check-again"]');
    await expectCheck(page, lame, { doh, from }, all, '[data-testid="now"]');
    await screenshot(page, 'navigation-check-again-now');

    // From the evidence view to a live check by the fragment (the search box would use the
    // settings' resolvers here, which the lab does not have), then Back to the evidence.
    await step(expired, () =>
      page.evaluate((hash) => (location.hash = hash), labFragment(app.manifest, expired)),
    );
    await replacing(page, () => page.goBack());
    await page.waitForSelector('[data-testid="observed"]');
    await expectCheck(page, lame, null, all, '[data-testid="then"]');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a re-submit and a new name while a check still runs; Cancel, then Run again', async () => {
    await flushUnboundCaches();
    // Through the lab's slow front, www.dead.lab.'s SERVFAIL takes 6 s: a check that is
    // still running when the next one starts. Other answers pass at once.
    const resolvers = ['slow', 'unbound', 'bind'].map((id) => {
      const found = [...app.manifest.resolvers, ...app.manifest.extraResolvers].find(
        (r) => r.id === id,
      );
      if (!found) throw new Error(`no lab resolver ${id}`);
      return found.dohUrl;
    });
    const dead: Step = { ...stepOf(app.manifest, 'dead'), verdict: null, resolvers };
    const alg13: Step = { ...stepOf(app.manifest, 'alg13'), resolvers };
    const context = await newContext(app);
    const { page, errors, doh } = await openRecorded(app, context, dead);
    const running = () => page.waitForSelector('[data-testid="progress"][data-status="running"]');
    await running();
    await page.waitForSelector('[data-testid="cancel"]');
    await watchBusy(page);

    // The same name again while it runs: the replaced run ends at once, and the page stays
    // busy (Cancel, not Check) for the new one.
    await replacing(page, () => page.press('[data-testid="name-input"]', 'Enter'));
    await running();
    await page.waitForTimeout(1_500);
    expect(await attribute(page, '[data-testid="progress"]', 'data-status')).toBe('running');

    // Cancel, then Run again: a new run of the same question.
    await page.click('[data-testid="cancel"]');
    await page.waitForSelector('[data-testid="progress"][data-status="cancelled"]');
    await page.waitForSelector('[data-testid="check"]');
    let from = doh.length;
    await replacing(page, () => page.click('[data-testid="live-link"]'));
    await running();
    await expectCheck(page, dead, { doh, from }, [alg13]);
    expect(doh.length).toBeGreaterThan(from);

    // A new name from the search box while the last check still runs: nothing of the old
    // run reaches the page, and no question about it is sent after the switch.
    await replacing(page, () => page.press('[data-testid="name-input"]', 'Enter'));
    await running();
    from = doh.length;
    await replacing(page, () => search(page, alg13));
    await expectCheck(page, alg13, { doh, from }, [dead]);
    await page.waitForSelector('[data-testid="check"]');
    expect(await readCells(page)).toHaveLength(resolvers.length * 2);
    await screenshot(page, 'navigation-replaced-while-running');
    expect(await busyLapses(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the type select from A to AAAA on the same name', async () => {
    const [alg13, nodata] = ['alg13', 'nodata'].map((s) => stepOf(app.manifest, s)) as [Step, Step];
    expect(nodata.name).toBe(alg13.name);
    const context = await newContext(app);
    const { page, errors, doh } = await openRecorded(app, context, alg13);
    await expectCheck(page, alg13, null, []);
    const from = doh.length;
    await replacing(page, async () => {
      await page.selectOption('[data-testid="type-select"]', 'AAAA');
      await page.click('[data-testid="check"]');
    });
    await expectCheck(page, nodata, { doh, from }, []);
    const targets = doh.slice(from).filter((q) => q.name === alg13.name);
    expect(targets.map((q) => q.type)).not.toContain('A');
    await screenshot(page, 'navigation-type-aaaa');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('two evidence links, then two saved results, in one page', async () => {
    await flushUnboundCaches();
    const steps = ['ds-mismatch', 'alg13'].map((s) => stepOf(app.manifest, s)) as [Step, Step];
    const context = await newContext(app);
    const { page, errors } = await openPage(context, app.server.baseUrl);
    const links: string[] = [];
    for (const step of steps) {
      await replacing(page, () =>
        page.evaluate((hash) => (location.hash = hash), labFragment(app.manifest, step)),
      );
      await waitForDone(page);
      links.push(await attribute(page, '[data-testid="evidence-link"]', 'href'));
    }
    const doh = recordDoh(page, app.manifest);
    const [first, second] = steps;
    for (const [href, step] of [
      [links[0], first],
      [links[1], second],
      [links[0], first],
    ] as const) {
      await replacing(page, () => page.evaluate((hash) => (location.hash = hash ?? ''), href));
      await page.waitForSelector('[data-testid="observed"]');
      await expectCheck(page, step, null, []);
    }
    await screenshot(page, 'navigation-evidence-switch');
    await page.goBack();
    await page.waitForFunction((href) => location.hash === href, links[1] ?? '');
    await expectCheck(page, second, null, []);
    // Opening recorded evidence asks no resolver.
    expect(doh).toEqual([]);

    // Saved results (both checks were saved when they finished): one, then the other.
    await page.evaluate(() => (location.hash = '#/history'));
    await page.waitForSelector('[data-testid="history-item"]');
    const saved = await page.$$eval('[data-testid="history-item"]', (items) =>
      items.map((item) => ({
        name: (item as HTMLElement).dataset.name ?? '',
        href: item.querySelector('a')?.getAttribute('href') ?? '',
      })),
    );
    for (const step of [first, second, first]) {
      const href = saved.find((s) => s.name === step.name)?.href ?? '';
      expect(href).toMatch(/^#\/saved\//);
      await replacing(page, () => page.evaluate((hash) => (location.hash = hash), href));
      await page.waitForSelector('[data-testid="observed"]');
      await expectCheck(page, step, null, []);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 360 px: a new name from the search box, without sideways scrolling', async () => {
    const context = await newContext(app, { width: 360, height: 780 });
    const [expired, alg13] = ['expired', 'alg13'].map((s) => stepOf(app.manifest, s)) as [
      Step,
      Step,
    ];
    const { page, errors, doh } = await openRecorded(app, context, expired);
    await expectCheck(page, expired, { doh, from: 0 }, [alg13]);
    const from = doh.length;
    await replacing(page, () => search(page, alg13));
    await expectCheck(page, alg13, { doh, from }, [expired]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'navigation-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
