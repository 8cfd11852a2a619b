/**
 * Secrets at rest (docs/architecture.md practice 5). IndexedDB holds:
 * - `keys`: NON-extractable CryptoKeys with metadata: the AES-GCM master key and the Offline
 *   certificate's signing key. IndexedDB stores CryptoKeys by structured clone, so the key
 *   material never becomes readable to JavaScript (or to anyone dumping the database as JSON).
 * - `secrets`: the KSeF token and the Base API token, each AES-256-GCM encrypted under the
 *   master key with a fresh 96-bit IV, the secret's name bound as additional data (so two
 *   ciphertexts cannot be swapped). No plaintext at rest.
 * Uses only IndexedDB and WebCrypto: runs in the MV3 service worker, extension pages and Node
 * (tests: fake-indexeddb). Nothing here goes to chrome.storage, logs or messages.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Params } from '../i18n/fill';
import { type SecretStoreCode, secretStoreText } from '../i18n/secrets';

export const DEFAULT_SECRETS_DB = 'ksef-secrets';
/** Well-known names, so the worker and the settings page agree. */
export const SECRET_KSEF_TOKEN = 'ksef-token';
export const SECRET_BASE_API_TOKEN = 'base-api-token';
export const KEY_OFFLINE_CERTIFICATE = 'offline-certificate';
const MASTER_KEY = '__master-aes-gcm';

const SCHEMA_VERSION = 1;

interface KeyRecord {
  key: CryptoKey;
  meta: unknown;
}
interface SecretRecord {
  v: 1;
  iv: Uint8Array<ArrayBuffer>;
  ct: ArrayBuffer;
}
interface SecretsDb extends DBSchema {
  keys: { key: string; value: KeyRecord };
  secrets: { key: string; value: SecretRecord };
}

export interface StoredKey<M> {
  key: CryptoKey;
  meta: M;
}

export interface SecretStore {
  setSecret(name: string, value: string): Promise<void>;
  /** The plaintext, or undefined when not set. Throws SecretStoreError('undecryptable') when the stored value cannot be decrypted. */
  getSecret(name: string): Promise<string | undefined>;
  deleteSecret(name: string): Promise<void>;
  hasSecret(name: string): Promise<boolean>;
  /** Stores a NON-extractable key with metadata (extractable keys are refused). */
  putKey<M>(name: string, key: CryptoKey, meta: M): Promise<void>;
  getKey<M>(name: string): Promise<StoredKey<M> | undefined>;
  deleteKey(name: string): Promise<void>;
  close(): void;
}

/** A refusal of the store, by code (and parameters); `message` is Polish, for logs and tests, and
 * the user reads it in the UI language (src/i18n/secrets.ts `secretStoreText`). */
export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  constructor(
    readonly code: SecretStoreCode,
    readonly params?: Params,
  ) {
    super(secretStoreText(code, 'pl', params));
  }
}

export interface SecretStoreOptions {
  subtle?: SubtleCrypto;
  random?: (n: number) => Uint8Array<ArrayBuffer>;
}

function aad(name: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`ksef-secret:v1:${name}`);
}

export async function openSecretStore(
  dbName: string = DEFAULT_SECRETS_DB,
  opts: SecretStoreOptions = {},
): Promise<SecretStore> {
  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  const random = opts.random ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const db: IDBPDatabase<SecretsDb> = await openDB<SecretsDb>(dbName, SCHEMA_VERSION, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        d.createObjectStore('keys');
        d.createObjectStore('secrets');
      }
    },
  });

  // Module-level state is only a cache: the worker may be killed at any time (practice 4).
  let master: Promise<CryptoKey> | undefined;
  function masterKey(): Promise<CryptoKey> {
    master ??= (async () => {
      const existing = await db.get('keys', MASTER_KEY);
      if (existing) return existing.key;
      const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      // generateKey cannot run inside an IndexedDB transaction, so another context may have
      // created a master key meanwhile: re-check in one transaction and keep whichever is stored.
      const tx = db.transaction('keys', 'readwrite');
      const raced = await tx.store.get(MASTER_KEY);
      if (!raced)
        await tx.store.add({ key: fresh, meta: { purpose: 'secrets-aes-gcm', createdAt: Date.now() } }, MASTER_KEY);
      await tx.done;
      return raced ? raced.key : fresh;
    })().catch((e: unknown) => {
      master = undefined;
      throw e;
    });
    return master;
  }

  function checkName(name: string): void {
    if (name === MASTER_KEY) throw new SecretStoreError('reserved-name', { name });
  }

  return {
    async setSecret(name, value) {
      checkName(name);
      const key = await masterKey();
      const iv = random(12);
      const ct = await subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad(name) },
        key,
        new TextEncoder().encode(value),
      );
      await db.put('secrets', { v: 1, iv, ct }, name);
    },
    async getSecret(name) {
      checkName(name);
      const rec = await db.get('secrets', name);
      if (!rec) return undefined;
      const key = await masterKey();
      try {
        const pt = await subtle.decrypt(
          { name: 'AES-GCM', iv: new Uint8Array(rec.iv), additionalData: aad(name) },
          key,
          rec.ct,
        );
        return new TextDecoder().decode(pt);
      } catch {
        throw new SecretStoreError('undecryptable');
      }
    },
    async deleteSecret(name) {
      checkName(name);
      await db.delete('secrets', name);
    },
    async hasSecret(name) {
      checkName(name);
      return (await db.getKey('secrets', name)) !== undefined;
    },
    async putKey(name, key, meta) {
      checkName(name);
      if (key.extractable) {
        throw new SecretStoreError('extractable-key');
      }
      await db.put('keys', { key, meta }, name);
    },
    async getKey<M>(name: string) {
      checkName(name);
      const rec = await db.get('keys', name);
      return rec ? { key: rec.key, meta: rec.meta as M } : undefined;
    },
    async deleteKey(name) {
      checkName(name);
      await db.delete('keys', name);
    },
    close() {
      db.close();
    },
  };
}
