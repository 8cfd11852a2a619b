import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import {
  Client,
  finalInvoiceStatus,
  invoicePayload,
  loginWithToken,
  newAesKey,
  openOnline,
  sendInvoice,
  utf8,
} from './test-client';

const NIP = '5265877635';
const base = readFileSync(
  new URL('../../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url),
  'utf8',
);
const invoice = (p1: string, n: string) =>
  utf8(base.replace(/<P_1>[^<]*<\/P_1>/, `<P_1>${p1}</P_1>`).replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${n}</P_2>`));

// 23:30 UTC on 29 November is 00:30 on 30 November in Warsaw (UTC+1): the calendar day KSeF compares with.
const NOW = Date.parse('2026-11-29T23:30:00Z');
let sim: KsefSim;

beforeAll(async () => {
  sim = await startKsefSim({ now: () => NOW });
});
afterAll(async () => {
  await sim.close();
});

describe('automatic offline classification (Europe/Warsaw day of invoicingDate)', () => {
  it('marks P_1 before the Warsaw day Offline, the same day Online, a later day 450; offlineMode forces Offline', async () => {
    const c = new Client(sim.baseUrl);
    const { keys } = await loginWithToken(c, sim.origin, NIP);
    const k = await newAesKey();
    const sref = (await openOnline(c, keys.SymmetricKeyEncryption, k)).body.referenceNumber;
    const send = async (xml: Uint8Array<ArrayBuffer>, offline = false) =>
      (
        await finalInvoiceStatus(
          c,
          sref,
          (
            await sendInvoice(c, sref, await invoicePayload(k, xml, offline))
          ).body.referenceNumber,
        )
      ).body;
    const yesterday = await send(invoice('2026-11-29', 'OFF/1'));
    expect(yesterday.status.code).toBe(200);
    expect(yesterday.invoicingMode).toBe('Offline');
    expect(yesterday.ksefNumber.slice(11, 19)).toBe('20261130');
    const today = await send(invoice('2026-11-30', 'OFF/2'));
    expect(today.invoicingMode).toBe('Online');
    const declared = await send(invoice('2026-11-30', 'OFF/3'), true);
    expect(declared.invoicingMode).toBe('Offline');
    const future = await send(invoice('2026-12-01', 'OFF/4'));
    expect(future.status.code).toBe(450);
  });
});
