import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  base64UrlToBytes,
  buildKod1Url,
  buildKod2Url,
  type ContextType,
  formatIssueDate,
  invoiceHash,
  kod2StringToSign,
  QR_BASE_URLS,
  qrBaseFor,
  splitKod2Url,
  verifyKod2,
} from '../../src/qr';
import { ENV_OF, FIXTURES, pemBody, qrVectors } from './vectors';

const subtle = globalThis.crypto.subtle;
const ecKey = qrVectors.keys['ecdsa-p256-taxpayer-app'];
const rsaKey = qrVectors.keys['rsa-2048-java-sample'];

async function ecPublic(): Promise<CryptoKey> {
  return subtle.importKey('spki', pemBody(ecKey.publicKeySpkiPem), { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ]);
}
async function rsaPublic(): Promise<CryptoKey> {
  return subtle.importKey('spki', pemBody(rsaKey.publicKeySpkiPem), { name: 'RSA-PSS', hash: 'SHA-256' }, false, [
    'verify',
  ]);
}

describe('QR hosts', () => {
  it('match the official qrBaseUrls for every environment', () => {
    for (const [k, env] of Object.entries(ENV_OF)) {
      expect(QR_BASE_URLS[env]).toBe(qrVectors.qrBaseUrls[k as keyof typeof ENV_OF]);
      expect(qrBaseFor(env)).toBe(QR_BASE_URLS[env]);
    }
    expect(() => qrBaseFor('production')).toThrow(/test, demo, prod/);
  });
});

describe('KOD I official vectors', () => {
  for (const v of qrVectors.kod1) {
    it(v.id, async () => {
      expect(formatIssueDate(v.issueDateP1)).toBe(v.issueDateInUrl);
      let hash = v.invoiceHashBase64;
      const bytes = v.invoiceFile
        ? new Uint8Array(readFileSync(join(FIXTURES, v.invoiceFile)))
        : v.invoiceXmlUtf8
          ? new TextEncoder().encode(v.invoiceXmlUtf8)
          : null;
      if (bytes) {
        const h = await invoiceHash(bytes);
        expect(h.base64).toBe(v.invoiceHashBase64);
        expect(h.base64Url).toBe(v.invoiceHashBase64Url);
        hash = h.base64Url;
      }
      const qrBase = qrVectors.qrBaseUrls[v.env];
      expect(buildKod1Url({ qrBase, sellerNip: v.sellerNip, issueDate: v.issueDateP1, hash })).toBe(v.expectedUrl);
      // The API's padded Base64 form is accepted too and gives the same link.
      expect(
        buildKod1Url({ qrBase, sellerNip: v.sellerNip, issueDate: v.issueDateP1, hash: v.invoiceHashBase64 }),
      ).toBe(v.expectedUrl);
    });
  }

  it('rejects malformed dates and hashes with Polish messages', () => {
    const base = { qrBase: QR_BASE_URLS.test, sellerNip: '1111111111' };
    expect(() => buildKod1Url({ ...base, issueDate: '01-02-2026', hash: 'x'.repeat(43) })).toThrow(/RRRR-MM-DD/);
    expect(() => buildKod1Url({ ...base, issueDate: '2026-13-01', hash: 'x'.repeat(43) })).toThrow(/poprawną datą/);
    expect(() => buildKod1Url({ ...base, issueDate: '2026-01-01', hash: 'abc' })).toThrow(/SHA-256/);
  });
});

describe('KOD II official vectors', () => {
  const signed = qrVectors.kod2.filter((v) => v.env && v.contextIdentifierType);
  for (const v of signed) {
    it(`${v.id}: string to sign and link`, async () => {
      const input = {
        qrBase: qrVectors.qrBaseUrls[v.env!],
        contextType: v.contextIdentifierType as ContextType,
        contextValue: v.contextIdentifierValue!,
        sellerNip: v.sellerNip!,
        certificateSerial: v.certificateSerialNumber!,
        hash: v.invoiceHashBase64Url!,
      };
      const s = kod2StringToSign(input);
      expect(s).toBe(v.stringToSign);
      const digest = Buffer.from(await subtle.digest('SHA-256', new TextEncoder().encode(s))).toString('hex');
      if (v.sha256OfStringToSignHex) expect(digest).toBe(v.sha256OfStringToSignHex);
      const sig = v.signatureP1363Base64Url ?? v.signatureBase64Url!;
      expect(`https://${s}/${sig}`).toBe(v.expectedUrlP1363 ?? v.expectedUrl);
      if (v.signatureDerBase64Url) expect(`https://${s}/${v.signatureDerBase64Url}`).toBe(v.expectedUrlDer);
    });
  }

  for (const v of qrVectors.kod2.filter((x) => x.keyRef)) {
    const expected = v.expectedVerification ?? true;
    it(`${v.id}: official signature verifies = ${expected}`, async () => {
      if (v.keyRef === 'ecdsa-p256-taxpayer-app') {
        expect(await verifyKod2(await ecPublic(), v.stringToSign, v.signatureP1363Base64Url!)).toBe(expected);
        if (v.signatureDerBase64Url) {
          // DER is the Java client's form (also accepted by KSeF); WebCrypto only speaks P1363, so check it with node.
          const ok = nodeVerify(
            'sha256',
            Buffer.from(v.stringToSign),
            { key: createPublicKey(ecKey.publicKeySpkiPem), dsaEncoding: 'der' },
            base64UrlToBytes(v.signatureDerBase64Url),
          );
          expect(ok).toBe(expected);
        }
      } else {
        expect(await verifyKod2(await rsaPublic(), v.stringToSign, v.signatureBase64Url!)).toBe(expected);
      }
    });
  }

  it('signatures made here verify with the public key (EC P1363 and RSA-PSS salt 32)', async () => {
    const ecPriv = await subtle.importKey(
      'pkcs8',
      pemBody(ecKey.pkcs8PemDecrypted),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const rsaPriv = await subtle.importKey(
      'pkcs8',
      pemBody(rsaKey.pkcs8Pem),
      { name: 'RSA-PSS', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    for (const env of ['test', 'demo', 'prod'] as const) {
      const input = {
        qrBase: QR_BASE_URLS[env],
        contextType: 'Nip' as const,
        contextValue: '8096529464',
        sellerNip: '8096529464',
        certificateSerial: '01d1732e43b9345e',
        hash: 'UtQp9Gpc51y+u3xApZjIjgkpZ01js+J8KflSPW8WzIE=',
      };
      const ec = await buildKod2Url(input, ecPriv);
      expect(ec.stringToSign.startsWith(QR_BASE_URLS[env].replace('https://', ''))).toBe(true);
      expect(ec.stringToSign).toContain('/01D1732E43B9345E/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE');
      expect(ec.url).toBe(`https://${ec.stringToSign}/${ec.signature}`);
      expect(base64UrlToBytes(ec.signature).length).toBe(64);
      const parts = splitKod2Url(ec.url);
      expect(await verifyKod2(await ecPublic(), parts.stringToSign, parts.signature)).toBe(true);
      // Node agrees that this is a P1363 ECDSA signature over the string without https://.
      expect(
        nodeVerify(
          'sha256',
          Buffer.from(ec.stringToSign),
          { key: createPublicKey(ecKey.publicKeySpkiPem), dsaEncoding: 'ieee-p1363' },
          base64UrlToBytes(ec.signature),
        ),
      ).toBe(true);
      expect(await verifyKod2(await ecPublic(), `https://${parts.stringToSign}`, parts.signature)).toBe(false);

      const rsa = await buildKod2Url({ ...input, contextValue: '7368335898', sellerNip: '7368335898' }, rsaPriv);
      const rp = splitKod2Url(rsa.url);
      expect(await verifyKod2(await rsaPublic(), rp.stringToSign, rp.signature)).toBe(true);
      // Node checks the PSS parameters independently: SHA-256, MGF1-SHA-256, salt length exactly 32.
      expect(
        nodeVerify(
          'sha256',
          Buffer.from(rsa.stringToSign),
          { key: createPublicKey(rsaKey.publicKeySpkiPem), padding: 6, saltLength: 32 },
          base64UrlToBytes(rsa.signature),
        ),
      ).toBe(true);
    }
  });

  it('refuses unknown context types and segments that would break the link', () => {
    const input = {
      qrBase: QR_BASE_URLS.test,
      contextType: 'Nip' as ContextType,
      contextValue: '1111111111',
      sellerNip: '1111111111',
      certificateSerial: '01F20A5D352AE590',
      hash: 'UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
    };
    expect(() => kod2StringToSign({ ...input, contextType: 'nip' as ContextType })).toThrow(/typ kontekstu/);
    expect(() => kod2StringToSign({ ...input, contextValue: '11/11' })).toThrow(/kontekstu/);
    expect(() => kod2StringToSign({ ...input, certificateSerial: 'XYZ' })).toThrow(/szesnastkowym/);
  });
});
