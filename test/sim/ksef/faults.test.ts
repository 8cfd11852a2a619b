// Fault kinds the reliability proofs use (README "Control API"): refusals with a KSeF code, 401,
// an invoice kept at 150 for days on the simulator's clock, forced session statuses, and the
// per-invoice registration counter.
import { readFileSync } from 'node:fs';
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
  newAesKey,
  openOnline,
  rsaEncrypt,
  sendInvoice,
  sha256,
  utf8,
} from './test-client';

const NIP = '5265877635';
const SAMPLE = new URL('../../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url);
const numbered = (n: string) =>
  utf8(readFileSync(SAMPLE, 'utf8').replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${n}</P_2>`)) as Uint8Array<ArrayBuffer>;
const SEND = 'POST /v2/sessions/online/{referenceNumber}/invoices';

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
  c = new Client(sim.baseUrl);
  mf = (await loginWithToken(c, sim.origin, NIP)).keys.SymmetricKeyEncryption;
});

const fault = (body: Record<string, unknown>) => control(sim.origin, 'POST', '/__sim/faults', body);

async function online() {
  const k = await newAesKey();
  return { k, sref: (await openOnline(c, mf, k)).body.referenceNumber as string };
}

async function sessionCode(ref: string): Promise<number> {
  return (await c.call('GET', `/sessions/${ref}`, { template: '/sessions/{referenceNumber}' })).body.status.code;
}

async function batchOf(numbers: string[]) {
  const files = Object.fromEntries(numbers.map((n, i) => [`f${i}.xml`, numbered(n)]));
  const archive = zipSync(files) as Uint8Array<ArrayBuffer>;
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
      encryption: {
        encryptedSymmetricKey: await rsaEncrypt(mf.key, k.raw),
        initializationVector: b64(k.iv),
        publicKeyId: mf.publicKeyId,
      },
    },
  });
  const req = open.body.partUploadRequests[0];
  expect((await fetch(req.url, { method: req.method, headers: req.headers, body: part })).status).toBe(201);
  const ref = open.body.referenceNumber as string;
  const close = await c.call('POST', `/sessions/batch/${ref}/close`, {
    template: '/sessions/batch/{referenceNumber}/close',
  });
  expect(close.status).toBe(204);
  return ref;
}

describe('refusals and 401', () => {
  it('refuses the next POST with 400 and the given KSeF code (21155); nothing is registered', async () => {
    const { k, sref } = await online();
    await fault({ route: SEND, kind: 'refuse', status: 21155 });
    const refused = await sendInvoice(c, sref, await invoicePayload(k, numbered('R/1')));
    expect(refused.status).toBe(400);
    expect(refused.body.exception.exceptionDetailList[0].exceptionCode).toBe(21155);
    expect(await control(sim.origin, 'GET', `/__sim/invoices?nip=${NIP}`)).toEqual([]);
    expect((await sendInvoice(c, sref, await invoicePayload(k, numbered('R/1')))).status).toBe(202);
  });

  it('refuses with 21405 by default, e.g. on opening a batch session', async () => {
    await fault({ route: 'POST /sessions/batch', kind: 'refuse' });
    const r = await c.call('POST', '/sessions/batch', { body: {} });
    expect(r.status).toBe(400);
    expect(r.body.exception.exceptionDetailList[0].exceptionCode).toBe(21405);
  });

  it('answers 401 (an access token KSeF no longer takes) once, then serves the same token again', async () => {
    const { sref } = await online();
    await fault({ route: 'GET /sessions/{referenceNumber}', kind: 'http401' });
    const r = await c.call('GET', `/sessions/${sref}`, { template: '/sessions/{referenceNumber}' });
    expect(r.status).toBe(401);
    expect(await sessionCode(sref)).toBe(100);
  });
});

describe('an invoice kept at 150 for days', () => {
  it('shows 150 until the simulator clock passed the delay, then its final status', async () => {
    const { k, sref } = await online();
    await fault({ kind: 'invoice-delay', count: 1, ms: 3 * 24 * 3600_000 });
    const slow = await sendInvoice(c, sref, await invoicePayload(k, numbered('D/1')));
    const quick = await sendInvoice(c, sref, await invoicePayload(k, numbered('D/2')));
    expect((await invoiceStatus(c, sref, slow.body.referenceNumber)).body.status.code).toBe(150);
    expect((await finalInvoiceStatus(c, sref, quick.body.referenceNumber)).body.status.code).toBe(200);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 2 * 24 * 3600_000 });
    await loginWithToken(c, sim.origin, NIP); // the access token ran out meanwhile
    expect((await invoiceStatus(c, sref, slow.body.referenceNumber)).body.status.code).toBe(150);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 24 * 3600_000 });
    await loginWithToken(c, sim.origin, NIP);
    const done = await invoiceStatus(c, sref, slow.body.referenceNumber);
    expect(done.body.status.code).toBe(200);
    expect(done.body.ksefNumber).toMatch(/^5265877635-/);
  });
});

describe('forced session statuses', () => {
  it('online 415: the key "does not unwrap" (later sends get 21180); online 445 once closed', async () => {
    await fault({ route: 'POST /sessions/online', kind: 'session-status', status: 415 });
    const bad = await online();
    expect(await sessionCode(bad.sref)).toBe(415);
    const sent = await sendInvoice(c, bad.sref, await invoicePayload(bad.k, numbered('S/1')));
    expect(sent.body.exception.exceptionDetailList[0].exceptionCode).toBe(21180);
    expect(await control(sim.origin, 'GET', `/__sim/invoices?nip=${NIP}`)).toEqual([]);

    await fault({ route: 'POST /sessions/online', kind: 'session-status', status: 445 });
    const s = await online();
    await sendInvoice(c, s.sref, await invoicePayload(s.k, numbered('S/2')));
    expect(await sessionCode(s.sref)).toBe(100);
    await c.call('POST', `/sessions/online/${s.sref}/close`, { template: '/sessions/online/{referenceNumber}/close' });
    expect(await sessionCode(s.sref)).toBe(445);
  });

  it('batch 420: the package fails as a whole and registers nothing', async () => {
    await fault({ route: 'POST /sessions/batch', kind: 'session-status', status: 420 });
    const ref = await batchOf(['B/1', 'B/2']);
    expect(await sessionCode(ref)).toBe(420);
    const list = await c.call('GET', `/sessions/${ref}/invoices`, { template: '/sessions/{referenceNumber}/invoices' });
    expect(list.body.invoices).toEqual([]);
    expect(await control(sim.origin, 'GET', `/__sim/registrations?nip=${NIP}`)).toEqual([]);
  });

  it('batch 445: every invoice is processed and fails (450); the next batch is processed normally', async () => {
    await fault({ route: 'POST /sessions/batch', kind: 'session-status', status: 445 });
    const ref = await batchOf(['B/3', 'B/4']);
    expect(await sessionCode(ref)).toBe(445);
    const list = await c.call('GET', `/sessions/${ref}/invoices`, { template: '/sessions/{referenceNumber}/invoices' });
    expect(list.body.invoices.map((i: { status: { code: number } }) => i.status.code)).toEqual([450, 450]);
    const again = await batchOf(['B/3', 'B/4']);
    expect(await sessionCode(again)).toBe(200);
  });
});

describe('registrations per invoice', () => {
  it('counts every copy KSeF recognised as the same invoice (seller + number): accepted and 440', async () => {
    const { k, sref } = await online();
    await fault({ kind: 'invoice-status', count: 1, status: 450 });
    for (const n of ['N/1', 'N/2', 'N/2', 'N/3', 'N/3']) {
      const sent = await sendInvoice(c, sref, await invoicePayload(k, numbered(n)));
      await finalInvoiceStatus(c, sref, sent.body.referenceNumber);
    }
    const regs = await control<{ invoiceNumber: string }[]>(sim.origin, 'GET', `/__sim/registrations?nip=${NIP}`);
    const by = Object.fromEntries(regs.map((r) => [r.invoiceNumber, r]));
    expect(by['N/1']).toMatchObject({ received: 1, accepted: 0, rejected: 1, duplicates: 0, registrations: 0 });
    expect(by['N/2']).toMatchObject({ received: 2, accepted: 1, duplicates: 1, registrations: 2 });
    expect(by['N/3']).toMatchObject({ received: 2, accepted: 1, duplicates: 1, registrations: 2 });
    expect((by['N/2'] as unknown as { ksefNumbers: string[] }).ksefNumbers).toHaveLength(1);
    expect(await control(sim.origin, 'GET', '/__sim/registrations?nip=1111111111')).toEqual([]);
  });
});
