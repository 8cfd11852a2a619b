// Batch session against the simulator: 1,000 invoices zipped, split, encrypted, uploaded to
// pre-signed URLs without Authorization, closed, polled, and per-invoice results (including the
// failed list) mapped back to the caller's ids.
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidKsefNumber } from '../../src/ksef/ksef-number';
import { SimHarness, sample, withInvoiceNumber } from './sim-helpers';

let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

function broken(xml: Uint8Array): Uint8Array {
  return new TextEncoder().encode(new TextDecoder().decode(xml).replace(/<P_15>([^<]*)<\/P_15>/, '<P_15>abc</P_15>'));
}

describe('batch session', () => {
  it('1,000 invoices in several parts: every caller id gets its own result, failures included', async () => {
    const authHeaders: Array<string | null> = [];
    const client = h.client(await h.token(), {
      // The simulator checks all 1,000 invoices while answering the close: give it time on a busy machine.
      timeoutMs: 60_000,
      fetch: (url, init) => {
        if (url.includes('/__storage/')) authHeaders.push(new Headers(init?.headers).get('authorization'));
        return fetch(url, init);
      },
    });
    const base = sample();
    const invoices = Array.from({ length: 1000 }, (_, i) => {
      const xml = withInvoiceNumber(base, `B/${i + 1}`);
      return { id: `inv-${i + 1}`, xml: i === 41 || i === 977 ? broken(xml) : xml };
    });
    // Invoice 500 repeats invoice 1's number: a duplicate within the package.
    invoices[499] = { id: 'inv-500', xml: withInvoiceNumber(base, 'B/1') };

    // Small parts, so the archive really is split and every part goes through the upload path.
    const result = await client.batch.send(invoices, { maxPartSize: 40_000, maxWaitMs: 30_000 });
    expect(authHeaders.length).toBeGreaterThan(1);
    expect(authHeaders.every((a) => a === null)).toBe(true);
    expect(result.sessionStatus.code).toBe(200);
    expect(result.invoices).toHaveLength(1000);
    expect(result.invoices.map((r) => r.id)).toEqual(invoices.map((i) => i.id));

    const byId = new Map(result.invoices.map((r) => [r.id, r]));
    for (const id of ['inv-42', 'inv-978'])
      expect(byId.get(id)?.outcome).toMatchObject({ state: 'rejected', code: 450 });
    const dupOrFirst = [byId.get('inv-1')!.outcome, byId.get('inv-500')!.outcome].map((o) => o.state).sort();
    expect(dupOrFirst).toEqual(['accepted', 'duplicate']);
    const accepted = result.invoices.filter((r) => r.outcome.state === 'accepted');
    expect(accepted).toHaveLength(997);
    for (const r of accepted)
      if (r.outcome.state === 'accepted') expect(isValidKsefNumber(r.outcome.ksefNumber)).toBe(true);
    expect(new Set(accepted.map((r) => (r.outcome.state === 'accepted' ? r.outcome.ksefNumber : ''))).size).toBe(997);

    // KSeF holds exactly the accepted invoices, matched by hash to the caller's invoices.
    const registered = (await h.invoices()).filter((i) => i.ksefNumber);
    expect(registered).toHaveLength(997);
    const hashes = new Set(accepted.map((r) => r.invoiceHash));
    expect(registered.every((i) => hashes.has(i.invoiceHash))).toBe(true);
  }, 120_000);

  it('invoices read one by one from an async source, in several parts: each registered under its id', async () => {
    const client = h.client(await h.token(), { timeoutMs: 60_000 });
    const base = sample();
    let reads = 0;
    async function* fromStore() {
      reads++;
      for (let i = 0; i < 200; i++) {
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 0)); // a page of the store
        yield { id: `st-${i + 1}`, xml: withInvoiceNumber(base, `ST/${i + 1}`) };
      }
    }
    const result = await client.batch.send(fromStore, { maxPartSize: 30_000, maxWaitMs: 30_000 });
    // Read once to declare the parts, once more to upload all but the last.
    expect(reads).toBe(2);
    expect(result.sessionStatus.code).toBe(200);
    expect(result.invoices.map((r) => r.id)).toEqual(Array.from({ length: 200 }, (_, i) => `st-${i + 1}`));
    expect(result.invoices.every((r) => r.outcome.state === 'accepted')).toBe(true);
    const registered = (await h.invoices()).filter((i) => i.ksefNumber);
    expect(new Set(registered.map((i) => i.invoiceHash))).toEqual(new Set(result.invoices.map((r) => r.invoiceHash)));
    const opens = (await h.requests()).filter((r) => r.method === 'POST' && r.path === '/v2/sessions/batch');
    expect(opens).toHaveLength(1);
  }, 120_000);

  it('an empty async source opens no session', async () => {
    const client = h.client(await h.token());
    async function* none(): AsyncGenerator<{ id: string; xml: Uint8Array }> {}
    await expect(client.batch.openAndUpload(none)).rejects.toThrow(/pusta paczka/);
    expect((await h.requests()).filter((r) => r.path === '/v2/sessions/batch')).toHaveLength(0);
  });

  it('the archive holds each invoice byte for byte under its reported file name', async () => {
    const client = h.client(await h.token());
    const invoices = [
      { id: 'a/1', xml: withInvoiceNumber(sample(), 'Z/1') },
      { id: 'a/1', xml: withInvoiceNumber(sample(), 'Z/2') }, // same caller id twice: names must still differ
    ];
    const { files, zip } = await client.batch.buildArchive(invoices);
    const unzipped = unzipSync(zip);
    expect(new Set(files.map((f) => f.fileName)).size).toBe(2);
    for (const [i, f] of files.entries()) expect(unzipped[f.fileName]).toEqual(invoices[i]!.xml);
  });

  it('attachments are allowed in batch: the official attachment sample gets a KSeF number', async () => {
    const client = h.client(await h.token());
    const result = await client.batch.send([
      { id: 'att', xml: sample('csharp-invoice-template-fa-3-with-attachment.filled.xml') },
    ]);
    expect(result.invoices[0]!.outcome.state).toBe('accepted');
  });

  it('a forced final failure (invoice-status fault) shows up on the right invoice', async () => {
    const client = h.client(await h.token());
    await h.ctl('POST', '/__sim/faults', { kind: 'invoice-status', status: 550, count: 1 });
    const result = await client.batch.send([
      { id: 'x1', xml: withInvoiceNumber(sample(), 'F/1') },
      { id: 'x2', xml: withInvoiceNumber(sample(), 'F/2') },
    ]);
    const states = result.invoices.map((r) => r.outcome.state).sort();
    expect(states).toEqual(['accepted', 'rejected']);
    const rejected = result.invoices.find((r) => r.outcome.state === 'rejected')!;
    expect(rejected.outcome).toMatchObject({ code: 550, retryable: true });
  });

  it('21470 on open after key rotation: keys refetched, session opened with the new key', async () => {
    const client = h.client(await h.token());
    await client.login();
    await h.ctl('POST', '/__sim/rotate-keys');
    const result = await client.batch.send([{ id: 'k', xml: withInvoiceNumber(sample(), 'K/1') }]);
    expect(result.invoices[0]!.outcome.state).toBe('accepted');
    const opens = (await h.requests()).filter((r) => r.method === 'POST' && r.path === '/v2/sessions/batch');
    expect(opens.map((r) => r.status)).toEqual([400, 201]);
  });

  it('a failed part upload (connection reset) is retried once — PUT of the same blob is idempotent', async () => {
    let failed = 0;
    const client = h.client(await h.token(), {
      fetch: (url, init) => {
        if (url.includes('/__storage/') && failed === 0) {
          failed++;
          return Promise.reject(new TypeError('fetch failed'));
        }
        return fetch(url, init);
      },
    });
    const result = await client.batch.send([{ id: 'p', xml: withInvoiceNumber(sample(), 'P/1') }]);
    expect(failed).toBe(1);
    expect(result.invoices[0]!.outcome.state).toBe('accepted');
  });
});

describe('batch session opened and closed separately', () => {
  it('registers nothing until the close, then every invoice once (a worker killed before the close loses nothing)', async () => {
    const client = h.client(await h.token());
    const base = sample();
    const invoices = Array.from({ length: 5 }, (_, i) => ({
      id: `s-${i}`,
      xml: withInvoiceNumber(base, `S/${i + 1}`),
    }));
    const handle = await client.batch.openAndUpload(invoices);
    expect(await h.invoices()).toHaveLength(0);
    const closes = (await h.requests()).filter((r) => r.path.endsWith('/close'));
    expect(closes).toHaveLength(0);

    await client.batch.close(handle.referenceNumber);
    const status = await client.batch.waitForProcessing(handle.referenceNumber, 30_000);
    expect(status.status.code).toBe(200);
    const result = await client.batch.results(handle);
    expect(result.invoices.map((r) => r.outcome.state)).toEqual(Array(5).fill('accepted'));
    expect((await h.invoices()).filter((i) => i.ksefNumber)).toHaveLength(5);
  });
});
