/**
 * XAdES-BES enveloped signature of the `AuthTokenRequest` (docs/ksef-protocol.md §2.3; docs/xades.md §3.2).
 * Layout as the official C# client: `ds:Signature Id="Signature"` as the last child, reference
 * `URI=""` (enveloped + exc-c14n, SHA-256), reference `#SignedProperties` of type SignedProperties
 * (exc-c14n), KeyInfo with the certificate, SignedProperties with SigningTime (now − 1 min) and
 * SigningCertificate (SHA-256 CertDigest, issuer + decimal serial). ECDSA SignatureValue is raw
 * r‖s, which is what WebCrypto returns and xadesjs keeps (docs/xades.md §1).
 *
 * Runs in a service worker: no DOMParser there, so xml-core gets @xmldom/xmldom (docs/xades.md §3.1,
 * pitfall §7.1). No XPath transform is used (pitfall §7.2).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import * as xades from 'xadesjs';
import * as xmlCore from 'xml-core';
import * as xmldsig from 'xmldsigjs';
import { InternalError } from '../i18n/internal';
import { toBase64 } from './encoding';

let initialised = false;

function initXades(): void {
  if (initialised) return;
  xmlCore.setNodeDependencies({ DOMParser, XMLSerializer });
  // xmldsigjs registers self.crypto by itself in a worker; Node needs the engine set explicitly.
  if (typeof self === 'undefined') xmldsig.Application.setEngine('WebCrypto', globalThis.crypto);
  initialised = true;
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GIVENNAME',
  '2.5.4.5': 'SERIALNUMBER',
};

function escapeDnValue(v: string): string {
  return v
    .replace(/([,+"\\<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/**
 * Issuer DN as an RFC 4514 string (reverse RDN order, like .NET's `cert.Issuer` used by the C#
 * client; docs/xades.md pitfall §7.6 — KSeF's strictness on this string is unverified).
 */
export function issuerNameRfc4514(certDer: Uint8Array): string {
  const cert = AsnConvert.parse(certDer, Certificate);
  return [...cert.tbsCertificate.issuer]
    .reverse()
    .map((rdn) =>
      [...rdn].map((atv) => `${SHORT_NAMES[atv.type] ?? atv.type}=${escapeDnValue(atv.value.toString())}`).join('+'),
    )
    .join(',');
}

class KsefSignedXml extends xades.SignedXml {
  constructor(private readonly certDer: Uint8Array) {
    super();
    // Ids set on the objects, not via options.id, which would break the Target link (docs/xades.md §7.4).
    this.XmlSignature.Id = 'Signature';
    this.Properties!.Target = '#Signature';
    this.SignedProperties.Id = 'SignedProperties';
  }

  protected override async ApplySignOptions(
    signature: xmldsig.Signature,
    algorithm: Algorithm,
    key: CryptoKey,
    options: xades.OptionsXAdES,
  ): Promise<void> {
    await super.ApplySignOptions(signature, algorithm, key, options);
    // xadesjs adds no transform to the SignedProperties reference; exc-c14n keeps the digest
    // independent of the AuthTokenRequest default namespace (docs/xades.md §7.5, as the C# client).
    signature.SignedInfo.References.ForEach((ref) => {
      if (ref.Type === 'http://uri.etsi.org/01903#SignedProperties') {
        ref.Transforms = new xmldsig.Transforms();
        ref.Transforms.Add(new xmldsig.XmlDsigExcC14NTransform());
      }
    });
    const sc = this.SignedProperties.SignedSignatureProperties.SigningCertificate.Item(0);
    if (sc) sc.IssuerSerial.X509IssuerName = issuerNameRfc4514(this.certDer);
  }
}

export interface XadesSigner {
  /** Non-extractable is fine: only `sign` is used. ECDSA P-256 or RSASSA-PKCS1-v1_5/SHA-256. */
  privateKey: CryptoKey;
  certificateDer: Uint8Array;
}

/**
 * Signs `xml` (a complete document) and returns the signed document as a string; POST it byte for
 * byte (docs/xades.md §7.9). RSA keys must be RSASSA-PKCS1-v1_5 with SHA-256: RSA-PSS is rejected by
 * KSeF (§2.3 [CONFLICT]).
 */
export async function signXadesEnveloped(xml: string, signer: XadesSigner, signingTime: Date): Promise<string> {
  initXades();
  const alg = signer.privateKey.algorithm as KeyAlgorithm & { hash?: { name: string } };
  let algorithm: Algorithm;
  if (alg.name === 'ECDSA') algorithm = { name: 'ECDSA', hash: 'SHA-256' } as Algorithm;
  else if (alg.name === 'RSASSA-PKCS1-v1_5') algorithm = { name: 'RSASSA-PKCS1-v1_5' };
  else
    throw new InternalError(
      'signing-key',
      `Nieobsługiwany typ klucza podpisu: ${alg.name}. Użyj klucza ECDSA P-256 lub RSA (PKCS#1 v1.5).`,
    );
  const doc = xmlCore.Parse(xml);
  const certB64 = toBase64(signer.certificateDer);
  const signed = new KsefSignedXml(signer.certificateDer);
  signed.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = 'http://www.w3.org/2001/10/xml-exc-c14n#';
  await signed.Sign(algorithm, signer.privateKey, doc, {
    references: [{ uri: '', hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
    x509: [certB64],
    signingCertificate: { certificate: certB64, digestAlgorithm: 'SHA-256' },
    signingTime: { value: signingTime },
  });
  doc.documentElement.appendChild(signed.GetXml()!);
  return xmlCore.Stringify(doc);
}

/** The XML namespace of the AuthTokenRequest document (KSeF's XSD): a name, not a host the extension
 * calls; the hosts are in src/core/env.ts. */
export const AUTH_TOKEN_NS = 'http://ksef.mf.gov.pl/auth/token/2.0';

export type ContextIdentifierType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';

function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Unsigned `AuthTokenRequest` (§2.3 step 1; element order fixed). Namespace 2.0, which the C#
 * client uses and KSeF still accepts (auth XSD 2.1 differs only in namespace for this content).
 */
export function buildAuthTokenRequest(
  challenge: string,
  context: { type: ContextIdentifierType; value: string },
  subjectIdentifierType: 'certificateSubject' | 'certificateFingerprint' = 'certificateSubject',
  namespace: string = AUTH_TOKEN_NS,
): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><AuthTokenRequest xmlns="${namespace}">` +
    `<Challenge>${escapeXmlText(challenge)}</Challenge>` +
    `<ContextIdentifier><${context.type}>${escapeXmlText(context.value)}</${context.type}></ContextIdentifier>` +
    `<SubjectIdentifierType>${subjectIdentifierType}</SubjectIdentifierType>` +
    '</AuthTokenRequest>'
  );
}
