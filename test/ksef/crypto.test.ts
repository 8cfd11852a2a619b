import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { warsawDay } from '../../src/core/warsaw';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  cbcCiphertextSize,
  createSessionKey,
  importRsaOaepCertificate,
  spkiOfCertificate,
} from '../../src/ksef/crypto';
import { base64ToBase64Url, fromBase64, sha256Base64, sha256Base64Sync, toBase64, utf8 } from '../../src/ksef/encoding';

async function rsaCertificate() {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['encrypt', 'decrypt'],
  )) as CryptoKeyPair;
  const signKeys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: 'CN=Ministerstwo Finansow Test',
    issuer: 'CN=Ministerstwo Finansow Test',
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 3600_000),
    publicKey: keys.publicKey,
    signingKey: signKeys.privateKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  return { keys, certB64: toBase64(new Uint8Array(cert.rawData)) };
}

describe('encoding', () => {
  it('Base64 round-trips arbitrary bytes, including large ones', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 131 + (i >> 8)) & 0xff);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
  it('SHA-256 Base64 matches the known value of "abc"', async () => {
    expect(await sha256Base64(utf8('abc'))).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    expect(base64ToBase64Url('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=')).toBe(
      'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0',
    );
  });
  it('the on-the-spot SHA-256 gives the known vectors and the same hash as WebCrypto', async () => {
    expect(sha256Base64Sync(utf8('abc'))).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    expect(sha256Base64Sync(new Uint8Array(0))).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    for (const n of [1, 55, 56, 63, 64, 65, 3365, 100_003]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 131 + n) & 0xff);
      expect(sha256Base64Sync(bytes)).toBe(await sha256Base64(bytes));
    }
  });
  it('Warsaw date follows CET/CEST, not UTC', () => {
    expect(warsawDay(Date.parse('2025-10-03T22:30:00Z'))).toBe('2025-10-04'); // CEST, UTC+2
    expect(warsawDay(Date.parse('2025-12-31T22:59:59Z'))).toBe('2025-12-31'); // CET, UTC+1
    expect(warsawDay(Date.parse('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
  });
});

describe('session crypto', () => {
  it('wraps the AES key with RSA-OAEP-SHA256 so the certificate holder can unwrap it', async () => {
    const { keys, certB64 } = await rsaCertificate();
    expect(spkiOfCertificate(certB64)).toEqual(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey)));
    const wrapKey = await importRsaOaepCertificate(certB64);
    const fixed = new Uint8Array(48).map((_, i) => i + 1);
    let offset = 0;
    const random = (n: number) => {
      const out = fixed.slice(offset, offset + n);
      offset += n;
      return out;
    };
    const sk = await createSessionKey(wrapKey, random);
    expect(fromBase64(sk.ivB64)).toEqual(fixed.slice(32, 48));
    const unwrapped = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, keys.privateKey, fromBase64(sk.encryptedSymmetricKeyB64)),
    );
    expect(unwrapped).toEqual(fixed.slice(0, 32));
    expect(fromBase64(sk.encryptedSymmetricKeyB64).byteLength).toBe(256);

    // KSeF's side: decrypt the invoice with the unwrapped raw key and the IV; no IV prefix.
    const plain = utf8('<Faktura>zażółć gęślą jaźń</Faktura>');
    const ct = await aesCbcEncrypt(sk.aesKey, sk.iv, plain);
    expect(ct.byteLength).toBe(cbcCiphertextSize(plain.byteLength));
    const kKsef = await crypto.subtle.importKey('raw', unwrapped, 'AES-CBC', false, ['decrypt']);
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: sk.iv }, kKsef, ct))).toEqual(plain);
    expect(await aesCbcDecrypt(sk.aesKey, sk.iv, ct)).toEqual(plain);
  });
  it('keeps the session AES key non-extractable', async () => {
    const { certB64 } = await rsaCertificate();
    const sk = await createSessionKey(await importRsaOaepCertificate(certB64), (n) =>
      crypto.getRandomValues(new Uint8Array(n)),
    );
    expect(sk.aesKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', sk.aesKey)).rejects.toThrow();
  });
  it('ciphertext size is n + 16 - n mod 16', () => {
    expect(cbcCiphertextSize(6480)).toBe(6496);
    expect(cbcCiphertextSize(16)).toBe(32);
    expect(cbcCiphertextSize(0)).toBe(16);
  });
});
