/**
 * Where the purchases page reads its rows and files: the worker's purchase database, opened by the
 * page itself (an extension page shares the worker's origin and IndexedDB). The page only reads;
 * every write is the worker's (src/background/purchases.ts). Injectable for tests.
 */
import { PurchaseStore } from '../../purchase/store';
import type { PurchaseRecord } from '../../purchase/types';

export interface PurchaseData {
  list(scope: string, month?: string): Promise<PurchaseRecord[]>;
  get(id: string): Promise<PurchaseRecord | undefined>;
  xml(id: string): Promise<Uint8Array | undefined>;
}

export function idbPurchaseData(): PurchaseData {
  let storeP: Promise<PurchaseStore> | undefined;
  const store = () => {
    storeP ??= PurchaseStore.open();
    return storeP;
  };
  return {
    list: async (scope, month) => (await store()).list(scope, month),
    get: async (id) => (await store()).get(id),
    xml: async (id) => (await store()).xml(id),
  };
}
