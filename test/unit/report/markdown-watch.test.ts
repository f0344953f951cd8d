/**
 * The watch timeline in the owner's report (issue 15, deliverable 4): a table of stretches
 * of runs that observed the same, per resolver what the target question with CD=0 came
 * back with; and hostile text (resolver labels, statuses, EDE texts) stays text that cannot
 * add a column, a link or HTML.
 */
import { describe, expect, it } from 'vitest';
import { markdownReport } from '../../../src/report/markdown';
import type { WatchOutcome, WatchRun, WatchTimeline } from '../../../src/report/watch-timeline';
import { CLOUDFLARE, GOOGLE, smallEvidence } from './evidence-fixtures';

const LIVE = 'https://lens.example/#/check/www.example.com?type=A';
const LINK = 'https://lens.example/#/evidence/AXyz_-1';
const START = Date.UTC(2026, 4, 1, 12, 0, 0);

function outcome(resolver: string, status: string, ad = false, ede: number[] = []): WatchOutcome {
  return { resolver, status, ad, ede: ede.map((code) => ({ code, text: `text ${code}` })) };
}

function run(seconds: number, verdict: string, reason: string, outcomes: WatchOutcome[]): WatchRun {
  return { at: START + seconds * 1000, verdict, reason, savedId: `id${seconds}`, outcomes };
}

const broken = [outcome(GOOGLE.url, 'SERVFAIL', false, [9]), outcome(CLOUDFLARE.url, 'SERVFAIL')];
const fixed = [outcome(GOOGLE.url, 'NOERROR', true), outcome(CLOUDFLARE.url, 'NOERROR', true)];

const TIMELINE: WatchTimeline = {
  startedAt: START,
  resolvers: [GOOGLE, CLOUDFLARE],
  runs: [
    run(0, 'dnssec-bogus', 'ds-mismatch', broken),
    run(10, 'dnssec-bogus', 'ds-mismatch', broken),
    run(25, 'dnssec-bogus', 'ds-mismatch', broken),
    run(47, 'ok', 'secure', fixed),
  ],
};

function report(watch?: WatchTimeline): string {
  return markdownReport({
    evidence: smallEvidence(),
    liveUrl: LIVE,
    evidenceUrl: LINK,
    ...(watch ? { watch } : {}),
  });
}

/** The table's rows: lines that start with a pipe. */
const tableRows = (text: string) => text.split('\n').filter((line) => line.startsWith('|'));

/** Cell separators of a row: pipes not escaped by a backslash. */
const columns = (row: string) => row.split(/(?<!\\)\|/).length - 2;

describe('the watch timeline in the report', () => {
  it('is absent when no watch ran', () => {
    expect(report()).not.toContain('## Watch timeline');
    expect(report({ ...TIMELINE, runs: [] })).not.toContain('## Watch timeline');
  });

  it('sits after the observations, before "Check it yourself"', () => {
    const text = report(TIMELINE);
    const at = (s: string) => text.indexOf(s);
    expect(at('## What was observed')).toBeLessThan(at('## Watch timeline'));
    expect(at('## Watch timeline')).toBeLessThan(at('## Check it yourself'));
  });

  it('lists stretches of unchanged runs, with the counts and each resolver as a column', () => {
    const text = report(TIMELINE);
    expect(text).toContain('Watched from 2026-05-01T12:00:00.000Z: 4 runs, 1 change.');
    expect(tableRows(text)).toEqual([
      '| When (UTC) | Runs | Verdict | Google | Cloudflare |',
      '| --- | --- | --- | --- | --- |',
      '| 2026-05-01 12:00:00Z – 12:00:25Z | 3 | dnssec-bogus / ds-mismatch | SERVFAIL EDE 9 | SERVFAIL |',
      '| 2026-05-01 12:00:47Z | 1 | ok / secure | NOERROR AD | NOERROR AD |',
    ]);
  });

  it('says "no change" for one stretch, and "not asked" for a resolver a run lacks', () => {
    const one = { ...TIMELINE, runs: [run(0, 'ok', 'secure', [fixed[0]!])] };
    const text = report(one);
    expect(text).toContain('1 run, no change.');
    expect(tableRows(text).at(-1)).toBe(
      '| 2026-05-01 12:00:00Z | 1 | ok / secure | NOERROR AD | not asked |',
    );
  });

  it('writes a failed run without a reason', () => {
    const text = report({ ...TIMELINE, runs: [run(0, 'failed', '', [])] });
    expect(tableRows(text).at(-1)).toBe(
      '| 2026-05-01 12:00:00Z | 1 | failed | not asked | not asked |',
    );
  });

  it('keeps the date of both ends when a stretch crosses midnight', () => {
    const late = { ...TIMELINE.runs[0]!, at: Date.UTC(2026, 4, 1, 23, 59, 50) };
    const early = { ...TIMELINE.runs[0]!, at: Date.UTC(2026, 4, 2, 0, 0, 10) };
    const text = report({ ...TIMELINE, runs: [late, early] });
    expect(text).toContain('| 2026-05-01 23:59:50Z – 2026-05-02 00:00:10Z | 2 |');
  });

  it('keeps hostile labels and statuses inside their cells, as text', () => {
    const hostile = '|x| <img src=x onerror=alert(1)> [a](https://evil.example) `y`\n# h';
    const text = report({
      startedAt: START,
      resolvers: [{ url: GOOGLE.url, label: hostile }, CLOUDFLARE],
      runs: [
        run(0, 'ok', hostile, [
          { resolver: GOOGLE.url, status: hostile, ad: false, ede: [{ code: 22, text: hostile }] },
          outcome(CLOUDFLARE.url, 'NOERROR'),
        ]),
      ],
    });
    const rows = tableRows(text);
    expect(rows).toHaveLength(3);
    // Every row has the header's five columns: no pipe of the text opened a cell.
    expect(rows.map(columns)).toEqual([5, 5, 5]);
    const table = rows.join('\n');
    expect(table).not.toMatch(/(?<!\\)[<>[\]`]/);
    expect(table).not.toContain('https://');
    expect(table).toContain('\\|x\\| \\<img src=x onerror=alert(1)\\> \\[a\\](https\\://');
    // One line per row: the line break became visible text.
    expect(table).toContain('\\\\u000A# h');
    // EDE texts are left to the saved results (the codes are in the table).
    expect(rows[2]).toContain('EDE 22 |');
  });
});
