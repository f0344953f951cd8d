/**
 * The owner's report and the history list take the diagnosis of a lab recording: the
 * verdict and reason ids, its headline, and fix paragraphs that markdownReport can escape.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnosis/diagnose';
import { markdownReport } from '../../../src/report/markdown';
import { reportVerdictOf, saveSummaryOf } from '../../../src/ui/share/report-verdict';
import { loadLabFixture } from '../../fixtures/lab-fixtures';

async function diagnosisOf(scenario: string) {
  const evidence = loadLabFixture(scenario);
  return { evidence, diagnosis: await diagnose(evidence, { now: evidence.finishedAt / 1000 }) };
}

describe('reportVerdictOf', () => {
  it('carries the verdict, reason, headline and a fix into the Markdown report', async () => {
    const { evidence, diagnosis } = await diagnosisOf('ds-mismatch');
    const verdict = reportVerdictOf(diagnosis);
    expect(verdict.id).toBe(diagnosis.verdict);
    expect(verdict.reason).toBe(diagnosis.reason);
    expect(verdict.summary).toBe(diagnosis.headline);
    expect(verdict.fix.length).toBeGreaterThan(0);
    const report = markdownReport({
      evidence,
      verdict,
      liveUrl: 'https://lens.example/#/check/www.ds-mismatch.lab?type=A',
      evidenceUrl: 'https://lens.example/#/evidence/AX2S',
    });
    expect(report).toContain(`Verdict \`${diagnosis.verdict}\`, reason \`${diagnosis.reason}\``);
    expect(report).toContain('## How to fix it');
    // Resolvers' EDE texts quote `<name type class>`: only inside code spans.
    expect(report.replace(/`[^`\n]*`/g, '')).not.toMatch(/<[a-z]/i);
  });

  it('falls back to what to do when there is nothing to fix', async () => {
    const { diagnosis } = await diagnosisOf('alg13');
    const verdict = reportVerdictOf({ ...diagnosis, fixes: [] });
    expect(verdict.fix).toBe(diagnosis.whatToDo);
  });

  it('summarises for the history list', async () => {
    const { diagnosis } = await diagnosisOf('lame');
    expect(saveSummaryOf(diagnosis)).toEqual({
      verdict: diagnosis.verdict,
      reason: diagnosis.reason,
      headline: diagnosis.headline,
    });
  });
});
