/**
 * Stuck records have a way out: a status 150 for days, or a check that fails every time, is
 * raised to needs-attention with the reason after the configured time / number of checks (the
 * link kept); "Sprawdź teraz" re-checks one record, and "Oznacz jako niewysłaną" releases one
 * only when KSeF's session list confirms the invoice is not registered.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PipelineError } from '../../../src/pipeline/errors';
import { closeShared, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';
const SESSION_LIST = 'GET /sessions/{referenceNumber}/invoices';
const INVOICE_STATUS = 'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}';
const DAY = 24 * 60 * 60_000;

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

describe('escalation and manual control (real adapter, simulator)', { timeout: 180_000 }, () => {
  it('status 150 for three days: needs-attention after 24 h with the link kept, accepted once KSeF decides', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    await w.fault('', 'invoice-delay', { ms: 3 * DAY });
    const sent = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(DAY + 2 * 60 * 60_000, 5 * 60_000);
    const stuck = await w.record(inv.id);
    expect(stuck?.state).toBe('needs-attention');
    expect(stuck?.reasonCode).toBe('stuck-processing');
    expect(stuck?.sessionRef).toBe(sent.sessionRef);
    expect(stuck?.invoiceRef).toBe(sent.invoiceRef);
    // "Sprawdź teraz" while KSeF still says 150: nothing changes, nothing is sent.
    expect((await w.pipeline.checkNow(inv.id))?.state).toBe('needs-attention');
    await w.live(2 * DAY, 30 * 60_000);
    const done =
      (await w.record(inv.id))?.state === 'accepted' ? await w.record(inv.id) : await w.pipeline.checkNow(inv.id);
    expect(done?.state).toBe('accepted');
    await w.registeredOnce([inv.number]);
  });

  it('a status check refused (400) every time is raised to needs-attention after N checks; "Sprawdź teraz" settles it', async () => {
    w = await RealWorld.start({ pipeline: { escalateAfterFailedChecks: 4 } });
    const inv = await w.addInvoice();
    await w.fault(INVOICE_STATUS, 'refuse', { status: 21405, count: 10_000 });
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(12 * 60 * 60_000, 5 * 60_000);
    const stuck = await w.record(inv.id);
    expect(stuck?.state).toBe('needs-attention');
    expect(stuck?.sessionRef).toBeTruthy();
    expect(stuck?.invoiceRef).toBeTruthy();
    // Checks are bounded: no status request a minute for hours.
    const checks = (await w.requests()).filter((r) => r.method === 'GET' && /\/invoices\/[^/]+$/.test(r.path));
    expect(checks.length).toBeLessThan(30);
    await w.fault(INVOICE_STATUS, 'refuse', { count: 0 });
    expect((await w.pipeline.checkNow(inv.id))?.state).toBe('accepted');
    await w.registeredOnce([inv.number]);
  });

  it('"Oznacz jako niewysłaną" releases a send KSeF confirms it never registered; sent again once', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    // The POST hangs and is never processed: the outcome is unknown until the list is read.
    await w.fault(POST_INVOICE, 'hang');
    const r = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    expect(r.state).toBe('sending');
    const released = await w.pipeline.markUnsent(inv.id);
    expect(released.reasonCode).toBe('marked-unsent');
    expect(released.sessionRef).toBeUndefined();
    expect(await w.registrations()).toEqual([]);
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(60 * 60_000);
    expect((await w.record(inv.id))?.state).toBe('accepted');
    await w.registeredOnce([inv.number]);
  });

  it('"Oznacz jako niewysłaną" is refused when KSeF has the invoice; nothing is sent twice', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    await w.fault(POST_INVOICE, 'drop-after-accept');
    await w.fault(SESSION_LIST, 'http503', { count: 1 });
    const r = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    expect(r.state).toBe('sending');
    const e = await w.pipeline.markUnsent(inv.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PipelineError);
    const rec = await w.record(inv.id);
    expect(rec?.sessionRef).toBe(r.sessionRef);
    await w.live(60 * 60_000);
    expect((await w.record(inv.id))?.state).toBe('accepted');
    await w.registeredOnce([inv.number]);
  });

  it('"Oznacz jako niewysłaną" is refused while the session list cannot be read', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    await w.fault(POST_INVOICE, 'drop-after-accept');
    await w.fault(SESSION_LIST, 'http503', { count: 2 });
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    const e = await w.pipeline.markUnsent(inv.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PipelineError);
    expect((await w.record(inv.id))?.state).not.toBe('queued');
    await w.live(60 * 60_000);
    expect((await w.record(inv.id))?.state).toBe('accepted');
    await w.registeredOnce([inv.number]);
  });
});
