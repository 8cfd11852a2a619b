import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { shadow } from './closed-shadow';
import { expect, servePanelPage, test } from './fixtures';
import { expectOneBlockPerRow } from './rows';

const LIST = readFileSync(resolve(import.meta.dirname, '../fixtures/base/invoice-list.html'), 'utf8');
const PANEL_URL = 'https://panel-e.baselinker.com/invoices.php';

test('the content script puts a KSeF icon in every invoice row, once, also after an AJAX reload', async ({
  context,
}) => {
  await servePanelPage(context, PANEL_URL, LIST);
  const page = await context.newPage();
  await page.goto(PANEL_URL);
  const icons = shadow(page, '#table_invoices [data-ksef-ext="layer"]').find('[data-ksef-ext="send"]');
  await expect.poll(() => icons.count()).toBe(3);
  expect((await icons.all())[1]?.attrs['data-invoice-id']).toBe('48211938');
  // The icon's button lives in a closed shadow root (test/e2e/closed-shadow.ts reaches it). The
  // extension is not configured yet: the icon says so in words, not as a pale "K".
  await expect.poll(() => icons.button('Skonfiguruj KSeF').count()).toBe(3);
  const setup = (await icons.button('Skonfiguruj KSeF').first())!;
  expect(setup.text).toBe('Skonfiguruj KSeF');
  expect(setup.disabled).toBe(false);
  expect(setup.visible).toBe(true);
  expect(setup.fits).toBe(true);
  // Each icon sits over its own row's action cell (real layout), none inside Base's table.
  expect(await expectOneBlockPerRow(page)).toBe(3);

  await page.click('#reload');
  await expect.poll(() => icons.count()).toBe(4);
  expect(await expectOneBlockPerRow(page)).toBe(4);

  // A click opens the settings (the welcome tab of the install closed first: the browser would
  // bring that one forward instead of opening another).
  for (const p of context.pages()) if (p.url().includes('/options.html')) await p.close();
  const opened = context.waitForEvent('page');
  await icons.button('Skonfiguruj KSeF').click();
  const options = await opened;
  await options.waitForLoadState();
  expect(options.url()).toMatch(/^chrome-extension:\/\/[a-z]+\/options\.html/);
});

test('on a long list the icons follow scrolling and a resized window, drawn only around the view', async ({
  context,
}) => {
  // 400 rows of the stand-in layout (docs/base.md §2.4) in one table.
  const rows = Array.from({ length: 400 }, (_, i) => {
    const id = 48300000 + i;
    return `<tr data-id="${id}"><td><input type="checkbox" name="sel[]" value="${id}"></td>
      <td><a href="#" class="invoice_number">${i + 1}/05/2026/FV</a></td><td>2026-05-13</td>
      <td>Nabywca ${i + 1}</td><td class="actions"><a class="btn btn-xs btn-default">PDF</a></td></tr>`;
  }).join('');
  // As wide as the window, as Base's lists are: a resize moves the action cells.
  const html = LIST.replace(/<tbody>[\s\S]*<\/tbody>/, `<tbody>${rows}</tbody>`).replace(
    '</head>',
    '<style>table{width:100%}</style></head>',
  );
  await servePanelPage(context, PANEL_URL, html);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(PANEL_URL);
  const icons = shadow(page, '#table_invoices [data-ksef-ext="layer"]').find('[data-ksef-ext="send"]');
  await expect.poll(() => icons.count()).toBeGreaterThan(0);
  await expectOneBlockPerRow(page);
  // Only the rows in view and half a screen around have blocks, not all 400.
  expect(await icons.count()).toBeLessThan(100);

  await page.evaluate(() => window.scrollTo({ top: 6000, behavior: 'instant' }));
  await expect.poll(() => shadow(page, '[data-ksef-ext="send"][data-invoice-id="48300000"]').count()).toBe(0);
  await expectOneBlockPerRow(page);

  // A narrower window moves the action cells: the blocks move with them (no scroll meanwhile).
  await page.waitForTimeout(300);
  await page.setViewportSize({ width: 1000, height: 720 });
  await expectOneBlockPerRow(page);
  expect(await icons.count()).toBeLessThan(100);
});

test('in a narrow scrolling box around the table, blocks show only when their cells are scrolled into it', async ({
  context,
}) => {
  // Bootstrap's `.table-responsive` on a narrow screen: the box scrolls, the table is wider.
  const html = LIST.replace(
    '</head>',
    '<style>#table_invoices{width:500px;overflow-x:auto} #table_invoices table{width:1400px}</style></head>',
  );
  await servePanelPage(context, PANEL_URL, html);
  const page = await context.newPage();
  await page.goto(PANEL_URL);
  const icons = shadow(page, '#table_invoices [data-ksef-ext="layer"]').find('[data-ksef-ext="send"]');
  await expect(page.locator('#table_invoices [data-ksef-ext="layer"]')).toBeAttached();
  await page.waitForTimeout(300);
  expect(await icons.count()).toBe(0);
  await page.evaluate(() => {
    const box = document.querySelector('#table_invoices') as HTMLElement;
    box.scrollLeft = box.scrollWidth;
  });
  await expect.poll(() => icons.count()).toBe(3);
  expect(await expectOneBlockPerRow(page)).toBe(3);
  // Every block lies inside the box.
  const box = await page.locator('#table_invoices').boundingBox();
  const outside = (await icons.all()).filter(
    (b) => !box || b.left < box.x - 1 || b.right > box.x + box.width + 1,
  ).length;
  expect(outside).toBe(0);
});

test('the content script does not run on other hosts', async ({ context }) => {
  await servePanelPage(context, 'https://example.org/invoices.php', LIST);
  const page = await context.newPage();
  await page.goto('https://example.org/invoices.php');
  await page.waitForLoadState('load');
  await page.waitForTimeout(300); // give a (wrongly) injected script a chance to act
  await expect(page.locator('[data-ksef-ext]')).toHaveCount(0);
});

test('popup and options open in Polish by default and switch to English', async ({ openExtensionPage }) => {
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('heading', { name: 'KSeF dla Base' })).toBeVisible();
  const ping = await popup.evaluate(() => chrome.runtime.sendMessage({ ksef: 1, cmd: 'ping', req: {} }));
  expect(ping).toEqual({ ok: true, res: { version: '0.1.0', tier: 'page' } });

  const options = await openExtensionPage('options.html');
  await expect(options.getByRole('heading', { name: 'KSeF dla Base — ustawienia' })).toBeVisible();
  // Switching the language changes the UI of every page.
  await options.getByLabel('Język interfejsu').selectOption('en');
  await expect(options.getByRole('heading', { name: 'KSeF for Base — settings' })).toBeVisible();
  await expect(popup.getByRole('heading', { name: 'KSeF for Base' })).toBeVisible();
});

test('the manifest asks only for what the extension uses', async ({ sw }) => {
  const manifest = await sw.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.host_permissions).not.toContain('<all_urls>');
  for (const h of [
    'https://api-test.ksef.mf.gov.pl/*',
    'https://api-demo.ksef.mf.gov.pl/*',
    'https://api.ksef.mf.gov.pl/*',
    'https://api.baselinker.com/*',
  ]) {
    expect(manifest.host_permissions).toContain(h);
  }
  expect(manifest.default_locale).toBe('pl');
});

test('the worker restarts after being stopped and answers again', async ({ sw, stopWorker, openExtensionPage }) => {
  const before = await sw.evaluate(() => performance.timeOrigin);
  await stopWorker();
  const popup = await openExtensionPage('popup.html');
  const ping = await popup.evaluate(() => chrome.runtime.sendMessage({ ksef: 1, cmd: 'ping', req: {} }));
  expect(ping).toMatchObject({ ok: true });
  const after = await sw.evaluate(() => performance.timeOrigin);
  expect(after).not.toBe(before);
});
