/**
 * The batch package of 10,000 invoices in real Chromium (Playwright, /usr/bin/chromium), the engine
 * the extension's worker runs in: the same src/ksef/batch-package.ts and batch-source.ts, bundled by
 * Vite, fed by a generator that makes each invoice when it is read (as the export reads its store),
 * zipped with zlib in WebAssembly (src/ksef/raw-deflate.ts) and encrypted with WebCrypto, up to the point where
 * the session would be opened (every part's size and hash known; the one part kept for upload).
 * No network: the HTTP side is measured in Node by ksef-batch.ts. Prints wall time per round (the
 * minimum is the closest to the code's own cost on a shared machine) and the page's JS heap after.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
const N = 10_000;
const ROUNDS = 3;

async function bundle(entry: string, name: string): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: { write: false, minify: true, lib: { entry: resolve(ROOT, entry), formats: ['iife'], name } },
  });
  for (const o of Array.isArray(out) ? out : [out]) {
    if (!('output' in o)) continue;
    for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error(`Vite gave no bundle for ${entry}`);
}

interface Round {
  ms: number;
  zipSize: number;
  parts: number;
  files: number;
  heapMB: number;
}

export async function run(): Promise<Record<string, number | string>> {
  const pkgCode = await bundle('src/ksef/batch-package.ts', 'KsefPackage');
  const srcCode = await bundle('src/ksef/batch-source.ts', 'KsefSource');
  const sample = readFileSync(
    resolve(ROOT, 'test/fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml'),
    'utf8',
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
  });
  const load = loadavg()[0]!.toFixed(1);
  try {
    const page = await browser.newPage();
    // An https origin, so the page is a secure context (WebCrypto) without a server.
    await page.route('https://bench.invalid/**', (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>batch</title>' }),
    );
    await page.goto('https://bench.invalid/');
    // tsx compiles this file keeping function names through a `__name` helper the page lacks.
    await page.addScriptTag({ content: 'globalThis.__name = (f) => f;' });
    await page.addScriptTag({ content: pkgCode });
    await page.addScriptTag({ content: srcCode });
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      rounds.push(
        await page.evaluate(
          async ({ base, n }) => {
            const w = globalThis as unknown as {
              KsefPackage: typeof import('../../src/ksef/batch-package');
              KsefSource: typeof import('../../src/ksef/batch-source');
            };
            const key = await crypto.subtle.generateKey({ name: 'AES-CBC', length: 256 }, false, ['encrypt']);
            const iv = crypto.getRandomValues(new Uint8Array(16));
            const enc = new TextEncoder();
            function* invoices() {
              for (let i = 0; i < n; i++)
                yield { id: `inv-${i}`, xml: enc.encode(base.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>BATCH/${i}</P_2>`)) };
            }
            const files: import('../../src/ksef/batch-source').BatchFileEntry[] = [];
            const t0 = performance.now();
            const pkg = await w.KsefPackage.PreparedPackage.prepare(w.KsefSource.packageReader(invoices, files), {
              key,
              iv,
              maxPartSize: 100_000_000,
              mtime: Date.UTC(2026, 11, 1),
            });
            const ms = performance.now() - t0;
            const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
            return {
              ms,
              zipSize: pkg.summary.zipSize,
              parts: pkg.parts.length,
              files: files.length,
              heapMB: (mem?.usedJSHeapSize ?? 0) / 2 ** 20,
            };
          },
          { base: sample, n: N },
        ),
      );
    }
    const ms = rounds.map((x) => x.ms);
    return {
      invoices: N,
      'Chromium version': browser.version(),
      'load average at start': load,
      'archive bytes / parts / files': `${rounds[0]!.zipSize} / ${rounds[0]!.parts} / ${rounds[0]!.files}`,
      'package (zip, encrypt, hashes) wall ms per round': ms.map((x) => Math.round(x)).join(' / '),
      'package wall ms, min': Math.round(Math.min(...ms)),
      'page JS heap after each round MB': rounds.map((x) => x.heapMB.toFixed(1)).join(' / '),
    };
  } finally {
    await browser.close();
  }
}
