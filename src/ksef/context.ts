/**
 * What every part of the client shares: environment, HTTP, storage, clock, randomness, sleep.
 * Built once by `createKsefClient` from injected dependencies (no globals besides WebCrypto).
 */
import type { RandomBytes } from './crypto';
import type { KsefEnvironment } from './env';
import type { KsefHttp } from './http';
import type { MfPublicKeys } from './public-keys';
import type { KvStore } from './storage';

export interface KsefContext {
  env: KsefEnvironment;
  /** Context NIP (the seller) — also namespaces stored state and rate limits (§8.1: per context). */
  nip: string;
  http: KsefHttp;
  store: KvStore;
  now: () => number;
  random: RandomBytes;
  sleep: (ms: number) => Promise<void>;
  publicKeys: MfPublicKeys;
  /** Storage key prefix (`clientKeyPrefix`). */
  keyPrefix: string;
  /** Interval between status polls (auth, invoice, batch), ms. */
  pollIntervalMs: number;
}

/**
 * The prefix of every key the client stores for one environment and seller: tokens, the open
 * session, the limiter's state. Readers outside the client (the pages' limits view) build the same
 * keys from here.
 */
export function clientKeyPrefix(envName: string, nip: string): string {
  return `ksef:${envName}:${nip}`;
}
