/**
 * The persistent store the KSeF client keeps its state in (access/refresh tokens, MF key cache,
 * limiter windows, the TEST certificate's key). Tokens are secrets, so values are never at rest in
 * plaintext: JSON is sealed with AES-GCM under a non-extractable key kept in the same database
 * (docs/architecture.md practice 5). CryptoKey objects are stored as they are: a non-extractable key
 * holds no readable key material, and structured clone keeps it usable after a worker restart.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { base64ToBytes as fromB64, bytesToBase64 as toB64 } from '../core/base64';

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  /** CryptoKeys found in the value, by their path placeholder. */
  keys: CryptoKey[];
}

const KEY_ID = 'seal-key';
const PLACEHOLDER = '\u0000cryptokey:';

export interface KvStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export class EncryptedKv implements KvStore {
  private constructor(
    private readonly db: IDBPDatabase,
    private readonly key: CryptoKey,
  ) {}

  static async open(name = 'ksef-kv'): Promise<EncryptedKv> {
    const db = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore('kv');
        d.createObjectStore('meta');
      },
    });
    let key = (await db.get('meta', KEY_ID)) as CryptoKey | undefined;
    if (!key) {
      key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      // Two workers may race on first use: keep whichever key landed first.
      const tx = db.transaction('meta', 'readwrite');
      const existing = (await tx.store.get(KEY_ID)) as CryptoKey | undefined;
      if (existing) key = existing;
      else await tx.store.put(key, KEY_ID);
      await tx.done;
    }
    return new EncryptedKv(db, key);
  }

  async get<T>(k: string): Promise<T | undefined> {
    const sealed = (await this.db.get('kv', k)) as Sealed | undefined;
    if (!sealed) return undefined;
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, this.key, sealed.data);
    return JSON.parse(new TextDecoder().decode(plain), (_key, v) => {
      if (typeof v === 'string' && v.startsWith(PLACEHOLDER)) return sealed.keys[Number(v.slice(PLACEHOLDER.length))];
      if (v && typeof v === 'object' && typeof v.__u8 === 'string' && Object.keys(v).length === 1)
        return fromB64(v.__u8);
      return v;
    }) as T;
  }

  async set(k: string, value: unknown): Promise<void> {
    const keys: CryptoKey[] = [];
    const json = JSON.stringify(value, (_key, v) => {
      if (v instanceof CryptoKey) {
        keys.push(v);
        return PLACEHOLDER + (keys.length - 1);
      }
      if (v instanceof Uint8Array) return { __u8: toB64(v) };
      return v;
    });
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, new TextEncoder().encode(json));
    await this.db.put('kv', { iv, data, keys } satisfies Sealed, k);
  }

  async delete(k: string): Promise<void> {
    await this.db.delete('kv', k);
  }
}
