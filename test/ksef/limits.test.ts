import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../src/ksef/errors';
import { earliestSlot, LIMIT_RULES, RateLimiter } from '../../src/ksef/limits';
import { MemoryKvStore } from '../../src/ksef/storage';

function clock(start = 1_800_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe('limit windows (docs/ksef-protocol.md §8.1)', () => {
  it('earliestSlot honours each window', () => {
    const rule = LIMIT_RULES.invoiceSend; // 10/s, 30/min, 180/h
    const now = 1_000_000;
    expect(earliestSlot([], rule, now)).toBe(now);
    const tenIn500ms = Array.from({ length: 10 }, (_, i) => now - 500 + i);
    expect(earliestSlot(tenIn500ms, rule, now)).toBe(now - 500 + 1000);
    const thirtyInMinute = Array.from({ length: 30 }, (_, i) => now - 50_000 + i * 1000);
    expect(earliestSlot(thirtyInMinute, rule, now)).toBe(now - 50_000 + 60_000);
    // With a jitter margin the window is wider on both ends.
    expect(earliestSlot(tenIn500ms, rule, now, 250)).toBe(now - 500 + 1250);
    const tenJustOutside = Array.from({ length: 10 }, (_, i) => now - 1100 + i);
    expect(earliestSlot(tenJustOutside, rule, now)).toBe(now);
    expect(earliestSlot(tenJustOutside, rule, now, 250)).toBe(now - 1100 + 1250);
  });
});

describe('RateLimiter', () => {
  it('lets a burst through, smooths the per-second limit by waiting, then refuses long waits', async () => {
    const c = clock();
    const limiter = new RateLimiter({
      store: new MemoryKvStore(),
      now: c.now,
      sleep: c.sleep,
      keyPrefix: 'k',
      maxWaitMs: 1500,
      marginMs: 0,
    });
    const start = c.now();
    for (let i = 0; i < 30; i++) await limiter.acquire('invoiceSend');
    // 30 requests at 10/s need 3 one-second windows: the limiter waited, never faster than allowed.
    expect(c.now() - start).toBeGreaterThanOrEqual(2000);
    // The 31st in the same minute would wait ~57 s: reported, not slept.
    const err = await limiter.acquire('invoiceSend').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).source).toBe('client');
    expect((err as RateLimitedError).retryAt).toBe(start + 60_000);
  });

  it('state survives a restart through the store', async () => {
    const c = clock();
    const store = new MemoryKvStore();
    const a = new RateLimiter({ store, now: c.now, sleep: c.sleep, keyPrefix: 'ctx', maxWaitMs: 0 });
    for (let i = 0; i < 5; i++) await a.acquire('sessionList'); // 5/s
    const b = new RateLimiter({ store, now: c.now, sleep: c.sleep, keyPrefix: 'ctx', maxWaitMs: 0 });
    await expect(b.acquire('sessionList')).rejects.toBeInstanceOf(RateLimitedError);
    const other = new RateLimiter({ store, now: c.now, sleep: c.sleep, keyPrefix: 'other-ctx', maxWaitMs: 0 });
    await expect(other.acquire('sessionList')).resolves.toBeUndefined();
  });

  it('a server block (429 Retry-After) stops the group until the given time, also after restart', async () => {
    const c = clock();
    const store = new MemoryKvStore();
    const a = new RateLimiter({ store, now: c.now, sleep: c.sleep, keyPrefix: 'k', maxWaitMs: 1000 });
    await a.block('invoiceSend', c.now() + 30_000);
    const b = new RateLimiter({ store, now: c.now, sleep: c.sleep, keyPrefix: 'k', maxWaitMs: 1000 });
    const err = (await b.acquire('invoiceSend').catch((e: unknown) => e)) as RateLimitedError;
    expect(err.retryAt).toBe(c.now() + 30_000);
    await expect(b.acquire('invoiceStatus')).resolves.toBeUndefined();
    c.advance(30_000);
    await expect(b.acquire('invoiceSend')).resolves.toBeUndefined();
  });

  it('concurrent callers never exceed the limit', async () => {
    const c = clock();
    const limiter = new RateLimiter({
      store: new MemoryKvStore(),
      now: c.now,
      sleep: async () => {},
      keyPrefix: 'k',
      maxWaitMs: 0,
    });
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => limiter.acquire('invoiceSend')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
  });
});
