import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import {
  Client,
  control,
  invoicePayload,
  invoiceStatus,
  loginWithToken,
  type MfCert,
  newAesKey,
  openOnline,
  sendInvoice,
  sha256,
} from './test-client';

const NIP = '5265877635';
const SAMPLE = new URL('../../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url);
const sampleXml = () => new Uint8Array(readFileSync(SAMPLE)) as Uint8Array<ArrayBuffer>;
const frozen = Date.now();

let sim: KsefSim;
let c: Client;
let mf: MfCert;
let refreshToken: string;

beforeAll(async () => {
  sim = await startKsefSim({ now: () => frozen });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.origin, 'POST', '/__sim/reset');
  await control(sim.origin, 'POST', '/__sim/delays', { processingDelaysMs: [0, 0] });
  c = new Client(sim.baseUrl);
  const login = await loginWithToken(c, sim.origin, NIP);
  mf = login.keys.SymmetricKeyEncryption;
  refreshToken = login.refreshToken;
});

describe('invoice download and session list', () => {
  it('serves the invoice XML by KSeF number only after permanent storage (21165 before), 21164 if unknown', async () => {
    await control(sim.origin, 'POST', '/__sim/delays', { processingDelaysMs: [0, 500] });
    const k = await newAesKey();
    const sref = (await openOnline(c, mf, k)).body.referenceNumber;
    const xml = sampleXml();
    const sent = await sendInvoice(c, sref, await invoicePayload(k, xml));
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 500 });
    const st = await invoiceStatus(c, sref, sent.body.referenceNumber);
    expect(st.body.status.code).toBe(200);
    expect(st.body.permanentStorageDate).toBeNull();
    const early = await c.call('GET', `/invoices/ksef/${st.body.ksefNumber}`, {
      template: '/invoices/ksef/{ksefNumber}',
    });
    expect(early.body.exception.exceptionDetailList[0].exceptionCode).toBe(21165);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 500 });
    const later = await invoiceStatus(c, sref, sent.body.referenceNumber);
    expect(later.body.permanentStorageDate).not.toBeNull();
    const r = await fetch(`${sim.baseUrl}/invoices/ksef/${st.body.ksefNumber}`, {
      headers: { authorization: `Bearer ${c.access}` },
    });
    expect(r.status).toBe(200);
    const body = new Uint8Array(await r.arrayBuffer());
    expect(await sha256(body)).toBe(await sha256(xml));
    const unknown = await c.call('GET', '/invoices/ksef/5265877635-20261129-000000000000-00', {
      template: '/invoices/ksef/{ksefNumber}',
    });
    expect(unknown.body.exception.exceptionDetailList[0].exceptionCode).toBe(21164);
  });

  it('lists the context sessions by type and status', async () => {
    const k = await newAesKey();
    const a = (await openOnline(c, mf, k)).body.referenceNumber;
    const b = (await openOnline(c, mf, k)).body.referenceNumber;
    await c.call('POST', `/sessions/online/${b}/close`, { template: '/sessions/online/{referenceNumber}/close' });
    const open = await c.call('GET', '/sessions?sessionType=Online&statuses=InProgress', { template: '/sessions' });
    expect(open.body.sessions.map((s: { referenceNumber: string }) => s.referenceNumber)).toEqual([a]);
    const cancelled = await c.call('GET', '/sessions?sessionType=Online&statuses=Cancelled', { template: '/sessions' });
    expect(cancelled.body.sessions.map((s: { referenceNumber: string }) => s.referenceNumber)).toEqual([b]);
    const missingType = await c.call('GET', '/sessions', { template: '/sessions' });
    expect(missingType.body.exception.exceptionDetailList[0].exceptionCode).toBe(21405);
  });
});

describe('authentication sessions', () => {
  it('lists the current authentication and revokes it: refresh stops, the access token lives until exp', async () => {
    const list = await c.call('GET', '/auth/sessions', { template: '/auth/sessions' });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].isCurrent).toBe(true);
    const del = await c.call('DELETE', '/auth/sessions/current', { template: '/auth/sessions/current' });
    expect(del.status).toBe(204);
    const refresh = await c.call('POST', '/auth/token/refresh', {
      template: '/auth/token/refresh',
      token: refreshToken,
    });
    expect(refresh.status).toBe(401);
    const still = await c.call('POST', '/certificates/query', { template: '/certificates/query', body: {} });
    expect(still.status).toBe(200);
  });

  it('reports the enforced rate limits and context limits', async () => {
    const rl = await c.call('GET', '/rate-limits', { template: '/rate-limits' });
    expect(rl.body.onlineSession).toEqual({ perSecond: 10, perMinute: 30, perHour: 120 });
    expect(rl.body.invoiceSend).toEqual({ perSecond: 10, perMinute: 30, perHour: 180 });
    const lim = await c.call('GET', '/limits/context', { template: '/limits/context' });
    expect(lim.body.onlineSession).toEqual({
      maxInvoiceSizeInMB: 1,
      maxInvoiceWithAttachmentSizeInMB: 3,
      maxInvoices: 10_000,
    });
  });

  it('validates path and query parameters against the spec (21405)', async () => {
    const badRef = await c.call('GET', '/sessions/not-a-reference-number', { template: '/sessions/{referenceNumber}' });
    expect(badRef.status).toBe(400);
    expect(badRef.body.exception.exceptionDetailList[0].exceptionCode).toBe(21405);
    const badPage = await c.call('POST', '/certificates/query?pageSize=5', {
      template: '/certificates/query',
      body: {},
    });
    expect(badPage.body.exception.exceptionDetailList[0].details.join(' ')).toContain('pageSize');
  });

  it('answers X-Error-Format: problem-details with BadRequestProblemDetails', async () => {
    const r = await c.call('POST', '/sessions/online', {
      template: '/sessions/online',
      body: { formCode: {} },
      headers: { 'x-error-format': 'problem-details' },
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors[0].code).toBe(21405);
  });
});
