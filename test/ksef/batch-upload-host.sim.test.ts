// Batch part URLs on a host other than the API's (the spec's example uses a separate storage host): the client
// uploads there when it is a KSeF host, and otherwise refuses at once with a clear message, before any byte leaves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UntrustedUploadHostError } from '../../src/ksef/errors';
import { SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

const invoices = () => [1, 2, 3].map((i) => ({ id: `inv-${i}`, xml: withInvoiceNumber(sample(), `H/${i}`) }));

describe('batch part upload host', () => {
  it('uploads to a KSeF storage host (*.ksef.mf.gov.pl) and the session completes', async () => {
    const storage = 'https://upload-test.ksef.mf.gov.pl';
    await h.ctl('POST', '/__sim/batch-upload-origin', { origin: storage });
    const putHosts: string[] = [];
    const client = h.client(await h.token(), {
      // Stands in for DNS: the storage host reaches the simulator, as the e2e tests route hosts.
      fetch: (url, init) => {
        if (url.startsWith(storage)) {
          putHosts.push(new URL(url).host);
          return fetch(h.sim.origin + url.slice(storage.length), init);
        }
        return fetch(url, init);
      },
    });
    const result = await client.batch.send(invoices(), { maxPartSize: 2_000, maxWaitMs: 20_000 });
    expect(putHosts.length).toBeGreaterThan(1);
    expect(new Set(putHosts)).toEqual(new Set(['upload-test.ksef.mf.gov.pl']));
    expect(result.sessionStatus.code).toBe(200);
    expect(result.invoices.map((i) => i.outcome.state)).toEqual(['accepted', 'accepted', 'accepted']);
  });

  for (const origin of [
    'https://storage.example.com',
    'http://upload-test.ksef.mf.gov.pl',
    'https://ksef.mf.gov.pl.evil.pl',
  ]) {
    it(`refuses ${origin} with a Polish message, uploads nothing and registers nothing`, async () => {
      await h.ctl('POST', '/__sim/batch-upload-origin', { origin });
      const seen: string[] = [];
      const client = h.client(await h.token(), {
        fetch: (url, init) => {
          seen.push(url);
          return fetch(url, init);
        },
      });
      const err = await client.batch.send(invoices(), { maxWaitMs: 5_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UntrustedUploadHostError);
      expect((err as Error).message).toContain(new URL(origin).host);
      expect((err as Error).message).toMatch(/spoza KSeF.*\*\.ksef\.mf\.gov\.pl.*nie wysłano/);
      expect(seen.some((u) => u.startsWith(origin))).toBe(false);
      expect((await h.requests()).some((r) => r.path.includes('/close'))).toBe(false);
      expect(await h.invoices()).toEqual([]);
    });
  }
});
