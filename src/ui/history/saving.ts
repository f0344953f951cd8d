/**
 * Saving finished checks: what goes into the list besides the Evidence, and the store
 * module loaded on first use (IndexedDB code is not part of the app shell).
 */
import { answersLine } from '../../diagnosis/explain/answers-line';
import type { Evidence } from '../../evidence/evidence';
import type { ExchangeSummary } from '../../report/exchange-summary';
import type { SaveSummary } from '../../store/investigation-record';

/** The IndexedDB layer, loaded on demand. */
export const loadStore = () => import('../../store/investigations');

/**
 * One line for the history list: what the resolvers answered with CD=0, worded by
 * diagnosis/explain/answers-line.ts.
 *
 * @example headlineOf(summaries) // 'CD=0: SERVFAIL ×3, NOERROR ×1'
 */
export function headlineOf(summaries: readonly ExchangeSummary[]): string {
  return answersLine(summaries.filter((s) => s.purpose === 'target' && !s.cd).map((s) => s.status));
}

/** Saves one finished check: its id, or the message to show when it failed. */
export async function saveFinished(
  evidence: Evidence,
  summary: SaveSummary,
): Promise<{ readonly id: string } | { readonly id: null; readonly problem: string }> {
  const store = await loadStore();
  const result = await store.saveInvestigation(evidence, summary);
  return result.ok ? { id: result.id } : { id: null, problem: result.message };
}
