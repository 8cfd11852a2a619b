import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeShared, RealWorld } from './harness';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

describe('real client + adapters + pipeline against the simulator', { timeout: 180_000 }, () => {
  it('sends an invoice of today: accepted once, with its KSeF number and UPO', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    const first = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    expect(first.state).toBe('processing');
    await w.live(60_000);
    const rec = await w.record(inv.id);
    expect(rec?.state).toBe('accepted');
    expect(rec?.upo).toContain(rec!.ksefNumber!);
    const regs = await w.registrations();
    expect(regs).toEqual([expect.objectContaining({ invoiceNumber: inv.number, accepted: 1, registrations: 1 })]);
    expect(regs[0]!.ksefNumbers).toEqual([rec!.ksefNumber]);
  });
});
