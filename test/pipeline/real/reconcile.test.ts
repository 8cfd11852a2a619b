/**
 * Unknown stays unknown: once an invoice POST may have reached KSeF, a later failure of the
 * look-up (the client's own limit of 20 session-list calls a minute, a 429, 5xx, a hang) keeps the
 * record `sending` with its bytes, hash and session until KSeF's session list settles it. Never
 * rebuilt, never sent again, so KSeF never answers 440 to our own second copy.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeShared, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';
const SESSION_LIST = 'GET /sessions/{referenceNumber}/invoices';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

describe('reconciliation after lost answers (real adapter, simulator)', { timeout: 180_000 }, () => {
  it('25 lost answers in a burst with the client limit on: each kept with its link, each registered once', async () => {
    w = await RealWorld.start({ clientLimits: true });
    const invs = await w.addInvoices(25);
    await w.fault(POST_INVOICE, 'drop-after-accept', { count: 25 });
    const sent = new Map<string, { hash?: string | undefined; sessionRef?: string | undefined }>();
    for (const inv of invs) {
      const r = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
      sent.set(inv.id, { hash: r.hash, sessionRef: r.sessionRef });
    }
    // Whatever the look-ups met, no record lost its link or was rebuilt.
    for (let step = 0; step < 30; step++) {
      await w.live(60_000);
      for (const inv of invs) {
        const rec = await w.record(inv.id);
        if (rec?.state === 'accepted') continue;
        expect(rec?.hash, inv.number).toBe(sent.get(inv.id)?.hash);
        expect(rec?.sessionRef, inv.number).toBe(sent.get(inv.id)?.sessionRef);
      }
    }
    let limited = 0;
    for (const inv of invs) {
      const rec = await w.record(inv.id);
      if (JSON.stringify(rec?.attempts ?? []).includes('rate-limited')) limited++;
      expect(rec?.state, inv.number).toBe('accepted');
      expect(rec?.hash, inv.number).toBe(sent.get(inv.id)?.hash);
      expect(rec?.upo, inv.number).toContain(rec!.ksefNumber!);
    }
    // The client's own limit really stopped some look-ups (20 a minute for 25 records).
    expect(limited).toBeGreaterThan(0);
    await w.registeredOnce(invs.map((i) => i.number));
    // Exactly one invoice POST per invoice reached the simulator.
    const posts = (await w.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'));
    expect(posts).toHaveLength(25);
  });

  it.each([
    ['429', 'http429'],
    ['503', 'http503'],
    ['a hang', 'hang'],
    ['half an answer, then silence', 'stall-after-headers'],
    ['an HTML page', 'html'],
  ])('the session list answering %s during reconciliation keeps the link; settled once it answers', async (_, kind) => {
    w = await RealWorld.start();
    const [a, b] = await w.addInvoices(2);
    await w.fault(POST_INVOICE, 'drop-after-accept', { count: 2 });
    await w.fault(SESSION_LIST, kind, { count: kind === 'hang' || kind === 'stall-after-headers' ? 2 : 6 });
    const ra = await w.pipeline.sendInvoice(a!.id, { trigger: 'manual' });
    const rb = await w.pipeline.sendInvoice(b!.id, { trigger: 'manual' });
    for (const r of [ra, rb]) {
      expect(r.state).toBe('sending');
      expect(r.sessionRef).toBeTruthy();
      expect(r.reasonCode).toBe('unknown-outcome');
    }
    await w.live(3 * 60 * 60_000);
    for (const [inv, r] of [
      [a!, ra],
      [b!, rb],
    ] as const) {
      const rec = await w.record(inv.id);
      expect(rec?.state).toBe('accepted');
      expect(rec?.sessionRef).toBe(r.sessionRef);
      expect(rec?.hash).toBe(r.hash);
    }
    await w.registeredOnce([a!.number, b!.number]);
  });

  it.each([
    // The hang fault answers before the simulator processes the invoice: KSeF has nothing, so the
    // invoice is sent once more in the same session, after the list confirmed it absent.
    ['nothing at all (KSeF never processed it)', 'hang', 2],
    // KSeF processed the invoice and began to answer; the client's deadline covers the body, so the
    // send ends as a lost answer instead of waiting for ever, and the list finds the invoice.
    ['headers and half a body, then silence (processed)', 'stall-after-headers', 1],
  ])('an invoice POST answered with %s: found in the session, registered once', async (_, kind, posts) => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    await w.fault(POST_INVOICE, kind);
    const r = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    expect(r.state).toBe('sending');
    await w.live(2 * 60 * 60_000);
    const rec = await w.record(inv.id);
    expect(rec?.state).toBe('accepted');
    expect(rec?.sessionRef).toBe(r.sessionRef);
    await w.registeredOnce([inv.number]);
    const sent = (await w.requests()).filter((q) => q.method === 'POST' && q.path.endsWith('/invoices'));
    expect(sent).toHaveLength(posts);
  });
});
