// XAdES authentication (docs/ksef-protocol.md §2.3): real signature verification with xmldsigjs plus the two checks the
// library leaves out (docs/xades.md §5: a Reference URI="" with the enveloped transform must cover the document;
// the SigningCertificate must be the KeyInfo certificate), XAdES profile, certificate trust and the subject → NIP
// mapping of §1.3. XSD check of the request without the signature (docs/xades.md §4, §7.12).
import '@abraham/reflection';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import * as xmlCore from 'xml-core';
import * as xmldsig from 'xmldsigjs';
import * as xpath from 'xpath';
import { policy, startAuth, takeChallenge } from './auth';
import { ksefCa } from './certificates';
import type { Ctx, Reply, Sim } from './core';
import { badRequest } from './errors';
import type { AuthOp, StatusInfo } from './store';
import { FILTER2, XPathFilter2Transform } from './xpath-filter2';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const SP_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const XPATH = 'http://www.w3.org/TR/1999/REC-xpath-19991116';
/** The one XPath expression KSeF documents, equivalent to the enveloped-signature transform. */
const XPATH_NOT_SIGNATURE = 'not(ancestor-or-self::ds:Signature)';
/**
 * XPath Filter 2.0 expressions that remove exactly the signature: the W3C example's `subtract` of the enclosing
 * ds:Signature, written without `here()` (which this verifier lacks); the request may hold only one signature
 * (9103), so every ds:Signature is that one.
 */
const FILTER2_NOT_SIGNATURE = new Set(['/descendant::ds:Signature', '//ds:Signature']);
const C14N = new Set([
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  'http://www.w3.org/2006/12/xml-c14n11',
  'http://www.w3.org/2006/12/xml-c14n11#WithComments',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
]);
/** Transforms KSeF allows (https://github.com/CIRFMF/ksef-docs/blob/main/auth/podpis-xades.md). */
const ALLOWED_TRANSFORMS = new Set([ENVELOPED, XPATH, FILTER2, 'http://www.w3.org/2000/09/xmldsig#base64', ...C14N]);
const AUTH_NS = ['http://ksef.mf.gov.pl/auth/token/2.0', 'http://ksef.mf.gov.pl/auth/token/2.1'];
const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
// §2.3: PKCS#1 v1.5 and ECDSA; RSA-PSS is listed by the docs but was observed rejected (CIRFMF/ksef-api#162).
const SIGNATURE_METHODS = new Set([
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512',
]);

let initialised = false;
function init() {
  if (initialised) return;
  // xpath: xmldsigjs evaluates the XPath transform with it in Node.
  xmlCore.setNodeDependencies({ DOMParser, XMLSerializer, xpath }); // docs/xades.md §3.1, §7.1
  xmldsig.Application.setEngine('WebCrypto', globalThis.crypto as Crypto); // Node: §7.3
  XPathFilter2Transform.register();
  initialised = true;
}

const validators = new Map<string, XsdValidator>();
/**
 * The auth XSDs use .NET regex syntax in some patterns (`\b`, `^`, `$`), which libxml2 rejects or takes
 * literally (docs/xades.md §4). The file stays unchanged; the compiled copy drops `^`/`$` anchors (XSD patterns
 * are anchored anyway) and replaces the `\b` IP patterns with `.*`.
 */
function authValidator(ns: string): XsdValidator {
  let v = validators.get(ns);
  if (!v) {
    const file = ns.endsWith('2.0') ? 'schemat_auth_v2-0.xsd' : 'schemat_auth_v2-1.xsd';
    const text = readFileSync(new URL(`./official/schemas/${file}`, import.meta.url), 'utf8').replace(
      /<xsd:pattern value="([^"]*)"\s*\/>/g,
      (_m, p: string) => `<xsd:pattern value="${p.includes('\\b') ? '.*' : p.replace(/^\^/, '').replace(/\$$/, '')}"/>`,
    );
    const doc = XmlDocument.fromString(text, { url: `memory:/${file}` });
    try {
      v = XsdValidator.fromDoc(doc);
    } finally {
      doc.dispose();
    }
    validators.set(ns, v);
  }
  return v;
}

const fail9105 = (detail: string) => badRequest(9105, 'Nieprawidłowy podpis.', [detail]);

const childText = (el: Element, ns: string, name: string) =>
  (el.getElementsByTagNameNS(ns, name)[0]?.textContent ?? '').trim();

const texts = (el: Element, ns: string, name: string) =>
  Array.from(el.getElementsByTagNameNS(ns, name)).map((e) => (e.textContent ?? '').trim());

function directChildren(el: Element, ns: string, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name)
      out.push(n as Element);
  }
  return out;
}

/** NIP/PESEL from the subject (§1.3 patterns): serialNumber TINPL/NIP/PNOPL/PESEL, organizationIdentifier VATPL. */
export function subjectIdentity(cert: x509.X509Certificate): AuthOp['subject'] | undefined {
  const fields = [...cert.subjectName.getField('2.5.4.5'), ...cert.subjectName.getField('2.5.4.97')];
  for (const f of fields) {
    const pesel = /(PNOPL|PESEL).*?(\d{11})/.exec(f);
    if (pesel) return { type: 'Pesel', value: pesel[2]! };
    const nip = /(TINPL|NIP|VATPL).*?(\d{10})/.exec(f);
    if (nip) return { type: 'Nip', value: nip[2]! };
  }
  return undefined;
}

const elementChildren = (el: Element) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);

const isAuthRequest = (el: Element | undefined) =>
  el?.localName === 'AuthTokenRequest' && AUTH_NS.includes(el.namespaceURI ?? '');

/**
 * Where the signed request is: the root (enveloped), or the only element of a `ds:Object` of a root
 * `ds:Signature` (enveloping). Anything else is not a request KSeF takes (9101).
 */
function locateRequest(root: Element | null): { request: Element; holder?: Element } {
  if (isAuthRequest(root ?? undefined)) return { request: root! };
  if (root?.namespaceURI === DS && root.localName === 'Signature') {
    for (const obj of directChildren(root, DS, 'Object')) {
      const kids = elementChildren(obj);
      if (kids.length === 1 && isAuthRequest(kids[0])) return { request: kids[0]!, holder: obj };
    }
  }
  throw badRequest(9101, 'Nieprawidłowy dokument.', [
    'Oczekiwano elementu AuthTokenRequest (auth/token/2.0 lub 2.1) podpisanego w formie otaczanej (enveloped) lub otaczającej (enveloping).',
  ]);
}

/** The one XPath-1.0 or XPath-Filter-2.0 form that removes exactly the signature, with `ds` bound to XMLDSig. */
function removesOnlySignature(t: Element): boolean {
  const alg = t.getAttribute('Algorithm');
  if (alg === ENVELOPED) return true;
  if (alg === XPATH) {
    const expr = t.getElementsByTagNameNS(DS, 'XPath')[0];
    const text = (expr?.textContent ?? '').replace(/\s+/g, '');
    return text === XPATH_NOT_SIGNATURE && expr?.lookupNamespaceURI('ds') === DS;
  }
  if (alg === FILTER2) {
    const steps = elementChildren(t);
    const step = steps[0];
    return (
      steps.length === 1 &&
      step?.namespaceURI === FILTER2 &&
      step.localName === 'XPath' &&
      step.getAttribute('Filter') === 'subtract' &&
      FILTER2_NOT_SIGNATURE.has((step.textContent ?? '').replace(/\s+/g, '')) &&
      step.lookupNamespaceURI('ds') === DS
    );
  }
  return false;
}

/**
 * The reference that must cover the whole request: enveloped, `URI=""` with one transform removing exactly the
 * signature (enveloped-signature, the documented XPath `not(ancestor-or-self::ds:Signature)` or the XPath Filter
 * 2.0 `subtract` of ds:Signature) and otherwise only canonicalisation, so nothing else of the request can be left
 * out of the digest; enveloping, `URI="#Id"` of the ds:Object that holds the request.
 */
function coversRequest(ref: Element, holder: Element | undefined): boolean {
  const uri = ref.getAttribute('URI');
  const transforms = Array.from(ref.getElementsByTagNameNS(DS, 'Transform'));
  if (holder) {
    const id = holder.getAttribute('Id');
    return !!id && uri === `#${id}` && !transforms.some((t) => t.getAttribute('Algorithm') === ENVELOPED);
  }
  if (uri !== '') return false;
  const exclusions = transforms.filter((t) => !C14N.has(t.getAttribute('Algorithm') ?? ''));
  return exclusions.length === 1 && removesOnlySignature(exclusions[0]!);
}

const certError = (detail: string): StatusInfo => ({
  code: 460,
  description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu',
  details: [detail],
});

export async function xadesAuth(sim: Sim, ctx: Ctx): Promise<Reply> {
  init();
  const raw = ctx.body;
  const text = raw.toString('utf8');
  if (!text.trim()) throw badRequest(21001, 'Nieczytelna treść.', ['Pusta treść żądania.']);
  let doc: Document;
  try {
    doc = xmlCore.Parse(text) as unknown as Document;
  } catch (e) {
    throw badRequest(21001, 'Nieczytelna treść.', [(e as Error).message]);
  }
  const { request: root, holder } = locateRequest(doc.documentElement);
  const ns = root.namespaceURI!;
  const sigs = Array.from(doc.getElementsByTagNameNS(DS, 'Signature'));
  if (sigs.length === 0) throw badRequest(9102, 'Brak podpisu.', []);
  if (sigs.length > 1) throw badRequest(9103, 'Przekroczona liczba dozwolonych podpisów.', []);
  const sig = sigs[0]!;

  // XSD: the schema has no slot for ds:Signature, so KSeF validates the request without it.
  let requestText: string;
  if (holder) {
    requestText = new XMLSerializer().serializeToString(root as unknown as import('@xmldom/xmldom').Node);
  } else {
    const unsigned = xmlCore.Parse(text) as unknown as Document;
    const s2 = unsigned.getElementsByTagNameNS(DS, 'Signature')[0]!;
    s2.parentNode!.removeChild(s2);
    requestText = new XMLSerializer().serializeToString(unsigned as unknown as import('@xmldom/xmldom').Node);
  }
  const xdoc = XmlDocument.fromString(requestText);
  try {
    authValidator(ns).validate(xdoc);
  } catch (e) {
    if (e instanceof XmlValidateError) {
      throw badRequest(
        21401,
        'Dokument nie jest zgodny ze schemą (xsd).',
        e.details.map((d) => d.message.trim()),
      );
    }
    throw e;
  } finally {
    xdoc.dispose();
  }

  // Structure required by KSeF's XAdES profile check (§2.3) and the two library gaps (docs/xades.md §5).
  const method = sig.getElementsByTagNameNS(DS, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  if (!SIGNATURE_METHODS.has(method)) throw fail9105(`Nieobsługiwany algorytm podpisu: ${method || '(brak)'}.`);
  const signedInfo = sig.getElementsByTagNameNS(DS, 'SignedInfo')[0];
  const refs = signedInfo ? directChildren(signedInfo, DS, 'Reference') : [];
  const unknownTransform = refs
    .flatMap((r) => Array.from(r.getElementsByTagNameNS(DS, 'Transform')))
    .map((t) => t.getAttribute('Algorithm') ?? '')
    .find((a) => !ALLOWED_TRANSFORMS.has(a));
  if (unknownTransform !== undefined) throw fail9105(`Niedozwolona transformacja: ${unknownTransform || '(brak)'}.`);
  if (!refs.some((r) => coversRequest(r, holder))) {
    throw fail9105(
      holder
        ? 'Podpis nie obejmuje dokumentu (brak referencji do elementu ds:Object z AuthTokenRequest).'
        : 'Podpis nie obejmuje dokumentu (brak referencji URI="", której transformacje usuwają wyłącznie podpis: enveloped-signature, XPath not(ancestor-or-self::ds:Signature) lub XPath Filter 2.0 subtract ds:Signature).',
    );
  }
  const sp = sig.getElementsByTagNameNS(XADES, 'SignedProperties');
  const spRef = refs.find((r) => r.getAttribute('Type') === SP_TYPE);
  const spId = sp[0]?.getAttribute('Id');
  if (sp.length !== 1 || !spRef || !spId || spRef.getAttribute('URI') !== `#${spId}`) {
    throw fail9105('Format podpisu niezgodny z akceptowanymi profilami XAdES.');
  }
  const certB64 = childText(sig, DS, 'X509Certificate').replace(/\s+/g, '');
  if (!certB64) throw badRequest(21115, 'Nieprawidłowy certyfikat.', ['Brak certyfikatu w KeyInfo/X509Data.']);
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(certB64);
  } catch {
    throw badRequest(21115, 'Nieprawidłowy certyfikat.', ['Certyfikat w KeyInfo nie jest poprawnym X.509 (DER).']);
  }
  const certs = sp[0]!.getElementsByTagNameNS(XADES, 'Cert');
  if (certs.length !== 1) throw fail9105('Oczekiwano dokładnie jednego SigningCertificate/Cert.');
  const certEl = certs[0]!;
  const digestAlg = DIGESTS[certEl.getElementsByTagNameNS(DS, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? ''];
  const digest = childText(certEl, DS, 'DigestValue');
  const serial = childText(certEl, DS, 'X509SerialNumber');
  const der = Buffer.from(cert.rawData);
  if (!digestAlg || createHash(digestAlg).update(der).digest('base64') !== digest) {
    throw fail9105('SigningCertificate/CertDigest nie odpowiada certyfikatowi z KeyInfo.');
  }
  let serialMatches = false;
  try {
    serialMatches = BigInt(serial) === BigInt(`0x${cert.serialNumber}`);
  } catch {
    serialMatches = false;
  }
  if (!serialMatches) throw fail9105('SigningCertificate/IssuerSerial nie odpowiada certyfikatowi z KeyInfo.');

  let valid = false;
  try {
    const signed = new xmldsig.SignedXml(doc);
    signed.LoadXml(sig);
    valid = await signed.Verify();
  } catch {
    valid = false; // digest mismatch throws XMLJS0013 (docs/xades.md §5)
  }
  if (!valid) throw fail9105('Podpis zweryfikowany negatywnie.');

  const challenge = childText(root, ns, 'Challenge');
  takeChallenge(sim, challenge);
  const ctxEl = root.getElementsByTagNameNS(ns, 'ContextIdentifier')[0]!;
  const ctxChild = Array.from(ctxEl.childNodes).find((n) => n.nodeType === 1) as Element;
  const contextType = ctxChild.localName as AuthOp['contextType'];
  const contextValue = (ctxChild.textContent ?? '').trim();
  const subjectType = childText(root, ns, 'SubjectIdentifierType');

  const identity = subjectIdentity(cert);
  if (subjectType === 'certificateSubject' && !identity) {
    throw badRequest(21115, 'Nieprawidłowy certyfikat.', [
      'Podmiot certyfikatu nie zawiera identyfikatora (serialNumber TINPL-/PNOPL- lub organizationIdentifier VATPL-).',
    ]);
  }
  const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase();
  const subject: AuthOp['subject'] =
    subjectType === 'certificateFingerprint' ? { type: 'Fingerprint', value: fingerprint } : identity!;

  // Trust and certificate state are reported asynchronously (status 460, §2.4).
  const now = new Date(sim.now());
  let result: StatusInfo = { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' };
  let authMethod = 'QualifiedSeal';
  const { cert: caCert } = await ksefCa();
  const ksefIssued =
    cert.issuer === caCert.subject && (await cert.verify({ publicKey: caCert.publicKey, signatureOnly: true }));
  const selfSigned = !ksefIssued && (await cert.isSelfSigned());
  const verifyChain = ctx.query.get('verifyCertificateChain') === 'true';
  if (now < cert.notBefore || now > cert.notAfter) result = certError('Nieważny certyfikat');
  else if (ksefIssued) {
    authMethod = 'InternalCertificate';
    const rec = sim.store.certificates.get(cert.serialNumber.toUpperCase().padStart(16, '0'));
    if (!rec) result = certError('Niepoprawny certyfikat');
    else if (rec.status === 'Revoked') result = certError('Certyfikat odwołany');
    else if (rec.type !== 'Authentication') result = certError('Niepoprawny certyfikat');
  } else if (selfSigned && sim.env === 'test' && !verifyChain) {
    authMethod = cert.subjectName.getField('2.5.4.42').length ? 'PersonalSignature' : 'QualifiedSeal';
  } else {
    // §1.2: self-signed certificates only on TEST; other issuers are not known to this simulator.
    result = certError('Niezaufany łańcuch certyfikatów');
  }

  // Simplified permission model: a NIP subject owns its own NIP context (and InternalIds under it); anything
  // else has no permissions here (§1.3: the TEST trick of a certificate carrying the context NIP).
  let permissions: string[] = [];
  if (result.code === 200) {
    const owns =
      subject.type === 'Nip' &&
      ((contextType === 'Nip' && contextValue === subject.value) ||
        (contextType === 'InternalId' && contextValue.startsWith(`${subject.value}-`)));
    if (owns) permissions = ['Owner'];
    else
      result = {
        code: 415,
        description: 'Uwierzytelnianie zakończone niepowodzeniem',
        details: ['Brak przypisanych uprawnień'],
      };
  }

  return startAuth(sim, {
    method: 'Xades',
    authMethod,
    contextType,
    contextValue,
    result,
    permissions,
    subject,
    documentHash: createHash('sha256').update(raw).digest('base64'),
    allowedIps: policy(texts(root, ns, 'Ip4Address'), texts(root, ns, 'Ip4Range'), texts(root, ns, 'Ip4Mask')),
  });
}
