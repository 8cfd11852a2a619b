/**
 * The purchase sync with the real KSeF client and the real store against the simulator: empty,
 * one invoice, exactly one page, truncated windows, small increments by metadata + download,
 * expired and broken packages, the missing permission, and the mark kept per environment and NIP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Base64 } from '../../src/ksef/encoding';
import { scopeOf } from '../../src/purchase/types';
import { incomingFa3 } from '../sim/ksef/incoming';
import { BUYER_NIP, countCalls, OTHER_NIP, PurchaseWorld } from './helpers';

let w: PurchaseWorld;
beforeEach(async () => {
  w = await PurchaseWorld.start();
});
afterEach(async () => {
  await w.close();
});

const scope = scopeOf('test', BUYER_NIP);
const numbers = async () => (await w.store.list(scope)).map((r) => r.ksefNumber).sort();

describe('purchase sync against the simulator', { timeout: 90_000 }, () => {
  it('empty: a first sync with nothing received sets the mark and stores nothing', async () => {
    const out = await w.sync().run();
    expect(out).toMatchObject({ state: 'done', added: 0, notify: 0 });
    expect(await w.store.count(scope)).toBe(0);
    const st = await w.store.state(scope);
    expect(st.hwm).toBeTruthy();
    expect(st.export).toBeUndefined();
  });

  it('one invoice another NIP sent with our NIP as the buyer appears, bytes as sent', async () => {
    const seller = await w.client(OTHER_NIP);
    const today = new Date().toISOString().slice(0, 10);
    const xml = new TextEncoder().encode(
      incomingFa3({
        sellerNip: OTHER_NIP,
        sellerName: 'Dostawca Sp. z o.o.',
        sellerAddress: ['ul. Długa 1', '00-001 Warszawa'],
        buyerNip: BUYER_NIP,
        buyerName: 'Nabywca',
        number: 'FV/1/TEST',
        issueDate: today,
        lines: [{ name: 'Towar', unit: 'szt.', qty: 2, price: 10, rate: '23' }],
      }),
    );
    const sent = await seller.sendInvoice(xml);
    const outcome = await seller.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber, 5000);
    expect(outcome.state).toBe('accepted');
    const out = await w.sync().run();
    expect(out).toMatchObject({ state: 'done', added: 1, notify: 1 });
    const [rec] = await w.store.list(scope);
    expect(rec).toMatchObject({ invoiceNumber: 'FV/1/TEST', sellerNip: OTHER_NIP, gross: 24.6, vat: 4.6, net: 20 });
    expect(Buffer.from((await w.store.xml(rec!.id))!)).toEqual(Buffer.from(xml));
    expect(rec!.invoiceHash).toBe(await sha256Base64(xml));
    // The seller's own sync (Subject2 for its NIP) does not see it: it is not the buyer.
    expect(await w.sync({ nip: OTHER_NIP }).run()).toMatchObject({ state: 'done', added: 0 });
  });

  it('exactly one page, then small increments go by metadata + download, without an export', async () => {
    const first = await w.seed(250);
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 250, notify: 250 });
    expect(await numbers()).toEqual(first.map((s) => s.ksefNumber).sort());
    const exportsBefore = await countCalls(w, 'POST', '/v2/invoices/exports');
    const more = await w.seed(3);
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 3, notify: 3 });
    expect(await countCalls(w, 'POST', '/v2/invoices/exports')).toBe(exportsBefore);
    expect(await countCalls(w, 'GET', '/v2/invoices/ksef/')).toBe(3);
    expect(await w.store.count(scope)).toBe(253);
    for (const s of more) expect(await w.store.has(scope, s.ksefNumber)).toBe(true);
    // Nothing new: one metadata query, nothing stored.
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 0, notify: 0 });
  });

  it('more than a few new invoices go by export; a truncated package continues from its last date', async () => {
    await w.seed(5);
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 5 });
    await w.limits({ maxExportInvoices: 7 });
    const seeded = await w.seed(30);
    const before = await countCalls(w, 'POST', '/v2/invoices/exports');
    const out = await w.sync().run();
    expect(out).toMatchObject({ state: 'done', added: 30, notify: 30 });
    // 7 per package, each next window starting at the last date of the previous package, until
    // the rest is small enough to download one by one.
    expect((await countCalls(w, 'POST', '/v2/invoices/exports')) - before).toBeGreaterThanOrEqual(4);
    expect(await w.store.count(scope)).toBe(35);
    for (const s of seeded) expect(await w.store.has(scope, s.ksefNumber)).toBe(true);
  });

  it('an expired package (210) is asked for again', async () => {
    await w.seed(12);
    await w.sim.ctl('POST', '/__sim/export-faults', { kind: 'status', status: 210 });
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 12 });
    expect(await countCalls(w, 'POST', '/v2/invoices/exports')).toBe(2);
  });

  it('a package that expires while the worker is away is redone after the wait', async () => {
    await (await w.client()).login(); // the delay below would hold the login too
    await w.sim.ctl('POST', '/__sim/delays', { processingDelaysMs: [60_000, 0] });
    await w.seed(12);
    const first = await w.sync({ inlineWaitMs: 0 }).run();
    expect(first.state).toBe('waiting');
    expect((await w.store.state(scope)).export).toBeDefined();
    expect(w.wakeups.length).toBeGreaterThan(0);
    await w.sim.ctl('POST', '/__sim/delays', { processingDelaysMs: [0, 0] });
    await w.sim.ctl('POST', '/__sim/clock', { advanceMs: 2 * 3600_000 }); // ready, then expired (1 h)
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 12 });
    const statuses = (await w.requests()).filter((r) => r.path.startsWith('/v2/invoices/exports/'));
    expect(statuses.length).toBeGreaterThan(1);
    expect(await countCalls(w, 'POST', '/v2/invoices/exports')).toBe(2);
  });

  it.each(['corrupt-invoice', 'corrupt-part'])(
    'a package failing its hash (%s) is refused whole and fetched again',
    async (kind) => {
      await w.seed(15);
      await w.sim.ctl('POST', '/__sim/export-faults', { kind });
      expect(await w.sync().run()).toMatchObject({ state: 'done', added: 15 });
      expect(await countCalls(w, 'POST', '/v2/invoices/exports')).toBe(2);
      expect(await w.store.count(scope)).toBe(15);
      for (const r of await w.store.list(scope))
        expect(await sha256Base64((await w.store.xml(r.id))!)).toBe(r.invoiceHash);
    },
  );

  it('keeps refusing a package that never matches, storing nothing, and tries later', async () => {
    await w.seed(15);
    await w.sim.ctl('POST', '/__sim/export-faults', { kind: 'corrupt-invoice', count: 4 });
    const out = await w.sync().run();
    expect(out).toMatchObject({ state: 'failed', added: 0, error: { code: 'integrity' } });
    expect(await w.store.count(scope)).toBe(0);
    expect(w.wakeups.length).toBe(1);
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 15 });
  });

  it('a token without InvoiceRead gets the Polish explanation of the permission to add', async () => {
    await w.seed(2);
    const out = await w.sync({ permissions: ['InvoiceWrite'] }).run();
    expect(out.state).toBe('failed');
    if (out.state !== 'failed') return;
    expect(out.error.code).toBe('no-permission');
    expect(out.error.message).toContain('InvoiceRead');
    expect(out.error.message).toContain('Aplikacji Podatnika');
    expect((await w.store.state(scope)).lastError?.code).toBe('no-permission');
  });

  it('a rate limit becomes a wait at KSeF’s time, then the sync continues', async () => {
    await w.seed(3);
    await w.sync().run();
    await w.sim.fault('POST /v2/invoices/query/metadata', 'http429', { status: 30 });
    const out = await w.sync().run();
    expect(out.state).toBe('waiting');
    if (out.state === 'waiting') expect(out.retryAt).toBeGreaterThan(Date.now() + 20_000);
    expect(w.wakeups.at(-1)).toBe(out.state === 'waiting' ? out.retryAt : -1);
  });

  it('keeps the mark per environment and NIP', async () => {
    await w.seed(4);
    await w.seed(6, {}, OTHER_NIP);
    expect(await w.sync().run()).toMatchObject({ added: 4 });
    expect(await w.sync({ nip: OTHER_NIP }).run()).toMatchObject({ added: 6 });
    // The same NIP on another environment starts its own first sync (here the same simulator).
    expect(await w.sync({ env: 'demo' }).run()).toMatchObject({ added: 4 });
    const a = await w.store.state(scopeOf('test', BUYER_NIP));
    const b = await w.store.state(scopeOf('test', OTHER_NIP));
    const c = await w.store.state(scopeOf('demo', BUYER_NIP));
    expect(a.hwm && b.hwm && c.hwm).toBeTruthy();
    expect(await w.store.count(scopeOf('test', OTHER_NIP))).toBe(6);
    expect(await w.store.count(scopeOf('demo', BUYER_NIP))).toBe(4);
    expect(await w.store.count(scope)).toBe(4);
  });
});
