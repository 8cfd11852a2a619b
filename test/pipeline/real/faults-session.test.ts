/**
 * More of the fault matrix (see faults.test.ts): a simulator fault on every route the pipeline uses, with the real client and
 * adapters. Whatever the fault, each invoice ends in the state the fault allows (accepted, or
 * needs-attention / rejected where KSeF refused for good), and KSeF received it exactly once (or
 * not at all where nothing should be registered).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { InvoiceState } from '../../../src/messaging';
import { makeDemoDataset } from '../../sim/base';
import { closeShared, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';
const OPEN_BATCH = 'POST /sessions/batch';
const HOUR = 60 * 60_000;

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

interface Fault {
  route: string;
  kind: string;
  count?: number;
  status?: number;
  ms?: number;
}

/** Two online invoices sent with the faults armed; then time passes. */
async function onlineCase(faults: Fault[], hours = 3) {
  w = await RealWorld.start();
  const invs = await w.addInvoices(2);
  for (const f of faults) await w.fault(f.route, f.kind, f);
  for (const inv of invs) await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' }).catch(() => undefined);
  await w.live(hours * HOUR, 5 * 60_000);
  return invs;
}

function monthOf(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(ms)).slice(0, 7);
}

/** Three invoices exported in one batch with the faults armed; then time passes. */
async function batchCase(faults: Fault[], hours = 3) {
  w = await RealWorld.start({ pipeline: { batchThreshold: 2 }, dataset: makeDemoDataset() });
  const invs = await w.addInvoices(3);
  for (const f of faults) await w.fault(f.route, f.kind, f);
  await w.pipeline.startExport(monthOf(w.now));
  await w.live(hours * HOUR, 5 * 60_000);
  return invs;
}

async function expectStates(invs: { id: string; number: string }[], state: InvoiceState) {
  for (const inv of invs) {
    const rec = await w.record(inv.id);
    expect(rec?.state, `${inv.number}: ${rec?.reasonCode} ${JSON.stringify(rec?.reasonParams ?? {})}`).toBe(state);
  }
}

describe('fault matrix: session-level refusals (real adapter, simulator)', { timeout: 180_000 }, () => {
  it('invoice POST 21155 (session full): a new session, accepted, registered once', async () => {
    const invs = await onlineCase([{ route: POST_INVOICE, kind: 'refuse', status: 21155, count: 1 }], 6);
    await expectStates(invs, 'accepted');
    await w.registeredOnce(invs.map((i) => i.number));
  });

  it.each([420, 415])(
    'batch session %i: nothing registered by it; the invoices end sent once or needing attention',
    async (code) => {
      const invs = await batchCase([{ route: OPEN_BATCH, kind: 'session-status', status: code, count: 1 }], 12);
      const regs = new Map((await w.registrations()).map((r) => [r.invoiceNumber, r]));
      for (const inv of invs) {
        const rec = await w.record(inv.id);
        expect(['accepted', 'needs-attention']).toContain(rec?.state);
        const r = regs.get(inv.number);
        if (rec?.state === 'accepted') expect(r).toMatchObject({ accepted: 1, registrations: 1 });
        else expect(r?.registrations ?? 0).toBe(0);
      }
    },
  );
});
