import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import { Client, control } from './test-client';
import { authTokenRequest, fromSeeded, type Signer, selfSigned, signXades } from './test-xades';

const NIP = '5265877635';
const sims: Record<string, KsefSim> = {};

beforeAll(async () => {
  sims.test = await startKsefSim({ env: 'test' });
  sims.prod = await startKsefSim({ env: 'prod' });
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.close()));
});
beforeEach(async () => {
  for (const s of Object.values(sims)) await control(s.origin, 'POST', '/__sim/reset');
});

async function xadesLogin(sim: KsefSim, xmlFor: (challenge: string) => Promise<string>, query = '') {
  const c = new Client(sim.baseUrl);
  const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
  const xml = await xmlFor(ch.body.challenge);
  const init = await c.call('POST', `/auth/xades-signature${query}`, {
    template: '/auth/xades-signature',
    raw: xml,
    headers: { 'content-type': 'application/xml' },
  });
  if (init.status !== 202) return { c, init, status: undefined };
  const token = init.body.authenticationToken.token;
  const status = await c.call('GET', `/auth/${init.body.referenceNumber}`, {
    template: '/auth/{referenceNumber}',
    token,
  });
  return { c, init, status, token };
}

const code = (r: { body: { exception: { exceptionDetailList: { exceptionCode: number }[] } } }) =>
  r.body.exception.exceptionDetailList[0]!.exceptionCode;

describe('POST /auth/xades-signature', () => {
  for (const kind of ['EC', 'RSA'] as const) {
    for (const style of ['seal', 'person'] as const) {
      it(`accepts a self-signed ${kind} ${style} certificate on TEST and gives Owner rights in its NIP`, async () => {
        const signer = await selfSigned(NIP, kind, style);
        const r = await xadesLogin(sims.test!, (ch) => signXades(authTokenRequest(ch, NIP), signer));
        expect(r.init.status).toBe(202);
        expect(r.status!.body.status.code).toBe(200);
        const red = await r.c.call('POST', '/auth/token/redeem', { template: '/auth/token/redeem', token: r.token });
        expect(red.status).toBe(200);
      });
    }
  }

  it('accepts the 2.1 namespace', async () => {
    const signer = await selfSigned(NIP);
    const r = await xadesLogin(sims.test!, (ch) =>
      signXades(authTokenRequest(ch, NIP, 'http://ksef.mf.gov.pl/auth/token/2.1'), signer),
    );
    expect(r.status!.body.status.code).toBe(200);
  });

  it('rejects self-signed certificates on PROD (460) and with verifyCertificateChain=true on TEST', async () => {
    const signer = await selfSigned(NIP);
    const prod = await xadesLogin(sims.prod!, (ch) => signXades(authTokenRequest(ch, NIP), signer));
    expect(prod.status!.body.status.code).toBe(460);
    const chain = await xadesLogin(
      sims.test!,
      (ch) => signXades(authTokenRequest(ch, NIP), signer),
      '?verifyCertificateChain=true',
    );
    expect(chain.status!.body.status.code).toBe(460);
  });

  it('accepts a KSeF Authentication certificate on PROD, not an Offline one', async () => {
    for (const [type, expected] of [
      ['Authentication', 200],
      ['Offline', 460],
    ] as const) {
      const seeded = await control(sims.prod!.origin, 'POST', '/__sim/certificates', { nip: NIP, type, keyType: 'EC' });
      const signer = await fromSeeded(seeded.certificatePem, seeded.privateKeyPkcs8Pem, 'EC');
      const r = await xadesLogin(sims.prod!, (ch) => signXades(authTokenRequest(ch, NIP), signer));
      expect(r.status!.body.status.code).toBe(expected);
    }
  });

  it('rejects a revoked KSeF certificate (460 "Certyfikat odwołany"); revoking twice gives 25009', async () => {
    const seeded = await control(sims.prod!.origin, 'POST', '/__sim/certificates', {
      nip: NIP,
      type: 'Authentication',
    });
    const signer = await fromSeeded(seeded.certificatePem, seeded.privateKeyPkcs8Pem, 'EC');
    const ok = await xadesLogin(sims.prod!, (ch) => signXades(authTokenRequest(ch, NIP), signer));
    const red = await ok.c.call('POST', '/auth/token/redeem', { template: '/auth/token/redeem', token: ok.token });
    ok.c.access = red.body.accessToken.token;
    const path = `/certificates/${seeded.serialNumber}/revoke`;
    const template = '/certificates/{certificateSerialNumber}/revoke';
    const rev = await ok.c.call('POST', path, { template, body: { revocationReason: 'KeyCompromise' } });
    expect(rev.status).toBe(204);
    const again = await ok.c.call('POST', path, { template, body: {} });
    expect(code(again)).toBe(25009);
    const after = await xadesLogin(sims.prod!, (ch) => signXades(authTokenRequest(ch, NIP), signer));
    expect(after.status!.body.status).toMatchObject({ code: 460, details: ['Certyfikat odwołany'] });
  });

  it('answers 415 (no permissions) when the certificate NIP is not the context NIP', async () => {
    const signer = await selfSigned('1111111111');
    const r = await xadesLogin(sims.test!, (ch) => signXades(authTokenRequest(ch, NIP), signer));
    expect(r.status!.body.status.code).toBe(415);
  });

  it('rejects a tampered challenge, a signature without a document reference and a foreign SigningCertificate (9105)', async () => {
    const signer: Signer = await selfSigned(NIP);
    const other = await selfSigned(NIP);
    const tampered = await xadesLogin(sims.test!, async (ch) => {
      const xml = await signXades(authTokenRequest(ch, NIP), signer);
      // Same length, other content: the document digest no longer matches.
      return xml.replace(`<Nip>${NIP}</Nip>`, '<Nip>1111111111</Nip>');
    });
    expect(tampered.init.status).toBe(400);
    expect(code(tampered.init)).toBe(9105);
    const noDocRef = await xadesLogin(sims.test!, (ch) =>
      signXades(authTokenRequest(ch, NIP), signer, { documentReference: false }),
    );
    expect(code(noDocRef.init)).toBe(9105);
    const foreign = await xadesLogin(sims.test!, (ch) =>
      signXades(authTokenRequest(ch, NIP), signer, {
        signingCertificate: Buffer.from(other.certDer).toString('base64'),
      }),
    );
    expect(code(foreign.init)).toBe(9105);
  });

  it('answers 9102 without a signature, 21401 for an XSD-invalid request and 21111 for an unknown challenge', async () => {
    const c = new Client(sims.test!.baseUrl);
    const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
    const post = (raw: string) =>
      c.call('POST', '/auth/xades-signature', {
        template: '/auth/xades-signature',
        raw,
        headers: { 'content-type': 'application/xml' },
      });
    expect(code(await post(authTokenRequest(ch.body.challenge, NIP)))).toBe(9102);
    const signer = await selfSigned(NIP);
    const bad = authTokenRequest(ch.body.challenge, NIP).replace('certificateSubject', 'somethingElse');
    const r = await post(await signXades(bad, signer));
    expect(code(r)).toBe(21401);
    const unknown = await post(await signXades(authTokenRequest('20261129-CR-0000000000-0000000000-00', NIP), signer));
    expect(code(unknown)).toBe(21111);
  });
});
