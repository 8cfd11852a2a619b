import 'fake-indexeddb/auto';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64UrlToBytes, QR_BASE_URLS, splitKod2Url } from '../../src/qr';
import {
  buildOfflineKod2Url,
  importOfflineCertificateKey,
  importSigningKeyFile,
  isKeyImportError,
  openSecretStore,
  parseCertificate,
  prepareOfflineKey,
} from '../../src/secrets';
import { type KeyFiles, makeKeys, PASSWORD } from './openssl-keys';

let k: KeyFiles;
beforeAll(() => {
  k = makeKeys();
});
afterAll(() => k?.cleanup());
let n = 0;
const db = () => `offline-cert-${++n}-${Date.now()}`;
const now = () => new Date('2026-11-29T12:00:00Z');

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, 'expected a rejection').toBeDefined();
  return isKeyImportError(e) ? e.code : `other: ${String(e)}`;
}

describe('choice of the Offline certificate', () => {
  it('reads key usage: Offline = Non-Repudiation, Authentication = Digital Signature', () => {
    expect(parseCertificate(k.read('ec.offline.crt')).keyUsage).toEqual({
      nonRepudiation: true,
      digitalSignature: false,
    });
    expect(parseCertificate(k.read('ec.auth.crt')).keyUsage).toEqual({ nonRepudiation: false, digitalSignature: true });
  });

  it('refuses an Authentication certificate, accepts an Offline one', async () => {
    const key = k.read('ec.hmacWithSHA256.aes-256-cbc.key');
    expect(
      await code(prepareOfflineKey({ keyFile: key, password: PASSWORD, certificate: k.read('ec.auth.crt') }, now)),
    ).toBe('not-offline-certificate');
    const ok = await prepareOfflineKey(
      { keyFile: key, password: PASSWORD, certificate: k.read('ec.offline.crt') },
      now,
    );
    expect(ok.meta.keyDescription).toBe('EC P-256');
  });

  it('refuses an expired certificate', async () => {
    const later = () => new Date(Date.now() + 60 * 86_400_000);
    expect(
      await code(prepareOfflineKey({ keyFile: k.read('ec.pem'), certificate: k.read('ec.offline.crt') }, later)),
    ).toBe('certificate-expired');
  });
});

describe('KOD II with the stored key', () => {
  it('is refused (Polish) when nothing is configured', async () => {
    const s = await openSecretStore(db());
    const err = await buildOfflineKod2Url(s, {
      qrBase: QR_BASE_URLS.test,
      contextType: 'Nip',
      contextValue: '5265877635',
      sellerNip: '5265877635',
      hash: 'UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'not-configured' });
    expect((err as Error).message).toMatch(/certyfikatu Offline/);
    s.close();
  });

  it('after a reopen, signs with the stored key and names the stored serial; verifies with the openssl public key', async () => {
    const name = db();
    const s1 = await openSecretStore(name);
    await importOfflineCertificateKey(
      s1,
      { keyFile: k.read('ec.hmacWithSHA1.aes-128-cbc.key'), password: PASSWORD, certificate: k.read('ec.crt') },
      now,
    );
    s1.close();
    const s2 = await openSecretStore(name);
    const { url, certificateSerial } = await buildOfflineKod2Url(
      s2,
      {
        qrBase: QR_BASE_URLS.demo,
        contextType: 'InternalId',
        contextValue: '5265877635-12345',
        sellerNip: '5265877635',
        hash: 'UtQp9Gpc51y+u3xApZjIjgkpZ01js+J8KflSPW8WzIE=',
      },
      now,
    );
    expect(certificateSerial).toBe('01D1732E43B9345E');
    const { stringToSign, signature } = splitKod2Url(url);
    expect(stringToSign).toBe(
      'qr-demo.ksef.mf.gov.pl/certificate/InternalId/5265877635-12345/5265877635/01D1732E43B9345E/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
    );
    expect(
      nodeVerify(
        'sha256',
        Buffer.from(stringToSign),
        { key: createPublicKey(k.text('ec.pub.pem')), dsaEncoding: 'ieee-p1363' },
        base64UrlToBytes(signature),
      ),
    ).toBe(true);
    s2.close();
  });
});

describe('browser limits', () => {
  it('AES-192 where WebCrypto lacks it (Chromium): unsupported-algorithm with a conversion hint, not "wrong password"', async () => {
    const real = globalThis.crypto.subtle;
    // Chromium refuses 192-bit AES keys; emulate that on top of Node's WebCrypto.
    const chromiumLike = new Proxy(real, {
      get(target, prop) {
        if (prop === 'importKey') {
          return (
            format: KeyFormat,
            data: BufferSource,
            alg: AlgorithmIdentifier,
            ext: boolean,
            usages: KeyUsage[],
          ) => {
            const name = typeof alg === 'string' ? alg : alg.name;
            if (format === 'raw' && name === 'AES-CBC' && (data as ArrayBuffer).byteLength === 24) {
              return Promise.reject(new DOMException('192-bit AES keys are not supported', 'OperationError'));
            }
            return target.importKey(format as 'raw', data, alg, ext, usages);
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const err = await importSigningKeyFile(k.read('ec.hmacWithSHA256.aes-192-cbc.key'), PASSWORD, {
      subtle: chromiumLike,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unsupported-algorithm' });
    expect((err as Error).message).toMatch(/AES-192.*aes-256-cbc/);
    // AES-256 still works through the same subtle.
    const ok = await importSigningKeyFile(k.read('ec.hmacWithSHA256.aes-256-cbc.key'), PASSWORD, {
      subtle: chromiumLike,
    });
    expect(ok.description).toBe('EC P-256');
  });
});
