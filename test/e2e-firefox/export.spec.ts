/**
 * The month export from the options page in Firefox ESR, to the end, with the notification the
 * worker shows when it finishes. Five invoices go through online sessions; a month above the batch
 * threshold is in export-batch.spec.ts.
 */
import { makeMonthDataset } from '../sim/base';
import { expect, test } from './fixtures';
import { configure, registeredInKsef } from './helpers';
import { exportCountText, previousMonth, runMonthExport } from './month-export';

declare const browser: typeof chrome;

const MONTH = previousMonth();
const COUNT = 5;

test.use({ dataset: makeMonthDataset(MONTH, COUNT) });

test('options: a month export runs to the end with a progress bar and a notification', async ({
  ff,
  openExtensionPage,
}) => {
  test.setTimeout(180_000); // real sends on a shared two-core machine
  const page = await openExtensionPage('options.html');
  await configure(page, ff);
  // The extension's notification events reach its pages too: record them. Headless Firefox has no
  // alert service, so a created notification is closed at once (onClosed), never shown.
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    browser.notifications.onClosed.addListener((id: string) => w.seen.push(id));
  });
  await runMonthExport(page, MONTH, COUNT, 150_000);
  await expect.poll(() => exportCountText(page)).toBe('Niewysłane faktury w tym miesiącu: 0');
  expect((await registeredInKsef(ff)).length).toBe(COUNT);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen), { timeout: 30_000 })
    .toContain('ksef-export');
});
