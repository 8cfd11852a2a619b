/**
 * KOD II with the stored Offline certificate key: what the worker calls for an invoice issued
 * offline (docs/ksef-protocol.md §5, §6.2). The serial comes from the stored certificate metadata,
 * so the link always names the certificate whose key signed it.
 */
import { buildKod2Url, type Kod2Input } from '../qr/kod2';
import { KeyImportError } from './errors';
import { loadOfflineCertificateKey } from './offline-key';
import type { UnlockSession } from './offline-lock';
import { type SecretStore, SecretStoreError } from './store';

export async function buildOfflineKod2Url(
  store: SecretStore,
  input: Omit<Kod2Input, 'certificateSerial'>,
  now: () => Date = () => new Date(),
  subtle: SubtleCrypto = globalThis.crypto.subtle,
  /** Where a passphrase-protected key's session bits are (offline-lock.ts). */
  session?: UnlockSession,
): Promise<{ url: string; certificateSerial: string }> {
  const stored = await loadOfflineCertificateKey(store, session);
  if (!stored) {
    throw new SecretStoreError('not-configured');
  }
  if (new Date(stored.meta.notAfter).getTime() < now().getTime()) {
    throw new KeyImportError('certificate-expired', `≤ ${stored.meta.notAfter.slice(0, 10)}`);
  }
  const { url } = await buildKod2Url(
    { ...input, certificateSerial: stored.meta.certificateSerial },
    stored.key,
    subtle,
  );
  return { url, certificateSerial: stored.meta.certificateSerial };
}
