/**
 * The IndexedDB schema of saved investigations, as a list of migrations.
 *
 * IndexedDB runs `upgradeneeded` with the version the browser has (0 when the database is
 * new) and the version we ask for; every migration between the two runs in order, inside
 * that one versionchange transaction. To change the schema, append a migration with the
 * next version and raise DB_VERSION; never edit a migration that has shipped, since
 * browsers out there have already run it.
 *
 * The migrations see the database through the small interfaces below, so the plan and
 * the steps are tested in Node with a recording fake (idb's objects fit them).
 */

export const DB_NAME = 'servfail-lens';
export const INVESTIGATIONS = 'investigations';
export const BY_SAVED_AT = 'savedAt';
export const BY_NAME = 'name';
/** Watches of a check (issue 15), keyed by the id their request gives (watch-record.ts). */
export const WATCHES = 'watches';

export interface UpgradeStore {
  createIndex(name: string, keyPath: string | string[], options?: { unique?: boolean }): unknown;
  deleteIndex(name: string): void;
  readonly indexNames: { contains(name: string): boolean };
}

export interface UpgradeDatabase {
  createObjectStore(name: string, options?: { keyPath?: string | string[] }): UpgradeStore;
  deleteObjectStore(name: string): void;
  readonly objectStoreNames: { contains(name: string): boolean };
}

export interface UpgradeTransaction {
  objectStore(name: string): UpgradeStore;
}

export interface Migration {
  /** The version this step upgrades to (the first step is 1). */
  readonly version: number;
  readonly description: string;
  apply(db: UpgradeDatabase, tx: UpgradeTransaction): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'investigations keyed by id, indexed by savedAt and question name',
    apply(db) {
      const store = db.createObjectStore(INVESTIGATIONS, { keyPath: 'id' });
      store.createIndex(BY_SAVED_AT, 'savedAt');
      store.createIndex(BY_NAME, 'name');
    },
  },
  {
    version: 2,
    description: 'watches keyed by id (the saved investigations stay as they are)',
    apply(db) {
      // Only adds a store: the investigations of v1 are not touched by this step.
      if (!db.objectStoreNames.contains(WATCHES)) db.createObjectStore(WATCHES, { keyPath: 'id' });
    },
  },
  // A v3 goes here, e.g. { version: 3, description: '…', apply(db, tx) {
  //   const store = tx.objectStore(INVESTIGATIONS); store.createIndex('verdict', 'verdict'); } },
];

/** The version the app opens: the last migration's. */
export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 1;

/**
 * The migrations to run when the browser has `oldVersion` and we open `newVersion`.
 *
 * @example migrationsBetween(0, 1).map((m) => m.version) // [1]
 */
export function migrationsBetween(
  oldVersion: number,
  newVersion: number,
  migrations: readonly Migration[] = MIGRATIONS,
): readonly Migration[] {
  return migrations
    .filter((m) => m.version > oldVersion && m.version <= newVersion)
    .sort((a, b) => a.version - b.version);
}

/** The `upgrade` callback of idb's openDB: runs every pending migration in order. */
export function upgradeDatabase(
  db: UpgradeDatabase,
  oldVersion: number,
  newVersion: number | null,
  tx: UpgradeTransaction,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  for (const step of migrationsBetween(oldVersion, newVersion ?? DB_VERSION, migrations)) {
    step.apply(db, tx);
  }
}
