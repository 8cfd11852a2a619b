/** Received ("purchase") invoices: sync, storage, records (pure; the worker wires it). */
export { PURCHASE_DB_NAME } from './db';
export { IntegrityError, NO_PERMISSION_PL } from './errors';
export { purchaseKsefPort } from './ksef-port';
export type { PurchaseKsefPort, PurchaseSyncDeps } from './ports';
export { toRecord } from './record';
export { PurchaseStore } from './store';
export { PurchaseSync, SMALL_INCREMENT, type SyncOutcome } from './sync';
export * from './types';
