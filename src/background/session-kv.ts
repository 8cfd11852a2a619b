/**
 * Where the KSeF client's state is kept in the worker. KSeF access and refresh tokens (the
 * client's `…:tokens` entries, src/ksef/auth.ts) go to `chrome.storage.session`: memory only,
 * gone when the browser closes, never written to the profile folder, and not readable by content
 * scripts (its default access level). Everything else (MF key cache, limiter windows, the TEST
 * certificate's key) stays in the sealed IndexedDB store. A login per browser session is cheap;
 * a bearer token on disk is not.
 */
import type { KvStore } from '../ksef';
import type { SessionArea } from './tab-grants';

const isTokens = (key: string) => key.endsWith(':tokens');

export class TokensInSession implements KvStore {
  /** Entries of the disk store already cleared of tokens an older version left there. */
  private readonly swept = new Set<string>();

  constructor(
    private readonly disk: KvStore,
    private readonly session: SessionArea,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    if (!isTokens(key)) return this.disk.get<T>(key);
    await this.sweep(key);
    return (await this.session.get(key))[key] as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    if (!isTokens(key)) return this.disk.set(key, value);
    await this.sweep(key);
    await this.session.set({ [key]: value });
  }

  async delete(key: string): Promise<void> {
    if (!isTokens(key)) return this.disk.delete(key);
    await this.disk.delete(key);
    await this.session.remove(key);
  }

  /** Tokens an older version kept in IndexedDB are dropped (the next call logs in again). */
  private async sweep(key: string): Promise<void> {
    if (this.swept.has(key)) return;
    await this.disk.delete(key);
    this.swept.add(key);
  }
}
