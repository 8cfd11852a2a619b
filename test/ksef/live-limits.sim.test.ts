// KSeF's current limits (GET /rate-limits, GET /limits/context) read after login, kept with the limiter and used
// instead of the static table; re-read daily; a failed read changes nothing for the call that triggered it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../src/ksef/errors';
import type { LiveLimitsState } from '../../src/ksef/live-limits';
import { MemoryKvStore } from '../../src/ksef/storage';
import { SELLER_NIP, SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

const LIVE_KEY = `ksef:test:${SELLER_NIP}:ratelimit:live`;
const reads = async () => (await h.requests()).filter((r) => r.path === '/v2/rate-limits').length;

describe('live KSeF limits', () => {
  it('are read after login and enforced instead of the static table', async () => {
    // This environment allows 3 sends a minute (the static table says 30).
    const groups = { invoiceSend: { perSecond: 5, perMinute: 3, perHour: 50 } };
    await h.ctl('POST', '/__sim/rate-limits', { enabled: true, groups });
    const store = new MemoryKvStore();
    const client = h.client(await h.token(), { store, rateLimits: { maxWaitMs: 100 } });
    for (let i = 0; i < 3; i++) await client.sendInvoice(withInvoiceNumber(sample(), `L/${i}`));
    const err = await client.sendInvoice(withInvoiceNumber(sample(), 'L/3')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).source).toBe('client');
    expect((await h.requests()).filter((r) => r.status === 429)).toEqual([]);
    const state = await store.get<LiveLimitsState>(LIVE_KEY);
    expect(state?.live?.rates.invoiceSend).toEqual(groups.invoiceSend);
    expect(state?.live?.context?.onlineSession).toEqual({
      maxInvoiceSizeInMB: 1,
      maxInvoiceWithAttachmentSizeInMB: 3,
      maxInvoices: 10_000,
    });
  });

  it('are kept in storage across clients and read again after a day', async () => {
    let now = Date.now();
    const store = new MemoryKvStore();
    const token = await h.token();
    const make = () => h.client(token, { store, rateLimits: true, now: () => now });
    await make().sendInvoice(withInvoiceNumber(sample(), 'D/1'));
    expect(await reads()).toBe(1);
    await make().sendInvoice(withInvoiceNumber(sample(), 'D/2'));
    expect(await reads()).toBe(1);
    now += 24 * 3_600_000;
    await make().queryCertificates();
    expect(await reads()).toBe(2);
    expect((await store.get<LiveLimitsState>(LIVE_KEY))?.live?.fetchedAt).toBe(now);
  });

  it('a failed read leaves the static table in force, and is retried only after an hour', async () => {
    let now = Date.now();
    await h.fault('GET /v2/rate-limits', 'http500', { count: 5 });
    const store = new MemoryKvStore();
    const client = h.client(await h.token(), { store, rateLimits: true, now: () => now });
    const sent = await client.sendInvoice(withInvoiceNumber(sample(), 'F/1'));
    expect(sent.invoiceReferenceNumber).toBeTruthy();
    expect(await reads()).toBe(1);
    expect((await store.get<LiveLimitsState>(LIVE_KEY))?.live).toBeUndefined();
    await client.sendInvoice(withInvoiceNumber(sample(), 'F/2'));
    expect(await reads()).toBe(1);
    now += 3_600_000;
    await h.ctl('POST', '/__sim/faults', { route: 'GET /v2/rate-limits', kind: 'http500', count: 0 });
    await client.sendInvoice(withInvoiceNumber(sample(), 'F/3'));
    expect(await reads()).toBe(2);
    expect((await store.get<LiveLimitsState>(LIVE_KEY))?.live?.rates.invoiceSend).toEqual({
      perSecond: 10,
      perMinute: 30,
      perHour: 180,
    });
  });
});
