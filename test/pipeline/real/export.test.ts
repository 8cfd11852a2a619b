/**
 * The monthly export over the real adapter: it never takes over an online send whose outcome is
 * unknown (nor any record with a session link), a permanent refusal of opening or closing the
 * batch ends the job with the invoices in needs-attention and KSeF's reason, and "Przerwij
 * eksport" releases a job stuck on a failing service.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeDemoDataset } from '../../sim/base';
import { closeShared, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';
const SESSION_LIST = 'GET /sessions/{referenceNumber}/invoices';
const OPEN_BATCH = 'POST /sessions/batch';
const CLOSE_BATCH = 'POST /sessions/batch/{referenceNumber}/close';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

/** The Warsaw month of the clock: the month the invoices added "today" belong to. */
function monthOf(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(ms)).slice(0, 7);
}

async function exportSettled(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const p = await w.pipeline.exportProgress();
    if (!p || ['done', 'failed'].includes(p.state)) return;
    await w.live(10 * 60_000, 60_000);
  }
}

describe('monthly export (real adapter, simulator)', { timeout: 180_000 }, () => {
  it('does not take over an online send whose outcome is unknown: the batch leaves it, it is registered once', async () => {
    w = await RealWorld.start({ pipeline: { batchThreshold: 2 }, dataset: makeDemoDataset() });
    const [a, ...rest] = await w.addInvoices(4);
    await w.fault(POST_INVOICE, 'drop-after-accept');
    await w.fault(SESSION_LIST, 'http503', { count: 1000 });
    const before = await w.pipeline.sendInvoice(a!.id, { trigger: 'manual' });
    expect(before.state).toBe('sending');

    await w.pipeline.startExport(monthOf(w.now));
    await w.live(10 * 60_000, 60_000);
    // The unknown-outcome record keeps its own session and bytes: the export did not take it.
    const during = await w.record(a!.id);
    expect(during?.sessionRef).toBe(before.sessionRef);
    expect(during?.hash).toBe(before.hash);
    expect(during?.channel).not.toBe('batch');

    await w.fault(SESSION_LIST, 'http503', { count: 0 });
    await exportSettled();
    await w.live(3 * 60 * 60_000);
    for (const inv of [a!, ...rest]) expect((await w.record(inv.id))?.state, inv.number).toBe('accepted');
    expect((await w.record(a!.id))?.sessionRef).toBe(before.sessionRef);
    await w.registeredOnce([a!, ...rest].map((i) => i.number));
  });

  it.each([
    ['opening', OPEN_BATCH],
    ['closing', CLOSE_BATCH],
  ])(
    'a permanent refusal (400 21405) of %s the batch ends the job: needs-attention with the reason, a new export may start',
    async (_, route) => {
      w = await RealWorld.start({ pipeline: { batchThreshold: 2 }, dataset: makeDemoDataset() });
      const invs = await w.addInvoices(3);
      await w.fault(route, 'refuse', { status: 21405, count: 1000 });
      await w.pipeline.startExport(monthOf(w.now));
      await exportSettled();
      const p = await w.pipeline.exportProgress();
      // The job is over (not waiting): every invoice of the refused batch counted as failed.
      expect(p?.state).toMatch(/^(done|failed)$/);
      expect(p?.failed).toBe(invs.length);
      for (const inv of invs) {
        const rec = await w.record(inv.id);
        expect(rec?.state, inv.number).toBe('needs-attention');
        expect(rec?.reasonCode).toBe('batch-refused');
        // KSeF's own reason, with its code.
        expect(rec?.reasonParams?.explanation).toContain('21405');
      }
      // Bounded: no endless retries of the refused step.
      const tries = (await w.requests()).filter((r) => r.method === 'POST' && r.path.startsWith('/v2/sessions/batch'));
      expect(tries.length).toBeLessThan(10);
      expect(await w.registrations()).toEqual([]);

      // Nothing is locked: a new export starts and, with KSeF taking it now, sends each once.
      await w.fault(route, 'refuse', { count: 0 });
      await w.pipeline.startExport(monthOf(w.now));
      await exportSettled();
      await w.live(60 * 60_000);
      for (const inv of invs) expect((await w.record(inv.id))?.state, inv.number).toBe('accepted');
      await w.registeredOnce(invs.map((i) => i.number));
    },
  );

  it('"Przerwij eksport" stops a job waiting for a failing KSeF; its invoices can be sent at once', async () => {
    w = await RealWorld.start({ pipeline: { batchThreshold: 2 }, dataset: makeDemoDataset() });
    const invs = await w.addInvoices(3);
    await w.fault(OPEN_BATCH, 'http503', { count: 1000 });
    await w.pipeline.startExport(monthOf(w.now));
    await w.live(30 * 60_000, 60_000);
    expect((await w.pipeline.exportProgress())?.state).toMatch(/running|waiting/);
    const cancelled = await w.pipeline.cancelExport();
    expect(cancelled?.cancelled).toBe(true);
    await w.fault(OPEN_BATCH, 'http503', { count: 0 });
    for (const inv of invs) await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(60 * 60_000);
    for (const inv of invs) expect((await w.record(inv.id))?.state, inv.number).toBe('accepted');
    await w.registeredOnce(invs.map((i) => i.number));
    // And a new export is allowed (nothing left to send in the month).
    await expect(w.pipeline.startExport(monthOf(w.now))).resolves.toBeDefined();
  });
});
