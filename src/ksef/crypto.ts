/**
 * Encryption KSeF asks of the client (docs/ksef-protocol.md §0, §2.2, §3.1): RSA-OAEP with SHA-256
 * (MGF1-SHA-256, empty label) under an MF certificate, and AES-256-CBC/PKCS#7 with one key + IV per
 * session, ciphertext sent WITHOUT an IV prefix (§3.1 [CONFLICT], CIRFMF/ksef-api#839).
 * Only WebCrypto; the certificate is parsed with @peculiar/asn1-x509 (no hand-made ASN.1).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { asBufferSource, fromBase64, ownBytes, toBase64 } from './encoding';

const subtle = () => globalThis.crypto.subtle;

export type RandomBytes = (n: number) => Uint8Array<ArrayBuffer>;

export const defaultRandomBytes: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** SubjectPublicKeyInfo DER of an X.509 certificate given as DER (or its Base64). */
export function spkiOfCertificate(certDer: Uint8Array | string): Uint8Array<ArrayBuffer> {
  const der = typeof certDer === 'string' ? fromBase64(certDer) : certDer;
  const cert = AsnConvert.parse(der, Certificate);
  return new Uint8Array(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo));
}

/** RSA-OAEP-SHA256 public key from an MF certificate (§2.8: DER Base64 without PEM armour). */
export async function importRsaOaepCertificate(certDerB64: string): Promise<CryptoKey> {
  return subtle().importKey('spki', spkiOfCertificate(certDerB64), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, [
    'encrypt',
  ]);
}

export async function rsaOaepEncrypt(publicKey: CryptoKey, plaintext: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().encrypt({ name: 'RSA-OAEP' }, publicKey, asBufferSource(plaintext)));
}

/** Per-session symmetric material: the AES key stays non-extractable once wrapped for KSeF. */
export interface SessionKey {
  aesKey: CryptoKey;
  iv: Uint8Array<ArrayBuffer>;
  /** RSA-OAEP(raw 32-byte key) under the SymmetricKeyEncryption certificate, Base64. */
  encryptedSymmetricKeyB64: string;
  ivB64: string;
}

export async function createSessionKey(wrapKey: CryptoKey, random: RandomBytes): Promise<SessionKey> {
  const raw = ownBytes(random(32));
  const iv = ownBytes(random(16));
  try {
    const aesKey = await subtle().importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
    const wrapped = await rsaOaepEncrypt(wrapKey, raw);
    return { aesKey, iv, encryptedSymmetricKeyB64: toBase64(wrapped), ivB64: toBase64(iv) };
  } finally {
    raw.fill(0); // the raw key lives on only inside the CryptoKey and in KSeF's copy
  }
}

/** AES-256-CBC with PKCS#7 padding (WebCrypto adds it); no IV prefix on the output. */
export async function aesCbcEncrypt(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await subtle().encrypt({ name: 'AES-CBC', iv: asBufferSource(iv) }, key, asBufferSource(plaintext)),
  );
}

export async function aesCbcDecrypt(
  key: CryptoKey,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await subtle().decrypt({ name: 'AES-CBC', iv: asBufferSource(iv) }, key, asBufferSource(ciphertext)),
  );
}

/** Size of the AES-CBC/PKCS#7 ciphertext of `n` bytes (§3.3: n + 16 − n mod 16). */
export function cbcCiphertextSize(n: number): number {
  return n + 16 - (n % 16);
}
