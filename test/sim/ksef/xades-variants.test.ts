// The other XAdES layouts KSeF documents, verified as strictly as the enveloped one: enveloping (the request in the
// signature's ds:Object), the XPath transform `not(ancestor-or-self::ds:Signature)` and the XPath Filter 2.0
// transform subtracting the signature.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import { Client, control } from './test-client';
import { authTokenRequest, selfSigned } from './test-xades';
import { signEnveloping, signWithFilter2, signWithXPath } from './test-xades-variants';

const NIP = '5265877635';
let sim: KsefSim;

beforeAll(async () => {
  sim = await startKsefSim({ env: 'test' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.origin, 'POST', '/__sim/reset');
});

async function login(xmlFor: (challenge: string) => Promise<string>) {
  const c = new Client(sim.baseUrl);
  const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
  const init = await c.call('POST', '/auth/xades-signature', {
    template: '/auth/xades-signature',
    raw: await xmlFor(ch.body.challenge),
    headers: { 'content-type': 'application/xml' },
  });
  const error = init.body.exception?.exceptionDetailList?.[0];
  if (init.status !== 202) return { init, code: error?.exceptionCode, detail: error?.details?.[0] as string };
  const status = await c.call('GET', `/auth/${init.body.referenceNumber}`, {
    template: '/auth/{referenceNumber}',
    token: init.body.authenticationToken.token,
  });
  return { init, status: status.body.status.code as number };
}

describe('enveloping XAdES', () => {
  for (const kind of ['EC', 'RSA'] as const) {
    it(`is accepted (${kind}) and gives the same result as the enveloped form`, async () => {
      const signer = await selfSigned(NIP, kind);
      const r = await login((ch) => signEnveloping(authTokenRequest(ch, NIP), signer));
      expect(r.init.status).toBe(202);
      expect(r.status).toBe(200);
    });
  }

  it('a changed request inside the signed object is refused (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login(async (ch) =>
      (await signEnveloping(authTokenRequest(ch, NIP), signer)).replace(
        '<SubjectIdentifierType>certificateSubject',
        '<SubjectIdentifierType>certificateFingerprint',
      ),
    );
    expect(r.code).toBe(9105);
  });

  it('a signature over another object than the one holding the request is refused (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login(async (ch) => {
      const signed = await signEnveloping(authTokenRequest(ch, NIP), signer, {
        objectId: 'Other',
      });
      // Move the request into a second, unsigned object and leave an empty signed one.
      const moved = signed.replace(
        /(<ds:Object [^>]*Id="Other"[^>]*>)(<AuthTokenRequest[\s\S]*?<\/AuthTokenRequest>)(<\/ds:Object>)/,
        '$1$3<ds:Object Id="Unsigned">$2</ds:Object>',
      );
      expect(moved).not.toBe(signed);
      return moved;
    });
    expect(r.code).toBe(9105);
  });

  it('a challenge inside a non-request object is not a request (9101)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login(async (ch) =>
      (await signEnveloping(authTokenRequest(ch, NIP), signer)).replace(/AuthTokenRequest/g, 'SomethingElse'),
    );
    expect(r.code).toBe(9101);
  });
});

describe('XPath transform', () => {
  it('not(ancestor-or-self::ds:Signature) in place of enveloped-signature is accepted', async () => {
    const signer = await selfSigned(NIP, 'RSA');
    const r = await login((ch) => signWithXPath(authTokenRequest(ch, NIP), signer));
    expect(r.init.status).toBe(202);
    expect(r.status).toBe(200);
  });

  it('with the XPath variant a changed request is refused (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login(async (ch) =>
      (await signWithXPath(authTokenRequest(ch, NIP), signer)).replace(
        '<Nip>5265877635</Nip>',
        '<Nip>7251266236</Nip>',
      ),
    );
    expect(r.code).toBe(9105);
  });

  it('another XPath expression does not count as covering the document (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login((ch) => signWithXPath(authTokenRequest(ch, NIP), signer, 'true()'));
    expect(r.code).toBe(9105);
  });

  it('a transform KSeF does not allow (XSLT) is refused (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login(async (ch) =>
      (await signWithXPath(authTokenRequest(ch, NIP), signer)).replace(
        'http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod',
        'http://www.w3.org/TR/1999/REC-xslt-19991116"/></ds:Transforms><ds:DigestMethod',
      ),
    );
    expect(r.code).toBe(9105);
  });
});

describe('XPath Filter 2.0 transform', () => {
  const DS = 'http://www.w3.org/2000/09/xmldsig#';
  const AUTH = 'http://ksef.mf.gov.pl/auth/token/2.0';

  for (const kind of ['EC', 'RSA'] as const) {
    it(`subtract /descendant::ds:Signature is accepted (${kind})`, async () => {
      const signer = await selfSigned(NIP, kind);
      const r = await login(async (ch) => {
        const xml = await signWithFilter2(authTokenRequest(ch, NIP), signer);
        expect(xml).toContain('Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"');
        expect(xml).toContain('Filter="subtract"');
        return xml;
      });
      expect(r.init.status).toBe(202);
      expect(r.status).toBe(200);
    });
  }

  it('as the only transform (its node-set canonicalised by inclusive C14N) it is accepted too', async () => {
    const signer = await selfSigned(NIP);
    const r = await login(async (ch) => {
      const xml = await signWithFilter2(authTokenRequest(ch, NIP), signer, undefined, { c14n: false });
      expect(xml).not.toContain('xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod');
      return xml;
    });
    expect(r.status).toBe(200);
  });

  it('the //ds:Signature spelling is accepted too', async () => {
    const signer = await selfSigned(NIP);
    const r = await login((ch) =>
      signWithFilter2(authTokenRequest(ch, NIP), signer, [
        { filter: 'subtract', xpath: '//ds:Signature', namespaces: { ds: DS } },
      ]),
    );
    expect(r.status).toBe(200);
  });

  it('a changed request is refused (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login(async (ch) =>
      (await signWithFilter2(authTokenRequest(ch, NIP), signer)).replace(
        '<Nip>5265877635</Nip>',
        '<Nip>7251266236</Nip>',
      ),
    );
    expect(r.code).toBe(9105);
    expect(r.detail).toMatch(/zweryfikowany negatywnie/);
  });

  it('a filter that also removes part of the request is refused (9105), though its digest matches', async () => {
    const signer = await selfSigned(NIP);
    const r = await login((ch) =>
      signWithFilter2(authTokenRequest(ch, NIP), signer, [
        {
          filter: 'subtract',
          xpath: '/descendant::ds:Signature | //k:ContextIdentifier',
          namespaces: { ds: DS, k: AUTH },
        },
      ]),
    );
    expect(r.code).toBe(9105);
    expect(r.detail).toMatch(/nie obejmuje dokumentu/);
  });

  it('a second filter step after the signature subtraction is refused (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login((ch) =>
      signWithFilter2(authTokenRequest(ch, NIP), signer, [
        { filter: 'subtract', xpath: '/descendant::ds:Signature', namespaces: { ds: DS } },
        { filter: 'subtract', xpath: '//k:SubjectIdentifierType', namespaces: { k: AUTH } },
      ]),
    );
    expect(r.code).toBe(9105);
    expect(r.detail).toMatch(/nie obejmuje dokumentu/);
  });

  it('intersect with the whole document does not count as covering it (9105)', async () => {
    const signer = await selfSigned(NIP);
    const r = await login((ch) =>
      signWithFilter2(authTokenRequest(ch, NIP), signer, [{ filter: 'intersect', xpath: '/' }]),
    );
    expect(r.code).toBe(9105);
  });
});
