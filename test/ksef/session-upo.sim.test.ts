// The session UPO of a batch: one read per page covers every invoice of the session, matched by KSeF number and hash.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/ksef/errors';
import { parseSessionUpo, sessionUpoEntries } from '../../src/ksef/session-upo';
import { SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

describe('session UPO', () => {
  it('parses the official session UPO example', () => {
    const xml = readFileSync(
      new URL('../fixtures/ksef/samples/upo/upo-sesja-kontekst-id-nip.xml', import.meta.url),
      'utf8',
    );
    expect(parseSessionUpo(xml)).toEqual([
      {
        ksefNumber: '5265877635-20250916-010040741B3E-46',
        invoiceNumber: 'FA/SIGTF-3388125147/11/2025',
        invoiceHash: 'jli86Kp2Kw7jppX59P8VmjWRcwLTvsPK3DcPEB87mNk=',
        assignedAt: '2025-09-16T11:02:42.084+02:00',
      },
      {
        ksefNumber: '5265877635-20250916-0200A0D6723E-C2',
        invoiceNumber: 'FA/XVQUD-9997622510/04/2027',
        invoiceHash: 'GZMGNVzs3krF6URKgvaw77OOeG3nJ+WGziT5xguliQ8=',
        assignedAt: '2025-09-16T11:05:41.045+02:00',
      },
    ]);
    expect(() => parseSessionUpo('<html><body>WAF</body></html>')).toThrow(ProtocolError);
    const entries = sessionUpoEntries(xml);
    expect([...entries.keys()]).toEqual(['5265877635-20250916-010040741B3E-46', '5265877635-20250916-0200A0D6723E-C2']);
    expect(entries.get('5265877635-20250916-0200A0D6723E-C2')).toMatch(
      /^<Dokument>[\s\S]*<NumerFaktury>FA\/XVQUD-9997622510\/04\/2027<\/NumerFaktury>[\s\S]*<\/Dokument>$/,
    );
  });

  it('covers every accepted invoice of a batch with one read, without the per-invoice UPO endpoint', async () => {
    const client = h.client(await h.token());
    const invoices = Array.from({ length: 12 }, (_, i) => ({
      id: `u-${i}`,
      xml: withInvoiceNumber(sample(), `U/${i}`),
    }));
    const handle = await client.batch.openAndUpload(invoices);
    expect(await client.sessionUpo(handle.referenceNumber)).toMatchObject({ state: 'pending' });
    await client.batch.close(handle.referenceNumber);
    const st = await client.batch.waitForProcessing(handle.referenceNumber, 20_000);
    const results = await client.batch.results(handle, st);
    const upo = await client.sessionUpo(handle.referenceNumber);
    if (upo.state !== 'ready') throw new Error('session UPO not ready');
    const docs = upo.pages.flatMap((p) => p.documents);
    const accepted = results.invoices.map((r) =>
      r.outcome.state === 'accepted' ? { ksefNumber: r.outcome.ksefNumber, hash: r.invoiceHash } : null,
    );
    expect(accepted.every((a) => a !== null)).toBe(true);
    expect(docs.map((d) => d.ksefNumber).sort()).toEqual(accepted.map((a) => a!.ksefNumber).sort());
    for (const a of accepted) expect(docs.find((d) => d.ksefNumber === a!.ksefNumber)?.invoiceHash).toBe(a!.hash);
    const reqs = await h.requests();
    expect(reqs.filter((r) => /\/invoices\/[^/]+\/upo$/.test(r.path))).toEqual([]);
    expect(reqs.filter((r) => /\/sessions\/[^/]+\/upo\//.test(r.path))).toHaveLength(upo.pages.length);
  });
});
