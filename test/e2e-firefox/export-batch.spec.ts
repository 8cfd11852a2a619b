/**
 * The month export from the options page in Firefox ESR when the month is big enough for a KSeF
 * batch session (more than `batchThreshold` unsent invoices, src/pipeline/options.ts): the
 * background builds the ZIP with zlib compiled to WebAssembly (src/ksef/raw-deflate.ts), encrypts
 * and uploads it, and every invoice ends registered once. Its own file because the Base dataset is
 * a per-file fixture; the online way is in export.spec.ts.
 */
import { makeMonthDataset } from '../sim/base';
import { expect, test } from './fixtures';
import { command, configure, registeredInKsef, simGet } from './helpers';
import { exportCountText, previousMonth, runMonthExport } from './month-export';

const MONTH = previousMonth();
/** Above the default batch threshold (20), small enough for a shared two-core machine. */
const COUNT = 25;

test.use({ dataset: makeMonthDataset(MONTH, COUNT) });

test(`options: a month export of ${COUNT} invoices goes through a batch session to the end`, async ({
  ff,
  openExtensionPage,
}) => {
  test.setTimeout(300_000); // Firefox start-up, the FA(3) validations and a batch session on two shared cores
  const page = await openExtensionPage('options.html');
  await configure(page, ff);
  await runMonthExport(page, MONTH, COUNT, 240_000);
  // The page names the session kind in the heading; the worker's own progress says the same.
  expect(await page.$eval('[data-testid="export-progress"] h3', (e) => e.textContent)).toContain('(sesja wsadowa)');
  const progress = await command(page, 'export.progress');
  expect(progress.ok, JSON.stringify(progress.error)).toBe(true);
  expect(progress.res.progress).toMatchObject({ state: 'done', mode: 'batch', total: COUNT, accepted: COUNT });

  // KSeF saw a batch session with its package uploaded, and no invoice sent one by one.
  const reqs = await simGet<{ method: string; path: string }[]>(ff.ksef, '/__sim/requests');
  expect(reqs.filter((r) => r.method === 'POST' && r.path === '/v2/sessions/batch').length).toBeGreaterThan(0);
  expect(reqs.some((r) => r.method === 'PUT' && r.path.startsWith('/__storage/batch/'))).toBe(true);
  expect(reqs.filter((r) => r.method === 'POST' && /\/sessions\/online\/[^/]+\/invoices$/.test(r.path))).toHaveLength(
    0,
  );

  // Every invoice registered exactly once.
  const registered = await registeredInKsef(ff);
  expect(registered).toHaveLength(COUNT);
  expect(new Set(registered.map((r) => r.invoiceNumber)).size).toBe(COUNT);
  expect(registered.map((r) => r.status)).toEqual(Array(COUNT).fill(200));
  expect(new Set(registered.map((r) => r.ksefNumber).filter(Boolean)).size).toBe(COUNT);
  await expect.poll(() => exportCountText(page)).toBe('Niewysłane faktury w tym miesiącu: 0');
});
