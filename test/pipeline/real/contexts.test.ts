/**
 * Records belong to an environment and a seller NIP: an invoice sent on TEST is "not sent" on
 * PROD, and what was in flight on TEST is settled against TEST after the switch, never lost.
 * Look-ups in a session KSeF does not know (21173) mean "not found", not "rejected".
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ksefPort } from '../../../src/background/adapters/ksef-port';
import { PortError } from '../../../src/pipeline/ports';
import { closeShared, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';
const SESSION_LIST = 'GET /sessions/{referenceNumber}/invoices';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

describe('records per environment and NIP (real adapter, simulator)', { timeout: 180_000 }, () => {
  it('an invoice accepted on TEST is not sent on PROD: after the switch it goes to PROD once', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(60_000);
    const onTest = await w.record(inv.id, 'test');
    expect(onTest?.state).toBe('accepted');

    await w.sim('prod');
    w.settings = { ...w.settings, env: 'prod' };
    expect(await w.record(inv.id, 'prod')).toBeUndefined();
    const month = new Date(w.now).toISOString().slice(0, 7);
    expect(await w.pipeline.exportCount(month)).toBeGreaterThanOrEqual(1);
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(60_000);
    const onProd = await w.record(inv.id, 'prod');
    expect(onProd?.state).toBe('accepted');
    expect(onProd?.ksefNumber).not.toBe(onTest?.ksefNumber);
    // The TEST record is untouched.
    expect((await w.record(inv.id, 'test'))?.ksefNumber).toBe(onTest?.ksefNumber);
    await w.registeredOnce([inv.number], 'test');
    await w.registeredOnce([inv.number], 'prod');
  });

  it('a send left with an unknown outcome on TEST is settled against TEST after the switch to PROD', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    await w.fault(POST_INVOICE, 'drop-after-accept');
    await w.fault(SESSION_LIST, 'http503', { count: 3 });
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    const before = await w.record(inv.id, 'test');
    expect(before?.state).toBe('sending');
    expect(before?.sessionRef).toBeTruthy();

    await w.sim('prod');
    w.settings = { ...w.settings, env: 'prod' };
    // The same worker lives on (no restart): its wake-ups and the hourly poll settle it.
    await w.live(6 * 60 * 60_000);
    const settled = await w.record(inv.id, 'test');
    expect(settled?.state).toBe('accepted');
    expect(settled?.sessionRef).toBe(before?.sessionRef);
    await w.registeredOnce([inv.number], 'test');
    expect(await w.registrations('prod')).toEqual([]);
  });

  it('without credentials for the old context the in-flight record shows needs-attention with its link', async () => {
    w = await RealWorld.start();
    const inv = await w.addInvoice();
    await w.fault(POST_INVOICE, 'drop-after-accept');
    await w.fault(SESSION_LIST, 'http503', { count: 3 });
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    const before = await w.record(inv.id, 'test');

    await w.sim('prod');
    w.settings = { ...w.settings, env: 'prod' };
    w.tokens.delete('test'); // the TEST token is gone with the switch
    await w.restart();
    await w.live(2 * 60 * 60_000);
    const rec = await w.record(inv.id, 'test');
    expect(rec?.state).toBe('needs-attention');
    expect(rec?.reasonCode).toMatch(/^context-changed/);
    expect(rec?.sessionRef).toBe(before?.sessionRef);
    expect(rec?.hash).toBe(before?.hash);
    // Nothing was sent again anywhere.
    expect((await w.registrations('test'))[0]).toMatchObject({ received: 1 });
    expect(await w.registrations('prod')).toEqual([]);
  });

  it('21173 (no such session) on a look-up or a status check is "not found", not a rejection', async () => {
    w = await RealWorld.start();
    const client = () => {
      const c = w.life.clients.get(`test|${w.settings.nip}`);
      if (c) return Promise.resolve(c);
      return Promise.reject(new Error('no client'));
    };
    // Make the life's client exist (a real send), then use the adapter over it directly.
    const inv = await w.addInvoice();
    const sent = await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    const port = ksefPort(client);
    const unknownSession = sent.sessionRef!.replace(/-[0-9A-F]{2}$/, '-00').replace(/^(\d{8}-SO-)[0-9A-F]/, '$10');
    const e1 = await port.findInSession(unknownSession, sent.hash!).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(PortError);
    expect((e1 as PortError).kind).toBe('not-found');
    const e2 = await port.status(unknownSession, sent.invoiceRef!).catch((e: unknown) => e);
    expect((e2 as PortError).kind).toBe('not-found');
  });
});
