import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64UrlToBytes, buildKod2Url, QR_BASE_URLS, splitKod2Url } from '../../src/qr';
import {
  importSigningKeyFile,
  isKeyImportError,
  type KeyImportErrorCode,
  keyMatchesCertificate,
  parseCertificate,
} from '../../src/secrets';
import { pemBody, qrVectors } from '../qr/vectors';
import { type KeyFiles, makeKeys, PASSWORD } from './openssl-keys';

let k: KeyFiles;
beforeAll(() => {
  k = makeKeys();
});
afterAll(() => k?.cleanup());

const input = {
  qrBase: QR_BASE_URLS.test,
  contextType: 'Nip' as const,
  contextValue: '5265877635',
  sellerNip: '5265877635',
  certificateSerial: '01D1732E43B9345E',
  hash: 'UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
};

async function expectCode(p: Promise<unknown>, code: KeyImportErrorCode): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(isKeyImportError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return (e as Error).message;
  }
  throw new Error(`expected ${code}, but the import succeeded`);
}

/** Verifies a KOD II link with the openssl-made public key: node for ECDSA P1363, the openssl CLI for RSA-PSS. */
function verifiesWithOpenSslPublicKey(kind: 'ec' | 'rsa', url: string): boolean {
  const { stringToSign, signature } = splitKod2Url(url);
  const sig = base64UrlToBytes(signature);
  if (kind === 'ec') {
    return nodeVerify(
      'sha256',
      Buffer.from(stringToSign),
      { key: createPublicKey(k.text('ec.pub.pem')), dsaEncoding: 'ieee-p1363' },
      sig,
    );
  }
  writeFileSync(k.path('data.bin'), stringToSign);
  writeFileSync(k.path('sig.bin'), sig);
  try {
    k.openssl(
      'dgst',
      '-sha256',
      '-sigopt',
      'rsa_padding_mode:pss',
      '-sigopt',
      'rsa_pss_saltlen:32',
      '-sigopt',
      'rsa_mgf1_md:sha256',
      '-verify',
      'rsa.pub.pem',
      '-signature',
      'sig.bin',
      'data.bin',
    );
    return true;
  } catch {
    return false;
  }
}

describe('private key import: supported files sign KOD II that verifies with the openssl public key', () => {
  const cases: [string, 'ec' | 'rsa', string | undefined][] = [];
  for (const kind of ['ec', 'rsa'] as const) {
    cases.push(
      [`${kind}.pem`, kind, undefined],
      [`${kind}.der`, kind, undefined],
      [`${kind}.trad.pem`, kind, undefined],
      [`${kind}.trad.der`, kind, undefined],
      [`${kind}.enc.der`, kind, PASSWORD],
    );
    for (const f of [
      'hmacWithSHA1.aes-128-cbc',
      'hmacWithSHA256.aes-256-cbc',
      'hmacWithSHA1.aes-256-cbc',
      'hmacWithSHA256.aes-128-cbc',
      'hmacWithSHA256.aes-192-cbc',
    ]) {
      cases.push([`${kind}.${f}.key`, kind, PASSWORD]);
    }
  }
  for (const [file, kind, password] of cases) {
    it(file, async () => {
      const imported = await importSigningKeyFile(k.read(file), password);
      expect(imported.privateKey.extractable).toBe(false);
      expect(imported.privateKey.usages).toEqual(['sign']);
      expect(imported.encrypted).toBe(password !== undefined);
      expect(imported.description).toBe(kind === 'ec' ? 'EC P-256' : 'RSA 2048');
      const { url } = await buildKod2Url(input, imported.privateKey);
      expect(verifiesWithOpenSslPublicKey(kind, url)).toBe(true);
      // And the certificate made from the same key matches it (DER and PEM).
      expect(await keyMatchesCertificate(imported.privateKey, parseCertificate(k.read(`${kind}.crt.der`)).spki)).toBe(
        true,
      );
      expect(await keyMatchesCertificate(imported.privateKey, parseCertificate(k.text(`${kind}.crt`)).spki)).toBe(true);
    });
  }

  it('PEM given as text works like bytes', async () => {
    const imported = await importSigningKeyFile(k.text('ec.hmacWithSHA256.aes-256-cbc.key'), PASSWORD);
    expect(imported.info).toEqual({ kind: 'EC', curve: 'P-256' });
  });

  it("the taxpayer application's official .key decrypts to the published key (PBKDF2-SHA256 100 000, AES-256)", async () => {
    const v = qrVectors.keys['ecdsa-p256-taxpayer-app'];
    const imported = await importSigningKeyFile(v.encryptedPkcs8Pem, v.password, { extractable: true });
    const expected = await globalThis.crypto.subtle.importKey(
      'pkcs8',
      pemBody(v.pkcs8PemDecrypted),
      { name: 'ECDSA', namedCurve: 'P-256' },
      true,
      ['sign'],
    );
    const a = await globalThis.crypto.subtle.exportKey('jwk', imported.privateKey);
    const b = await globalThis.crypto.subtle.exportKey('jwk', expected);
    expect(a.d).toBe(b.d);
    expect([a.x, a.y]).toEqual([b.x, b.y]);
    // Default import is non-extractable.
    expect((await importSigningKeyFile(v.encryptedPkcs8Pem, v.password)).privateKey.extractable).toBe(false);
  });

  it('the official RSA sample (binary DER PKCS#8) imports as RSA 2048', async () => {
    const v = qrVectors.keys['rsa-2048-java-sample'];
    const imported = await importSigningKeyFile(new Uint8Array(Buffer.from(v.pkcs8DerBase64, 'base64')));
    expect(imported.description).toBe('RSA 2048');
    expect(imported.privateKey.algorithm.name).toBe('RSA-PSS');
  });
});

describe('private key import: each failure has its own code and Polish message', () => {
  it('wrong password', async () => {
    for (const f of ['ec.hmacWithSHA256.aes-256-cbc.key', 'rsa.hmacWithSHA1.aes-128-cbc.key', 'ec.enc.der']) {
      const msg = await expectCode(importSigningKeyFile(k.read(f), 'złe hasło'), 'wrong-password');
      expect(msg).toMatch(/Nieprawidłowe hasło/);
      expect(msg).not.toContain('złe hasło');
    }
  });

  it('password missing for an encrypted file', async () => {
    await expectCode(importSigningKeyFile(k.read('ec.hmacWithSHA256.aes-256-cbc.key')), 'password-required');
    await expectCode(importSigningKeyFile(k.read('ec.enc.der'), ''), 'password-required');
  });

  it('malformed files', async () => {
    const garbage = globalThis.crypto.getRandomValues(new Uint8Array(300));
    garbage[0] = 0x30;
    const m1 = await expectCode(importSigningKeyFile(garbage), 'malformed-key');
    expect(m1).toMatch(/nie jest poprawnym kluczem/);
    await expectCode(importSigningKeyFile(new Uint8Array(0)), 'malformed-key');
    await expectCode(importSigningKeyFile('-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG'), 'malformed-key');
    await expectCode(
      importSigningKeyFile('-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n'),
      'malformed-key',
    );
    const cert = await expectCode(importSigningKeyFile(k.read('ec.crt')), 'malformed-key');
    expect(cert).toMatch(/certyfikat/);
    // A truncated encrypted key.
    const enc = k.read('ec.enc.der');
    await expectCode(importSigningKeyFile(enc.subarray(0, 40), PASSWORD), 'malformed-key');
  });

  it('unsupported algorithms', async () => {
    for (const [f, pw, re] of [
      ['ec384.pem', undefined, /P-256/],
      ['ed25519.pem', undefined, /1\.3\.101\.112/],
      ['rsa1024.pem', undefined, /2048/],
      ['ec.des3.key', PASSWORD, /AES-CBC/],
      ['ec.pbes1.key', PASSWORD, /PBES2/],
      ['ec.scrypt.key', PASSWORD, /PBKDF2/],
      ['rsa.legacy-enc.pem', PASSWORD, /openssl pkcs8/],
    ] as const) {
      const msg = await expectCode(importSigningKeyFile(k.read(f), pw), 'unsupported-algorithm');
      expect(msg, f).toMatch(/nie jest obsługiwany/);
      expect(msg, f).toMatch(re);
    }
  });

  it('a key that does not match the certificate', async () => {
    const other = await importSigningKeyFile(k.read('ec2.pem'));
    expect(await keyMatchesCertificate(other.privateKey, parseCertificate(k.read('ec.crt.der')).spki)).toBe(false);
    const rsa = await importSigningKeyFile(k.read('rsa.pem'));
    expect(await keyMatchesCertificate(rsa.privateKey, parseCertificate(k.read('ec.crt.der')).spki)).toBe(false);
  });

  it('certificate parsing gives the KSeF-style serial and rejects non-certificates', async () => {
    const c = parseCertificate(k.read('ec.crt.der'));
    expect(c.serialHex).toBe('01D1732E43B9345E');
    expect(c.notAfter.getTime()).toBeGreaterThan(c.notBefore.getTime());
    // The bare DER Base64 that /v2/certificates/retrieve returns.
    expect(parseCertificate(Buffer.from(k.read('ec.crt.der')).toString('base64')).serialHex).toBe('01D1732E43B9345E');
    await expectCode(
      Promise.resolve().then(() => parseCertificate(k.read('ec.pem'))),
      'malformed-certificate',
    );
    await expectCode(
      Promise.resolve().then(() => parseCertificate(new Uint8Array([1, 2, 3]))),
      'malformed-certificate',
    );
  });
});

describe('PEM reading', () => {
  it('accepts CRLF line ends, a BOM and text before the block', async () => {
    const pem = k.text('ec.hmacWithSHA256.aes-256-cbc.key').replace(/\n/g, '\r\n');
    const withPreamble = `\uFEFFBag Attributes\r\n    localKeyID: 01 02\r\n${pem}`;
    expect((await importSigningKeyFile(withPreamble, PASSWORD)).description).toBe('EC P-256');
    expect((await importSigningKeyFile(new TextEncoder().encode(withPreamble), PASSWORD)).description).toBe('EC P-256');
  });
  it('text that is neither PEM nor DER is a malformed key', async () => {
    const msg = await expectCode(importSigningKeyFile('hasło: tajne'), 'malformed-key');
    expect(msg).not.toContain('tajne');
  });
});
