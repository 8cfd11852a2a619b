// The pipeline's KSeF port over the real client against the simulator: one POST into the session
// the pipeline recorded, errors mapped to what the pipeline must do with them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ksefPort, toPortError } from '../../src/background/adapters/ksef-port';
import { KsefRejectionError, ProtocolError, RateLimitedError } from '../../src/ksef/errors';
import { PortError } from '../../src/pipeline/ports';
import { SimHarness, sample, withInvoiceNumber } from '../ksef/sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

const SEND_ROUTE = 'POST /v2/sessions/online/{referenceNumber}/invoices';
const hashOf = async (xml: Uint8Array) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', xml as Uint8Array<ArrayBuffer>)).toString('base64');

describe('ksefPort (real client, simulator)', () => {
  it('sendOnline posts once into the recorded session; a lost answer is unknown-outcome, settled by look-up', async () => {
    const client = h.client(await h.token());
    const port = ksefPort(async () => client);
    const { sessionRef } = await port.ensureSession();
    const xml = withInvoiceNumber(sample(), 'PORT/1');
    const hash = await hashOf(xml);
    await h.fault(SEND_ROUTE, 'drop-after-accept');
    const err = await port.sendOnline({ sessionRef, xml, hash, offline: false }).catch((e) => e);
    expect(err).toBeInstanceOf(PortError);
    expect((err as PortError).kind).toBe('unknown-outcome');
    const posts = (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toContain(sessionRef);
    expect(await port.findInSession(sessionRef, hash)).not.toBeNull();
    expect(await h.invoices()).toHaveLength(1);
  });

  it('a session the client no longer holds is session-gone: nothing is posted', async () => {
    const client = h.client(await h.token());
    const port = ksefPort(async () => client);
    const { sessionRef } = await port.ensureSession();
    await client.online.close();
    const err = await port
      .sendOnline({ sessionRef, xml: sample(), hash: await hashOf(sample()), offline: false })
      .catch((e) => e);
    expect((err as PortError).kind).toBe('session-gone');
    expect((await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'))).toHaveLength(0);
  });

  it('21173 on a look-up (a session KSeF does not know) is not-found', async () => {
    const client = h.client(await h.token());
    const port = ksefPort(async () => client);
    const err = await port.findInSession('20260101-SO-0000000000-0000000000-00', 'AAAA').catch((e) => e);
    expect((err as PortError).kind).toBe('not-found');
  });

  it('maps 404 / 21173 on look-ups to not-found, and keeps 429 a rate limit with its time', () => {
    const r21173 = new KsefRejectionError('x', 400, [{ code: 21173, description: 'Brak sesji', details: [] }]);
    expect((toPortError(r21173, false, true) as PortError).kind).toBe('not-found');
    expect((toPortError(new ProtocolError('HTTP 404', 404), false, true) as PortError).kind).toBe('not-found');
    const limited = toPortError(new RateLimitedError(123, 'sessionInvoiceList', 'server', []), false, true);
    expect([(limited as PortError).kind, (limited as PortError).retryAt]).toEqual(['rate-limited', 123]);
    // On the POST itself 21173 means the session cannot take it: nothing registered.
    expect((toPortError(r21173, true) as PortError).kind).toBe('session-gone');
    const full = new KsefRejectionError('x', 400, [{ code: 21155, description: 'Sesja pełna', details: [] }]);
    expect((toPortError(full, true) as PortError).kind).toBe('session-gone');
  });
});
