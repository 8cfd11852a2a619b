import { readFileSync } from 'node:fs';
import '@abraham/reflection';
import { X509Certificate } from '@peculiar/x509';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import {
  aesEncrypt,
  b64,
  Client,
  control,
  FA3,
  finalInvoiceStatus,
  invoicePayload,
  invoiceStatus,
  loginWithToken,
  type MfCert,
  mfKeys,
  newAesKey,
  openOnline,
  rsaEncrypt,
  sendInvoice,
  sha256,
  utf8,
} from './test-client';

const NIP = '5265877635';
const SAMPLE = new URL('../../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url);
const sampleXml = () => new Uint8Array(readFileSync(SAMPLE)) as Uint8Array<ArrayBuffer>;
const SEND = 'POST /v2/sessions/online/{referenceNumber}/invoices';

// A frozen clock moved only by POST /__sim/clock keeps the delay and rate-limit tests deterministic.
const frozen = Date.now();
let sim: KsefSim;
let c: Client;
let mf: MfCert;

beforeAll(async () => {
  sim = await startKsefSim({ now: () => frozen });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.origin, 'POST', '/__sim/reset');
  await control(sim.origin, 'POST', '/__sim/delays', { processingDelaysMs: [0, 0] });
  await control(sim.origin, 'POST', '/__sim/rate-limits', { enabled: false });
  c = new Client(sim.baseUrl);
  mf = (await loginWithToken(c, sim.origin, NIP)).keys.SymmetricKeyEncryption;
});

async function session() {
  const k = await newAesKey();
  return { k, sref: (await openOnline(c, mf, k)).body.referenceNumber as string };
}

describe('processing delays and the clock', () => {
  it('moves an invoice 100 → 150 → 200 and the session 100 → 170 → 200 as the clock advances', async () => {
    await control(sim.origin, 'POST', '/__sim/delays', { processingDelaysMs: [1000, 2000] });
    const { k, sref } = await session();
    const sent = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    const code = async () => (await invoiceStatus(c, sref, sent.body.referenceNumber)).body.status.code;
    expect(await code()).toBe(100);
    expect((await invoiceStatus(c, sref, sent.body.referenceNumber)).body.ksefNumber).toBeNull();
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 1000 });
    expect(await code()).toBe(150);
    await c.call('POST', `/sessions/online/${sref}/close`, { template: '/sessions/online/{referenceNumber}/close' });
    const sessionCode = async () =>
      (await c.call('GET', `/sessions/${sref}`, { template: '/sessions/{referenceNumber}' })).body.status.code;
    expect(await sessionCode()).toBe(170);
    const moved = await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 2000 });
    expect(moved.now).toBe(frozen + 3000);
    expect(await code()).toBe(200);
    expect(await sessionCode()).toBe(200);
  });

  it('shows authentication as 100 until the first delay passed', async () => {
    await control(sim.origin, 'POST', '/__sim/delays', { processingDelaysMs: [500, 0] });
    expect(await firstAuthStatus(new Client(sim.baseUrl))).toBe(100);
  });
});

/** Starts token auth and returns the first status code seen. */
async function firstAuthStatus(fresh: Client): Promise<number> {
  const { token } = await control(sim.origin, 'POST', '/__sim/tokens', { nip: NIP });
  const keys = await mfKeys(fresh);
  const ch = await fresh.call('POST', '/auth/challenge');
  const init = await fresh.call('POST', '/auth/ksef-token', {
    body: {
      challenge: ch.body.challenge,
      contextIdentifier: { type: 'Nip', value: NIP },
      encryptedToken: await rsaEncrypt(keys.KsefTokenEncryption.key, utf8(`${token}|${ch.body.timestampMs}`)),
    },
  });
  const st = await fresh.call('GET', `/auth/${init.body.referenceNumber}`, {
    template: '/auth/{referenceNumber}',
    token: init.body.authenticationToken.token,
  });
  return st.body.status.code;
}

describe('a session key that does not unwrap', () => {
  it('shows 100 until the first delay, then 415; an invoice sent meanwhile ends 405, later ones get 21180', async () => {
    await control(sim.origin, 'POST', '/__sim/delays', { processingDelaysMs: [1000, 0] });
    const keys = await mfKeys(c);
    const k = await newAesKey();
    // The AES key wrapped with the token certificate instead of the symmetric-key one (docs/ksef-protocol.md §11.3).
    const sref = (await openOnline(c, keys.KsefTokenEncryption, k)).body.referenceNumber;
    const code = async () =>
      (await c.call('GET', `/sessions/${sref}`, { template: '/sessions/{referenceNumber}' })).body.status.code;
    expect(await code()).toBe(100);
    const early = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    expect(early.status).toBe(202);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 1000 });
    expect(await code()).toBe(415);
    expect((await finalInvoiceStatus(c, sref, early.body.referenceNumber)).body.status.code).toBe(405);
    const late = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    expect(late.body.exception.exceptionDetailList[0].exceptionCode).toBe(21180);
  });
});

describe('session lifetimes', () => {
  it('auto-closes an online session after 12 h: further sends get 21180, the session ends 200', async () => {
    const { k, sref } = await session();
    const sent = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    expect(sent.status).toBe(202);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 12 * 3600_000 });
    // The 15-minute access token expired long ago: refresh via a new login.
    mf = (await loginWithToken(c, sim.origin, NIP)).keys.SymmetricKeyEncryption;
    const late = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    expect(late.body.exception.exceptionDetailList[0].exceptionCode).toBe(21180);
    const st = await c.call('GET', `/sessions/${sref}`, { template: '/sessions/{referenceNumber}' });
    expect(st.body.status.code).toBe(200);
  });

  it('closes the batch upload window after parts × 20 minutes (403 on upload, 21208 on close)', async () => {
    const archive = zipSync({ 'a.xml': sampleXml() }) as Uint8Array<ArrayBuffer>;
    const k = await newAesKey();
    const part = await aesEncrypt(k, archive);
    const open = await c.call('POST', '/sessions/batch', {
      template: '/sessions/batch',
      body: {
        formCode: FA3,
        batchFile: {
          fileSize: archive.length,
          fileHash: await sha256(archive),
          fileParts: [{ ordinalNumber: 1, fileSize: part.length, fileHash: await sha256(part) }],
        },
        encryption: { encryptedSymmetricKey: await rsaEncrypt(mf.key, k.raw), initializationVector: b64(k.iv) },
      },
    });
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 20 * 60_000 + 1 });
    const req = open.body.partUploadRequests[0];
    expect((await fetch(req.url, { method: 'PUT', headers: req.headers, body: part })).status).toBe(403);
    mf = (await loginWithToken(c, sim.origin, NIP)).keys.SymmetricKeyEncryption;
    const close = await c.call('POST', `/sessions/batch/${open.body.referenceNumber}/close`, {
      template: '/sessions/batch/{referenceNumber}/close',
    });
    expect(close.body.exception.exceptionDetailList[0].exceptionCode).toBe(21208);
  });
});

describe('faults', () => {
  it('answers the next N calls with 500 / 503 / an HTML WAF page, then recovers', async () => {
    const { k, sref } = await session();
    const payload = await invoicePayload(k, sampleXml());
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 1, kind: 'http500' });
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 1, kind: 'http503' });
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 1, kind: 'html', status: 200 });
    // Fault answers are outside the spec: no schema check on these two calls.
    const raw = () => c.call('POST', `/sessions/online/${sref}/invoices`, { body: payload });
    expect((await raw()).status).toBe(500);
    expect((await raw()).status).toBe(503);
    const html = await fetch(`${sim.baseUrl}/sessions/online/${sref}/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.access}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<html>');
    expect((await sendInvoice(c, sref, payload)).status).toBe(202);
  });

  it('drops the answer after accepting the invoice; the invoice is in KSeF and findable by hash', async () => {
    const { k, sref } = await session();
    const xml = sampleXml();
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 1, kind: 'drop-after-accept' });
    await expect(sendInvoice(c, sref, await invoicePayload(k, xml))).rejects.toThrow();
    const list = await c.call('GET', `/sessions/${sref}/invoices`, {
      template: '/sessions/{referenceNumber}/invoices',
    });
    const hash = await sha256(xml);
    const found = list.body.invoices.find((i: { invoiceHash: string }) => i.invoiceHash === hash);
    expect(found.status.code).toBe(200);
    const reg = await control(sim.origin, 'GET', `/__sim/invoices?nip=${NIP}`);
    expect(reg.map((r: { ksefNumber: string }) => r.ksefNumber)).toEqual([found.ksefNumber]);
    const log = await control(sim.origin, 'GET', '/__sim/requests');
    expect(log.some((r: { path: string; status: number }) => r.path.endsWith('/invoices') && r.status === 0)).toBe(
      true,
    );
  });

  it('keeps a hanging request open without an answer', async () => {
    const { k, sref } = await session();
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 1, kind: 'hang' });
    const abort = new AbortController();
    const pending = fetch(`${sim.baseUrl}/sessions/online/${sref}/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.access}`, 'content-type': 'application/json' },
      body: JSON.stringify(await invoicePayload(k, sampleXml())),
      signal: abort.signal,
    });
    let logged = false;
    for (let i = 0; i < 100 && !logged; i++) {
      const log = await control(sim.origin, 'GET', '/__sim/requests');
      logged = log.some((r: { path: string; status: number }) => r.path.endsWith('/invoices') && r.status === 0);
    }
    expect(logged).toBe(true);
    abort.abort();
    await expect(pending).rejects.toThrow();
    // Nothing was processed.
    const list = await c.call('GET', `/sessions/${sref}/invoices`, {
      template: '/sessions/{referenceNumber}/invoices',
    });
    expect(list.body.invoices).toEqual([]);
  });

  it('forces the final status of the next invoices (e.g. 550), then processes normally', async () => {
    const { k, sref } = await session();
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 1, kind: 'invoice-status', status: 550 });
    const first = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    const st = await finalInvoiceStatus(c, sref, first.body.referenceNumber);
    expect(st.body.status.code).toBe(550);
    expect(st.body.ksefNumber).toBeNull();
    const second = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    expect((await finalInvoiceStatus(c, sref, second.body.referenceNumber)).body.status.code).toBe(200);
  });

  it('disarms the remaining faults of a route with count 0', async () => {
    const { k, sref } = await session();
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 5, kind: 'http503' });
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 0, kind: 'http503' });
    expect((await sendInvoice(c, sref, await invoicePayload(k, sampleXml()))).status).toBe(202);
  });

  it('answers with 429 and Retry-After on demand', async () => {
    const { k, sref } = await session();
    await control(sim.origin, 'POST', '/__sim/faults', { route: SEND, count: 1, kind: 'http429' });
    const r = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('rate limits', () => {
  it('enforces the onlineSession group (10/s, 30/min) with sliding windows and Retry-After', async () => {
    await control(sim.origin, 'POST', '/__sim/rate-limits', { enabled: true });
    const k = await newAesKey();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await openOnline(c, mf, k)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
    const limited = await openOnline(c, mf, k);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.status.details[0]).toContain('10 żądań na sekundę');
    // The close endpoint shares the group.
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 1000 });
    for (let i = 0; i < 10; i++) expect((await openOnline(c, mf, k)).status).toBe(201);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 1000 });
    for (let i = 0; i < 10; i++) expect((await openOnline(c, mf, k)).status).toBe(201);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 1000 });
    const perMinute = await openOnline(c, mf, k);
    expect(perMinute.status).toBe(429);
    expect(Number(perMinute.headers.get('retry-after'))).toBe(57);
    await control(sim.origin, 'POST', '/__sim/rate-limits', { enabled: false });
    expect((await openOnline(c, mf, k)).status).toBe(201);
  });
});

describe('certificates', () => {
  it('queries and retrieves seeded KSeF certificates whose keys the test holds', async () => {
    const auth = await control(sim.origin, 'POST', '/__sim/certificates', { nip: NIP, type: 'Authentication' });
    const off = await control(sim.origin, 'POST', '/__sim/certificates', { nip: NIP, type: 'Offline', keyType: 'RSA' });
    await control(sim.origin, 'POST', '/__sim/certificates', { nip: '1111111111', type: 'Offline' });
    const all = await c.call('POST', '/certificates/query', { template: '/certificates/query', body: {} });
    expect(
      all.body.certificates.map((x: { certificateSerialNumber: string }) => x.certificateSerialNumber).sort(),
    ).toEqual([auth.serialNumber, off.serialNumber].sort());
    const offline = await c.call('POST', '/certificates/query?pageSize=10', {
      template: '/certificates/query',
      body: { type: 'Offline', status: 'Active' },
    });
    expect(offline.body.certificates).toHaveLength(1);
    expect(offline.body.certificates[0]).toMatchObject({ certificateSerialNumber: off.serialNumber, type: 'Offline' });
    expect(offline.body.certificates[0].commonName).toContain('(offline)');

    const got = await c.call('POST', '/certificates/retrieve', {
      template: '/certificates/retrieve',
      body: { certificateSerialNumbers: [off.serialNumber] },
    });
    const der = Buffer.from(got.body.certificates[0].certificate, 'base64');
    const cert = new X509Certificate(der);
    expect(cert.serialNumber.toUpperCase().padStart(16, '0')).toBe(off.serialNumber);
    // The private key from the control API belongs to the certificate: RSA-PSS round trip (KOD II style, §6.2).
    const pkcs8 = Buffer.from(off.privateKeyPkcs8Pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const priv = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
    const pub = await cert.publicKey.export({ name: 'RSA-PSS', hash: 'SHA-256' }, ['verify']);
    const data = new TextEncoder().encode('qr-test.ksef.mf.gov.pl/certificate/Nip/5265877635/5265877635');
    const sig = await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, priv, data);
    expect(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pub, sig, data)).toBe(true);

    const invalid = await c.call('POST', '/certificates/retrieve', {
      template: '/certificates/retrieve',
      body: { certificateSerialNumbers: ['not-hex'] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.exception.exceptionDetailList[0].exceptionCode).toBe(21405);
  });
});
