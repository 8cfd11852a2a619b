/**
 * The optional passphrase over the Offline certificate key: PBKDF2 + AES-KW round trips, a wrong
 * passphrase is refused in Polish, and a profile whose session has no passphrase cannot sign.
 */
import 'fake-indexeddb/auto';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { base64UrlToBytes, QR_BASE_URLS, splitKod2Url } from '../../src/qr';
import {
  buildOfflineKod2Url,
  importOfflineCertificateKey,
  importSigningKeyFile,
  KEY_OFFLINE_CERTIFICATE,
  openSecretStore,
  PassphraseError,
  SECRET_OFFLINE_KEY_WRAPPED,
  type UnlockSession,
  unwrapSigningKey,
  wrapSigningKey,
} from '../../src/secrets';
import { type KeyFiles, makeKeys, PASSWORD } from './openssl-keys';

let k: KeyFiles;
beforeAll(() => {
  k = makeKeys();
});
afterAll(() => k?.cleanup());
let n = 0;
const db = () => `passphrase-${++n}-${Date.now()}`;
const now = () => new Date('2026-11-29T12:00:00Z');
/** Fewer PBKDF2 rounds than production (600,000) keep the suite quick; the code path is the same. */
const FAST = 1_000;

function memorySession(): UnlockSession & { bits?: string | undefined } {
  const s: UnlockSession & { bits?: string | undefined } = {
    get: async () => s.bits,
    set: async (b) => {
      s.bits = b;
    },
    clear: async () => {
      s.bits = undefined;
    },
  };
  return s;
}

const KOD2 = {
  qrBase: QR_BASE_URLS.demo,
  contextType: 'Nip' as const,
  contextValue: '5265877635',
  sellerNip: '5265877635',
  hash: 'UtQp9Gpc51y+u3xApZjIjgkpZ01js+J8KflSPW8WzIE=',
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('wrapSigningKey / unwrapSigningKey', () => {
  for (const [file, pub] of [
    ['ec.hmacWithSHA256.aes-256-cbc.key', 'ec.pub.pem'],
    ['rsa.hmacWithSHA1.aes-128-cbc.key', 'rsa.pub.pem'],
  ] as const) {
    it(`round-trips ${file}: the unwrapped key is non-extractable and signs what the public key verifies`, async () => {
      const { privateKey } = await importSigningKeyFile(k.read(file), PASSWORD, { extractable: true });
      const { wrapped, bits } = await wrapSigningKey(privateKey, 'długie hasło 123', { iterations: FAST });
      expect(JSON.stringify(wrapped)).not.toContain('długie');
      const key = await unwrapSigningKey(wrapped, bits);
      expect(key.extractable).toBe(false);
      expect(key.usages).toEqual(['sign']);
      const data = new TextEncoder().encode('KOD II');
      const ec = key.algorithm.name === 'ECDSA';
      const sig = await crypto.subtle.sign(
        ec ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 },
        key,
        data,
      );
      const verified = nodeVerify(
        'sha256',
        data,
        ec
          ? { key: createPublicKey(k.text(pub)), dsaEncoding: 'ieee-p1363' }
          : { key: createPublicKey(k.text(pub)), padding: 6, saltLength: 32 },
        new Uint8Array(sig),
      );
      expect(verified).toBe(true);
    });
  }

  it('refuses a wrong passphrase in Polish, and a short one', async () => {
    const { privateKey } = await importSigningKeyFile(k.read('ec.hmacWithSHA256.aes-256-cbc.key'), PASSWORD, {
      extractable: true,
    });
    const { wrapped } = await wrapSigningKey(privateKey, 'dobre hasło', { iterations: FAST });
    const { derivePassphraseBits } = await import('../../src/secrets');
    const wrong = await derivePassphraseBits('Dobre hasło', wrapped.salt, wrapped.iterations);
    const e = await rejection(unwrapSigningKey(wrapped, wrong));
    expect(e).toBeInstanceOf(PassphraseError);
    expect((e as PassphraseError).code).toBe('wrong-passphrase');
    expect((e as Error).message).toBe(
      'Nieprawidłowe hasło chroniące klucz certyfikatu Offline. Wpisz hasło ustawione przy wczytywaniu klucza (wielkość liter ma znaczenie).',
    );
    expect(((await rejection(wrapSigningKey(privateKey, 'krótkie'))) as PassphraseError).code).toBe('too-short');
  });
});

describe('a protected Offline key in the secret store', () => {
  const input = () => ({
    keyFile: k.read('ec.hmacWithSHA1.aes-128-cbc.key'),
    password: PASSWORD,
    certificate: k.read('ec.crt'),
  });

  it('signs KOD II in the session that set it; a copied profile (no session) cannot; the passphrase unlocks it again', async () => {
    const name = db();
    const session = memorySession();
    const s1 = await openSecretStore(name);
    await importOfflineCertificateKey(s1, input(), now, undefined, {
      passphrase: 'hasło do KOD II',
      session,
      iterations: FAST,
    });
    // Nothing usable without the passphrase is at rest: no CryptoKey, only the sealed wrapped form.
    expect(await s1.getKey(KEY_OFFLINE_CERTIFICATE)).toBeUndefined();
    expect(await s1.hasSecret(SECRET_OFFLINE_KEY_WRAPPED)).toBe(true);
    const { url } = await buildOfflineKod2Url(s1, KOD2, now, undefined, session);
    expect(url).toContain('/certificate/Nip/5265877635/5265877635/');
    s1.close();

    // Another browser (or this one after a restart): a fresh context, an empty session.
    vi.resetModules();
    const fresh = await import('../../src/secrets');
    const s2 = await fresh.openSecretStore(name);
    const other = memorySession();
    const locked = await rejection(fresh.buildOfflineKod2Url(s2, KOD2, now, undefined, other));
    expect((locked as { code?: string }).code).toBe('locked');
    expect((locked as Error).message).toMatch(/^Klucz certyfikatu Offline jest chroniony hasłem/);
    expect(await fresh.protectedKeyStatus(s2, other)).toMatchObject({ locked: true });
    const wrong = await rejection(fresh.unlockOfflineKey(s2, 'złe hasło!', other));
    expect((wrong as { code?: string }).code).toBe('wrong-passphrase');
    expect(other.bits).toBeUndefined();
    await fresh.unlockOfflineKey(s2, 'hasło do KOD II', other);
    const { url: again } = await fresh.buildOfflineKod2Url(s2, KOD2, now, undefined, other);
    const { stringToSign, signature } = splitKod2Url(again);
    expect(
      nodeVerify(
        'sha256',
        Buffer.from(stringToSign),
        { key: createPublicKey(k.text('ec.pub.pem')), dsaEncoding: 'ieee-p1363' },
        base64UrlToBytes(signature),
      ),
    ).toBe(true);
    // A later worker of the same session: the bits are in the session, the key in no memory yet.
    vi.resetModules();
    const later = await import('../../src/secrets');
    const s3 = await later.openSecretStore(name);
    expect((await later.buildOfflineKod2Url(s3, KOD2, now, undefined, other)).url).toContain('/certificate/');
    s2.close();
    s3.close();
  });

  it('importing without a passphrase replaces a protected key', async () => {
    const s = await openSecretStore(db());
    const session = memorySession();
    await importOfflineCertificateKey(s, input(), now, undefined, {
      passphrase: 'hasło do KOD II',
      session,
      iterations: FAST,
    });
    await importOfflineCertificateKey(s, input(), now);
    expect(await s.hasSecret(SECRET_OFFLINE_KEY_WRAPPED)).toBe(false);
    expect((await buildOfflineKod2Url(s, KOD2, now)).url).toContain('/certificate/');
    s.close();
  });
});
