/**
 * The outbox database (IndexedDB through `idb`), with a schema version and migrations
 * (architecture.md practice 4). Pure: uses the global `indexedDB` (the worker's, or
 * fake-indexeddb in tests), no extension APIs.
 *
 * v1: object store `invoices` keyed by `invoiceId`; records carried their history as `history`.
 * v2: index `byState` (pollPending and the popup read one state at a time), store `meta`
 *     (auto-send high-water mark, export job), records renamed `history` → `attempts` and gained
 *     `createdAt`/`stateSince`/`schema`.
 * v3: index `byUpdatedAt`, so "recent invoices" (popup, fallback panel) reads the newest records
 *     with a cursor instead of loading the whole outbox (records carry their XML).
 * v4: sparse index `byUpoMissing` (only records still waiting for their UPO), so the hourly poll
 *     does not read every accepted invoice; `upoMissing: true` becomes `1` (booleans are not keys).
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import type { InvoiceState } from '../messaging';
import { type AttemptEntry, type OutboxRecord, RECORD_SCHEMA } from './types';

export const OUTBOX_DB_NAME = 'ksef-outbox';
export const OUTBOX_DB_VERSION = 4;

export interface OutboxDbSchema extends DBSchema {
  invoices: {
    key: string;
    value: OutboxRecord;
    indexes: { byState: InvoiceState; byUpdatedAt: number; byUpoMissing: number };
  };
  meta: { key: string; value: unknown };
}

export type OutboxDb = IDBPDatabase<OutboxDbSchema>;

/** The shape a v1 record may have (before the v2 migration). */
interface V1Record {
  invoiceId: string;
  state: InvoiceState;
  number?: string;
  updatedAt?: number;
  history?: AttemptEntry[];
  [k: string]: unknown;
}

/** Turns a stored record of any older version into the current shape. Exported for tests. */
export function migrateRecord(old: V1Record | OutboxRecord): OutboxRecord {
  if ((old as OutboxRecord).schema === RECORD_SCHEMA) return old as OutboxRecord;
  const { history, ...rest } = old as V1Record;
  const updatedAt = typeof rest.updatedAt === 'number' ? rest.updatedAt : 0;
  return {
    ...(rest as unknown as OutboxRecord),
    schema: RECORD_SCHEMA,
    number: typeof rest.number === 'string' ? rest.number : '',
    createdAt: updatedAt,
    updatedAt,
    stateSince: updatedAt,
    attempts: Array.isArray(history) ? history : [],
  };
}

export async function openOutboxDb(name = OUTBOX_DB_NAME): Promise<OutboxDb> {
  return openDB<OutboxDbSchema>(name, OUTBOX_DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('invoices', { keyPath: 'invoiceId' });
      }
      if (oldVersion < 2) {
        const store = tx.objectStore('invoices');
        store.createIndex('byState', 'state');
        db.createObjectStore('meta');
        await migrateAll(tx);
      }
      if (oldVersion < 3) {
        tx.objectStore('invoices').createIndex('byUpdatedAt', 'updatedAt');
      }
      if (oldVersion < 4) {
        tx.objectStore('invoices').createIndex('byUpoMissing', 'upoMissing');
        let cursor = await tx.objectStore('invoices').openCursor();
        while (cursor) {
          const v = cursor.value as Omit<OutboxRecord, 'upoMissing'> & { upoMissing?: unknown };
          if (v.upoMissing === true) await cursor.update({ ...v, upoMissing: 1 });
          cursor = await cursor.continue();
        }
      }
    },
    // A newer version (an updated extension) wants to upgrade: let go, or its upgrade would wait
    // for this connection forever. The next call opens the new version.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase | null)?.close();
    },
  });
}

async function migrateAll(tx: IDBPTransaction<OutboxDbSchema, ('invoices' | 'meta')[], 'versionchange'>) {
  let cursor = await tx.objectStore('invoices').openCursor();
  while (cursor) {
    await cursor.update(migrateRecord(cursor.value as unknown as V1Record));
    cursor = await cursor.continue();
  }
}
