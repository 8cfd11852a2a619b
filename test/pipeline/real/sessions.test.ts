/**
 * One reconciliation path and one session: the KSeF port POSTs once into the session the
 * pipeline recorded (no look-up and no second POST of its own), so the record always names the
 * session KSeF registered the invoice in; quick concurrent sends open one online session.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ksefPort } from '../../../src/background/adapters/ksef-port';
import { PortError } from '../../../src/pipeline/ports';
import { closeShared, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

function clientPort() {
  return ksefPort(async () => {
    const c = w.life.clients.get(`test|${w.settings.nip}`);
    if (!c) throw new Error('no client yet');
    return c;
  });
}

describe('the KSeF port and the online session (real adapter, simulator)', { timeout: 180_000 }, () => {
  it('POSTs once into the given session: a lost answer is "unknown outcome", with no look-up or second POST', async () => {
    w = await RealWorld.start();
    const [a] = await w.addInvoices(1);
    // A send through the pipeline makes the client, its session and a's FA(3) bytes.
    const sent = await w.pipeline.sendInvoice(a!.id, { trigger: 'manual' });
    const port = clientPort();
    const { sessionRef } = await port.ensureSession();
    expect(sessionRef).toBe(sent.sessionRef);
    const xml = (await w.record(a!.id))!.xml!;
    const rec = { hash: sent.hash };
    const before = (await w.requests()).length;
    await w.fault(POST_INVOICE, 'drop-after-accept');
    const e = await port.sendOnline({ sessionRef, xml, hash: rec!.hash!, offline: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PortError);
    expect((e as PortError).kind).toBe('unknown-outcome');
    const calls = (await w.requests()).slice(before);
    expect(calls.map((r) => `${r.method} ${r.path.replace(sessionRef, '{ref}')}`)).toEqual([
      'POST /v2/sessions/online/{ref}/invoices',
    ]);
  });

  it('a session KSeF no longer takes (21180) is "session-gone": nothing registered, no POST elsewhere', async () => {
    w = await RealWorld.start();
    const [a] = await w.addInvoices(1);
    const sent = await w.pipeline.sendInvoice(a!.id, { trigger: 'manual' });
    const port = clientPort();
    await w.fault(POST_INVOICE, 'refuse', { status: 21180 });
    const before = (await w.requests()).length;
    const e = await port
      .sendOnline({
        sessionRef: sent.sessionRef!,
        xml: sent.xml ?? new Uint8Array([1]),
        hash: sent.hash!,
        offline: false,
      })
      .catch((x: unknown) => x);
    expect((e as PortError).kind).toBe('session-gone');
    const posts = (await w.requests()).slice(before).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
  });

  it('after KSeF refuses the recorded session, the record names the session the invoice is registered in', async () => {
    w = await RealWorld.start();
    const [a, b] = await w.addInvoices(2);
    const first = await w.pipeline.sendInvoice(a!.id, { trigger: 'manual' });
    await w.fault(POST_INVOICE, 'refuse', { status: 21180 });
    await w.pipeline.sendInvoice(b!.id, { trigger: 'manual' });
    await w.live(2 * 60 * 60_000);
    const rec = await w.record(b!.id);
    expect(rec?.state).toBe('accepted');
    const inKsef = (
      await w.ctl<{ invoiceNumber: string; sessionReferenceNumber: string }[]>(
        'test',
        'GET',
        `/__sim/invoices?nip=${w.settings.nip}`,
      )
    ).filter((i) => i.invoiceNumber === b!.number);
    expect(inKsef).toHaveLength(1);
    expect(rec?.sessionRef).toBe(inKsef[0]!.sessionReferenceNumber);
    expect(first.sessionRef).toBeTruthy();
    await w.registeredOnce([a!.number, b!.number]);
  });

  it('three quick sends of different invoices open one online session', async () => {
    w = await RealWorld.start();
    const invs = await w.addInvoices(3);
    const recs = await Promise.all(invs.map((i) => w.pipeline.sendInvoice(i.id, { trigger: 'manual' })));
    const opens = (await w.requests()).filter((r) => r.method === 'POST' && r.path === '/v2/sessions/online');
    expect(opens).toHaveLength(1);
    expect(new Set(recs.map((r) => r.sessionRef)).size).toBe(1);
    await w.live(60 * 60_000);
    for (const i of invs) expect((await w.record(i.id))?.state).toBe('accepted');
    await w.registeredOnce(invs.map((i) => i.number));
  });
});
