/**
 * KOD II: the issuer-certificate link printed on offline invoices (docs/ksef-protocol.md §6.2):
 * `{qrBase}/certificate/{ctxType}/{ctxValue}/{sellerNip}/{certSerial}/{hash}/{signature}`.
 * The signature covers the UTF-8 bytes of the link WITHOUT `https://`, without a trailing `/`
 * and without the signature segment. ECDSA P-256 signs as IEEE P1363 r‖s (WebCrypto's native
 * form, the one the docs recommend); RSA signs as RSASSA-PSS / SHA-256 / salt 32. The signature
 * scheme hashes the string itself: no pre-hashing (§6.2, "Do not hash twice").
 */
import { base64UrlToBytes, bytesToBase64Url } from '../core/base64';
import { normalizeHash } from './kod1';

export const CONTEXT_TYPES = ['Nip', 'InternalId', 'NipVatUe', 'PeppolId'] as const;
export type ContextType = (typeof CONTEXT_TYPES)[number];

export function isContextType(x: unknown): x is ContextType {
  return typeof x === 'string' && (CONTEXT_TYPES as readonly string[]).includes(x);
}

export interface Kod2Input {
  qrBase: string;
  /** Login-context identifier type, exact case (§6.2). */
  contextType: ContextType;
  contextValue: string;
  /** Podmiot1 NIP, as given. */
  sellerNip: string;
  /** Serial number of the Offline KSeF certificate (hex, as returned by the API). */
  certificateSerial: string;
  /** SHA-256 of the invoice file, Base64 or base64url. */
  hash: string;
}

function segment(value: string, what: string): string {
  const v = value.trim();
  // A `/`, `?` or `#` would change the link's structure, so refuse rather than guess an encoding.
  if (v === '' || /[\s/?#]/.test(v))
    throw new Error(`Pole „${what}” kodu KOD II jest puste lub zawiera niedozwolone znaki.`);
  return v;
}

function serialSegment(serial: string): string {
  const s = serial.trim().toUpperCase();
  if (!/^[0-9A-F]+$/.test(s)) {
    throw new Error(`Numer seryjny certyfikatu „${serial}” musi być zapisem szesnastkowym (np. 01D1732E43B9345E).`);
  }
  return s;
}

/** The exact string that is signed: the link without `https://` and without the signature. */
export function kod2StringToSign(input: Kod2Input): string {
  if (!isContextType(input.contextType)) {
    throw new Error(`Nieznany typ kontekstu „${String(input.contextType)}”: dozwolone ${CONTEXT_TYPES.join(', ')}.`);
  }
  const base = input.qrBase.replace(/\/+$/, '').replace(/^https:\/\//, '');
  return [
    base,
    'certificate',
    input.contextType,
    segment(input.contextValue, 'identyfikator kontekstu'),
    segment(input.sellerNip, 'NIP sprzedawcy'),
    serialSegment(input.certificateSerial),
    normalizeHash(input.hash),
  ].join('/');
}

/** WebCrypto sign/verify parameters for a KOD II key, chosen from the key's own algorithm. */
export function kod2SignatureParams(key: CryptoKey): EcdsaParams | RsaPssParams {
  const alg = key.algorithm as KeyAlgorithm & { namedCurve?: string };
  if (alg.name === 'ECDSA') {
    if (alg.namedCurve !== 'P-256') throw new Error('KOD II wymaga klucza EC na krzywej P-256.');
    return { name: 'ECDSA', hash: 'SHA-256' };
  }
  if (alg.name === 'RSA-PSS') return { name: 'RSA-PSS', saltLength: 32 };
  throw new Error(`Klucz typu ${alg.name} nie nadaje się do podpisu KOD II (wymagany ECDSA P-256 lub RSA-PSS).`);
}

/** Signs the string-to-sign; returns the unpadded base64url signature (ECDSA: 64-byte P1363). */
export async function signKod2(
  privateKey: CryptoKey,
  stringToSign: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const sig = await subtle.sign(kod2SignatureParams(privateKey), privateKey, new TextEncoder().encode(stringToSign));
  return bytesToBase64Url(new Uint8Array(sig));
}

/** Builds and signs the whole KOD II link. */
export async function buildKod2Url(
  input: Kod2Input,
  privateKey: CryptoKey,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<{ url: string; stringToSign: string; signature: string }> {
  const stringToSign = kod2StringToSign(input);
  const signature = await signKod2(privateKey, stringToSign, subtle);
  const base = input.qrBase.replace(/\/+$/, '');
  const scheme = /^https:\/\//.test(base) ? 'https://' : '';
  return { url: `${scheme}${stringToSign}/${signature}`, stringToSign, signature };
}

/**
 * Splits a KOD II link into its signed part and signature (used by tests and by anyone who
 * wants to check a link before printing it).
 */
export function splitKod2Url(url: string): { stringToSign: string; signature: string } {
  const noScheme = url.replace(/^https:\/\//, '');
  const cut = noScheme.lastIndexOf('/');
  if (cut < 0 || !noScheme.includes('/certificate/')) throw new Error('To nie jest link KOD II.');
  return { stringToSign: noScheme.slice(0, cut), signature: noScheme.slice(cut + 1) };
}

/** Verifies a KOD II signature (P1363 for ECDSA) with the certificate's public key. */
export async function verifyKod2(
  publicKey: CryptoKey,
  stringToSign: string,
  signatureB64Url: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<boolean> {
  let sig: Uint8Array<ArrayBuffer>;
  try {
    sig = base64UrlToBytes(signatureB64Url);
  } catch {
    return false;
  }
  return subtle.verify(kod2SignatureParams(publicKey), publicKey, sig, new TextEncoder().encode(stringToSign));
}
