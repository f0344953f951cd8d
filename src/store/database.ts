/**
 * The one connection of this page (or of the service worker's background check) to the
 * app's IndexedDB database, opened at the schema's last version: every migration up to it
 * runs first (investigation-schema.ts). Shared by the saved investigations and the watches.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, upgradeDatabase } from './investigation-schema';

let connection: Promise<IDBPDatabase> | null = null;

/** The connection, opened on first use; reopened after another version closed it. */
export function database(): Promise<IDBPDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new DOMException('indexedDB is missing', 'storage-missing'));
  }
  connection ??= openDB(DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion, newVersion, tx) => upgradeDatabase(db, oldVersion, newVersion, tx),
    // Another tab opens a newer schema: step aside so its upgrade can run.
    blocking: () => {
      void connection?.then((db) => db.close());
      connection = null;
    },
    terminated: () => {
      connection = null;
    },
  });
  const opening = connection;
  opening.catch(() => {
    if (connection === opening) connection = null;
  });
  return opening;
}
