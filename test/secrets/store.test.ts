import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importOfflineCertificateKey,
  isKeyImportError,
  KEY_OFFLINE_CERTIFICATE,
  loadOfflineCertificateKey,
  type OfflineCertificateMeta,
  openSecretStore,
  SECRET_BASE_API_TOKEN,
  SECRET_KSEF_TOKEN,
  SecretStoreError,
} from '../../src/secrets';
import { type KeyFiles, makeKeys, PASSWORD } from './openssl-keys';

let n = 0;
const freshDb = () => `secrets-test-${++n}-${Date.now()}`;
const TOKEN = '20251231-EC-0123456789ABCDEF-0123456789|nip-5265877635|token-tajny-ĄĘ';

/** Every byte string reachable from a record, so "no plaintext" checks look at all of it. */
function allBytes(x: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (x instanceof ArrayBuffer) out.push(new Uint8Array(x));
  else if (ArrayBuffer.isView(x)) out.push(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  else if (typeof x === 'string') out.push(new TextEncoder().encode(x));
  else if (x && typeof x === 'object') for (const v of Object.values(x)) allBytes(v, out);
  return out;
}
function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('secret store', () => {
  it('round-trips secrets and survives reopening (a worker restart)', async () => {
    const name = freshDb();
    const s1 = await openSecretStore(name);
    expect(await s1.hasSecret(SECRET_KSEF_TOKEN)).toBe(false);
    expect(await s1.getSecret(SECRET_KSEF_TOKEN)).toBeUndefined();
    await s1.setSecret(SECRET_KSEF_TOKEN, TOKEN);
    await s1.setSecret(SECRET_BASE_API_TOKEN, 'base-api-token-value');
    s1.close();
    const s2 = await openSecretStore(name);
    expect(await s2.hasSecret(SECRET_KSEF_TOKEN)).toBe(true);
    expect(await s2.getSecret(SECRET_KSEF_TOKEN)).toBe(TOKEN);
    expect(await s2.getSecret(SECRET_BASE_API_TOKEN)).toBe('base-api-token-value');
    await s2.deleteSecret(SECRET_KSEF_TOKEN);
    expect(await s2.hasSecret(SECRET_KSEF_TOKEN)).toBe(false);
    expect(await s2.getSecret(SECRET_BASE_API_TOKEN)).toBe('base-api-token-value');
    s2.close();
  });

  it('keeps no plaintext at rest and the master key is a non-extractable AES-GCM CryptoKey', async () => {
    const name = freshDb();
    const s = await openSecretStore(name);
    await s.setSecret(SECRET_KSEF_TOKEN, TOKEN);
    s.close();
    const raw = await openDB(name);
    const secrets = await raw.getAll('secrets');
    const keys = await raw.getAll('keys');
    raw.close();
    expect(secrets).toHaveLength(1);
    const needle = new TextEncoder().encode('token-tajny');
    for (const b of allBytes(secrets)) expect(contains(b, needle)).toBe(false);
    expect(JSON.stringify(secrets)).not.toContain('token-tajny');
    expect(keys).toHaveLength(1);
    const master = (keys[0] as { key: CryptoKey }).key;
    expect(master).toBeInstanceOf(CryptoKey);
    expect(master.extractable).toBe(false);
    expect(master.algorithm.name).toBe('AES-GCM');
    await expect(globalThis.crypto.subtle.exportKey('raw', master)).rejects.toThrow();
  });

  it('fresh IVs: the same value encrypts differently each time', async () => {
    const name = freshDb();
    const s = await openSecretStore(name);
    await s.setSecret('a', TOKEN);
    await s.setSecret('b', TOKEN);
    s.close();
    const raw = await openDB(name);
    const a = (await raw.get('secrets', 'a')) as { iv: Uint8Array; ct: ArrayBuffer };
    const b = (await raw.get('secrets', 'b')) as { iv: Uint8Array; ct: ArrayBuffer };
    raw.close();
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.ct).equals(Buffer.from(b.ct))).toBe(false);
  });

  it('a ciphertext moved under another name does not decrypt (name bound as AAD)', async () => {
    const name = freshDb();
    const s = await openSecretStore(name);
    await s.setSecret(SECRET_KSEF_TOKEN, TOKEN);
    const raw = await openDB(name);
    await raw.put('secrets', await raw.get('secrets', SECRET_KSEF_TOKEN), SECRET_BASE_API_TOKEN);
    raw.close();
    const err = await s.getSecret(SECRET_BASE_API_TOKEN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as SecretStoreError).code).toBe('undecryptable');
    expect((err as Error).message).toMatch(/Wpisz token ponownie/);
    s.close();
  });

  it('refuses extractable keys and the reserved master-key name', async () => {
    const s = await openSecretStore(freshDb());
    const extractable = await globalThis.crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    await expect(s.putKey('x', extractable, {})).rejects.toMatchObject({ code: 'extractable-key' });
    await expect(s.setSecret('__master-aes-gcm', 'x')).rejects.toMatchObject({ code: 'reserved-name' });
    s.close();
  });

  it('concurrent first use from two store instances ends with one master key both can use', async () => {
    const name = freshDb();
    const [a, b] = await Promise.all([openSecretStore(name), openSecretStore(name)]);
    await Promise.all([a.setSecret('one', '1'), b.setSecret('two', '2')]);
    expect(await a.getSecret('two')).toBe('2');
    expect(await b.getSecret('one')).toBe('1');
    a.close();
    b.close();
  });
});

describe('Offline certificate key in the store', () => {
  let k: KeyFiles;
  beforeAll(() => {
    k = makeKeys();
  });
  afterAll(() => k?.cleanup());
  const now = () => new Date('2026-11-29T12:00:00Z');

  it('accepts the serial as KSeF lists it, with leading zero bytes, and keeps that form for KOD II', async () => {
    const s = await openSecretStore(freshDb());
    const meta = await importOfflineCertificateKey(
      s,
      {
        keyFile: k.read('ec.hmacWithSHA256.aes-256-cbc.key'),
        password: PASSWORD,
        certificate: k.read('ec.crt.der'),
        // The certificate's DER serial is 01D1732E43B9345E; KSeF may print it zero-padded.
        expectedSerial: '0001d1732e43b9345e',
      },
      now,
    );
    expect(meta.certificateSerial).toBe('0001D1732E43B9345E');
  });

  it('stores only a non-extractable key that still signs after reopening; failures keep the old configuration', async () => {
    const name = freshDb();
    const s = await openSecretStore(name);
    const meta = await importOfflineCertificateKey(
      s,
      {
        keyFile: k.read('ec.hmacWithSHA256.aes-256-cbc.key'),
        password: PASSWORD,
        certificate: k.read('ec.crt.der'),
        expectedSerial: '01d1732e43b9345e',
        certificateName: 'Offline 1',
      },
      now,
    );
    expect(meta).toMatchObject({
      certificateSerial: '01D1732E43B9345E',
      keyDescription: 'EC P-256',
      key: { kind: 'EC', curve: 'P-256' },
      certificateName: 'Offline 1',
      importedAt: '2026-11-29T12:00:00.000Z',
    });

    // Each failure: its own code, and the stored configuration is unchanged.
    const attempts: [string, Parameters<typeof importOfflineCertificateKey>[1]][] = [
      [
        'wrong-password',
        { keyFile: k.read('rsa.hmacWithSHA256.aes-256-cbc.key'), password: 'nie to', certificate: k.read('rsa.crt') },
      ],
      ['malformed-key', { keyFile: new Uint8Array([0x30, 0x03, 0x02, 0x01]), certificate: k.read('rsa.crt') }],
      ['unsupported-algorithm', { keyFile: k.read('ec384.pem'), certificate: k.read('rsa.crt') }],
      ['key-mismatch', { keyFile: k.read('rsa.pem'), certificate: k.read('ec.crt') }],
      ['key-mismatch', { keyFile: k.read('ec2.pem'), certificate: k.read('ec.crt') }],
      ['malformed-certificate', { keyFile: k.read('rsa.pem'), certificate: k.read('rsa.pem') }],
      [
        'malformed-certificate',
        { keyFile: k.read('rsa.pem'), certificate: k.read('rsa.crt'), expectedSerial: '0000000000000001' },
      ],
    ];
    for (const [code, input] of attempts) {
      const err = await importOfflineCertificateKey(s, input, now).catch((e: unknown) => e);
      expect(isKeyImportError(err), `${code}: ${String(err)}`).toBe(true);
      expect((err as { code: string }).code).toBe(code);
      const still = await loadOfflineCertificateKey(s);
      expect(still?.meta.keyDescription).toBe('EC P-256');
    }
    s.close();

    // Reopen (as after a worker restart): the key is still there, non-extractable, and signs.
    const s2 = await openSecretStore(name);
    const loaded = await loadOfflineCertificateKey(s2);
    expect(loaded).toBeDefined();
    expect(loaded!.key.extractable).toBe(false);
    const data = new TextEncoder().encode('qr-test.ksef.mf.gov.pl/certificate/...');
    const sig = await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, loaded!.key, data);
    const pub = await globalThis.crypto.subtle.importKey(
      'spki',
      new Uint8Array(Buffer.from(k.text('ec.pub.pem').replace(/-----[^-]+-----|\s/g, ''), 'base64')),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    expect(await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, data)).toBe(true);

    // Replacing with an RSA key (matching its certificate) works and overwrites.
    const rsaMeta = await importOfflineCertificateKey(
      s2,
      { keyFile: k.text('rsa.hmacWithSHA1.aes-128-cbc.key'), password: PASSWORD, certificate: k.text('rsa.crt') },
      now,
    );
    expect(rsaMeta.keyDescription).toBe('RSA 2048');
    expect((await s2.getKey<OfflineCertificateMeta>(KEY_OFFLINE_CERTIFICATE))?.key.algorithm.name).toBe('RSA-PSS');

    // No password and no key bytes in the stored records.
    s2.close();
    const raw = await openDB(name);
    const rec = await raw.get('keys', KEY_OFFLINE_CERTIFICATE);
    raw.close();
    expect(JSON.stringify(rec)).not.toContain(PASSWORD);
    const keyB64 = k.text('rsa.pem').split('\n')[3]!;
    expect(JSON.stringify(rec)).not.toContain(keyB64);
  });
});
