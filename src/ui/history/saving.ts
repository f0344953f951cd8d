/**
 * Saving finished checks: what goes into the list besides the Evidence, and the store
 * module loaded on first use (IndexedDB code is not part of the app shell).
 */
import type { Evidence } from '../../evidence/evidence';
import type { ExchangeSummary } from '../../report/exchange-summary';
import type { SaveSummary } from '../../store/investigation-record';

/** The IndexedDB layer, loaded on demand. */
export const loadStore = () => import('../../store/investigations');

/**
 * One line for the history list: what the resolvers answered with CD=0, e.g.
 * `CD=0: SERVFAIL ×3, NOERROR ×1`.
 *
 * @example headlineOf(summaries) // 'CD=0: SERVFAIL ×3, NOERROR ×1'
 */
export function headlineOf(summaries: readonly ExchangeSummary[]): string {
  const counts = new Map<string, number>();
  for (const s of summaries) {
    if (s.purpose === 'target' && !s.cd) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([status, n]) => `${status} ×${n}`);
  return parts.length === 0 ? 'no answers' : `CD=0: ${parts.join(', ')}`;
}

/** Saves one finished check; returns the message to show when it failed, else null. */
export async function saveFinished(
  evidence: Evidence,
  summary: SaveSummary,
): Promise<string | null> {
  const store = await loadStore();
  const result = await store.saveInvestigation(evidence, summary);
  return result.ok ? null : result.message;
}
