/** Secrets at rest and the Offline certificate key. IndexedDB + WebCrypto only. */
export * from './certificate';
export * from './errors';
export * from './offline-key';
export * from './offline-kod2';
export * from './offline-lock';
export * from './passphrase';
export * from './private-key';
export * from './store';
