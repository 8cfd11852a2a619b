/**
 * Reads and writes of received invoices. A stored batch (its records, their XML files and the sync
 * state that moves the high-water mark past them) is ONE IndexedDB transaction: after a crash
 * either all of it is there or none of it, so resuming never leaves a gap. Records already stored
 * (same KSeF number in the same scope) are skipped, so nothing is stored twice.
 */
import { openPurchaseDb, PURCHASE_DB_NAME, type PurchaseDb } from './db';
import { EMPTY_STATE, type PurchaseRecord, type Scope, type SyncState } from './types';

export interface StoredBatchItem {
  record: PurchaseRecord;
  xml: Uint8Array;
}

const stateKey = (scope: Scope) => `sync:${scope}`;
const seenKey = (scope: Scope) => `seen:${scope}`;

export class PurchaseStore {
  constructor(readonly db: PurchaseDb) {}

  static async open(name = PURCHASE_DB_NAME): Promise<PurchaseStore> {
    return new PurchaseStore(await openPurchaseDb(name));
  }

  close(): void {
    this.db.close();
  }

  async state(scope: Scope): Promise<SyncState> {
    return ((await this.db.get('meta', stateKey(scope))) as SyncState | undefined) ?? { ...EMPTY_STATE };
  }

  async setState(scope: Scope, state: SyncState): Promise<void> {
    await this.db.put('meta', state, stateKey(scope));
  }

  async has(scope: Scope, ksefNumber: string): Promise<boolean> {
    return (await this.db.count('invoices', `${scope}|${ksefNumber}`)) > 0;
  }

  /**
   * Stores the new items and the new state in one transaction; returns how many were new.
   * `state` may be a function of the stored state and the number added (for counters).
   */
  async saveBatch(
    scope: Scope,
    items: StoredBatchItem[],
    next: (cur: SyncState, added: number) => SyncState,
  ): Promise<number> {
    const tx = this.db.transaction(['invoices', 'files', 'meta'], 'readwrite');
    const inv = tx.objectStore('invoices');
    const files = tx.objectStore('files');
    let added = 0;
    // One read of the scope's keys instead of one per item: a 10,000-invoice package stays one quick batch.
    const seen = new Set<string>(items.length > 1 ? await inv.index('byScope').getAllKeys(scope) : []);
    for (const it of items) {
      if (seen.has(it.record.id)) continue;
      if (items.length === 1 && (await inv.count(it.record.id)) > 0) continue;
      seen.add(it.record.id);
      void inv.put(it.record);
      void files.put({ id: it.record.id, xml: it.xml });
      added++;
    }
    const meta = tx.objectStore('meta');
    const cur = ((await meta.get(stateKey(scope))) as SyncState | undefined) ?? { ...EMPTY_STATE };
    void meta.put(next(cur, added), stateKey(scope));
    await tx.done;
    return added;
  }

  async get(id: string): Promise<PurchaseRecord | undefined> {
    return this.db.get('invoices', id);
  }

  async xml(id: string): Promise<Uint8Array | undefined> {
    return (await this.db.get('files', id))?.xml;
  }

  /** Records of a scope, of one month (YYYY-MM) or all. */
  async list(scope: Scope, month?: string): Promise<PurchaseRecord[]> {
    if (month) return this.db.getAllFromIndex('invoices', 'byScopeMonth', [scope, month]);
    return this.db.getAllFromIndex('invoices', 'byScope', scope);
  }

  async count(scope: Scope): Promise<number> {
    return this.db.countFromIndex('invoices', 'byScope', scope);
  }

  async lastSeen(scope: Scope): Promise<number> {
    return ((await this.db.get('meta', seenKey(scope))) as number | undefined) ?? 0;
  }

  async markSeen(scope: Scope, at: number): Promise<void> {
    await this.db.put('meta', at, seenKey(scope));
  }

  /** How many were stored after `since` (ms). */
  async countSince(scope: Scope, since: number): Promise<number> {
    return this.db.countFromIndex(
      'invoices',
      'byScopeSynced',
      IDBKeyRange.bound([scope, since], [scope, Infinity], true),
    );
  }
}
