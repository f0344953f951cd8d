/**
 * The owner's report links to the DS check with the records a DS fix proposes (issue 16,
 * deliverable 3): the link stands alone on its line, built by route.ts from DNS data that
 * may be hostile, and stays one plain word of Markdown.
 */
import { describe, expect, it } from 'vitest';
import { markdownReport, type ReportVerdict } from '../../../src/report/markdown';
import { dsCheckFragment } from '../../../src/report/route';
import { smallEvidence } from './evidence-fixtures';

const VERDICT: ReportVerdict = {
  id: 'dnssec-bogus',
  reason: 'ds-mismatch',
  summary: 'The DNSSEC chain of trust is broken.',
  detail: 'The DS at the parent matches no key.',
  fix: 'Publish the DS of the current key.',
};
const BASE = 'https://lens.example/';

describe('the report’s DS check link', () => {
  it('follows the fix when a DS fix proposes records, and is absent otherwise', () => {
    const url = BASE + dsCheckFragment('example.com.', ['example.com. IN DS 3613 15 2 3AA5']);
    const input = {
      evidence: smallEvidence(),
      verdict: VERDICT,
      liveUrl: `${BASE}#/check/x`,
      evidenceUrl: null,
    };
    const report = markdownReport({ ...input, dsCheckUrl: url });
    const lines = report.split('\n');
    const at = lines.indexOf(url);
    expect(at).toBeGreaterThan(lines.indexOf('## How to fix it'));
    expect(at).toBeLessThan(lines.indexOf('## What was observed'));
    expect(lines[at - 2]).toMatch(/^Before you publish the DS records above, test them/);
    expect(markdownReport(input)).not.toMatch(/ds-check/);
  });

  it('a hostile zone and records give a link of plain characters only', () => {
    const url =
      BASE +
      dsCheckFragment('x_[a](javascript:alert(1))*<b>`.example.', [
        '**b** _i_ [l](http://e) <script>\n# h',
      ]);
    const report = markdownReport({
      evidence: smallEvidence(),
      verdict: VERDICT,
      liveUrl: `${BASE}#/check/x`,
      evidenceUrl: null,
      dsCheckUrl: url,
    });
    const line = report.split('\n').find((l) => l.includes('#/ds-check/'));
    expect(line).toBe(url);
    expect(line).toMatch(
      /^https:\/\/lens\.example\/#\/ds-check\/[A-Za-z0-9.%-]+\?[A-Za-z0-9.%=&-]+$/,
    );
  });
});
