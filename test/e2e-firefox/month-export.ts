/**
 * The month export as the seller runs it on the options page (tab "Eksport dokumentów"): pick the
 * month, check the count, start, and follow the progress bar to the end. Shared by the online and
 * the batch export specs, which differ in the month's size and in what they check afterwards.
 */
import type { Page } from 'puppeteer-core';
import { expect } from './fixtures';

/** The previous calendar month as `YYYY-MM` (the export offers past months). */
export function previousMonth(): string {
  const now = new Date();
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The "unsent invoices this month" line of the export tab. */
export function exportCountText(page: Page): Promise<string | null> {
  return page.$eval('[data-testid="export-count"]', (e) => e.textContent);
}

/**
 * Runs the export of `month` from an options page already configured: the count must show `count`
 * unsent invoices first, and the progress bar must end at `count` with the state 'done'.
 */
export async function runMonthExport(page: Page, month: string, count: number, doneTimeoutMs: number): Promise<void> {
  await (await page.waitForSelector('[role="tab"] ::-p-text(Eksport dokumentów)'))!.click();
  await page.waitForSelector('#exportMonth');
  await page.select('#exportMonth', month);
  await expect
    .poll(() => exportCountText(page), { timeout: 30_000 })
    .toBe(`Niewysłane faktury w tym miesiącu: ${count}`);
  await (await page.waitForSelector('.form-actions button.primary'))!.click();

  const bar = await page.waitForSelector('[role="progressbar"]');
  expect(await bar!.evaluate((e) => e.getAttribute('aria-valuemax'))).toBe(String(count));
  await expect
    .poll(() => page.$eval('[data-testid="export-progress"]', (e) => e.getAttribute('data-state')), {
      timeout: doneTimeoutMs,
    })
    .toBe('done');
  expect(await page.$eval('[role="progressbar"]', (e) => e.getAttribute('aria-valuenow'))).toBe(String(count));
}
