// Test-side signers for the other XAdES layouts KSeF documents: enveloping (the AuthTokenRequest inside the
// signature's ds:Object, referenced by Id) and enveloped with the XPath transform
// `not(ancestor-or-self::ds:Signature)` or the XPath Filter 2.0 transform instead of the enveloped-signature one.
import * as xades from 'xadesjs';
import * as xmlCore from 'xml-core';
import * as xmldsig from 'xmldsigjs';
import type { Signer } from './test-xades';
import { type Filter2Step, XPathFilter2Transform } from './xpath-filter2';

const DS = 'http://www.w3.org/2000/09/xmldsig#';

class KsefSignedXml extends xades.SignedXml {
  constructor() {
    super();
    this.XmlSignature.Id = 'Signature';
    this.Properties!.Target = '#Signature';
    this.SignedProperties.Id = 'SignedProperties';
  }
}

function algorithmOf(s: Signer) {
  return s.privateKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
}

const xadesOptions = (s: Signer) => {
  const certB64 = Buffer.from(s.certDer).toString('base64');
  return {
    x509: [certB64],
    signingCertificate: { certificate: certB64, digestAlgorithm: 'SHA-256' },
    signingTime: { value: new Date(Date.now() - 60_000) },
  };
};

/** Enveloping: the document is the ds:Signature; the request sits in `ds:Object Id="<objectId>"`. */
export async function signEnveloping(
  requestXml: string,
  s: Signer,
  opts: { objectId?: string; referenceUri?: string } = {},
): Promise<string> {
  const objectId = opts.objectId ?? 'AuthTokenRequestObject';
  const request = xmlCore.Parse(requestXml).documentElement;
  const holder = xmlCore.Parse(`<ds:Object xmlns:ds="${DS}" Id="${objectId}"/>`).documentElement;
  holder.appendChild(holder.ownerDocument.importNode(request, true));
  const obj = new xmldsig.DataObject();
  obj.LoadXml(holder);
  const signed = new KsefSignedXml();
  signed.XmlSignature.ObjectList.Add(obj);
  const placeholder = xmlCore.Parse('<Placeholder/>');
  await signed.Sign(algorithmOf(s), s.privateKey, placeholder, {
    references: [{ uri: opts.referenceUri ?? `#${objectId}`, hash: 'SHA-256', transforms: ['exc-c14n'] }],
    ...xadesOptions(s),
  });
  return `<?xml version="1.0" encoding="utf-8"?>${xmlCore.Stringify(signed.GetXml()!)}`;
}

/** Enveloped, with the documented XPath transform in place of enveloped-signature. */
export async function signWithXPath(requestXml: string, s: Signer, selector = 'not(ancestor-or-self::ds:Signature)') {
  const doc = xmlCore.Parse(requestXml);
  const signed = new KsefSignedXml();
  await signed.Sign(algorithmOf(s), s.privateKey, doc, {
    references: [
      {
        uri: '',
        hash: 'SHA-256',
        transforms: [{ name: 'xpath', selector, namespaces: { ds: DS } }, 'exc-c14n'],
      },
    ],
    ...xadesOptions(s),
  });
  doc.documentElement.appendChild(signed.GetXml()!);
  return xmlCore.Stringify(doc);
}

const NOT_SIGNATURE: Filter2Step[] = [
  { filter: 'subtract', xpath: '/descendant::ds:Signature', namespaces: { ds: DS } },
];

/**
 * Enveloped, with an XPath Filter 2.0 transform (default: `subtract /descendant::ds:Signature`). xadesjs's sign
 * options cannot describe this transform, so the document reference is built here and digested by Sign.
 */
export async function signWithFilter2(
  requestXml: string,
  s: Signer,
  steps: Filter2Step[] = NOT_SIGNATURE,
  opts: { c14n?: boolean } = {},
) {
  const doc = xmlCore.Parse(requestXml);
  const signed = new KsefSignedXml();
  const ref = new xmldsig.Reference();
  ref.Uri = ''; // the constructor skips an empty URI, and only an explicit URI="" names the whole document
  ref.DigestMethod.Algorithm = 'http://www.w3.org/2001/04/xmlenc#sha256';
  ref.Transforms = new xmldsig.Transforms();
  ref.Transforms.Add(XPathFilter2Transform.of(steps));
  if (opts.c14n !== false) ref.Transforms.Add(new xmldsig.XmlDsigExcC14NTransform());
  signed.XmlSignature.SignedInfo.References.Add(ref);
  await signed.Sign(algorithmOf(s), s.privateKey, doc, { references: [], ...xadesOptions(s) });
  doc.documentElement.appendChild(signed.GetXml()!);
  return xmlCore.Stringify(doc);
}
