/** The outbox: per-invoice state in IndexedDB. */
export { migrateRecord, OUTBOX_DB_NAME, OUTBOX_DB_VERSION, type OutboxDb, openOutboxDb } from './db';
export { assertTransition, canTransition, isInFlight, STATES, TransitionError } from './state-machine';
export { appendAttempt, type ChangeListener, type ClaimResult, newRecord, OutboxStore } from './store';
export * from './transitions';
export * from './types';
