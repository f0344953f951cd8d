/**
 * Issue 12 (items 1 and 3) in Chromium: an evidence link built with the app's own encoder
 * from the `lame` lab recording, its responses rewritten by an attacker — every resolver's
 * SERVFAIL carries an EDE text with bidi overrides, line breaks, a Markdown heading and
 * link and an HTML image; the parent's NS set names servers whose labels hold shell syntax.
 *
 * The page must show the attack as text (`\u202E`, `\u000A`), inject no element, and offer
 * commands that are quoted: pasted into bash (with stub programs), they run nothing else.
 * The Markdown report of the same page keeps it literal too. Needs a build (LENS_DIST).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandName, digCommand } from '../../src/dns/shell-command';
import { lowerName, nameToText } from '../../src/dns/wire/name';
import type { Evidence } from '../../src/evidence/evidence';
import { encodeEvidenceLink } from '../../src/report/permalink';
import { loadLabFixture } from '../fixtures/lab-fixtures';
import { failureWire } from '../unit/diagnosis/lab-evidence';
import { hostileName, mapExchanges, withNsTargets } from '../unit/security/hostile-evidence';
import { pasteIntoBash } from '../unit/security/shell-stubs';
import {
  launchBrowser,
  openPage,
  screenshot,
  startAppServer,
  type AppServer,
  type WatchedPage,
} from './harness';
import { waitForDone } from './lab-app';

/** What the resolvers "say": it tries to add a heading, a link and an image, reversed. */
const EDE_TEXT =
  'x\u202E\n# Heading\n[click](https://evil.example) <img src=x onerror="window.__xss=1"> \u2066end';

/** Labels (lower case: the diagnosis lowers NS hosts) that run `touch` if pasted unquoted. */
const NS_LABELS = ['`touch${IFS}pwned-a`', '$(touch pwned-b)\u202E'] as const;

function hostileLink(): Evidence {
  const evidence = mapExchanges(
    loadLabFixture('lame'),
    (x) => x.purpose === 'ns' && x.question.name === 'lab.',
    withNsTargets(NS_LABELS.map((label) => hostileName(label, 'evil', 'lab'))),
  );
  return mapExchanges(
    evidence,
    (x) => x.purpose === 'target',
    (x) => {
      const { error: _error, ...rest } = x;
      return {
        ...rest,
        httpStatus: 200,
        contentType: 'application/dns-message',
        response: failureWire('SERVFAIL', { code: 22, text: EDE_TEXT }),
      };
    },
  );
}

/** Code points that hide or reorder text (what visibleText replaces), except \n and \t. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u;

describe('hostile text in an evidence link', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const payload = await encodeEvidenceLink(hostileLink());
    watched = await openPage(context, `${server.baseUrl}#/evidence/${payload}`);
    page = watched.page;
    await waitForDone(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('diagnoses it as the lame delegation it is', async () => {
    const verdict = await page.waitForSelector('[data-testid="verdict"]');
    expect(await verdict.getAttribute('data-verdict')).toBe('lame-delegation');
  });

  it('shows the bidi overrides and line breaks as \\u escapes, never as live characters', async () => {
    // Open every disclosure, so what a person can reach is what is checked.
    await page.$$eval('main details', (all) =>
      all.forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    const text = await page.evaluate(() => document.querySelector('main')?.innerText ?? '');
    expect(text).not.toMatch(INVISIBLE);
    // In the grid (the EDE as received) and in the verdict's sentences.
    expect(text).toContain('x\\u202E\\u000A# Heading\\u000A[click](https://evil.example)');
    expect(text).toContain('\\u2066end');
    const grid = await page.textContent('[data-testid="grid"]');
    expect(grid).toContain('\\u202E');
    const detail = await page.textContent('[data-testid="verdict"]');
    expect(detail).toContain('EDE 22 No Reachable Authority “x\\u202E\\u000A# Heading');
  });

  it('injects no element: no heading, link, image or script from the text', async () => {
    expect(await page.$('main img, main script, main iframe, main object')).toBeNull();
    expect(await page.$('main a[href*="evil.example"]')).toBeNull();
    const headings = await page.$$eval('main h1, main h2, main h3, main h4', (hs) =>
      hs.map((h) => h.textContent?.trim() ?? ''),
    );
    expect(headings.filter((h) => /^Heading$|click/.test(h))).toEqual([]);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('offers commands that are quoted, and pasted into bash run nothing else', async () => {
    const lines = await page.$$eval('[data-testid="fix"] .line', (spans) =>
      spans.map((s) => s.textContent ?? ''),
    );
    for (const label of NS_LABELS) {
      const ns = nameToText(lowerName(hostileName(label, 'evil', 'lab')));
      expect(lines).toContain(
        digCommand({
          server: { kind: 'host', host: ns },
          name: 'lame.lab.',
          type: 'NS',
          flags: ['+norec'],
        }),
      );
    }
    expect(lines.join('\n')).toContain("dig '@\\`touch\\$\\{ifs\\}pwned-a\\`.evil.lab.'");

    // The detail pane's commands too.
    await page.click('[data-testid="cell"]');
    const dig = (await page.textContent('[data-testid="dig-command"]')) ?? '';
    const curl = await page.$('[data-testid="curl-command"]');
    const commands = [...lines, dig, ...(curl ? [(await curl.textContent()) ?? ''] : [])];
    const run = pasteIntoBash(commands);
    expect(run.created).toEqual([]);
    expect(run.invocations.filter((i) => !['dig', 'curl', 'python3'].includes(i.program))).toEqual(
      [],
    );
    expect(run.stderr).not.toMatch(/command not found|syntax error|No such file|\[\d+\]/);
    const argv = run.invocations.flatMap((i) => i.argv);
    for (const label of NS_LABELS) {
      const ns = lowerName(hostileName(label, 'evil', 'lab'));
      expect(argv).toContain(`@${commandName(nameToText(ns))}`);
    }
    // The dig-style text of the response: the EDE line stays one line.
    const digText = (await page.textContent('[data-testid="dig-text"]')) ?? '';
    const ede = digText.split('\n').filter((line) => line.startsWith('; EDE'));
    expect(ede).toEqual([
      '; EDE: 22 (No Reachable Authority): (x\\u202E\\010# Heading\\010[click](https://evil.example) <img src=x onerror="window.__xss=1"> \\u2066end)',
    ]);
    await screenshot(page, 'hostile-text-detail');
  });

  it('keeps it literal in the Markdown report', async () => {
    await page.click('[data-testid="report-toggle"]');
    const report = (await page.textContent('[data-testid="report-text"]')) ?? '';
    expect(report).not.toMatch(INVISIBLE);
    expect(report.split('\n').filter((line) => /^#/.test(line))).toEqual([
      expect.stringMatching(/^# DNS check of /),
      '## How to fix it',
      '## What was observed',
      '## Check it yourself',
    ]);
    // Outside code spans and fenced blocks, nothing of the text is live Markdown.
    const prose = report
      .replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '')
      .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '')
      .replace(/\\[!-/:-@[-`{-~]/g, '');
    expect(prose).not.toMatch(/[<>]|\]\(|\[click/);
    // The sentence that quotes it, escaped: it renders as the text itself.
    expect(report).toContain(
      '“x\\\\u202E\\\\u000A# Heading\\\\u000A\\[click\\](https\\://evil.example) \\<img',
    );
    // The commands, in a fenced block, exactly as the page offers them.
    const block = /^(`{3,})sh\n([\s\S]*?)\n\1$/m.exec(report)?.[2]?.split('\n') ?? [];
    for (const label of NS_LABELS) {
      const ns = nameToText(lowerName(hostileName(label, 'evil', 'lab')));
      expect(block).toContain(
        digCommand({
          server: { kind: 'host', host: ns },
          name: 'lame.lab.',
          type: 'NS',
          flags: ['+norec'],
        }),
      );
    }
    await screenshot(page, 'hostile-text-report');
    expect(watched.errors).toEqual([]);
  });

  it('looks right (screenshot)', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    // What the photograph must show: the verdict, and the attack as escaped text in the grid.
    expect(await page.getAttribute('[data-testid="verdict"]', 'data-verdict')).toBe(
      'lame-delegation',
    );
    const grid = await page.locator('[data-testid="grid"]').innerText();
    expect(grid).toContain('\\u202E');
    expect(grid).not.toMatch(INVISIBLE);
    expect(await page.$('main img')).toBeNull();
    await screenshot(page, 'hostile-text');
  });
});
