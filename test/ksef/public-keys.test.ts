import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../src/ksef/encoding';
import { KSEF_ENVIRONMENTS } from '../../src/ksef/env';
import { KsefRejectionError, UnknownPublicKeyError } from '../../src/ksef/errors';
import { KsefHttp } from '../../src/ksef/http';
import { MfPublicKeys, type PublicKeyCertificate, pickCertificate } from '../../src/ksef/public-keys';
import { MemoryKvStore } from '../../src/ksef/storage';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const day = 86_400_000;
const entry = (id: string, usage: string, from: number, to: number): PublicKeyCertificate => ({
  certificate: 'x',
  publicKeyId: id,
  usage: [usage],
  validFrom: new Date(from).toISOString(),
  validTo: new Date(to).toISOString(),
});

describe('pickCertificate (docs/ksef-protocol.md §2.8)', () => {
  const list = [
    entry('old', 'SymmetricKeyEncryption', NOW - 400 * day, NOW + 10 * day),
    entry('new', 'SymmetricKeyEncryption', NOW - 1 * day, NOW + 700 * day),
    entry('expired', 'SymmetricKeyEncryption', NOW - 900 * day, NOW - 1),
    entry('future', 'SymmetricKeyEncryption', NOW + 5 * day, NOW + 900 * day),
    entry('token', 'KsefTokenEncryption', NOW - 10 * day, NOW + 10 * day),
  ];
  it('picks per usage the certificate valid now with the latest validFrom', () => {
    expect(pickCertificate(list, 'SymmetricKeyEncryption', NOW)?.publicKeyId).toBe('new');
    expect(pickCertificate(list, 'KsefTokenEncryption', NOW)?.publicKeyId).toBe('token');
  });
  it('never picks an expired one; falls back to a not-yet-valid one only if nothing is valid (clock skew)', () => {
    expect(pickCertificate([list[2]!], 'SymmetricKeyEncryption', NOW)).toBeUndefined();
    expect(pickCertificate([list[2]!, list[3]!], 'SymmetricKeyEncryption', NOW)?.publicKeyId).toBe('future');
  });
});

async function rsaCert(): Promise<string> {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Ministerstwo Finansow',
    keys,
    notBefore: new Date(NOW - day),
    notAfter: new Date(NOW + 365 * day),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  return toBase64(new Uint8Array(cert.rawData));
}

describe('MfPublicKeys', () => {
  it('caches the list in storage, refetches once on 21470, then reports UnknownPublicKeyError', async () => {
    const cert = await rsaCert();
    let fetches = 0;
    const list = () => [
      {
        certificate: cert,
        publicKeyId: `id-${fetches}`,
        usage: ['SymmetricKeyEncryption'],
        validFrom: new Date(NOW - day).toISOString(),
        validTo: new Date(NOW + day).toISOString(),
      },
    ];
    const http = new KsefHttp(KSEF_ENVIRONMENTS.test, {
      now: () => NOW,
      fetch: async () => {
        fetches++;
        return Response.json(list());
      },
    });
    const store = new MemoryKvStore();
    const keys = new MfPublicKeys(http, store, 'mf');
    expect((await keys.get('SymmetricKeyEncryption')).publicKeyId).toBe('id-1');
    // A second instance (worker restart) reads the cached list: no fetch.
    const again = new MfPublicKeys(http, store, 'mf');
    expect((await again.get('SymmetricKeyEncryption')).publicKeyId).toBe('id-1');
    expect(fetches).toBe(1);

    const seen: Array<string | undefined> = [];
    const reject21470 = () =>
      new KsefRejectionError('x', 400, [{ code: 21470, description: 'Nieznany klucz publiczny', details: [] }]);
    const err = await again
      .withKey('SymmetricKeyEncryption', async (k) => {
        seen.push(k.publicKeyId);
        throw reject21470();
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownPublicKeyError);
    expect(seen).toEqual(['id-1', 'id-2']);
    expect(fetches).toBe(2);

    // Other errors are not retried.
    const other = await again
      .withKey('SymmetricKeyEncryption', async () => {
        throw new KsefRejectionError('y', 400, [{ code: 21405, description: 'walidacja', details: [] }]);
      })
      .catch((e: unknown) => e);
    expect(other).toMatchObject({ kind: 'rejected' });
    expect(fetches).toBe(2);
  });
});
