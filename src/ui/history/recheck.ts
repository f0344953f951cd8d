/**
 * An imported entry (or one saved before summaries were marked as this app's own) is
 * listed without a verdict until it is recomputed here: its Evidence goes through the
 * worker's `load()`, the very derivation an opened result gets (validation, then
 * diagnose), and the verdict is stored as this app's own. A file's claimed verdict is
 * never shown (store/investigation-record.ts).
 */
import type { SaveSummary } from '../../store/investigation-record';
import { saveSummaryOf } from '../share/report-verdict';
import { lensWorker } from '../worker-bridge';
import { loadStore } from './saving';

/**
 * Recomputes and stores the verdict of saved entry `id`; null when the entry is gone.
 * Rejects with a sentence when it cannot be read, diagnosed or stored.
 *
 * @example await recheckSaved('0f3c…') // { verdict: 'dnssec-bogus', reason: 'ds-mismatch', headline: '…' }
 */
export async function recheckSaved(id: string): Promise<SaveSummary | null> {
  const store = await loadStore();
  const got = await store.getInvestigation(id);
  if (!got.ok) throw new Error(got.message);
  if (got.investigation === null) return null;
  // The worker holds the loaded evidence under an id of its own, released at once.
  const result = await lensWorker.load(got.investigation.evidence);
  lensWorker.release(result.evidenceId);
  const summary = saveSummaryOf(result.diagnosis);
  const stored = await store.recordDiagnosis(id, summary);
  if (!stored.ok) throw new Error(stored.message);
  return summary;
}
