// The port's session UPO over the real client against the simulator: a batch's invoices, each with its own
// `Dokument` entry from the session UPO page, read once for the whole session.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ksefPort } from '../../src/background/adapters/ksef-port';
import { SimHarness, sample, withInvoiceNumber } from '../ksef/sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

describe('ksefPort.sessionUpo (real client, simulator)', () => {
  it('null before the session is processed; then one entry per accepted invoice, by KSeF number', async () => {
    const client = h.client(await h.token());
    const port = ksefPort(async () => client);
    const items = Array.from({ length: 8 }, (_, i) => ({ id: `p-${i}`, xml: withInvoiceNumber(sample(), `P/${i}`) }));
    const opened = await port.openBatch(
      async function* () {
        yield* items;
      },
      { offline: false },
    );
    expect(await port.sessionUpo!(opened.sessionRef)).toBeNull();
    await port.closeBatch(opened.sessionRef);
    let res = await port.batchResults(opened.sessionRef);
    for (let i = 0; i < 100 && !res.done; i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await port.batchResults(opened.sessionRef);
    }
    const numbers = (await h.invoices()).map((i) => i.ksefNumber!);
    expect(numbers).toHaveLength(8);
    const before = (await h.requests()).length;
    const entries = await port.sessionUpo!(opened.sessionRef);
    expect([...entries!.keys()].sort()).toEqual([...numbers].sort());
    for (const n of numbers) {
      expect(entries!.get(n)!.entry).toMatch(
        new RegExp(`^<Dokument>[\\s\\S]*<NumerKSeFDokumentu>${n}</NumerKSeFDokumentu>`),
      );
    }
    const reads = (await h.requests()).slice(before);
    expect(reads.map((r) => r.path.replace(/[0-9A-Z-]{20,}/g, '…'))).toEqual([
      '/v2/sessions/…',
      '/v2/sessions/…/upo/…',
    ]);
  });
});
