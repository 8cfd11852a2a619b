// 50,000 invoices exported in 5 batch sessions of 10,000 (KSeF's per-session limit), one after
// another, against the KSeF simulator in a child process: the package is zipped and encrypted as a
// stream (src/ksef/batch-package.ts), so the process's memory should stay flat from session to
// session. Prints per session the client time without the simulator's answers and the peak RSS
// growth over the RSS before the first session.
import { readFileSync } from 'node:fs';
import type { FetchLike } from '../../src/ksef/http';
import { benchClient, round, simToken, startSimProcess } from '../ksef/bench-support';

const NIP = '5265877635';
const SESSIONS = 5;
const PER_SESSION = 10_000;

export async function run(): Promise<Record<string, number | string>> {
  const base = readFileSync(
    new URL('../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url),
    'utf8',
  );
  const sim = await startSimProcess();
  let peakRss = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  try {
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
    const rss0 = process.memoryUsage().rss;
    peakRss = rss0;
    const figures: Record<string, number | string> = { invoices: SESSIONS * PER_SESSION, sessions: SESSIONS };
    for (let s = 1; s <= SESSIONS; s++) {
      serverWaitMs = 0;
      const t0 = performance.now();
      const encoder = new TextEncoder();
      // Produced one by one as the client reads them (as the export reads its store).
      const invoices = function* () {
        for (let i = 0; i < PER_SESSION; i++)
          yield {
            id: `s${s}-${i}`,
            xml: encoder.encode(base.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>BATCH50K/${s}/${i}</P_2>`)),
          };
      };
      const handle = await client.batch.submit(invoices);
      const t1 = performance.now();
      const submitWait = serverWaitMs;
      const status = await client.batch.waitForProcessing(handle.referenceNumber, 30 * 60_000);
      serverWaitMs = 0;
      const t2 = performance.now();
      const result = await client.batch.results(handle, status);
      const t3 = performance.now();
      const accepted = result.invoices.filter((r) => r.outcome.state === 'accepted').length;
      if (accepted !== PER_SESSION) throw new Error(`session ${s}: only ${accepted} of ${PER_SESSION} accepted`);
      const clientMs = t1 - t0 - submitWait + (t3 - t2 - serverWaitMs);
      figures[`session ${s}: client s without simulator answers / peak RSS growth MB so far / RSS growth now MB`] =
        `${round(clientMs / 1000)} / ${round((peakRss - rss0) / 2 ** 20, 1)} / ${round((process.memoryUsage().rss - rss0) / 2 ** 20, 1)}`;
    }
    return figures;
  } finally {
    clearInterval(timer);
    await sim.stop();
  }
}
