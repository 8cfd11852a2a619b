// The client-side limiter against the simulator with KSeF's limits switched on: a burst above the
// per-second limit is smoothed by the client, so KSeF never has to answer 429.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KSEF_ENVIRONMENTS, withApiBase } from '../../src/ksef/env';
import { SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start({ rateLimits: true });
});
afterEach(() => h.close());

describe('client-side limiter with KSeF limits on', () => {
  it('12 invoices in a burst (limit 10/s): no 429 from KSeF, all accepted', async () => {
    const client = h.client(await h.token(), { rateLimits: true });
    const sent = [];
    for (let i = 0; i < 12; i++) sent.push(await client.sendInvoice(withInvoiceNumber(sample(), `BURST/${i}`)));
    const reqs = await h.requests();
    expect(reqs.filter((r) => r.status === 429)).toEqual([]);
    const posts = reqs.filter((r) => r.method === 'POST' && r.path.endsWith('/invoices'));
    expect(posts).toHaveLength(12);
    // The 11th POST left at least a second after the first (sliding 1 s window).
    const at = (v: number | string) => (typeof v === 'number' ? v : Date.parse(v));
    expect(at(posts[10]!.at) - at(posts[0]!.at)).toBeGreaterThanOrEqual(990);
    for (const s of sent) {
      const o = await client.waitForInvoice(s.sessionReferenceNumber, s.invoiceReferenceNumber);
      expect(o.state).toBe('accepted');
    }
  });
});

describe('environment rules', () => {
  it('the self-signed "test" login is refused outside TEST without contacting KSeF for it', async () => {
    const client = h.client({ kind: 'xades-test' }, { env: withApiBase(KSEF_ENVIRONMENTS.prod, h.sim.baseUrl) });
    const err = await client.login().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rejected' });
    expect((err as Error).message).toMatch(/tylko w środowisku testowym/);
    expect((await h.requests()).some((r) => r.path.endsWith('/auth/xades-signature'))).toBe(false);
  });
});
