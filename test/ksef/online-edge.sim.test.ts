// Edge cases of the online session: 21470 when opening after a key rotation, a session KSeF no
// longer accepts, and a lost answer whose reconciliation is itself impossible.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Base64 } from '../../src/ksef/encoding';
import { NetworkError } from '../../src/ksef/errors';
import { MemoryKvStore } from '../../src/ksef/storage';
import { SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

describe('online session edge cases', () => {
  it('21470 on POST /sessions/online after key rotation: refetch, re-wrap the key, open, send', async () => {
    const client = h.client(await h.token());
    await client.login();
    await h.ctl('POST', '/__sim/rotate-keys');
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'ROT/1'));
    expect((await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber)).state).toBe(
      'accepted',
    );
    const opens = (await h.requests()).filter((r) => r.method === 'POST' && r.path === '/v2/sessions/online');
    expect(opens.map((r) => r.status)).toEqual([400, 201]);
  });

  it('a stored session KSeF has closed (21180/21173): a new session is opened and the invoice sent once', async () => {
    const store = new MemoryKvStore();
    const token = await h.token();
    const a = h.client(token, { store });
    const first = await a.sendInvoice(withInvoiceNumber(sample(), 'CL/1'));
    // Another worker instance closes the session on KSeF but our stored copy is stale.
    const stale = await store.get('ksef:test:5265877635:online-session');
    await a.closeOnlineSession();
    await store.set('ksef:test:5265877635:online-session', stale);
    const b = h.client(token, { store });
    const second = await b.sendInvoice(withInvoiceNumber(sample(), 'CL/2'));
    expect(second.sessionReferenceNumber).not.toBe(first.sessionReferenceNumber);
    const posts = (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'));
    expect(posts.map((r) => r.status)).toEqual([202, 400, 202]);
    expect((await b.waitForInvoice(second.sessionReferenceNumber, second.invoiceReferenceNumber)).state).toBe(
      'accepted',
    );
  });

  it('lost answer and the session list unreachable: NetworkError(outcomeUnknown), no second POST', async () => {
    const client = h.client(await h.token());
    await client.online.ensureOpen();
    await h.fault('POST /v2/sessions/online/{referenceNumber}/invoices', 'drop-after-accept');
    await h.fault('GET /v2/sessions/{referenceNumber}/invoices', 'http503');
    const xml = withInvoiceNumber(sample(), 'UNK/1');
    const err = await client.sendInvoice(xml).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).outcomeUnknown).toBe(true);
    const posts = (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'));
    expect(posts).toHaveLength(1);
    // Later (worker restart, alarm), reconciliation by hash finds it: nothing is sent twice.
    const session = await client.online.current();
    const found = await client.findInvoice(session!.referenceNumber, await sha256Base64(xml));
    expect(found?.state).toBe('accepted');
    const never = await client.findInvoice(
      session!.referenceNumber,
      await sha256Base64(withInvoiceNumber(sample(), 'X')),
    );
    expect(never).toBeUndefined();
    expect(await h.invoices()).toHaveLength(1);
  });

  it('a repeated send after an unknown outcome (worker restart) looks up first and never POSTs again', async () => {
    const store = new MemoryKvStore();
    const token = await h.token();
    const a = h.client(token, { store });
    await a.online.ensureOpen();
    await h.fault('POST /v2/sessions/online/{referenceNumber}/invoices', 'drop-after-accept');
    await h.fault('GET /v2/sessions/{referenceNumber}/invoices', 'http503');
    const xml = withInvoiceNumber(sample(), 'RESTART/1');
    await expect(a.sendInvoice(xml)).rejects.toMatchObject({ kind: 'network', outcomeUnknown: true });

    const b = h.client(token, { store }); // the outbox retries the send after a restart
    const sent = await b.sendInvoice(xml);
    expect(sent.recovered).toBe(true);
    const posts = (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'));
    expect(posts).toHaveLength(1);
    expect((await b.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber)).state).toBe('accepted');
    expect(await h.invoices()).toHaveLength(1);
    // The pending record is gone: a later deliberate send of the same bytes goes to KSeF (→ 440 there).
    expect([...store.map.keys()].some((k) => k.includes('pending-send'))).toBe(false);
  });
});
