/**
 * The IndexedDB schema as migrations: which steps run for each (old, new) version pair, and
 * what v1 creates, recorded by a fake database (the real one is covered by browser tests).
 */
import { describe, expect, it } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  MIGRATIONS,
  migrationsBetween,
  upgradeDatabase,
  type Migration,
  type UpgradeDatabase,
  type UpgradeStore,
  type UpgradeTransaction,
} from '../../../src/store/investigation-schema';

/** Records every schema call as a line of text. */
function recorder() {
  const calls: string[] = [];
  const stores = new Set<string>();
  const store = (name: string): UpgradeStore => ({
    createIndex: (index, keyPath) =>
      calls.push(`${name}.createIndex(${index}, ${String(keyPath)})`),
    deleteIndex: (index) => void calls.push(`${name}.deleteIndex(${index})`),
    indexNames: { contains: () => false },
  });
  const db: UpgradeDatabase = {
    createObjectStore: (name, options) => {
      calls.push(`createObjectStore(${name}, keyPath=${String(options?.keyPath)})`);
      stores.add(name);
      return store(name);
    },
    deleteObjectStore: (name) => void calls.push(`deleteObjectStore(${name})`),
    objectStoreNames: { contains: (name) => stores.has(name) },
  };
  const tx: UpgradeTransaction = { objectStore: (name) => store(name) };
  return { calls, db, tx };
}

/** A hypothetical next step, to test how steps follow each other. */
const V3: Migration = {
  version: 3,
  description: 'test: an index on the verdict',
  apply: (_db, tx) => void tx.objectStore('investigations').createIndex('verdict', 'verdict'),
};
const WITH_V3 = [...MIGRATIONS, V3];

describe('migrationsBetween', () => {
  it.each([
    [0, 1, MIGRATIONS, [1]],
    [1, 1, MIGRATIONS, []],
    [0, 2, MIGRATIONS, [1, 2]],
    [1, 2, MIGRATIONS, [2]],
    [2, 2, MIGRATIONS, []],
    [0, 3, WITH_V3, [1, 2, 3]],
    [2, 3, WITH_V3, [3]],
    [3, 3, WITH_V3, []],
    [0, 1, [V3, ...MIGRATIONS], [1]],
  ])('%i → %i', (from, to, migrations, expected) => {
    expect(migrationsBetween(from, to, migrations).map((m) => m.version)).toEqual(expected);
  });
});

describe('upgradeDatabase', () => {
  it('v0 → v1 creates the store and its indexes', () => {
    const { calls, db, tx } = recorder();
    upgradeDatabase(db, 0, 1, tx);
    expect(calls).toEqual([
      'createObjectStore(investigations, keyPath=id)',
      'investigations.createIndex(savedAt, savedAt)',
      'investigations.createIndex(name, name)',
    ]);
  });

  it('v1 → v2 adds the watches store and touches nothing saved before', () => {
    const { calls, db, tx } = recorder();
    upgradeDatabase(db, 1, 2, tx);
    // No delete, no index change on the investigations: what v1 saved is kept as it is.
    expect(calls).toEqual(['createObjectStore(watches, keyPath=id)']);
  });

  it('v0 → v2 creates both stores', () => {
    const { calls, db, tx } = recorder();
    upgradeDatabase(db, 0, 2, tx);
    expect(calls).toEqual([
      'createObjectStore(investigations, keyPath=id)',
      'investigations.createIndex(savedAt, savedAt)',
      'investigations.createIndex(name, name)',
      'createObjectStore(watches, keyPath=id)',
    ]);
  });

  it('v2 → v3 runs only the new step', () => {
    const { calls, db, tx } = recorder();
    upgradeDatabase(db, 2, 3, tx, WITH_V3);
    expect(calls).toEqual(['investigations.createIndex(verdict, verdict)']);
  });

  it('v0 → v3 runs every step in order', () => {
    const { calls, db, tx } = recorder();
    upgradeDatabase(db, 0, 3, tx, WITH_V3);
    expect(calls.at(0)).toBe('createObjectStore(investigations, keyPath=id)');
    expect(calls.at(-1)).toBe('investigations.createIndex(verdict, verdict)');
  });

  it('opens servfail-lens at the last migration version', () => {
    expect(DB_NAME).toBe('servfail-lens');
    expect(DB_VERSION).toBe(2);
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2]);
  });
});
