/**
 * The Offline certificate key under a passphrase (passphrase.ts), in the secret store: the
 * wrapped key and its public metadata are one sealed secret; the passphrase is asked once per
 * browser session: its derived bits go to a session port (the worker passes memory-only
 * `chrome.storage.session`), and the unwrapped, non-extractable key is kept in this context's
 * memory only. After the browser closes, the key cannot sign until the passphrase is given again.
 */
import type { OfflineCertificateMeta } from './offline-key';
import { derivePassphraseBits, PassphraseError, unwrapSigningKey, type WrappedSigningKey } from './passphrase';
import { KEY_OFFLINE_CERTIFICATE, type SecretStore } from './store';

export const SECRET_OFFLINE_KEY_WRAPPED = 'offline-certificate-wrapped';

/** Where a browser session keeps the passphrase's derived bits (never the passphrase). */
export interface UnlockSession {
  get(): Promise<string | undefined>;
  set(bits: string): Promise<void>;
  clear(): Promise<void>;
}

interface WrappedRecord {
  wrapped: WrappedSigningKey;
  meta: OfflineCertificateMeta;
}

/** Unwrapped keys of this context, by their wrapped form. */
const unwrapped = new Map<string, CryptoKey>();

export async function readProtectedKey(store: SecretStore): Promise<WrappedRecord | undefined> {
  const json = await store.getSecret(SECRET_OFFLINE_KEY_WRAPPED);
  return json ? (JSON.parse(json) as WrappedRecord) : undefined;
}

/** Stores the wrapped key in place of an unprotected one; this session stays unlocked. */
export async function storeProtectedKey(
  store: SecretStore,
  rec: WrappedRecord,
  bits: string,
  session: UnlockSession,
): Promise<void> {
  await store.setSecret(SECRET_OFFLINE_KEY_WRAPPED, JSON.stringify(rec));
  await store.deleteKey(KEY_OFFLINE_CERTIFICATE);
  await session.set(bits);
}

/** Forgets the protected key and this session's bits. */
export async function removeProtectedKey(store: SecretStore, session?: UnlockSession): Promise<void> {
  await store.deleteSecret(SECRET_OFFLINE_KEY_WRAPPED);
  await session?.clear();
}

/** Checks the passphrase against the stored key; on success this browser session is unlocked. */
export async function unlockOfflineKey(
  store: SecretStore,
  passphrase: string,
  session: UnlockSession,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<void> {
  const rec = await readProtectedKey(store);
  if (!rec) return;
  const bits = await derivePassphraseBits(passphrase, rec.wrapped.salt, rec.wrapped.iterations, subtle);
  unwrapped.set(rec.wrapped.wrappedKey, await unwrapSigningKey(rec.wrapped, bits, subtle));
  await session.set(bits);
}

/** The protected key, unwrapped with this session's bits; `locked` when the passphrase was not given. */
export async function protectedSigningKey(
  store: SecretStore,
  session: UnlockSession | undefined,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<{ key: CryptoKey; meta: OfflineCertificateMeta } | undefined> {
  const rec = await readProtectedKey(store);
  if (!rec) return undefined;
  const cached = unwrapped.get(rec.wrapped.wrappedKey);
  if (cached) return { key: cached, meta: rec.meta };
  const bits = await session?.get();
  if (!bits) throw new PassphraseError('locked');
  const key = await unwrapSigningKey(rec.wrapped, bits, subtle);
  unwrapped.set(rec.wrapped.wrappedKey, key);
  return { key, meta: rec.meta };
}

/** Whether the stored key is protected and, if so, whether this session has its passphrase. */
export async function protectedKeyStatus(
  store: SecretStore,
  session: UnlockSession | undefined,
): Promise<{ meta: OfflineCertificateMeta; locked: boolean } | undefined> {
  const rec = await readProtectedKey(store);
  if (!rec) return undefined;
  return { meta: rec.meta, locked: !unwrapped.has(rec.wrapped.wrappedKey) && !(await session?.get()) };
}
