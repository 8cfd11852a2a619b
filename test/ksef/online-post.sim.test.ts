// The pipeline's send path in the client: ONE invoice POST into a given, held session (no look-up,
// no resend), and one session opening per context however many callers ask at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, SessionNotHeldError } from '../../src/ksef/errors';
import { MemoryKvStore } from '../../src/ksef/storage';
import { SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

const SEND_ROUTE = 'POST /v2/sessions/online/{referenceNumber}/invoices';
const posts = async (suffix: string) =>
  (await h.requests()).filter((r) => r.method === 'POST' && r.path.replace(/\?.*$/, '').endsWith(suffix));

describe('OnlineSessions.postInvoice and session opening', () => {
  it('three concurrent openings of one context open ONE session (two clients, one store)', async () => {
    const token = await h.token();
    const store = new MemoryKvStore();
    const a = h.client(token, { store });
    const b = h.client(token, { store });
    const sessions = await Promise.all([a.online.ensureOpen(), b.online.ensureOpen(), a.online.ensureOpen()]);
    expect(new Set(sessions.map((s) => s.referenceNumber)).size).toBe(1);
    expect(await posts('/sessions/online')).toHaveLength(1);
  });

  it('a lost answer is reported as unknown: one POST, no look-up, no second POST', async () => {
    const client = h.client(await h.token());
    const session = await client.online.ensureOpen();
    await h.fault(SEND_ROUTE, 'drop-after-accept');
    const err = await client.online
      .postInvoice(session.referenceNumber, withInvoiceNumber(sample(), 'ONE/1'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).outcomeUnknown).toBe(true);
    const reqs = await h.requests();
    expect(reqs.filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'))).toHaveLength(1);
    expect(reqs.some((r) => r.method === 'GET' && /\/sessions\/[^/]+\/invoices/.test(r.path))).toBe(false);
    // KSeF did register it: the caller's look-up finds it.
    const found = await client.online.findByHash(session.referenceNumber, (await h.invoices())[0]!.invoiceHash);
    expect(found).toBeDefined();
  });

  it('refuses to POST into a session it does not hold (nothing sent)', async () => {
    const client = h.client(await h.token());
    await client.online.ensureOpen();
    const err = await client.online.postInvoice('20260101-SO-0000000000-0000000000-00', sample()).catch((e) => e);
    expect(err).toBeInstanceOf(SessionNotHeldError);
    expect(await posts('/invoices')).toHaveLength(0);
  });
});
