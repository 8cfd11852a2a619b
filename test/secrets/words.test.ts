/** Key-import and secret-store failures: codes with parameters from src/secrets, words at the edge. */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Services } from '../../src/background/services';
import { checkConnection } from '../../src/background/services/connection-check';
import { importOfflineKey } from '../../src/background/services/offline-certificates';
import { keyImportText } from '../../src/i18n/errors';
import { type KeyDetailCode, keyImportErrorText, SECRETS_TEXTS, secretStoreText } from '../../src/i18n/secrets';
import { workerTexts } from '../../src/i18n/worker';
import type { Lang } from '../../src/messaging';
import {
  importSigningKeyFile,
  isKeyImportError,
  KeyImportError,
  openSecretStore,
  parseCertificate,
  SecretStoreError,
} from '../../src/secrets';
import { polishIn } from '../i18n/polish';
import { type KeyFiles, makeKeys, PASSWORD } from './openssl-keys';

vi.mock('../../src/platform/browser', () => ({ browser: {} }));

let k: KeyFiles;
beforeAll(() => {
  k = makeKeys();
});
afterAll(() => k?.cleanup());

async function failure(run: () => Promise<unknown>): Promise<KeyImportError> {
  const e = await run().then(
    () => null,
    (x: unknown) => x,
  );
  expect(isKeyImportError(e), String(e)).toBe(true);
  return e as KeyImportError;
}

describe('key-import details', () => {
  it('keep the Polish message as it was', async () => {
    const rsa = await failure(() => importSigningKeyFile(k.read('rsa1024.pem')));
    expect(rsa.message).toBe(
      `${keyImportText('unsupported-algorithm', 'pl')} (RSA 1024 bitów, wymagane co najmniej 2048)`,
    );
    const legacy = await failure(() => importSigningKeyFile(k.read('rsa.legacy-enc.pem'), PASSWORD));
    expect(legacy.message).toMatch(
      / \(stary format szyfrowania OpenSSL; przekształć: openssl pkcs8 -topk8 -v2 aes-256-cbc\)$/,
    );
    const cert = await failure(() => importSigningKeyFile(k.read('ec.crt')));
    expect(cert.message).toMatch(/ \(to jest certyfikat, a nie klucz prywatny\)$/);
    // A language-neutral detail (a serial) stays as it is.
    expect(new KeyImportError('key-mismatch', '0A1B').message).toMatch(/ \(0A1B\)$/);
  });

  it('read in English with no Polish, and with their parameters', async () => {
    const cases: Array<[string, string | undefined, RegExp]> = [
      ['rsa1024.pem', undefined, /\(RSA 1024 bits, at least 2048 required\)$/],
      ['ec384.pem', undefined, /\(EC curve 1\.3\.132\.0\.34, P-256 required\)$/],
      ['ed25519.pem', undefined, /\(key algorithm 1\.3\.101\.112\)$/],
      ['ec.des3.key', PASSWORD, /\(cipher [\d.]+ \(AES-CBC is supported\)\)$/],
      ['ec.pbes1.key', PASSWORD, /\(encryption [\d.]+ instead of PBES2\)$/],
      ['ec.scrypt.key', PASSWORD, /\(key derivation function [\d.]+ instead of PBKDF2\)$/],
      ['rsa.legacy-enc.pem', PASSWORD, /convert it: openssl pkcs8 -topk8 -v2 aes-256-cbc\)$/],
      ['ec.crt', undefined, /\(this is a certificate, not a private key\)$/],
    ];
    for (const [file, pw, re] of cases) {
      const text = keyImportErrorText(await failure(() => importSigningKeyFile(k.read(file), pw)), 'en');
      expect(text, file).toMatch(re);
      expect(polishIn(text), `${file}: ${text}`).toBeNull();
    }
    const broken = await failure(() => importSigningKeyFile('-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG'));
    expect(keyImportErrorText(broken, 'en')).toMatch(/\(an incomplete PEM block\)$/);
    const notCert = await failure(async () => parseCertificate(k.read('ec.pem')));
    expect(keyImportErrorText(notCert, 'en')).toMatch(/\(PEM block "PRIVATE KEY"\)$/);
    expect(polishIn(keyImportErrorText(notCert, 'en'))).toBeNull();
  });

  it('every coded detail has English words with no Polish', () => {
    const params = { oid: '1.2.3', count: 7, bits: 1024, min: 2048, label: 'X', command: 'openssl' };
    for (const key of Object.keys(SECRETS_TEXTS.en).filter((x) => x.startsWith('detail.'))) {
      const code = key.slice('detail.'.length) as KeyDetailCode;
      const text = keyImportErrorText(new KeyImportError('malformed-key', { code, params }), 'en');
      expect(polishIn(text), text).toBeNull();
    }
  });
});

describe('secret-store refusals', () => {
  it('keep their code and Polish message, and read in English at the edge', async () => {
    const store = await openSecretStore(`words-${Math.random()}`);
    const e = await store.setSecret('__master-aes-gcm', 'x').then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(SecretStoreError);
    expect((e as SecretStoreError).message).toBe('Nazwa „__master-aes-gcm” jest zarezerwowana.');
    const s = e as SecretStoreError;
    expect(secretStoreText(s.code, 'en', s.params)).toBe('The name "__master-aes-gcm" is reserved.');
    store.close();
    for (const code of ['undecryptable', 'extractable-key', 'reserved-name', 'not-configured'] as const) {
      expect(polishIn(secretStoreText(code, 'en', { name: 'n' })), code).toBeNull();
      expect(new SecretStoreError(code, { name: 'n' }).message).toBe(secretStoreText(code, 'pl', { name: 'n' }));
    }
    expect(new SecretStoreError('undecryptable').message).toBe(
      'Nie można odszyfrować zapisanego sekretu (dane rozszerzenia zostały uszkodzone lub wyczyszczone). Wpisz token ponownie w ustawieniach.',
    );
  });

  it('a token that cannot be decrypted reads in English in the connection check', async () => {
    const svc = (lang: Lang) =>
      ({
        settings: async () => ({ env: 'test', nip: '5265877635' }),
        t: async () => workerTexts(lang),
        lang: async () => lang,
        ksef: async () => {
          throw new SecretStoreError('undecryptable');
        },
        base: async () => {
          throw new SecretStoreError('undecryptable');
        },
      }) as unknown as Services;
    const en = await checkConnection(svc('en'));
    expect(en.ksef.ok).toBe(false);
    expect(en.ksef.message).toContain(
      "A stored secret cannot be decrypted (the extension's data was damaged or cleared).",
    );
    expect(polishIn(en.ksef.message)).toBeNull();
    expect(polishIn(en.base.message)).toBeNull();
    const pl = await checkConnection(svc('pl'));
    expect(pl.ksef.message).toContain('Nie można odszyfrować zapisanego sekretu');
  });
});

describe('the Offline key upload (options page, via the worker)', () => {
  it('is refused in the UI language, the detail included', async () => {
    const store = await openSecretStore(`upload-${Math.random()}`);
    const serialNumber = parseCertificate(k.read('ec.crt.der')).serialHex;
    const svc = (lang: Lang) =>
      ({
        t: async () => workerTexts(lang),
        lang: async () => lang,
        secrets: async () => store,
        ksef: async () => ({
          queryCertificates: async () => [
            { serialNumber, name: 'Offline', validFrom: '2026-01-01', validTo: '2027-01-01', status: 'Active' },
          ],
          retrieveCertificates: async () => [
            { certificateDerB64: Buffer.from(k.read('ec.crt.der')).toString('base64') },
          ],
        }),
      }) as unknown as Services;
    const upload = (lang: Lang) =>
      importOfflineKey(svc(lang), {
        serialNumber,
        fileName: 'rsa1024.pem',
        password: '',
        fileBase64: Buffer.from(k.read('rsa1024.pem')).toString('base64'),
      }).then(
        () => '',
        (e: unknown) => (e as Error).message,
      );
    const en = await upload('en');
    expect(en).toMatch(
      /^This kind of key or encryption is not supported\..*\(RSA 1024 bits, at least 2048 required\)$/,
    );
    expect(polishIn(en)).toBeNull();
    expect(await upload('pl')).toMatch(/nie jest obsługiwany.*\(RSA 1024 bitów, wymagane co najmniej 2048\)$/);
    store.close();
  });
});
