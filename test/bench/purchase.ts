/**
 * Received invoices (Faktury zakupowe), `npm run bench -- purchase`:
 * 1. sync of 10,000 incoming invoices with the real client, sync engine and store (fake-indexeddb in
 *    Node) against the simulator in a child process, limits off: client wall time (and without the
 *    time spent waiting for the simulator's answers), CPU and peak memory. Targets < 20 s, < 250 MB.
 * 2. the purchases table with 10,000 rows in real Chromium: the work of each frame while scrolling
 *    (the table's render + style + layout, timed from the frame's animation callback to the next
 *    task). Target < 16 ms a frame.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import preact from '@preact/preset-vite';
import { build } from 'vite';
import type { FetchLike } from '../../src/ksef/http';
import { purchaseKsefPort } from '../../src/purchase/ksef-port';
import { PurchaseStore } from '../../src/purchase/store';
import { PurchaseSync } from '../../src/purchase/sync';
import { benchClient, median, percentile, round, simToken, startSimProcess } from '../ksef/bench-support';

const ROOT = resolve(import.meta.dirname, '../..');
const NIP = '7251266236';
const N = 10_000;

async function syncBench(): Promise<Record<string, number | string>> {
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
    const ctl = (path: string, body: unknown) =>
      fetch(`${sim.origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const s0 = performance.now();
    const seeded = await ctl('/__sim/incoming', { buyerNip: NIP, count: N });
    if (!seeded.ok) throw new Error(`seed: ${seeded.status}`);
    const seedMs = performance.now() - s0;
    // Seeded invoices reach permanent storage 1 ms apart: move the simulator's clock past the last.
    await ctl('/__sim/clock', { advanceMs: N + 1000 });
    let serverWaitMs = 0;
    const timedFetch: FetchLike = async (url, init) => {
      const t = performance.now();
      const res = await fetch(url, init);
      const body = await res.arrayBuffer();
      serverWaitMs += performance.now() - t;
      const empty = [101, 204, 205, 304].includes(res.status);
      return new Response(empty ? null : body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    };
    const client = benchClient(sim, NIP, await simToken(sim, NIP), timedFetch);
    await client.login();
    const store = await PurchaseStore.open(`bench-purchases-${Date.now()}`);
    const sync = new PurchaseSync({
      store,
      env: 'test',
      nip: NIP,
      ksef: async () => purchaseKsefPort(client),
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      scheduleAt: async () => undefined,
      inlineWaitMs: 120_000,
      pollMs: 50,
    });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    sample();
    serverWaitMs = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await sync.run();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    sample();
    const stored = await store.count('test|7251266236');
    if (out.state !== 'done' || stored !== N) throw new Error(`sync ${JSON.stringify(out)}; stored ${stored}`);
    store.close();
    return {
      invoices: N,
      'seeding in the simulator s (not client time)': round(seedMs / 1000),
      'sync client wall s (export, download, decrypt, unzip, hash, store)': round(wall / 1000),
      '  of which waiting for simulator answers s': round(serverWaitMs / 1000),
      'sync client s excluding simulator answer time': round((wall - serverWaitMs) / 1000),
      'client CPU s': round((cpu.user + cpu.system) / 1e6),
      'peak RSS MB (process)': round(peakRss / 2 ** 20, 1),
      'peak RSS growth MB': round((peakRss - rssBefore) / 2 ** 20, 1),
      'peak heap+ArrayBuffers MB': round(peakHeap / 2 ** 20, 1),
    };
  } finally {
    clearInterval(timer);
    await sim.stop();
  }
}

async function bundleTable(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    plugins: [preact()],
    build: {
      write: false,
      minify: true,
      lib: { entry: resolve(ROOT, 'test/bench/purchase-table.entry.tsx'), formats: ['iife'], name: 'PurchaseBench' },
    },
  });
  for (const o of Array.isArray(out) ? out : [out]) {
    if (!('output' in o)) continue;
    for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('Vite gave no bundle for the purchases table');
}

async function scrollBench(): Promise<Record<string, number | string>> {
  const code = await bundleTable();
  const css =
    readFileSync(resolve(ROOT, 'src/ui/base.css'), 'utf8') +
    readFileSync(resolve(ROOT, 'src/ui/purchases/purchases.css'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.setContent(
      `<!doctype html><html lang="pl"><head><meta charset="utf-8"><style>${css}</style></head><body><div id="app"></div></body></html>`,
    );
    await page.addScriptTag({ content: 'var __name = (f) => f;' });
    await page.addScriptTag({ content: code });
    const mountMs = await page.evaluate((n) => {
      const t = performance.now();
      (window as unknown as { PurchaseBench: { mountTable: (n: number) => void } }).PurchaseBench.mountTable(n);
      document.body.getBoundingClientRect();
      return performance.now() - t;
    }, N);
    // Main-thread CPU time (CDP Performance.getMetrics ThreadTime, seconds) around each run: unlike
    // wall time per frame, it does not grow when other jobs take the machine's cores.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name: string) =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const threadTime = () => metric('ThreadTime');
    const scroll = async (dy: number, count: number) => {
      const c0 = await threadTime();
      const parts0 = await Promise.all(['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'].map(metric));
      const r = await page.evaluate(
        ([d, n]) =>
          new Promise<{ work: number[]; gaps: number[]; domRows: number }>((done) => {
            const box = document.querySelector('[data-testid="purchase-scroll"]') as HTMLElement;
            box.scrollTop = 0;
            const work: number[] = [];
            const gaps: number[] = [];
            let last = 0;
            let i = 0;
            const frame = (ts: number) => {
              if (last) gaps.push(ts - last);
              last = ts;
              const s = performance.now();
              setTimeout(() => work.push(performance.now() - s), 0);
              if (i++ >= n) {
                setTimeout(() => done({ work, gaps, domRows: box.querySelectorAll('tbody tr').length }), 50);
                return;
              }
              box.scrollTop += d;
              requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
        [dy, count] as const,
      );
      const cpuPerFrameMs = (((await threadTime()) - c0) * 1000) / count;
      const parts1 = await Promise.all(['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'].map(metric));
      const split = parts1.map((v, k) => round(((v - parts0[k]!) * 1000) / count, 2)).join(' / ');
      return { ...r, cpuPerFrameMs, split };
    };
    const fig = { steady: await scroll(96, 240), fling: await scroll(800, 120) };
    const ms = (x: number) => round(x, 2);
    const over = (xs: number[]) => xs.filter((x) => x > 16).length;
    return {
      rows: N,
      'mount of the table with 10,000 rows (ms)': ms(mountMs),
      'rows in the DOM while scrolling': fig.steady.domRows,
      'wheel scroll (96 px a frame), frame work min / median / p95 / max (ms)': `${ms(Math.min(...fig.steady.work))} / ${ms(median(fig.steady.work))} / ${ms(percentile(fig.steady.work, 95))} / ${ms(Math.max(...fig.steady.work))}`,
      'wheel scroll: frames over 16 ms': `${over(fig.steady.work)} of ${fig.steady.work.length}`,
      'wheel scroll: main-thread CPU per frame, mean (ms)': ms(fig.steady.cpuPerFrameMs),
      'wheel scroll: script / layout / style per frame, mean (ms)': fig.steady.split,
      'scrollbar drag (800 px a frame), frame work min / median / p95 / max (ms)': `${ms(Math.min(...fig.fling.work))} / ${ms(median(fig.fling.work))} / ${ms(percentile(fig.fling.work, 95))} / ${ms(Math.max(...fig.fling.work))}`,
      'scrollbar drag: frames over 16 ms': `${over(fig.fling.work)} of ${fig.fling.work.length}`,
      'scrollbar drag: main-thread CPU per frame, mean (ms)': ms(fig.fling.cpuPerFrameMs),
      'scrollbar drag: script / layout / style per frame, mean (ms)': fig.fling.split,
      'animation-frame interval median (ms)': ms(median(fig.steady.gaps)),
      'machine load average (1 min)': loadavg()[0]?.toFixed(1) ?? '?',
      'frame budget (ms)': 16,
    };
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<Record<string, number | string>> {
  // PURCHASE_BENCH=scroll (or sync) runs one half only.
  if (process.env.PURCHASE_BENCH === 'scroll') return scrollBench();
  if (process.env.PURCHASE_BENCH === 'sync') return syncBench();
  const sync = await syncBench();
  const scroll = await scrollBench();
  return { ...sync, ...scroll };
}
