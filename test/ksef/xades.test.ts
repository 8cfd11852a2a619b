import '@abraham/reflection';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryKvStore } from '../../src/ksef/storage';
import { createTestCertificate, testSignerFor } from '../../src/ksef/test-certificate';
import { buildAuthTokenRequest, signXadesEnveloped, type XadesSigner } from '../../src/ksef/xades';

const dir = mkdtempSync(join(tmpdir(), 'ksef-xades-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
let counter = 0;

/** Independent verification with xmlsec1 (docs/xades.md §4), both references must check. */
function xmlsecVerify(xml: string, certDer: Uint8Array): { ok: boolean; output: string } {
  const n = counter++;
  const xmlPath = join(dir, `signed-${n}.xml`);
  const pemPath = join(dir, `cert-${n}.pem`);
  writeFileSync(xmlPath, xml);
  writeFileSync(pemPath, new x509.X509Certificate(new Uint8Array(certDer)).toString('pem'));
  const r = spawnSync(
    'xmlsec1',
    [
      '--verify',
      '--id-attr:Id',
      'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
      '--enabled-reference-uris',
      'empty,same-doc',
      '--trusted-pem',
      pemPath,
      xmlPath,
    ],
    { encoding: 'utf8' },
  );
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

async function rsaUserSigner(): Promise<XadesSigner> {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0badc0ffee',
    name: [
      { '2.5.4.10': ['Firma Sp. z o.o.'] },
      { '2.5.4.97': ['VATPL-5265877635'] },
      { CN: ['Firma'] },
      { C: ['PL'] },
    ],
    keys,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 86400_000),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  return { privateKey: keys.privateKey, certificateDer: new Uint8Array(cert.rawData) };
}

const CHALLENGE = '20250604-CR-461EA5B000-537A6BA15D-D7';

describe('XAdES-BES AuthTokenRequest', () => {
  it('self-signed TEST certificate: subject per brief §1.3, key non-extractable, generated once per NIP', async () => {
    const store = new MemoryKvStore();
    const a = await testSignerFor(store, 'k', '5265877635', Date.now(), random);
    const b = await testSignerFor(store, 'k', '5265877635', Date.now(), random);
    expect(b).toBe(a);
    expect(a.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', a.privateKey)).rejects.toThrow();
    const cert = new x509.X509Certificate(new Uint8Array(a.certificateDer));
    expect(cert.subjectName.getField('2.5.4.5')).toEqual(['TINPL-5265877635']);
    expect(cert.subjectName.getField('C')).toEqual(['PL']);
    expect(cert.notBefore.getTime()).toBeLessThan(Date.now() - 60 * 60_000);
    const other = await testSignerFor(store, 'k', '1111111111', Date.now(), random);
    expect(other.certificateDer).not.toEqual(a.certificateDer);
  });

  it('ECDSA P-256 signature verifies with xmlsec1 (2/2 references) and has a raw r‖s SignatureValue', async () => {
    const signer = await createTestCertificate('5265877635', Date.now(), random);
    const xml = buildAuthTokenRequest(CHALLENGE, { type: 'Nip', value: '5265877635' });
    const signed = await signXadesEnveloped(xml, signer, new Date(Date.now() - 60_000));
    const v = xmlsecVerify(signed, signer.certificateDer);
    expect(v.output).toContain('2/2');
    expect(v.ok).toBe(true);
    const sigValue = /<ds:SignatureValue>([^<]+)</.exec(signed)?.[1] ?? '';
    expect(Buffer.from(sigValue, 'base64').length).toBe(64);
    expect(signed).toContain('Type="http://uri.etsi.org/01903#SignedProperties"');
    expect(signed).toContain('<xades:SigningCertificate>');
    expect(signed).toMatch(/<ds:Signature [^>]*Id="Signature"/);
    // ds:Signature is the last child of AuthTokenRequest (enveloped).
    expect(signed.trimEnd().endsWith('</ds:Signature></AuthTokenRequest>')).toBe(true);
    // Certificate digest = SHA-256 of the DER.
    const digest = Buffer.from(
      await crypto.subtle.digest('SHA-256', signer.certificateDer as Uint8Array<ArrayBuffer>),
    ).toString('base64');
    expect(signed).toContain(`<ds:DigestValue>${digest}</ds:DigestValue>`);
  });

  it('a changed Challenge after signing fails xmlsec1', async () => {
    const signer = await createTestCertificate('5265877635', Date.now(), random);
    const signed = await signXadesEnveloped(
      buildAuthTokenRequest(CHALLENGE, { type: 'Nip', value: '5265877635' }),
      signer,
      new Date(),
    );
    const tampered = signed.replace(CHALLENGE, '20250604-CR-461EA5B000-537A6BA15D-D8');
    expect(tampered).not.toBe(signed);
    expect(xmlsecVerify(tampered, signer.certificateDer).ok).toBe(false);
  });

  it("accepts the user's own RSA certificate + PKCS#1 v1.5 key (rsa-sha256)", async () => {
    const signer = await rsaUserSigner();
    const signed = await signXadesEnveloped(
      buildAuthTokenRequest(CHALLENGE, { type: 'Nip', value: '5265877635' }),
      signer,
      new Date(),
    );
    expect(signed).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(xmlsecVerify(signed, signer.certificateDer).ok).toBe(true);
    expect(signed).toContain(
      '<ds:X509IssuerName>C=PL,CN=Firma,2.5.4.97=VATPL-5265877635,O=Firma Sp. z o.o.</ds:X509IssuerName>',
    );
  });

  it('refuses an RSA-PSS key (rejected by KSeF, docs/ksef-protocol.md §2.3)', async () => {
    const keys = (await crypto.subtle.generateKey(
      { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const ec = await createTestCertificate('5265877635', Date.now(), random);
    await expect(
      signXadesEnveloped(
        buildAuthTokenRequest(CHALLENGE, { type: 'Nip', value: '5265877635' }),
        { privateKey: keys.privateKey, certificateDer: ec.certificateDer },
        new Date(),
      ),
    ).rejects.toThrow(/Nieobsługiwany typ klucza/);
  });
});
