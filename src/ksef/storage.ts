/**
 * The persistent key-value storage the client is given (IndexedDB in the worker, a Map in tests).
 * Values are structured-clone friendly: JSON-like data and CryptoKey objects (non-extractable keys
 * survive a worker restart this way, docs/architecture.md practice 5).
 */
export interface KvStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** In-memory store, for tests and short-lived CLI runs. */
export class MemoryKvStore implements KvStore {
  readonly map = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    return this.map.get(key) as T | undefined;
  }
  async set(key: string, value: unknown): Promise<void> {
    this.map.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }
}
