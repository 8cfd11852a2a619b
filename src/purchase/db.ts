/**
 * The purchase-invoice database (IndexedDB through `idb`), its own database with a schema version
 * (like src/outbox/db.ts). Pure: the global `indexedDB` (the worker's and the purchases page's,
 * which share the extension's origin; fake-indexeddb in tests).
 *
 * v1: `invoices` (PurchaseRecord, key `id`, indexes `byScope`, `byScopeMonth` [scope, month] and
 *     `byScopeSynced` [scope, syncedAt]); `files` (the original XML bytes, same key); `meta`
 *     (per-scope sync state `sync:<scope>`, last visit `seen:<scope>`).
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { PurchaseRecord } from './types';

export const PURCHASE_DB_NAME = 'ksef-purchases';
export const PURCHASE_DB_VERSION = 1;

export interface PurchaseFile {
  id: string;
  xml: Uint8Array;
}

export interface PurchaseDbSchema extends DBSchema {
  invoices: {
    key: string;
    value: PurchaseRecord;
    indexes: { byScope: string; byScopeMonth: [string, string]; byScopeSynced: [string, number] };
  };
  files: { key: string; value: PurchaseFile };
  meta: { key: string; value: unknown };
}

export type PurchaseDb = IDBPDatabase<PurchaseDbSchema>;

export function openPurchaseDb(name = PURCHASE_DB_NAME): Promise<PurchaseDb> {
  return openDB<PurchaseDbSchema>(name, PURCHASE_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const inv = db.createObjectStore('invoices', { keyPath: 'id' });
        inv.createIndex('byScope', 'scope');
        inv.createIndex('byScopeMonth', ['scope', 'month']);
        inv.createIndex('byScopeSynced', ['scope', 'syncedAt']);
        db.createObjectStore('files', { keyPath: 'id' });
        db.createObjectStore('meta');
      }
    },
    // A newer version (an updated extension) wants to upgrade: let go, as src/outbox/db.ts does.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase | null)?.close();
    },
  });
}
