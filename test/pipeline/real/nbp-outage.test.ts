/**
 * NBP down while a EUR invoice that needs its rate is sent, with the real Base client, FA(3) port
 * (builder, XSD validation) and KSeF client against the simulators: the invoice waits for NBP, is
 * built once NBP answers, and KSeF receives it once.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeDemoDataset } from '../../sim/base';
import { closeShared, RealWorld } from './harness';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

describe('NBP outage (real adapters, simulators)', { timeout: 120_000 }, () => {
  it('no connection to NBP twice, then a rate: the invoice waits, then is accepted and registered once', async () => {
    const dataset = makeDemoDataset();
    const eur = dataset.cases!.find((c) => c.kind === 'eur-nbp-rate')!;
    const number = dataset.invoices.find((i) => i.invoice_id === eur.invoiceId)!.number;
    let calls = 0;
    const nbpFetch = (async () => {
      calls++;
      if (calls <= 2) throw new TypeError('fetch failed');
      return Response.json({
        table: 'A',
        code: 'EUR',
        rates: [{ no: '222/A/NBP/2026', effectiveDate: '2026-11-16', mid: 4.2345 }],
      });
    }) as typeof fetch;
    w = await RealWorld.start({ dataset, nbpFetch });
    const first = await w.pipeline.sendInvoice(String(eur.invoiceId), { trigger: 'manual' });
    expect(first.state).toBe('queued');
    expect(first.reasonParams?.service).toBe('NBP');
    expect((await w.registrations()).map((r) => r.invoiceNumber)).not.toContain(number);
    await w.live(3 * 60 * 60_000, 5 * 60_000);
    const rec = await w.record(String(eur.invoiceId));
    expect(rec?.state).toBe('accepted');
    expect(calls).toBe(3);
    await w.registeredOnce([number]);
  });
});
