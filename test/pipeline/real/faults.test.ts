/**
 * The fault matrix: a simulator fault on every route the pipeline uses, with the real client and
 * adapters. Whatever the fault, each invoice ends in the state the fault allows (accepted, or
 * needs-attention / rejected where KSeF refused for good), and KSeF received it exactly once (or
 * not at all where nothing should be registered).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { InvoiceState } from '../../../src/messaging';
import { makeDemoDataset } from '../../sim/base';
import { closeShared, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';
const SESSION_LIST = 'GET /sessions/{referenceNumber}/invoices';
const INVOICE_STATUS = 'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}';
const INVOICE_UPO = 'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo';
const OPEN_ONLINE = 'POST /sessions/online';
const OPEN_BATCH = 'POST /sessions/batch';
const CLOSE_BATCH = 'POST /sessions/batch/{referenceNumber}/close';
const SESSION = 'GET /sessions/{referenceNumber}';
const CHALLENGE = 'POST /auth/challenge';
const TOKEN_AUTH = 'POST /auth/ksef-token';
const AUTH_STATUS = 'GET /auth/{referenceNumber}';
const REDEEM = 'POST /auth/token/redeem';
const HOUR = 60 * 60_000;
/** Faults after which the simulator has sent no whole answer. */
const SILENT = ['hang', 'stall-after-headers', 'drop-after-accept'];

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

describe('fault matrix: online sends (real adapter, simulator)', { timeout: 180_000 }, () => {
  it.each<[string, Fault[]]>([
    [
      'session list 429 during reconciliation',
      [
        { route: POST_INVOICE, kind: 'drop-after-accept', count: 2 },
        { route: SESSION_LIST, kind: 'http429', count: 4 },
      ],
    ],
    [
      'session list hang during reconciliation',
      [
        { route: POST_INVOICE, kind: 'drop-after-accept', count: 2 },
        { route: SESSION_LIST, kind: 'hang', count: 2 },
      ],
    ],
    [
      'session list 500 during reconciliation',
      [
        { route: POST_INVOICE, kind: 'drop-after-accept', count: 2 },
        { route: SESSION_LIST, kind: 'http500', count: 4 },
      ],
    ],
    ['invoice status 429', [{ route: INVOICE_STATUS, kind: 'http429', count: 4 }]],
    ['invoice status hang', [{ route: INVOICE_STATUS, kind: 'hang', count: 2 }]],
    [
      'invoice status: half an answer, then silence',
      [{ route: INVOICE_STATUS, kind: 'stall-after-headers', count: 2 }],
    ],
    ['session open: half an answer, then silence', [{ route: OPEN_ONLINE, kind: 'stall-after-headers', count: 1 }]],
    ['redeem: half an answer, then silence', [{ route: REDEEM, kind: 'stall-after-headers', count: 1 }]],
    ['UPO: half an answer, then silence', [{ route: INVOICE_UPO, kind: 'stall-after-headers', count: 2 }]],
    ['invoice status 503', [{ route: INVOICE_STATUS, kind: 'http503', count: 6 }]],
    ['invoice POST 500 (outcome unknown)', [{ route: POST_INVOICE, kind: 'http500', count: 2 }]],
    ['invoice POST 429', [{ route: POST_INVOICE, kind: 'http429', count: 2 }]],
    ['invoice POST 401 (token refused once)', [{ route: POST_INVOICE, kind: 'http401', count: 1 }]],
    ['session open 429', [{ route: OPEN_ONLINE, kind: 'http429', count: 2 }]],
    ['session open hang', [{ route: OPEN_ONLINE, kind: 'hang', count: 1 }]],
    ['session open 503', [{ route: OPEN_ONLINE, kind: 'http503', count: 3 }]],
    ['session 415 (key not unwrapped)', [{ route: OPEN_ONLINE, kind: 'session-status', status: 415, count: 1 }]],
    ['auth challenge 503', [{ route: CHALLENGE, kind: 'http503', count: 3 }]],
    ['auth challenge: HTML maintenance page', [{ route: CHALLENGE, kind: 'html', status: 503, count: 3 }]],
    ['token auth: HTML page with 200', [{ route: TOKEN_AUTH, kind: 'html', count: 1 }]],
    ['auth status hang', [{ route: AUTH_STATUS, kind: 'hang', count: 1 }]],
    ['redeem 500', [{ route: REDEEM, kind: 'http500', count: 2 }]],
    ['UPO not available across many polls', [{ route: INVOICE_UPO, kind: 'refuse', status: 21405, count: 12 }]],
  ])('%s: accepted, registered once', async (_, faults) => {
    const invs = await onlineCase(faults, 6);
    await expectStates(invs, 'accepted');
    if (faults.some((f) => SILENT.includes(f.kind))) {
      // The armed fault really met a request: the simulator logs an unanswered one with status 0.
      expect((await w.requests()).some((r) => r.status === 0)).toBe(true);
    }
    for (const inv of invs) expect((await w.record(inv.id))?.upo).toBeTruthy();
    await w.registeredOnce(invs.map((i) => i.number));
  });

  it.each([
    ['getInvoices', 'stall'],
    ['getInvoices', 'down'],
    ['getInvoices', 'http500'],
  ] as const)(
    'Base %s: %s at the first send: the invoice waits, then is accepted and registered once',
    async (method, kind) => {
      w = await RealWorld.start();
      const inv = await w.addInvoice();
      await w.baseFault(method, kind);
      const first = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' }).catch((e: unknown) => e);
      // Nothing reached KSeF while Base gave no whole answer.
      expect((await w.registrations()).map((r) => r.invoiceNumber)).not.toContain(inv.number);
      expect(first).toBeDefined();
      await w.live(3 * HOUR, 5 * 60_000);
      await expectStates([inv], 'accepted');
      await w.registeredOnce([inv.number]);
    },
  );

  it('status 150 for two days (the simulator clock): accepted in the end, registered once', async () => {
    const invs = await onlineCase([{ route: '', kind: 'invoice-delay', ms: 2 * 24 * HOUR, count: 2 }], 3 * 24);
    for (const inv of invs) {
      const rec =
        (await w.record(inv.id))?.state === 'accepted' ? await w.record(inv.id) : await w.pipeline.checkNow(inv.id);
      expect(rec?.state).toBe('accepted');
    }
    await w.registeredOnce(invs.map((i) => i.number));
  });

  it('an invoice KSeF rejects (450) ends rejected with the reason; the other accepted; each received once', async () => {
    const invs = await onlineCase([{ route: '', kind: 'invoice-status', status: 450, count: 1 }]);
    const [bad, good] = invs;
    const rec = await w.record(bad!.id);
    expect(rec?.state).toBe('rejected');
    expect(rec?.ksefStatus?.code).toBe(450);
    expect((await w.record(good!.id))?.state).toBe('accepted');
    const regs = new Map((await w.registrations()).map((r) => [r.invoiceNumber, r]));
    expect(regs.get(bad!.number)).toMatchObject({ received: 1, accepted: 0, registrations: 0 });
    await w.registeredOnce([good!.number]);
  });
});

describe('fault matrix: batch export (real adapter, simulator)', { timeout: 180_000 }, () => {
  it.each<[string, Fault[]]>([
    ['batch open 503', [{ route: OPEN_BATCH, kind: 'http503', count: 2 }]],
    ['batch open hang', [{ route: OPEN_BATCH, kind: 'hang', count: 1 }]],
    ['batch open 429', [{ route: OPEN_BATCH, kind: 'http429', count: 2 }]],
    ['batch close 503', [{ route: CLOSE_BATCH, kind: 'http503', count: 2 }]],
    ['batch close hang', [{ route: CLOSE_BATCH, kind: 'hang', count: 1 }]],
    ['batch close: half an answer, then silence', [{ route: CLOSE_BATCH, kind: 'stall-after-headers', count: 1 }]],
    ['batch open: half an answer, then silence', [{ route: OPEN_BATCH, kind: 'stall-after-headers', count: 1 }]],
    ['batch close answer lost', [{ route: CLOSE_BATCH, kind: 'drop-after-accept', count: 1 }]],
    ['access token expired between upload and close (401)', [{ route: CLOSE_BATCH, kind: 'http401', count: 1 }]],
    ['batch close 21208 (upload window passed)', [{ route: CLOSE_BATCH, kind: 'refuse', status: 21208, count: 1 }]],
    ['batch session status hang', [{ route: SESSION, kind: 'hang', count: 2 }]],
    ['batch results list 503', [{ route: SESSION_LIST, kind: 'http503', count: 3 }]],
  ])('%s: every invoice accepted, registered once', async (_, faults) => {
    const invs = await batchCase(faults, 6);
    await expectStates(invs, 'accepted');
    await w.registeredOnce(invs.map((i) => i.number));
  });

  it('the access token running out (clock) between upload and close: accepted, registered once', async () => {
    w = await RealWorld.start({ pipeline: { batchThreshold: 2 }, dataset: makeDemoDataset() });
    const invs = await w.addInvoices(3);
    // The close waits behind a hang; meanwhile the 15-minute access token expires on KSeF's clock.
    await w.fault(CLOSE_BATCH, 'hang');
    await w.pipeline.startExport(monthOf(w.now));
    w.advance(20 * 60_000);
    await w.live(6 * HOUR, 5 * 60_000);
    await expectStates(invs, 'accepted');
    await w.registeredOnce(invs.map((i) => i.number));
  });

  it('batch session 445 (no valid invoices): each rejected (450) with the reason, received once', async () => {
    const invs = await batchCase([{ route: OPEN_BATCH, kind: 'session-status', status: 445, count: 1 }]);
    const regs = new Map((await w.registrations()).map((r) => [r.invoiceNumber, r]));
    for (const inv of invs) {
      const rec = await w.record(inv.id);
      expect(rec?.state).toBe('rejected');
      expect(rec?.ksefStatus?.code).toBe(450);
      expect(regs.get(inv.number)).toMatchObject({ received: 1, registrations: 0 });
    }
  });
});
