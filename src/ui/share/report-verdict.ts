/**
 * The diagnosis as the Markdown report and the history list need it, gathered by the
 * diagnosis' renderer (diagnosis/explain/retold.ts) from the same words the card shows.
 */
import type { Diagnosis } from '../../diagnosis/diagnosis';
import { verdictLine, verdictReport } from '../../diagnosis/explain/retold';
import type { ReportVerdict } from '../../report/markdown';
import type { SaveSummary } from '../../store/investigation-record';

/**
 * @example reportVerdictOf(diagnosis) // { id: 'dnssec-bogus', reason: 'rrsig-expired', … }
 */
export function reportVerdictOf(diagnosis: Diagnosis): ReportVerdict {
  return verdictReport(diagnosis);
}

/** What the history list keeps besides the Evidence. */
export function saveSummaryOf(diagnosis: Diagnosis): SaveSummary {
  return verdictLine(diagnosis);
}
