// Test-side XAdES signer for AuthTokenRequest (docs/xades.md §3.2/§3.3 layout: enveloped + exc-c14n reference,
// SignedProperties with SigningCertificate), used to drive POST /auth/xades-signature.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import * as xades from 'xadesjs';
import * as xmlCore from 'xml-core';
import * as xmldsig from 'xmldsigjs';

const subtle = globalThis.crypto.subtle;
xmlCore.setNodeDependencies({ DOMParser, XMLSerializer });
xmldsig.Application.setEngine('WebCrypto', globalThis.crypto as Crypto);

export type KeyKind = 'EC' | 'RSA';
export interface Signer {
  privateKey: CryptoKey;
  certDer: Uint8Array;
}

const algFor = (kind: KeyKind) =>
  kind === 'EC'
    ? { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
    : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

/** Self-signed TEST certificate (§1.3): seal style (VATPL-) or person style (TINPL-). */
export async function selfSigned(
  nip: string,
  kind: KeyKind = 'EC',
  style: 'seal' | 'person' = 'seal',
): Promise<Signer> {
  const keys = (await subtle.generateKey(algFor(kind), true, ['sign', 'verify'])) as CryptoKeyPair;
  const name: x509.JsonName =
    style === 'seal'
      ? [{ '2.5.4.10': ['Test Sp. z o.o.'] }, { '2.5.4.97': [`VATPL-${nip}`] }, { CN: ['Test Seal'] }, { C: ['PL'] }]
      : [
          { '2.5.4.42': ['Jan'] },
          { '2.5.4.4': ['Kowalski'] },
          { '2.5.4.5': [`TINPL-${nip}`] },
          { CN: ['Jan Kowalski'] },
          { C: ['PL'] },
        ];
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01a2b3c4d5e6f708',
    name,
    keys,
    notBefore: new Date(Date.now() - 61 * 60_000),
    notAfter: new Date(Date.now() + 2 * 365 * 86_400_000),
    signingAlgorithm:
      kind === 'EC' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
    ],
  });
  return { privateKey: keys.privateKey, certDer: new Uint8Array(cert.rawData) };
}

/** Signer from a KSeF certificate seeded through POST /__sim/certificates. */
export async function fromSeeded(certificatePem: string, privateKeyPkcs8Pem: string, kind: KeyKind): Promise<Signer> {
  const der = Buffer.from(privateKeyPkcs8Pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const privateKey = await subtle.importKey(
    'pkcs8',
    new Uint8Array(der),
    kind === 'EC' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return { privateKey, certDer: new Uint8Array(new x509.X509Certificate(certificatePem).rawData) };
}

export function authTokenRequest(challenge: string, nip: string, ns = 'http://ksef.mf.gov.pl/auth/token/2.0'): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><AuthTokenRequest xmlns="${ns}"><Challenge>${challenge}</Challenge>` +
    `<ContextIdentifier><Nip>${nip}</Nip></ContextIdentifier><SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>`
  );
}

class KsefSignedXml extends xades.SignedXml {
  constructor() {
    super();
    this.XmlSignature.Id = 'Signature';
    this.Properties!.Target = '#Signature';
    this.SignedProperties.Id = 'SignedProperties';
  }
}

export async function signXades(
  xml: string,
  s: Signer,
  opts: { documentReference?: boolean; signingCertificate?: string } = {},
): Promise<string> {
  const doc = xmlCore.Parse(xml);
  const certB64 = Buffer.from(s.certDer).toString('base64');
  const algorithm =
    s.privateKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
  const signed = new KsefSignedXml();
  await signed.Sign(algorithm, s.privateKey, doc, {
    references:
      opts.documentReference === false ? [] : [{ uri: '', hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
    x509: [certB64],
    signingCertificate: { certificate: opts.signingCertificate ?? certB64, digestAlgorithm: 'SHA-256' },
    signingTime: { value: new Date(Date.now() - 60_000) },
  });
  doc.documentElement.appendChild(signed.GetXml()!);
  return xmlCore.Stringify(doc);
}
