/**
 * The outbox database (IndexedDB through `idb`), with a schema version and migrations
 * (docs/architecture.md practice 4). Pure: uses the global `indexedDB` (the worker's, or
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
 * v5: records belong to a KSeF environment and a seller NIP: the key becomes [env, nip, invoiceId]
 *     (an invoice sent on TEST is not sent on PROD). Existing records get the context of the
 *     settings at the moment of the upgrade (`legacyContext`), which is where they were sent.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import type { InvoiceState } from '../messaging';
import { type AttemptEntry, type OutboxContext, type OutboxRecord, RECORD_SCHEMA } from './types';

export const OUTBOX_DB_NAME = 'ksef-outbox';
export const OUTBOX_DB_VERSION = 5;

export type RecordKey = [string, string, string];

export interface OutboxDbSchema extends DBSchema {
  invoices: {
    key: RecordKey;
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

/** The context given to records written before v5 when none is known (a fresh install's). */
export const NO_CONTEXT: OutboxContext = { env: 'test', nip: '' };

/**
 * Turns a stored record of any older version into the current shape. Exported for tests.
 * `legacy`: the context of a record that has none yet (written before v5).
 */
export function migrateRecord(old: V1Record | OutboxRecord, legacy: OutboxContext = NO_CONTEXT): OutboxRecord {
  const rec = old as OutboxRecord;
  if (rec.schema === RECORD_SCHEMA && rec.env && typeof rec.nip === 'string') return rec;
  if (typeof rec.schema === 'number' && rec.schema >= 2) {
    return { ...rec, schema: RECORD_SCHEMA, env: rec.env ?? legacy.env, nip: rec.nip ?? legacy.nip };
  }
  const { history, ...rest } = old as V1Record;
  const updatedAt = typeof rest.updatedAt === 'number' ? rest.updatedAt : 0;
  return {
    ...(rest as unknown as OutboxRecord),
    schema: RECORD_SCHEMA,
    env: legacy.env,
    nip: legacy.nip,
    number: typeof rest.number === 'string' ? rest.number : '',
    createdAt: updatedAt,
    updatedAt,
    stateSince: updatedAt,
    attempts: Array.isArray(history) ? history : [],
  };
}

export interface OpenOptions {
  /** Context for records written before v5: the settings' environment and NIP of the moment. */
  legacyContext?: OutboxContext;
}

const KEY_PATH = ['env', 'nip', 'invoiceId'];

export async function openOutboxDb(name = OUTBOX_DB_NAME, opts: OpenOptions = {}): Promise<OutboxDb> {
  const legacy = opts.legacyContext ?? NO_CONTEXT;
  return openDB<OutboxDbSchema>(name, OUTBOX_DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        // Created in its v5 shape right away; the steps below only touch older databases.
        const store = db.createObjectStore('invoices', { keyPath: KEY_PATH });
        store.createIndex('byState', 'state');
        store.createIndex('byUpdatedAt', 'updatedAt');
        store.createIndex('byUpoMissing', 'upoMissing');
        db.createObjectStore('meta');
        return;
      }
      if (oldVersion < 2) {
        const store = tx.objectStore('invoices');
        store.createIndex('byState', 'state');
        db.createObjectStore('meta');
        await migrateAll(tx, legacy);
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
      if (oldVersion < 5) await rekey(db, tx, legacy);
    },
    // A newer version (an updated extension) wants to upgrade: let go, or its upgrade would wait
    // for this connection forever. The next call opens the new version.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase | null)?.close();
    },
  });
}

type UpgradeTx = IDBPTransaction<OutboxDbSchema, ('invoices' | 'meta')[], 'versionchange'>;

async function migrateAll(tx: UpgradeTx, legacy: OutboxContext) {
  let cursor = await tx.objectStore('invoices').openCursor();
  while (cursor) {
    await cursor.update(migrateRecord(cursor.value as unknown as V1Record, legacy));
    cursor = await cursor.continue();
  }
}

/** v5: the store is recreated with the [env, nip, invoiceId] key; every record keeps its data. */
async function rekey(db: IDBPDatabase<OutboxDbSchema>, tx: UpgradeTx, legacy: OutboxContext) {
  const old = (await tx.objectStore('invoices').getAll()) as unknown as V1Record[];
  db.deleteObjectStore('invoices');
  const store = db.createObjectStore('invoices', { keyPath: KEY_PATH });
  store.createIndex('byState', 'state');
  store.createIndex('byUpdatedAt', 'updatedAt');
  store.createIndex('byUpoMissing', 'upoMissing');
  const fresh = tx.objectStore('invoices');
  for (const r of old) await fresh.put(migrateRecord(r, legacy));
}
