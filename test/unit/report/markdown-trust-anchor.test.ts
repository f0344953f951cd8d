/**
 * The report says first, before the verdict, when the evidence was validated against
 * trust anchors that are not the built-in root anchors (a lab recording's own root key,
 * a link's `ta=`), with their key tags; with the root's anchors it says nothing of it.
 */
import { describe, expect, it } from 'vitest';
import { ROOT_TRUST_ANCHORS_TEXT } from '../../../src/dnssec/anchors/root-anchors';
import { markdownReport, type ReportVerdict } from '../../../src/report/markdown';
import { loadLabFixture } from '../../fixtures/lab-fixtures';
import { smallEvidence } from './evidence-fixtures';

const verdict: ReportVerdict = {
  id: 'ok',
  reason: 'secure',
  summary: 'The name resolves and its DNSSEC chain is secure.',
  detail: 'Every resolver answered.',
  fix: 'Nothing to fix.',
};
const links = { liveUrl: 'https://lens.example/#/check/x', evidenceUrl: null };

describe('the report and trust anchors', () => {
  it("leads with the anchor's key tag when it is not the root's", () => {
    const evidence = loadLabFixture('alg13');
    const tag = / DS (\d+) /.exec(evidence.trustAnchors[0] ?? '')?.[1];
    const report = markdownReport({ evidence, verdict, ...links });
    const lines = report.split('\n');
    expect(lines[2]).toBe(
      `**Not validated against the root's trust anchors.** This result is validated against a trust anchor that is not the root's (key tag ${tag}): 'Secure' here means secure for whoever chose this trust anchor, not for the Internet.`,
    );
    // Before the verdict's own sentence.
    expect(report.indexOf('key tag')).toBeLessThan(report.indexOf(verdict.summary));
  });

  it('says nothing of it with the root anchors, however they are given', () => {
    for (const trustAnchors of [[], [...ROOT_TRUST_ANCHORS_TEXT].reverse()]) {
      const report = markdownReport({
        evidence: { ...smallEvidence(), trustAnchors },
        verdict,
        ...links,
      });
      expect(report).not.toContain('Not validated against');
      expect(report.split('\n')[2]).toBe(`**${verdict.summary}**`);
    }
  });

  it('escapes what an unreadable anchor brings along', () => {
    const evidence = {
      ...smallEvidence(),
      trustAnchors: ['[x](https://evil.example) IN A 1.2.3.4'],
    };
    const line = markdownReport({ evidence, verdict, ...links }).split('\n')[2] ?? '';
    expect(line).toMatch(
      /^\*\*Not validated against the root's trust anchors\.\*\* This check names trust anchors/,
    );
    expect(line).not.toMatch(/(?<!\\)\[x(?<!\\)\]/);
    expect(line).not.toContain('https://');
  });
});
