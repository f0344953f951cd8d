/**
 * Saved investigations in IndexedDB (through `idb`, which turns IDBRequests into promises
 * and keeps transactions alive across awaits correctly). Kept thin on purpose: what a
 * record is, how search and import behave, and the schema live in pure modules tested in
 * Node; this file only moves records in and out of the database and turns failures into
 * sentences. Every function returns a result and never throws.
 *
 * A failed write aborts only its own transaction, so a full disk loses nothing that was
 * already saved.
 */

import type { IDBPTransaction } from 'idb';
import type { Evidence } from '../evidence/evidence';
import { parseEvidence } from '../evidence/codec';
import { buildExportFile, parseImportFile } from './export-file';

export { importSizeProblem, MAX_IMPORT_BYTES } from './export-file';
import {
  listLimit,
  makeRecord,
  matchesSearch,
  normaliseSearch,
  readRecord,
  summariseStored,
  type InvestigationSummary,
  type SaveSummary,
  type StoredInvestigation,
} from './investigation-record';
import { database } from './database';
import { BY_SAVED_AT, INVESTIGATIONS } from './investigation-schema';
import { storageProblem } from './storage-errors';

export type { InvestigationSummary, SaveSummary, StoredInvestigation };

export type StoreResult<T> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly message: string };

export interface ImportResult {
  readonly imported: number;
  /** Entries already saved, or repeated within the file. */
  readonly skipped: number;
  /** One message per refused entry, or one for the whole file. */
  readonly errors: readonly string[];
}

type WriteTransaction = IDBPTransaction<unknown, [typeof INVESTIGATIONS], 'readwrite'>;
type Written<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * Runs `work` in one read-write transaction and resolves once it has committed. A full quota
 * is often reported on the transaction rather than on the request, so the message is worded
 * from both errors (storage-errors.ts). `done` is observed at once: a failed request leaves
 * `work` before `done` is awaited, and its rejection would otherwise go unhandled.
 */
async function inWriteTransaction<T>(
  action: 'save' | 'import',
  work: (write: WriteTransaction) => Promise<T>,
): Promise<Written<T>> {
  let write: WriteTransaction | undefined;
  try {
    const db = await database();
    write = db.transaction(INVESTIGATIONS, 'readwrite');
    const done = write.done;
    done.catch(() => undefined);
    const value = await work(write);
    await done;
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: storageProblem(error, action, write?.error) };
  }
}

/**
 * Saves (or updates: the id follows from the Evidence) one investigation.
 *
 * @example await saveInvestigation(evidence, { verdict: 'ok', headline: 'Resolves' })
 */
export async function saveInvestigation(
  evidence: Evidence,
  summary: SaveSummary = {},
): Promise<StoreResult<{ readonly id: string }>> {
  const checked = parseEvidence(evidence);
  if (!checked.ok) return { ok: false, message: `Not saved: ${checked.message}` };
  const record = makeRecord(checked.evidence, summary, Date.now());
  const saved = await inWriteTransaction('save', (write) => write.store.put(record));
  return saved.ok ? { ok: true, id: record.id } : saved;
}

/** Newest first; `search` matches a part of the name. Damaged entries are left out. */
export async function listInvestigations(
  options: { readonly search?: string; readonly limit?: number } = {},
): Promise<StoreResult<{ readonly investigations: readonly InvestigationSummary[] }>> {
  const search = normaliseSearch(options.search);
  const limit = listLimit(options.limit);
  try {
    const db = await database();
    const out: InvestigationSummary[] = [];
    const read = db.transaction(INVESTIGATIONS);
    read.done.catch(() => undefined); // a failure surfaces through the cursor
    const index = read.store.index(BY_SAVED_AT);
    for await (const cursor of index.iterate(null, 'prev')) {
      const summary = summariseStored(cursor.value);
      if (summary !== null && matchesSearch(summary.name, search)) out.push(summary);
      if (out.length >= limit) break;
    }
    return { ok: true, investigations: out };
  } catch (error) {
    return { ok: false, message: storageProblem(error, 'read') };
  }
}

/** One saved investigation with its Evidence checked again; null when there is none. */
export async function getInvestigation(
  id: string,
): Promise<StoreResult<{ readonly investigation: StoredInvestigation | null }>> {
  try {
    const db = await database();
    const value: unknown = await db.get(INVESTIGATIONS, id);
    if (value === undefined) return { ok: true, investigation: null };
    const read = readRecord(value);
    return read.ok ? { ok: true, investigation: read.record } : read;
  } catch (error) {
    return { ok: false, message: storageProblem(error, 'read') };
  }
}

/**
 * Stores this app's own diagnosis of a saved entry (an imported one, or one saved before
 * summaries were marked as ours), keeping its id and date. Nothing happens when the entry
 * was deleted meanwhile.
 *
 * @example await recordDiagnosis(id, { verdict: 'dnssec-bogus', reason: 'ds-mismatch', headline: '…' })
 */
export async function recordDiagnosis(
  id: string,
  summary: SaveSummary,
): Promise<StoreResult<object>> {
  const updated = await inWriteTransaction('save', async (write): Promise<StoreResult<object>> => {
    const value: unknown = await write.store.get(id);
    if (value === undefined) return { ok: true };
    const read = readRecord(value);
    if (!read.ok) return read;
    const fresh = makeRecord(read.record.evidence, summary, read.record.savedAt);
    await write.store.put({ ...fresh, id: read.record.id });
    return { ok: true };
  });
  return updated.ok ? updated.value : updated;
}

export async function deleteInvestigation(id: string): Promise<StoreResult<object>> {
  try {
    const db = await database();
    await db.delete(INVESTIGATIONS, id);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: storageProblem(error, 'delete') };
  }
}

/** Every saved investigation as an export file (JSON text), newest first. */
export async function exportAll(): Promise<
  StoreResult<{ readonly text: string; readonly count: number }>
> {
  try {
    const db = await database();
    const values: unknown[] = await db.getAllFromIndex(INVESTIGATIONS, BY_SAVED_AT);
    const records = values
      .map(readRecord)
      .flatMap((r) => (r.ok ? [r.record] : []))
      .reverse();
    return { ok: true, text: buildExportFile(records, Date.now()), count: records.length };
  } catch (error) {
    return { ok: false, message: storageProblem(error, 'read') };
  }
}

/**
 * Imports an export file (or one Evidence file). Good entries are kept, bad ones reported,
 * ones already saved skipped; all writes share one transaction.
 */
export async function importFile(text: string): Promise<ImportResult> {
  const plan = parseImportFile(text, Date.now());
  if (plan.records.length === 0) {
    return { imported: 0, skipped: plan.duplicates, errors: plan.errors };
  }
  const added = await inWriteTransaction('import', async (write) => {
    let imported = 0;
    let skipped = plan.duplicates;
    for (const record of plan.records) {
      if ((await write.store.getKey(record.id)) !== undefined) {
        skipped += 1;
      } else {
        await write.store.add(record);
        imported += 1;
      }
    }
    return { imported, skipped };
  });
  return added.ok
    ? { ...added.value, errors: plan.errors }
    : { imported: 0, skipped: plan.duplicates, errors: [...plan.errors, added.message] };
}
