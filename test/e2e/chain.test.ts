/**
 * Issue #4: for every lab scenario, the chain of trust the app validates in the browser
 * agrees with the lab's validating resolvers (Unbound and BIND, CD=0) and with `delv`:
 * the overall status, and for a broken chain the zone that breaks and why.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REASONS, type ReasonId, type ReasonInfo } from '../../src/dnssec/status';
import { checkDelv, checkLab, type LabRow } from '../lab/check-lab';
import { flushUnboundCaches } from '../lab/flush';
import { loadLabManifest } from '../lab/manifest';
import type { LabScenario } from '../lab/scenarios';
import { SCREENSHOT_DIR, openPage } from './harness';
import { labCheckUrl, useLabApp, waitForDone } from './lab-app';

type Verdict = 'secure' | 'insecure' | 'bogus' | 'no-verdict';

interface LinkState {
  readonly zone: string;
  readonly status: string;
  readonly reason: string;
  readonly kind: string;
}

interface ChainState {
  readonly status: string;
  readonly reason: string;
  readonly links: readonly LinkState[];
}

/** RFC 8914 codes that mean a DNSSEC failure (6 Bogus … 12 NSEC Missing). */
const DNSSEC_EDE = new Set([6, 7, 8, 9, 10, 11, 12]);

/** What a validating resolver's CD=0 answer says about the chain. */
function resolverVerdict(row: LabRow): Verdict {
  if (row.rcode === 'SERVFAIL')
    return row.ede.some((code) => DNSSEC_EDE.has(code)) ? 'bogus' : 'no-verdict';
  if (row.rcode === 'NOERROR' || row.rcode === 'NXDOMAIN') return row.ad ? 'secure' : 'insecure';
  return 'no-verdict';
}

/** delv's summary line (test/lab/delv.ts) as a verdict, plus the zone and reason it names. */
function delvVerdict(line: string): { verdict: Verdict; zone?: string; reason?: ReasonId } {
  const broken = /broken trust chain \(([^/]+)\/\w+: (.+)\)/.exec(line);
  if (broken) {
    const zone = `${broken[1]!.replace(/\.$/, '')}.`;
    const why = broken[2]!;
    const reason: ReasonId | undefined = /RRSIG has expired/.test(why)
      ? 'rrsig-expired'
      : /no valid signature found \(DS\)/.test(why)
        ? 'ds-mismatch'
        : /parent indicates it should be secure/.test(why)
          ? 'dnskey-missing'
          : undefined;
    return { verdict: 'bogus', zone, ...(reason ? { reason } : {}) };
  }
  if (/^(negative response, )?fully validated/.test(line)) return { verdict: 'secure' };
  if (/^unsigned answer/.test(line)) return { verdict: 'insecure' };
  return { verdict: 'no-verdict' };
}

async function readChain(page: Page): Promise<ChainState> {
  return page.$eval('[data-testid="chain"]', (root) => {
    const el = root as HTMLElement;
    const links = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="chain-link"]')).map(
      (link) => ({
        zone: link.dataset.zone ?? '',
        status: link.dataset.status ?? '',
        reason: link.dataset.reason ?? '',
        kind: link.dataset.kind ?? '',
      }),
    );
    return { status: el.dataset.status ?? '', reason: el.dataset.reason ?? '', links };
  });
}

const APP_STATUS: Readonly<Record<Verdict, string>> = {
  secure: 'secure',
  insecure: 'insecure',
  bogus: 'bogus',
  'no-verdict': 'indeterminate',
};

const lab = useLabApp();
beforeAll(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly colorScheme: 'light' | 'dark';
}

/** A live check of the scenario in its own context, once the chain panel is there. */
async function openChain(scenario: LabScenario, layout: Layout) {
  const { width, height, colorScheme } = layout;
  const context = await lab.browser.newContext({ viewport: { width, height }, colorScheme });
  const { page, errors } = await openPage(
    context,
    labCheckUrl(lab.server.baseUrl, lab.manifest, scenario.qname, scenario.qtype),
  );
  await waitForDone(page);
  const panel = page.locator('[data-testid="chain"]');
  await panel.waitFor();
  return { page, panel, errors, close: () => context.close() };
}

const DESKTOP: Layout = { width: 1280, height: 900, colorScheme: 'light' };
const scenarioById = (id: string): LabScenario => lab.manifest.scenarios.find((s) => s.id === id)!;

describe('chain of trust against the lab', () => {
  const scenarios = loadLabManifest().scenarios;
  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await flushUnboundCaches();
    const app = await openChain(scenario, DESKTOP);
    const chain = await readChain(app.page);
    await app.close();
    expect(app.errors).toEqual([]);

    const rows = await checkLab(lab.manifest, { scenarios: [scenario.id] });
    const references = rows
      .filter((row) => !row.cd && (row.resolver === 'unbound' || row.resolver === 'bind'))
      .map((row) => ({ resolver: row.resolver, verdict: resolverVerdict(row), ede: row.ede }));
    const [delvLine] = (await checkDelv(lab.manifest, { scenarios: [scenario.id] })).map(
      (d) => d.verdict,
    );
    const delv = delvVerdict(delvLine ?? '');

    // Unbound names DNSSEC failures with an EDE, BIND 9.18 with a bare SERVFAIL: delv's
    // "broken trust chain" is what makes BIND's SERVFAIL a bogus verdict.
    for (const ref of references) {
      const verdict =
        ref.verdict === 'no-verdict' && ref.resolver === 'bind' && delv.verdict === 'bogus'
          ? 'bogus'
          : ref.verdict;
      expect(verdict, `${ref.resolver} vs delv (${delvLine})`).toBe(delv.verdict);
    }
    const where = `app ${JSON.stringify(chain)} / delv: ${delvLine}`;
    expect(chain.status, where).toBe(APP_STATUS[delv.verdict]);

    for (const link of chain.links) {
      expect(['secure', 'insecure', 'bogus', 'indeterminate']).toContain(link.status);
      expect(link.zone).toMatch(/\.$/);
      if (link.status === 'secure') expect(link.reason).toBe('');
    }

    if (delv.verdict === 'bogus') {
      const broken = chain.links.find((l) => l.status === 'bogus');
      expect(broken?.zone, where).toBe(delv.zone);
      expect(broken?.kind, where).toBe('zone');
      if (delv.reason) expect(broken?.reason, where).toBe(delv.reason);
      expect(chain.reason).toBe(broken?.reason);
      // Unbound's specific EDE (not the bare 6 of its bogus-key cache) fits our reason.
      const unbound = references.find((r) => r.resolver === 'unbound');
      const specific = unbound?.ede.find((code) => code !== 6);
      if (specific !== undefined) {
        const info: ReasonInfo = REASONS[broken!.reason as ReasonId];
        expect(info.ede, where).toBe(specific);
      }
    } else if (delv.verdict === 'insecure') {
      const first = chain.links.find((l) => l.status === 'insecure');
      expect(first, where).toMatchObject({ zone: scenario.zone, reason: 'no-ds', kind: 'zone' });
    } else if (delv.verdict === 'secure') {
      expect(
        chain.links.every((l) => l.status === 'secure'),
        where,
      ).toBe(true);
      expect(chain.links.map((l) => l.zone).slice(0, 2)).toEqual(['.', 'lab.']);
      expect(chain.links.at(-1), where).toMatchObject({ kind: 'answer', zone: scenario.qname });
    } else {
      // Lame or dead: no resolver has records to check; the panel says so and has no links.
      expect(chain.links, where).toEqual([]);
    }
  });
});

describe('chain panel layouts', () => {
  /** What each photographed scenario's chain shows: its status, and the zone it names. */
  const SHOWN: Readonly<Record<string, readonly [string, string]>> = {
    alg13: ['secure', 'alg13.lab.'],
    // The CNAME leads into expired.lab., whose chain breaks.
    'cname-bogus': ['bogus', 'expired.lab.'],
  };
  const sizes = { desktop: [1280, 900], phone: [360, 780] } as const;
  const cases = ['alg13', 'cname-bogus'].flatMap((id) =>
    Object.entries(sizes).flatMap(([size, [width, height]]) =>
      (['light', 'dark'] as const).map(
        (colorScheme) =>
          [`${id} ${size}-${colorScheme}`, id, { width, height, colorScheme }] as const,
      ),
    ),
  );

  it.each(cases)('%s: fits the width, screenshot saved', async (name, id, layout) => {
    const app = await openChain(scenarioById(id), layout);
    // What the photograph must show: the chain's status, its headline, the root's and lab.'s links.
    const [status, zone] = SHOWN[id]!;
    expect(await app.panel.getAttribute('data-status')).toBe(status);
    expect(await app.panel.locator('[data-testid="chain-headline"]').innerText()).toContain(zone);
    expect(
      await app.panel
        .locator('[data-testid="chain-link"]')
        .evaluateAll((links) => links.map((l) => (l as HTMLElement).dataset.zone)),
    ).toEqual(expect.arrayContaining(['.', 'lab.']));
    await app.panel.screenshot({ path: `${SCREENSHOT_DIR}/chain-${name.replace(' ', '-')}.png` });
    // Nothing in the panel reaches past the viewport (the rest of the page is not ours).
    const overflowing = await app.panel.evaluate((root) => {
      const width = document.documentElement.clientWidth;
      return [root, ...Array.from(root.querySelectorAll('*'))]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .map((el) => `${el.tagName} ${(el.textContent ?? '').slice(0, 40)}`);
    });
    await app.close();
    expect(overflowing).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('is keyboard usable: a response opens from the chain with Enter', async () => {
    const app = await openChain(scenarioById('expired'), { ...DESKTOP, width: 360 });
    const button = app.panel
      .locator('[data-testid="chain-link"][data-zone="expired.lab."] button')
      .filter({ hasText: 'DNSKEY expired.lab.' });
    await button.focus();
    await app.page.keyboard.press('Enter');
    const detail = app.page.locator('[data-testid="cell-detail"]');
    await detail.waitFor();
    const heading = await detail.locator('h3').innerText();
    await app.close();
    expect(heading).toContain('expired.lab. DNSKEY');
    expect(app.errors).toEqual([]);
  });
});
