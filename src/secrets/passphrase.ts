/**
 * An optional passphrase over the Offline certificate's signing key, so a copied browser profile
 * cannot sign KOD II. WebCrypto only (no hand-made crypto):
 * - PBKDF2-HMAC-SHA256 (600,000 iterations, 16-byte random salt) turns the passphrase into a
 *   256-bit AES-KW key-encryption key;
 * - AES-KW (RFC 3394) wraps a fresh random AES-256-GCM data key; AES-KW takes only multiples of
 *   8 bytes, which a PKCS#8 private key is not, so
 * - the data key wraps the private key's PKCS#8 with AES-GCM (12-byte random IV).
 * A wrong passphrase fails AES-KW's integrity check. Unwrapped keys are non-extractable and sign
 * only. The derived bits are what a browser session keeps (memory-only session storage), never
 * the passphrase.
 */

import { base64ToBytes, bytesToBase64 } from '../core/base64';
import { type PassphraseCode, passphraseText } from '../i18n/errors';

export const PASSPHRASE_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 8;

export type SigningAlgorithm = { name: 'ECDSA'; namedCurve: string } | { name: 'RSA-PSS'; hash: string };

export interface WrappedSigningKey {
  v: 1;
  iterations: number;
  salt: string;
  wrappedDataKey: string;
  iv: string;
  wrappedKey: string;
  alg: SigningAlgorithm;
}

export type PassphraseErrorCode = PassphraseCode;

export class PassphraseError extends Error {
  override readonly name = 'PassphraseError';
  constructor(readonly code: PassphraseErrorCode) {
    // Polish default for logs and tests; the user reads `passphraseText` in the UI language.
    super(passphraseText(code, 'pl', MIN_PASSPHRASE_LENGTH));
  }
}

/** WebCrypto hands back ArrayBuffers; the stored record keeps them as Base64. */
function b64(bytes: ArrayBuffer | Uint8Array): string {
  return bytesToBase64(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

export interface PassphraseOptions {
  subtle?: SubtleCrypto;
  random?: (n: number) => Uint8Array<ArrayBuffer>;
  /** Only tests lower this. */
  iterations?: number;
}

/** The 256 bits PBKDF2 derives from the passphrase (Base64): what a session keeps. */
export async function derivePassphraseBits(
  passphrase: string,
  salt: string,
  iterations: number,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: base64ToBytes(salt), iterations },
    base,
    256,
  );
  return b64(bits);
}

function kek(bits: string, subtle: SubtleCrypto): Promise<CryptoKey> {
  return subtle.importKey('raw', base64ToBytes(bits), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
}

function algorithmOf(key: CryptoKey): SigningAlgorithm {
  const a = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } };
  if (a.name === 'ECDSA' && a.namedCurve) return { name: 'ECDSA', namedCurve: a.namedCurve };
  if (a.name === 'RSA-PSS') return { name: 'RSA-PSS', hash: a.hash?.name ?? 'SHA-256' };
  throw new Error(`unsupported key algorithm ${a.name}`);
}

/** Wraps an EXTRACTABLE signing key under the passphrase; returns the record and the session bits. */
export async function wrapSigningKey(
  key: CryptoKey,
  passphrase: string,
  opts: PassphraseOptions = {},
): Promise<{ wrapped: WrappedSigningKey; bits: string }> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new PassphraseError('too-short');
  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  const random = opts.random ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const iterations = opts.iterations ?? PASSPHRASE_ITERATIONS;
  const salt = b64(random(16));
  const bits = await derivePassphraseBits(passphrase, salt, iterations, subtle);
  const dataKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['wrapKey', 'unwrapKey']);
  const iv = random(12);
  const wrapped: WrappedSigningKey = {
    v: 1,
    iterations,
    salt,
    wrappedDataKey: b64(await subtle.wrapKey('raw', dataKey, await kek(bits, subtle), 'AES-KW')),
    iv: b64(iv),
    wrappedKey: b64(await subtle.wrapKey('pkcs8', key, dataKey, { name: 'AES-GCM', iv })),
    alg: algorithmOf(key),
  };
  return { wrapped, bits };
}

/** The non-extractable signing key, from the bits of the passphrase; a wrong one is refused. */
export async function unwrapSigningKey(
  wrapped: WrappedSigningKey,
  bits: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<CryptoKey> {
  let dataKey: CryptoKey;
  try {
    dataKey = await subtle.unwrapKey(
      'raw',
      base64ToBytes(wrapped.wrappedDataKey),
      await kek(bits, subtle),
      'AES-KW',
      'AES-GCM',
      false,
      ['unwrapKey'],
    );
  } catch {
    throw new PassphraseError('wrong-passphrase');
  }
  return subtle.unwrapKey(
    'pkcs8',
    base64ToBytes(wrapped.wrappedKey),
    dataKey,
    { name: 'AES-GCM', iv: base64ToBytes(wrapped.iv) },
    wrapped.alg,
    false,
    ['sign'],
  );
}
