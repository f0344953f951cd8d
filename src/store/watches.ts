/**
 * Watches in IndexedDB (the `watches` store of schema v2), on the page's one connection.
 * Thin like investigations.ts: what a watch is lives in watch-record.ts. Every function
 * returns a result and never throws.
 *
 * A watch is changed by a read-modify-write in one transaction (`updateWatch`): the service
 * worker's background check appends to the same record, and a write of the page's copy
 * would otherwise drop what it added.
 */

import { database } from './database';
import type { StoreResult } from './investigations';
import { WATCHES } from './investigation-schema';
import { readWatch, type StoredWatch } from './watch-record';
import { storageProblem } from './storage-errors';

export type { StoredWatch };

/** The watch with this id; null when there is none (or it is damaged). */
export async function getWatch(
  id: string,
): Promise<StoreResult<{ readonly watch: StoredWatch | null }>> {
  try {
    const db = await database();
    const value: unknown = await db.get(WATCHES, id);
    return { ok: true, watch: value === undefined ? null : readWatch(value) };
  } catch (error) {
    return { ok: false, message: storageProblem(error, 'read') };
  }
}

/**
 * Replaces the watch `id` by what `change` makes of the stored one (null when there is
 * none); `change` returning null deletes it. Resolves with what was written.
 *
 * @example await updateWatch(id, (stored) => stored && withRun(stored, run))
 */
export async function updateWatch(
  id: string,
  change: (stored: StoredWatch | null) => StoredWatch | null,
): Promise<StoreResult<{ readonly watch: StoredWatch | null }>> {
  try {
    const db = await database();
    const write = db.transaction(WATCHES, 'readwrite');
    const done = write.done;
    done.catch(() => undefined);
    const value: unknown = await write.store.get(id);
    const next = change(value === undefined ? null : readWatch(value));
    if (next === null) await write.store.delete(id);
    else await write.store.put({ ...next, id });
    await done;
    return { ok: true, watch: next };
  } catch (error) {
    return { ok: false, message: storageProblem(error, 'save') };
  }
}

/** Every stored watch (damaged ones left out). */
export async function listWatches(): Promise<
  StoreResult<{ readonly watches: readonly StoredWatch[] }>
> {
  try {
    const db = await database();
    const values: unknown[] = await db.getAll(WATCHES);
    return { ok: true, watches: values.map(readWatch).filter((w) => w !== null) };
  } catch (error) {
    return { ok: false, message: storageProblem(error, 'read') };
  }
}
