/**
 * An invoice another browser profile already sent: KSeF answers 440 with the original's KSeF
 * number and session, the record adopts the number and fetches the original's UPO from that
 * session (GET /sessions/{ref}/invoices/ksef/{ksefNumber}/upo), and with it the original's processing date.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeShared, RealWorld } from './harness';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

describe('440 adoption (real adapter, simulator)', { timeout: 180_000 }, () => {
  it('adopts the original KSeF number and gets the UPO from the original session', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    const other = await w.otherProfile();
    await other.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    for (let i = 0; i < 5 && (await other.record(inv.id))?.state !== 'accepted'; i++) {
      w.advance(20_000);
      await other.pipeline.checkNow(inv.id);
    }
    const original = await other.record(inv.id);
    expect(original?.state).toBe('accepted');

    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(2 * 60 * 60_000);
    const adopted = await w.record(inv.id);
    expect(adopted?.state).toBe('accepted');
    expect(adopted?.duplicateAdopted).toBe(true);
    expect(adopted?.ksefNumber).toBe(original?.ksefNumber);
    expect(adopted?.originalSessionRef).toBe(original?.sessionRef);
    expect(adopted?.upo).toContain(original!.ksefNumber!);
    expect(adopted?.upoMissing).toBeUndefined();
    // The processing date is the original's, as its UPO states it (the 440 answer has none): the
    // same moment as the original's own acquisitionDate, whatever the zone it is written in.
    expect(original?.processedAt).toBeDefined();
    expect(adopted?.processedAt).toBeDefined();
    expect(Date.parse(adopted!.processedAt!)).toBe(Date.parse(original!.processedAt!));
    const upoCalls = (await w.requests()).filter((r) => r.path.includes(`/invoices/ksef/${original!.ksefNumber}/upo`));
    expect(upoCalls.some((r) => r.status === 200)).toBe(true);
    other.store.close();
  });
});
