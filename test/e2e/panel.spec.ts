/**
 * The Base panel integration in real Chromium: the Base fake's panel pages
 * (test/sim/base) served at a real panel host, the KSeF simulator and the Base API routed in at
 * the production hosts, the extension configured through its own commands.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_SELLER } from '../sim/base';
import { shadow } from './closed-shadow';
import { expect, test } from './fixtures';
import { addBaseInvoice, command, fireHourlyPoll, PANEL, panelWorld, type World } from './helpers';
import { expectOneBlockPerRow, rowBlock } from './rows';

/** The Base fake's order id for an invoice it made (test/sim/base/server.ts, addInvoice). */
const orderOf = (invoiceId: number) => String(7_000_000 + (invoiceId % 1_000_000));

let world: World;
test.afterEach(async () => {
  await world?.close();
});

async function setUp(
  context: import('@playwright/test').BrowserContext,
  openExtensionPage: (p: string) => Promise<Page>,
) {
  const ready = await panelWorld(context, openExtensionPage);
  world = ready.world;
  return ready.page;
}

test('clicking the injected icon sends the invoice; the row ends at Zaakceptowana with its KSeF number and QR', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php`);

  const row = page.locator(`#table_invoices tbody tr[data-id="${id}"]`);
  await expect(row).toContainText(inv.number);
  const block = rowBlock(page, id);
  await expect.poll(() => block.count()).toBe(1);
  // Every row of the page gets exactly one block, over its own action cell.
  await expectOneBlockPerRow(page);
  // The block lives beside the table, so its icon's accessible name says which invoice it sends.
  const icon = block.button('Wyślij do KSeF');
  await expect.poll(() => icon.attr('aria-label')).toBe(`Wyślij do KSeF: ${inv.number}`);
  await icon.click();

  // The worker checks once right after sending; KSeF may still be processing then, in which case
  // the hourly poll finishes it and the badge follows live (storage revision).
  const badge = block.find('.badge');
  await expect.poll(() => badge.text(), { timeout: 30_000 }).toMatch(/W przetwarzaniu|Zaakceptowana/);
  if (!(await badge.text()).includes('Zaakceptowana')) await fireHourlyPoll(sw);
  await expect.poll(() => badge.text(), { timeout: 30_000 }).toContain('Zaakceptowana');
  const ksefNumber = await block.find('.num').text();
  expect(ksefNumber).toMatch(/^\d{10}-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/);
  // The whole number is readable in the row: the reserved room holds it without cutting it.
  const num = await block.find('.num').first();
  expect(num?.visible).toBe(true);
  expect(num?.fits).toBe(true);
  expect((await icon.first())?.disabled).toBe(true);
  expect(await icon.attr('title')).toBe('Ta faktura jest już w KSeF.');

  // The rest opens under the state: processing date, PDF and the QR preview (the worker's SVG
  // passes the sanitiser and shows inside the block's shadow root).
  const more = block.button(/^Zaakceptowana/);
  expect(await more.attr('aria-expanded')).toBe('false');
  await more.click();
  await expect.poll(() => more.attr('aria-expanded')).toBe('true');
  expect((await block.button('Pobierz PDF z KSeF').first())?.visible).toBe(true);
  await block.button('Kod QR').click();
  await expect.poll(() => block.find('.qr svg').count()).toBe(1);
  expect(await block.find('.qr svg').text()).toContain(ksefNumber);
  expect(await page.evaluate(() => document.querySelectorAll('svg').length)).toBe(0);
  // A click elsewhere on Base's page closes it, as any popover.
  await page.locator('h3').click();
  await expect.poll(() => more.attr('aria-expanded')).toBe('false');
  expect((await block.find('.qr svg').first())?.visible ?? false).toBe(false);
});

test('badges follow a send made elsewhere, without reloading; pages and AJAX reloads keep one block per row', async ({
  context,
  openExtensionPage,
}) => {
  const popup = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php?variant=ajax`);
  const block = rowBlock(page, id);
  await expect.poll(() => block.count()).toBe(1);
  expect(await block.find('.badge').count()).toBe(0);

  // Sent from the extension's own page: the panel row changes by itself.
  const sent = await command(popup, 'invoice.send', { invoiceId: id });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  await expect.poll(() => block.find('.badge').text(), { timeout: 30_000 }).toMatch(/W przetwarzaniu|Zaakceptowana/);

  // Page 2 by AJAX, then back: every row decorated once.
  await page.locator('.pagination a[data-page="2"]').click();
  await expect(page.locator('body')).toHaveAttribute('data-loaded-page', '2');
  await expect(page.locator(`#table_invoices tbody tr[data-id="${id}"]`)).toHaveCount(0);
  await expect.poll(() => block.count()).toBe(0);
  await expectOneBlockPerRow(page);
  await page.locator('#btn_refresh').click();
  await page.locator('.pagination a[data-page="1"]').click();
  await expect(page.locator('body')).toHaveAttribute('data-loaded-page', '1');
  await expect.poll(() => block.find('.badge').text()).toMatch(/W przetwarzaniu|Zaakceptowana/);
  await expectOneBlockPerRow(page);
});

test('an unknown layout gets the floating KSeF panel with the recent invoices and the same actions', async ({
  context,
  openExtensionPage,
}) => {
  await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php?variant=unknown`);
  const panel = shadow(page, '[data-ksef-ext="panel"]');
  await expect
    .poll(async () => (await panel.find('section', 'KSeF — ostatnie faktury').first())?.visible, { timeout: 15_000 })
    .toBe(true);
  const item = panel.find(`li[data-invoice-id="${inv.invoice_id}"]`);
  await expect.poll(() => item.text()).toContain(inv.number);
  await item.find('[data-ksef-ext="send"]').button('Wyślij do KSeF').click();
  await expect
    .poll(() => item.find('[data-ksef-ext="send"]').find('.badge').text(), { timeout: 30_000 })
    .toMatch(/W przetwarzaniu|Zaakceptowana/);
  // Collapsible, so it never hides Base's own page for long.
  await panel.button('Zwiń panel KSeF').click();
  await expect.poll(async () => (await item.first())?.visible).toBe(false);

  // Not on other panel pages.
  const other = await context.newPage();
  await other.route(`${PANEL}/inventory_products.php`, (r) =>
    r.fulfill({ contentType: 'text/html', body: '<html><body><h1>Produkty</h1></body></html>' }),
  );
  await other.goto(`${PANEL}/inventory_products.php`);
  await other.waitForTimeout(2500); // longer than the panel's wait for AJAX lists
  await expect(other.locator('[data-ksef-ext]')).toHaveCount(0);
});

test("the order card gets the KSeF block of the order's invoice, and follows the hash", async ({
  context,
  openExtensionPage,
}) => {
  await setUp(context, openExtensionPage);
  const a = await addBaseInvoice(world);
  const b = await addBaseInvoice(world);
  const page = await context.newPage();
  await page.goto(`${PANEL}/orders.php#order:${orderOf(a.invoice_id)}`);
  const block = page.locator('#pnl_order_info + [data-ksef-ext="order"]');
  await expect(block).toHaveAttribute('data-order-id', orderOf(a.invoice_id));
  const card = shadow(page, '#pnl_order_info + [data-ksef-ext="order"]');
  await expect.poll(() => card.find(`li[data-invoice-id="${a.invoice_id}"]`).text()).toContain(a.number);
  const icon = card.find('[data-ksef-ext="send"]').button('Wyślij do KSeF');
  await expect.poll(async () => (await icon.first())?.disabled).toBe(false);

  await page.evaluate(
    (h) => {
      location.hash = h;
    },
    `#order:${orderOf(b.invoice_id)}`,
  );
  await expect(block).toHaveAttribute('data-order-id', orderOf(b.invoice_id));
  await expect.poll(() => card.find(`li[data-invoice-id="${b.invoice_id}"]`).text()).toContain(b.number);
  await expect(page.locator('[data-ksef-ext="order"]')).toHaveCount(1);

  await icon.click();
  await expect
    .poll(() => card.find('[data-ksef-ext="send"]').find('.badge').text(), { timeout: 30_000 })
    .toMatch(/W przetwarzaniu|Zaakceptowana/);
});

test('"Zgłoś układ strony" in the floating panel saves the page skeleton as a file, without the invoices\' data', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php?variant=unknown`);
  const panel = shadow(page, '[data-ksef-ext="panel"]');
  await expect.poll(() => panel.find(`li[data-invoice-id="${inv.invoice_id}"]`).count(), { timeout: 15_000 }).toBe(1);
  await panel.button('Zgłoś układ strony').click();
  await expect.poll(() => panel.find('[role="status"]').text(), { timeout: 15_000 }).toContain('ksef-uklad-strony-');

  // The worker wrote it through chrome.downloads; read the file it saved (Playwright keeps the
  // browser's downloads under its own names).
  await expect
    .poll(
      async () => {
        const [d] = await sw.evaluate(() => chrome.downloads.search({ urlRegex: '^data:text/plain' }));
        return d?.state === 'complete' ? d.filename : '';
      },
      { timeout: 15_000 },
    )
    .not.toBe('');
  const [d] = await sw.evaluate(() => chrome.downloads.search({ urlRegex: '^data:text/plain' }));
  const text = readFileSync(d!.filename, 'utf8');
  expect(text).toContain('Układ strony panelu Base');
  expect(text).toContain('/invoices.php');
  expect(text).toContain('html[lang]');
  for (const data of [inv.number, String(inv.invoice_id), DEMO_SELLER.nip, 'Nowak']) expect(text).not.toContain(data);
});
