// Reply formats the spec fixes: Problem Details for errors only, the X-System-Warning echo, the limit endpoints,
// adjustable rate limits, and batch part URLs on another host.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import { b64, Client, control, FA3, loginWithToken, type MfCert, newAesKey, rsaEncrypt } from './test-client';

const NIP = '5265877635';
let sim: KsefSim;
let c: Client;
let mf: MfCert;

beforeAll(async () => {
  sim = await startKsefSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.origin, 'POST', '/__sim/reset');
  await control(sim.origin, 'POST', '/__sim/rate-limits', { enabled: false });
  c = new Client(sim.baseUrl);
  mf = (await loginWithToken(c, sim.origin, NIP)).keys.SymmetricKeyEncryption;
});

describe('X-Error-Format: problem-details', () => {
  it('changes error replies only: a success stays application/json', async () => {
    const pd = { 'X-Error-Format': 'problem-details' };
    const ok = await c.call('GET', '/rate-limits', { template: '/rate-limits', headers: pd });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    const bad = await c.call('GET', '/sessions', { template: '/sessions', headers: pd });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('X-Test-System-Warning', () => {
  it('comes back as X-System-Warning on success and error replies, and only when asked', async () => {
    const text = '[PLANNED-MAINTENANCE]: Przerwa techniczna 2026-12-06 22:00-23:00';
    const h = { 'X-Test-System-Warning': text };
    const ok = await c.call('GET', '/limits/context', { template: '/limits/context', headers: h });
    expect(ok.headers.get('x-system-warning')).toBe(text);
    const bad = await c.call('GET', '/sessions', { template: '/sessions', headers: h });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-system-warning')).toBe(text);
    const plain = await c.call('GET', '/limits/context', { template: '/limits/context' });
    expect(plain.headers.get('x-system-warning')).toBeNull();
    await control(sim.origin, 'POST', '/__sim/system-warning', { text: '[M]: Prace' });
    const all = await c.call('GET', '/limits/context', { template: '/limits/context' });
    expect(all.headers.get('x-system-warning')).toBe('[M]: Prace');
    await control(sim.origin, 'POST', '/__sim/system-warning', { text: null });
    expect((await c.call('GET', '/limits/context')).headers.get('x-system-warning')).toBeNull();
  });
});

describe('limit endpoints', () => {
  it('GET /limits/subject answers the subject limits in the spec shape', async () => {
    const r = await c.call('GET', '/limits/subject', { template: '/limits/subject' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ enrollment: { maxEnrollments: 12 }, certificate: { maxCertificates: 6 } });
  });

  it('GET /certificates/limits counts the subject’s certificates', async () => {
    const before = await c.call('GET', '/certificates/limits', { template: '/certificates/limits' });
    expect(before.body).toEqual({
      canRequest: true,
      enrollment: { limit: 12, remaining: 12 },
      certificate: { limit: 6, remaining: 6 },
    });
    await control(sim.origin, 'POST', '/__sim/certificates', { nip: NIP, type: 'Offline' });
    const after = await c.call('GET', '/certificates/limits', { template: '/certificates/limits' });
    expect(after.body.certificate).toEqual({ limit: 6, remaining: 5 });
    expect(after.body.enrollment).toEqual({ limit: 12, remaining: 11 });
    expect((await c.call('GET', '/certificates/limits', { token: null })).status).toBe(401);
  });

  it('rate limits set through the control API are reported and enforced', async () => {
    const groups = { other: { perSecond: 2, perMinute: 3, perHour: 5 } };
    await control(sim.origin, 'POST', '/__sim/rate-limits', { enabled: true, groups });
    const r = await c.call('GET', '/rate-limits', { template: '/rate-limits' });
    expect(r.body.other).toEqual(groups.other);
    expect(r.body.invoiceSend).toEqual({ perSecond: 10, perMinute: 30, perHour: 180 });
    const second = await c.call('GET', '/limits/subject', { template: '/limits/subject' });
    expect(second.status).toBe(200);
    const third = await c.call('GET', '/limits/subject', { template: '/limits/subject' });
    expect(third.status).toBe(429);
    const badGroups = await fetch(`${sim.origin}/__sim/rate-limits`, {
      method: 'POST',
      body: JSON.stringify({ enabled: true, groups: { nosuch: groups.other } }),
    });
    expect(badGroups.status).toBe(400);
  });
});

describe('batch part upload host', () => {
  async function openBatch() {
    const k = await newAesKey();
    return c.call('POST', '/sessions/batch', {
      template: '/sessions/batch',
      body: {
        formCode: FA3,
        batchFile: {
          fileSize: 10,
          fileHash: b64(new Uint8Array(32)),
          fileParts: [{ ordinalNumber: 1, fileSize: 16, fileHash: b64(new Uint8Array(32)) }],
        },
        encryption: {
          encryptedSymmetricKey: await rsaEncrypt(mf.key, k.raw),
          initializationVector: b64(k.iv),
          publicKeyId: mf.publicKeyId,
        },
      },
    });
  }

  it('points part URLs at the API host by default and at another origin when switched', async () => {
    const own = await openBatch();
    expect(new URL(own.body.partUploadRequests[0].url).origin).toBe(sim.origin);
    await control(sim.origin, 'POST', '/__sim/batch-upload-origin', { origin: 'https://upload-test.ksef.mf.gov.pl' });
    const other = await openBatch();
    const url = new URL(other.body.partUploadRequests[0].url);
    expect(url.origin).toBe('https://upload-test.ksef.mf.gov.pl');
    expect(url.pathname).toMatch(/^\/__storage\/batch\//);
    await control(sim.origin, 'POST', '/__sim/batch-upload-origin', { origin: null });
    expect(new URL((await openBatch()).body.partUploadRequests[0].url).origin).toBe(sim.origin);
    const bad = await fetch(`${sim.origin}/__sim/batch-upload-origin`, {
      method: 'POST',
      body: JSON.stringify({ origin: 'ftp://x/y' }),
    });
    expect(bad.status).toBe(400);
  });
});
