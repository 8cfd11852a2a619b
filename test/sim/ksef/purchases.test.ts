// Received invoices in the simulator: seeded FA(3) files pass the official XSD and carry their real hash;
// the metadata query (Subject2, sorting, paging, technical limit, HWM, 21183) and the export (encrypted
// parts, _metadata.json, statuses 100/200/210/420, 21175) answer in the OpenAPI shapes (checked by Client).
import { createDecipheriv, createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkFa3 } from './fa3';
import { type KsefSim, startKsefSim } from './index';
import { Client, control, loginWithToken, type MfCert, rsaEncrypt } from './test-client';

const BUYER = '5265877635';
const Q = '/invoices/query/metadata';
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
  c = new Client(sim.baseUrl);
  mf = (await loginWithToken(c, sim.origin, BUYER)).keys.SymmetricKeyEncryption;
});

async function seed(count: number, extra: Record<string, unknown> = {}) {
  const r = await control(sim.origin, 'POST', '/__sim/incoming', { buyerNip: BUYER, count, ...extra });
  await new Promise((res) => setTimeout(res, count + 5));
  return r.invoices as { ksefNumber: string; invoiceHash: string }[];
}

const range = (from = new Date(Date.now() - 86_400_000).toISOString(), restrict = true) => ({
  subjectType: 'Subject2',
  dateRange: { dateType: 'PermanentStorage', from, restrictToPermanentStorageHwmDate: restrict },
});

const query = (body: unknown, qs = 'pageSize=10') => c.call('POST', `${Q}?${qs}`, { template: Q, body });

describe('received invoices in the simulator', () => {
  it('seeds valid FA(3) invoices whose hash and download match', async () => {
    const seeded = await seed(6, { correctionEvery: 3 });
    expect(seeded).toHaveLength(6);
    for (const s of seeded) {
      const r = await fetch(`${sim.baseUrl}/invoices/ksef/${s.ksefNumber}`, {
        headers: { authorization: `Bearer ${c.access}` },
      });
      const xml = new Uint8Array(await r.arrayBuffer());
      expect(createHash('sha256').update(xml).digest('base64')).toBe(s.invoiceHash);
      expect(r.headers.get('x-ms-meta-hash')).toBe(s.invoiceHash);
      const check = checkFa3(xml);
      expect(check.ok, check.ok ? '' : check.messages.join('; ')).toBe(true);
    }
  });

  it('lists Subject2 invoices ascending by permanent storage, paged, with the HWM', async () => {
    const seeded = await seed(25);
    const p0 = await query(range());
    expect(p0.status).toBe(200);
    expect(p0.body.invoices.map((i: { ksefNumber: string }) => i.ksefNumber)).toEqual(
      seeded.slice(0, 10).map((s) => s.ksefNumber),
    );
    expect(p0.body).toMatchObject({ hasMore: true, isTruncated: false });
    expect(Date.parse(p0.body.permanentStorageHwmDate)).toBeLessThanOrEqual(Date.now());
    const p2 = await query(range(), 'pageSize=10&pageOffset=2');
    expect(p2.body.invoices).toHaveLength(5);
    expect(p2.body.hasMore).toBe(false);
    const desc = await query(range(), 'pageSize=10&sortOrder=Desc');
    expect(desc.body.invoices[0].ksefNumber).toBe(seeded.at(-1)!.ksefNumber);
    // The seller side (Subject1) of our NIP has none of them.
    expect((await query({ ...range(), subjectType: 'Subject1' })).body.invoices).toHaveLength(0);
  });

  it('truncates at the technical limit and refuses a window past the HWM (21183)', async () => {
    await seed(15);
    await control(sim.origin, 'POST', '/__sim/purchase-limits', { maxQueryRecords: 10 });
    const p0 = await query(range());
    expect(p0.body).toMatchObject({ hasMore: true, isTruncated: true });
    const last = p0.body.invoices.at(-1).permanentStorageDate;
    const next = await query(range(last));
    expect(next.body.invoices[0].permanentStorageDate).toBe(last);
    expect(next.body.invoices).toHaveLength(6);
    const future = await query(range(new Date(Date.now() + 3600_000).toISOString()));
    expect(future.status).toBe(400);
    expect(future.body.exception.exceptionDetailList[0].exceptionCode).toBe(21183);
    const tooLong = await query({
      ...range('2026-01-01T00:00:00Z', false),
      dateRange: { dateType: 'PermanentStorage', from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' },
    });
    expect(tooLong.body.exception.exceptionDetailList[0].exceptionCode).toBe(21405);
  });

  it('exports an encrypted package with _metadata.json; expired → 210; past the HWM → 420', async () => {
    const seeded = await seed(4);
    const raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(16));
    const encryption = {
      encryptedSymmetricKey: await rsaEncrypt(mf.key, raw),
      initializationVector: Buffer.from(iv).toString('base64'),
      publicKeyId: mf.publicKeyId,
    };
    const start = await c.call('POST', '/invoices/exports', {
      template: '/invoices/exports',
      body: { encryption, filters: range() },
    });
    expect(start.status).toBe(201);
    const ref = start.body.referenceNumber as string;
    const st = await c.call('GET', `/invoices/exports/${ref}`, { template: '/invoices/exports/{referenceNumber}' });
    expect(st.body.status.code).toBe(200);
    expect(st.body.package).toMatchObject({ invoiceCount: 4, isTruncated: false });
    const part = st.body.package.parts[0];
    const enc = new Uint8Array(await (await fetch(part.url)).arrayBuffer());
    expect(createHash('sha256').update(enc).digest('base64')).toBe(part.encryptedPartHash);
    const d = createDecipheriv('aes-256-cbc', raw, iv);
    const zip = unzipSync(new Uint8Array(Buffer.concat([d.update(enc), d.final()])));
    const meta = JSON.parse(new TextDecoder().decode(zip['_metadata.json']));
    expect(meta.invoices.map((m: { ksefNumber: string }) => m.ksefNumber)).toEqual(seeded.map((s) => s.ksefNumber));
    for (const s of seeded)
      expect(createHash('sha256').update(zip[`${s.ksefNumber}.xml`]!).digest('base64')).toBe(s.invoiceHash);
    // Another context does not see the export (21175).
    const other = new Client(sim.baseUrl);
    await loginWithToken(other, sim.origin, '7251266236');
    const foreign = await other.call('GET', `/invoices/exports/${ref}`, {
      template: '/invoices/exports/{referenceNumber}',
    });
    expect(foreign.body.exception.exceptionDetailList[0].exceptionCode).toBe(21175);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 2 * 3600_000 });
    await loginWithToken(c, sim.origin, BUYER); // the access token expired with the clock
    const expired = await c.call('GET', `/invoices/exports/${ref}`, {
      template: '/invoices/exports/{referenceNumber}',
    });
    expect(expired.body.status.code).toBe(210);
    expect((await fetch(part.url)).status).toBe(403);
    const beyond = await c.call('POST', '/invoices/exports', {
      template: '/invoices/exports',
      body: { encryption, filters: range(new Date(Date.now() + 5 * 3600_000).toISOString()) },
    });
    const st2 = await c.call('GET', `/invoices/exports/${beyond.body.referenceNumber}`, {
      template: '/invoices/exports/{referenceNumber}',
    });
    expect(st2.body.status.code).toBe(420);
  });
});
