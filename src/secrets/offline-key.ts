/**
 * The Offline certificate configuration (docs/ksef-protocol.md §7): the user picks one of
 * the account's Offline certificates (listed by the KSeF client), the extension retrieves it,
 * and the user uploads the matching `.key` with its password. Only after the key is decrypted,
 * imported and proven to match the certificate is anything written, so a failed import leaves
 * the previous configuration intact. The password is used once; only the non-extractable key
 * and public metadata are kept.
 */
import { bytesToBase64 } from '../core/base64';
import { type CertificateInfo, keyMatchesCertificate, parseCertificate } from './certificate';
import { KeyImportError } from './errors';
import {
  protectedSigningKey,
  readProtectedKey,
  removeProtectedKey,
  storeProtectedKey,
  type UnlockSession,
} from './offline-lock';
import { PassphraseError, wrapSigningKey } from './passphrase';
import { importSigningKeyFile, type SigningKeyInfo } from './private-key';
import { KEY_OFFLINE_CERTIFICATE, type SecretStore } from './store';

export interface OfflineCertificateMeta {
  /** Serial of the Offline certificate, as KSeF prints it (the `{certSerial}` of KOD II). */
  certificateSerial: string;
  /** Certificate DER, Base64 (public data; lets the UI show it and re-check the key later). */
  certificateDerBase64: string;
  notBefore: string;
  notAfter: string;
  key: SigningKeyInfo;
  /** e.g. `EC P-256`, `RSA 2048`. */
  keyDescription: string;
  /** Optional display name of the certificate from the KSeF list. */
  certificateName?: string;
  importedAt: string;
}

export interface OfflineKeyInput {
  keyFile: Uint8Array | string;
  password?: string;
  /** The chosen certificate: DER bytes, PEM, or the DER Base64 from `/v2/certificates/retrieve`. */
  certificate: Uint8Array | string;
  /** The serial the user chose from the list; must be the retrieved certificate's serial. */
  expectedSerial?: string;
  certificateName?: string;
}

/** Validates the key against the certificate; returns the key and metadata without storing. */
export async function prepareOfflineKey(
  input: OfflineKeyInput,
  now: () => Date = () => new Date(),
  subtle: SubtleCrypto = globalThis.crypto.subtle,
  /** Only to wrap it under a passphrase right away (offline-lock.ts); never stored extractable. */
  extractable = false,
): Promise<{ key: CryptoKey; meta: OfflineCertificateMeta; certificate: CertificateInfo }> {
  const cert = parseCertificate(input.certificate);
  // Serials compare as numbers: KSeF may print leading zero bytes that the DER integer drops.
  const sameSerial = (a: string, b: string) =>
    a.trim().toUpperCase().replace(/^0+/, '') === b.toUpperCase().replace(/^0+/, '');
  if (input.expectedSerial && !sameSerial(input.expectedSerial, cert.serialHex)) {
    throw new KeyImportError('malformed-certificate', `${cert.serialHex} ≠ ${input.expectedSerial.trim()}`);
  }
  // KOD II must be signed with an Offline certificate (Non-Repudiation), never an
  // Authentication one (docs/ksef-protocol.md §6.2); a certificate without the extension is let through.
  if (cert.keyUsage && !cert.keyUsage.nonRepudiation) {
    throw new KeyImportError('not-offline-certificate', cert.serialHex);
  }
  // The verification page rejects expired certificates (§6.2), so such a key would only make bad codes.
  if (cert.notAfter.getTime() < now().getTime()) {
    throw new KeyImportError('certificate-expired', `≤ ${cert.notAfter.toISOString().slice(0, 10)}`);
  }
  const imported = await importSigningKeyFile(input.keyFile, input.password, { subtle, extractable });
  if (!(await keyMatchesCertificate(imported.privateKey, cert.spki, subtle))) {
    throw new KeyImportError('key-mismatch', cert.serialHex);
  }
  const meta: OfflineCertificateMeta = {
    // KOD II carries the serial as KSeF lists it (docs/ksef-protocol.md §6.2), leading zeros included.
    certificateSerial: input.expectedSerial ? input.expectedSerial.trim().toUpperCase() : cert.serialHex,
    certificateDerBase64: bytesToBase64(cert.der),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    key: imported.info,
    keyDescription: imported.description,
    importedAt: now().toISOString(),
    ...(input.certificateName ? { certificateName: input.certificateName } : {}),
  };
  return { key: imported.privateKey, meta, certificate: cert };
}

/** An optional passphrase over the stored key (passphrase.ts) and the session that keeps it. */
export interface KeyProtection {
  passphrase: string;
  session: UnlockSession;
  /** Only tests lower this. */
  iterations?: number;
}

/** Imports and stores the Offline certificate key; replaces the previous one only on success. */
export async function importOfflineCertificateKey(
  store: SecretStore,
  input: OfflineKeyInput,
  now: () => Date = () => new Date(),
  subtle: SubtleCrypto = globalThis.crypto.subtle,
  protection?: KeyProtection,
): Promise<OfflineCertificateMeta> {
  if (protection) {
    const { key, meta } = await prepareOfflineKey(input, now, subtle, true);
    const opts = { subtle, ...(protection.iterations ? { iterations: protection.iterations } : {}) };
    const { wrapped, bits } = await wrapSigningKey(key, protection.passphrase, opts);
    await storeProtectedKey(store, { wrapped, meta }, bits, protection.session);
    return meta;
  }
  const { key, meta } = await prepareOfflineKey(input, now, subtle);
  await store.putKey(KEY_OFFLINE_CERTIFICATE, key, meta);
  await removeProtectedKey(store);
  return meta;
}

/** The stored Offline signing key and its metadata, or undefined when not configured. A key
 * under a passphrase needs `session`; without the passphrase given this session it throws
 * PassphraseError `locked`. */
export async function loadOfflineCertificateKey(
  store: SecretStore,
  session?: UnlockSession,
): Promise<{ key: CryptoKey; meta: OfflineCertificateMeta } | undefined> {
  const plain = await store.getKey<OfflineCertificateMeta>(KEY_OFFLINE_CERTIFICATE);
  if (plain) return plain;
  if (!session) {
    if (await readProtectedKey(store)) throw new PassphraseError('locked');
    return undefined;
  }
  return protectedSigningKey(store, session, globalThis.crypto.subtle);
}

/** Removes the Offline signing key, protected or not. */
export async function removeOfflineCertificateKey(store: SecretStore, session?: UnlockSession): Promise<void> {
  await store.deleteKey(KEY_OFFLINE_CERTIFICATE);
  await removeProtectedKey(store, session);
}
