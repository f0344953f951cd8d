/**
 * The diagnosis as the Markdown report and the history list need it: the verdict and
 * reason ids, one sentence, the owner's paragraphs and the fix (report/markdown.ts escapes
 * all of it; it is never HTML).
 */
import type { Diagnosis, Fix } from '../../diagnosis/diagnosis';
import type { ReportVerdict } from '../../report/markdown';
import type { SaveSummary } from '../../store/investigation-record';

function fixParagraph(fix: Fix): string {
  const records = fix.records.length > 0 ? ` Records: ${fix.records.join('; ')}` : '';
  const cost = fix.cost ? ` (${fix.cost})` : '';
  return `${fix.title}: ${fix.text}${cost}${records}`;
}

/**
 * @example reportVerdictOf(diagnosis) // { id: 'dnssec-bogus', reason: 'rrsig-expired', … }
 */
export function reportVerdictOf(diagnosis: Diagnosis): ReportVerdict {
  const steps = diagnosis.fixes.filter((f) => f.kind === 'fix' || f.kind === 'emergency');
  return {
    id: diagnosis.verdict,
    reason: diagnosis.reason,
    summary: diagnosis.headline,
    detail: [
      ...diagnosis.detail,
      ...(diagnosis.suspects.length > 0
        ? [`Suspect nameservers: ${diagnosis.suspects.map((s) => s.text).join(' ')}`]
        : []),
    ].join('\n\n'),
    fix: steps.length > 0 ? steps.map(fixParagraph).join('\n\n') : diagnosis.whatToDo,
    // Built and quoted by dns/shell-command.ts; the report puts them in a fenced block.
    commands: [...new Set(diagnosis.fixes.flatMap((f) => f.commands))],
  };
}

/** What the history list keeps besides the Evidence. */
export function saveSummaryOf(diagnosis: Diagnosis): SaveSummary {
  return { verdict: diagnosis.verdict, reason: diagnosis.reason, headline: diagnosis.headline };
}
