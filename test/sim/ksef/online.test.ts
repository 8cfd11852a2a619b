import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import {
  b64,
  Client,
  control,
  crc8Hex,
  finalInvoiceStatus,
  invoicePayload,
  loginWithToken,
  newAesKey,
  openOnline,
  sendInvoice,
  sha256,
  utf8,
} from './test-client';

const NIP = '5265877635';
const SAMPLE = new URL('../../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url);
const sampleXml = () => new Uint8Array(readFileSync(SAMPLE)) as Uint8Array<ArrayBuffer>;

let sim: KsefSim;
let c: Client;
let keys: Awaited<ReturnType<typeof loginWithToken>>['keys'];

beforeAll(async () => {
  sim = await startKsefSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.origin, 'POST', '/__sim/reset');
  c = new Client(sim.baseUrl);
  ({ keys } = await loginWithToken(c, sim.origin, NIP));
});

describe('online session core flow', () => {
  it('opens a session, accepts an official sample, assigns a checksum-valid KSeF number, lists and closes', async () => {
    const k = await newAesKey();
    const open = await openOnline(c, keys.SymmetricKeyEncryption, k);
    expect(open.status).toBe(201);
    const sref = open.body.referenceNumber as string;
    expect(sref).toMatch(/^\d{8}-SO-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    expect(sref.slice(-2)).toBe(crc8Hex(sref.slice(0, 33)));

    const xml = sampleXml();
    const sent = await sendInvoice(c, sref, await invoicePayload(k, xml));
    expect(sent.status).toBe(202);
    const st = await finalInvoiceStatus(c, sref, sent.body.referenceNumber);
    expect(st.body.status.code).toBe(200);
    const n = st.body.ksefNumber as string;
    expect(n).toMatch(/^5265877635-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/);
    expect(n.slice(33)).toBe(crc8Hex(n.slice(0, 32)));
    expect(st.body.invoiceHash).toBe(await sha256(xml));
    expect(st.body.invoiceNumber).toBe('FA/GRQMB-0001/05/2025');
    // P_1 = 2025-09-01 is before today's Warsaw date → automatically Offline (docs/ksef-protocol.md §5).
    expect(st.body.invoicingMode).toBe('Offline');

    const list = await c.call('GET', `/sessions/${sref}/invoices`, {
      template: '/sessions/{referenceNumber}/invoices',
    });
    expect(list.body.invoices.map((i: { ksefNumber: string }) => i.ksefNumber)).toEqual([n]);

    const close = await c.call('POST', `/sessions/online/${sref}/close`, {
      template: '/sessions/online/{referenceNumber}/close',
    });
    expect(close.status).toBe(204);
    const ss = await c.call('GET', `/sessions/${sref}`, { template: '/sessions/{referenceNumber}' });
    expect(ss.body.status.code).toBe(200);
    expect(ss.body.successfulInvoiceCount).toBe(1);
    expect(ss.body.upo.pages).toHaveLength(1);

    const reg = await control(sim.origin, 'GET', `/__sim/invoices?nip=${NIP}`);
    expect(reg).toEqual([
      expect.objectContaining({ ksefNumber: n, sessionReferenceNumber: sref, status: 200, invoicingMode: 'Offline' }),
    ]);
  });

  it('rejects a wrong encrypted size with 21402 and a wrong encrypted hash with 21403', async () => {
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const p = await invoicePayload(k, sampleXml());
    const size = await sendInvoice(c, sref, { ...p, encryptedInvoiceSize: p.encryptedInvoiceSize + 16 });
    expect(size.status).toBe(400);
    expect(size.body.exception.exceptionDetailList[0].exceptionCode).toBe(21402);
    const hash = await sendInvoice(c, sref, { ...p, encryptedInvoiceHash: b64(new Uint8Array(32)) });
    expect(hash.status).toBe(400);
    expect(hash.body.exception.exceptionDetailList[0].exceptionCode).toBe(21403);
  });

  it('answers an invalid body with 400 21405', async () => {
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const r = await sendInvoice(c, sref, { invoiceHash: 'abc', invoiceSize: 0 });
    expect(r.status).toBe(400);
    expect(r.body.exception.exceptionDetailList[0].exceptionCode).toBe(21405);
    expect(r.body.exception.exceptionDetailList[0].details.join(' ')).toContain('encryptedInvoiceContent');
  });

  it('reports a wrong plaintext size as 430, a broken ciphertext as 435', async () => {
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const xml = sampleXml();
    const p = await invoicePayload(k, xml);
    const r430 = await sendInvoice(c, sref, { ...p, invoiceSize: xml.length + 1 });
    expect((await finalInvoiceStatus(c, sref, r430.body.referenceNumber)).body.status.code).toBe(430);
    // Ciphertext from another key: well-formed request, undecryptable content.
    const other = await newAesKey();
    const r435 = await sendInvoice(c, sref, await invoicePayload(other, xml));
    const st = await finalInvoiceStatus(c, sref, r435.body.referenceNumber);
    // A foreign key almost always breaks the PKCS#7 padding (435); in the rare case it does not, the plaintext
    // hash cannot match either (430).
    expect([435, 430]).toContain(st.body.status.code);
  });

  it('gives 450 with the XSD message for a schema-invalid invoice', async () => {
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const broken = new TextDecoder().decode(sampleXml()).replace('<P_16>', '<P_17>2</P_17><P_16>');
    const r = await sendInvoice(c, sref, await invoicePayload(k, utf8(broken)));
    const st = await finalInvoiceStatus(c, sref, r.body.referenceNumber);
    expect(st.body.status.code).toBe(450);
    expect(st.body.status.details.join('\n')).toContain("P_17': This element is not expected. Expected is");
  });

  it('gives 440 with the original KSeF and session numbers to a re-sent invoice', async () => {
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const payload = await invoicePayload(k, sampleXml());
    const first = await finalInvoiceStatus(c, sref, (await sendInvoice(c, sref, payload)).body.referenceNumber);
    const k2 = await newAesKey();
    const sref2 = (await openOnline(c, keys.SymmetricKeyEncryption, k2)).body.referenceNumber;
    const again = await sendInvoice(c, sref2, await invoicePayload(k2, sampleXml()));
    const st = await finalInvoiceStatus(c, sref2, again.body.referenceNumber);
    expect(st.body.status.code).toBe(440);
    expect(st.body.status.extensions).toEqual({
      originalKsefNumber: first.body.ksefNumber,
      originalSessionReferenceNumber: sref,
    });
    expect(st.body.ksefNumber).toBeNull();
    const failed = await c.call('GET', `/sessions/${sref2}/invoices/failed`, {
      template: '/sessions/{referenceNumber}/invoices/failed',
    });
    expect(failed.body.invoices.map((i: { status: { code: number } }) => i.status.code)).toEqual([440]);
  });

  it('accepts the AES key only from the SymmetricKeyEncryption certificate: otherwise session 415 and 21180', async () => {
    const k = await newAesKey();
    const open = await openOnline(c, keys.KsefTokenEncryption, k);
    expect(open.status).toBe(201);
    const sref = open.body.referenceNumber;
    const ss = await c.call('GET', `/sessions/${sref}`, { template: '/sessions/{referenceNumber}' });
    expect(ss.body.status.code).toBe(415);
    const r = await sendInvoice(c, sref, await invoicePayload(k, sampleXml()));
    expect(r.status).toBe(400);
    expect(r.body.exception.exceptionDetailList[0].exceptionCode).toBe(21180);
  });

  it('accepts one technical correction of a rejected offline invoice (21166 after, 21167 for an accepted one)', async () => {
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const good = sampleXml();
    const broken = utf8(new TextDecoder().decode(good).replace('<P_16>', '<P_17>2</P_17><P_16>'));
    const rejected = await sendInvoice(c, sref, await invoicePayload(k, broken, true));
    expect((await finalInvoiceStatus(c, sref, rejected.body.referenceNumber)).body.status.code).toBe(450);
    const correction = { ...(await invoicePayload(k, good, true)), hashOfCorrectedInvoice: await sha256(broken) };
    const ok = await sendInvoice(c, sref, correction);
    expect(ok.status).toBe(202);
    const st = await finalInvoiceStatus(c, sref, ok.body.referenceNumber);
    expect(st.body.status.code).toBe(200);
    expect(st.body.invoicingMode).toBe('Offline');
    const twice = await sendInvoice(c, sref, correction);
    expect(twice.body.exception.exceptionDetailList[0].exceptionCode).toBe(21166);
    const ofAccepted = await sendInvoice(c, sref, { ...correction, hashOfCorrectedInvoice: await sha256(good) });
    expect(ofAccepted.body.exception.exceptionDetailList[0].exceptionCode).toBe(21167);
  });
});
