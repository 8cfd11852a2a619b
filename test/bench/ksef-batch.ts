// Total client time and peak memory of a 10,000-invoice batch export (bench): ZIP,
// encryption, upload, close, polling and per-invoice results, against the KSeF simulator in a child
// process (limits off, zero processing delay). Targets (test/bench/RESULTS.md, "Batch export"):
// < 1.5 s client time without the simulator's answers and < 100 MB peak RSS growth on 2 cores.
// The invoices are produced one by one by a generator the client reads (the way the export reads
// them from its store page by page), so the growth measured is the client's, not a 32 MB input array.
import { readFileSync } from 'node:fs';
import type { FetchLike } from '../../src/ksef/http';
import { benchClient, round, simToken, startSimProcess } from '../ksef/bench-support';

const NIP = '5265877635';
const N = 10_000;

export async function run(): Promise<Record<string, number | string>> {
  const base = readFileSync(
    new URL('../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url),
    'utf8',
  );
  const sim = await startSimProcess();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  try {
    // Time spent waiting for the simulator's answers (it runs the XSD check of all 10,000 invoices
    // while answering the close): server time, not client time.
    let serverWaitMs = 0;
    const timedFetch: FetchLike = async (url, init) => {
      const s0 = performance.now();
      const res = await fetch(url, init);
      const body = await res.arrayBuffer();
      serverWaitMs += performance.now() - s0;
      const empty = [101, 204, 205, 304].includes(res.status);
      return new Response(empty ? null : body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    };
    const client = benchClient(sim, NIP, await simToken(sim, NIP), timedFetch);
    await client.login();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    sample();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const encoder = new TextEncoder();
    // Read afresh on every call (the client may read the source twice: src/ksef/batch-package.ts).
    function* invoices() {
      for (let i = 0; i < N; i++)
        yield { id: `inv-${i}`, xml: encoder.encode(base.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>BATCH/${i}</P_2>`)) };
    }
    const tBuilt = performance.now();
    serverWaitMs = 0;
    const handle = await client.batch.submit(invoices);
    const submitServerMs = serverWaitMs;
    const t1 = performance.now();
    const status = await client.batch.waitForProcessing(handle.referenceNumber, 30 * 60_000);
    const t2 = performance.now();
    serverWaitMs = 0;
    const result = await client.batch.results(handle, status);
    const t3 = performance.now();
    const resultsServerMs = serverWaitMs;
    const cpu = process.cpuUsage(cpu0);
    sample();
    const accepted = result.invoices.filter((r) => r.outcome.state === 'accepted').length;
    if (accepted !== N) throw new Error(`only ${accepted} of ${N} accepted`);
    return {
      invoices: N,
      'archive bytes': handle.archiveSize,
      parts: handle.partCount,
      'submit s (make the XML lazily, zip, encrypt, open, upload, close)': round((t1 - tBuilt) / 1000),
      '  of which waiting for simulator answers s': round(submitServerMs / 1000),
      'wait for simulator processing s (server side)': round((t2 - t1) / 1000),
      'results s (list + map 10,000)': round((t3 - t2) / 1000),
      'client total wall s (submit + results)': round((t1 - t0 + t3 - t2) / 1000),
      'client total s excluding simulator answer time': round(
        (t1 - t0 + t3 - t2 - submitServerMs - resultsServerMs) / 1000,
      ),
      'client CPU s (this process, whole run)': round((cpu.user + cpu.system) / 1e6),
      'peak RSS MB (process)': round(peakRss / 2 ** 20, 1),
      'peak RSS growth MB': round((peakRss - rssBefore) / 2 ** 20, 1),
      'peak heap+ArrayBuffers MB': round(peakHeap / 2 ** 20, 1),
    };
  } finally {
    clearInterval(timer);
    await sim.stop();
  }
}
