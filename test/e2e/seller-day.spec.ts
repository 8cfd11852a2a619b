/**
 * A new seller's day in real Chromium (fresh install → configuration → clicks → month export →
 * print), one test per defect found in that walkthrough: each fails on the code before the fix.
 */
import { pdfText } from '../print/poppler';
import { DEMO_SELLER, makeMonthDataset, SIM_TOKEN } from '../sim/base';
import { expect, test } from './fixtures';
import {
  addBaseInvoice,
  command,
  configuredWorld,
  fireWakeups,
  simGet,
  simPost,
  startWorld,
  type World,
  waitForState,
} from './helpers';

let world: World;
test.afterEach(async () => {
  await world?.close();
});

function previousMonth(): string {
  const now = new Date();
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
}

test('first run: the options page opens with a welcome; an empty save names what is required; saving a read-only KSeF token checks it at once and says InvoiceWrite is missing', async ({
  context,
  extensionId,
  openExtensionPage,
}) => {
  // The install opened the options page with the welcome.
  await expect
    .poll(() => context.pages().map((p) => p.url()), { timeout: 20_000 })
    .toContain(`chrome-extension://${extensionId}/options.html#welcome`);
  world = await startWorld(context);
  const page = await openExtensionPage('options.html');
  await expect(page.getByTestId('welcome')).toContainText('Konto → Moje konto → API');
  await expect(page.getByTestId('ksef-token-state')).toHaveText('Token w rozszerzeniu: brak');

  await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Nic nie zapisano: formularz jest pusty. Wymagane są: Token KSeF, NIP sprzedawcy, Token API Base, Nazwa sprzedawcy, Adres — ulica i numer.',
  );

  const { token } = (await simPost(world.ksef, '/__sim/tokens', {
    nip: DEMO_SELLER.nip,
    permissions: ['InvoiceRead'],
  })) as { token: string };
  await page.getByLabel('Środowisko KSeF').selectOption('test');
  await page.getByLabel('Token KSeF').fill(token);
  await page.getByLabel('NIP sprzedawcy').fill(DEMO_SELLER.nip);
  await page.getByLabel('Token API Base').fill(SIM_TOKEN);
  await page.getByLabel('Nazwa sprzedawcy').fill(DEMO_SELLER.name);
  await page.getByLabel('Adres — ulica i numer').fill(DEMO_SELLER.addressL1);
  await page.getByLabel('Adres — kod pocztowy i miejscowość').fill(DEMO_SELLER.addressL2);
  await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
  // No click on "Sprawdź połączenie": the save checked the new tokens (a real login and a Base call).
  const result = page.getByTestId('connection-result');
  await expect(result).toContainText('brakuje uprawnienia InvoiceWrite', { timeout: 30_000 });
  await expect(result).toContainText('token ma: InvoiceRead');
  await expect(result).toContainText('Base: Połączono z API Base');
  await expect(page.getByTestId('welcome')).toHaveCount(0);

  // A full token: the next save replaces the old result with the new one.
  const full = (await simPost(world.ksef, '/__sim/tokens', { nip: DEMO_SELLER.nip })) as { token: string };
  await page.getByLabel('Token KSeF').fill(full.token);
  await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await expect(result).toContainText('Uprawnienia tokenu: InvoiceWrite, InvoiceRead.', { timeout: 30_000 });
  await expect(result).not.toContainText('brakuje uprawnienia');
});

test('after a month export the Eksport tab keeps its count from what the extension knows: Base asked at most once a minute, never the generic error', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const month = previousMonth();
  const ready = await configuredWorld(context, openExtensionPage, { dataset: makeMonthDataset(month, 30) });
  world = ready.world;
  await simPost(world.ksef, '/__sim/faults', { kind: 'invoice-status', status: 450, count: 4 });
  const options = await openExtensionPage('options.html#export');
  await options.getByLabel('Miesiąc').selectOption(month);
  await expect(options.getByTestId('export-count')).toHaveText('Niewysłane faktury w tym miesiącu: 30');
  const before = (await simGet<{ byMethod: Record<string, number> }>(world.base, '/__sim/requests')).byMethod;
  await options.getByRole('button', { name: 'Wyślij', exact: true }).click();
  await expect
    .poll(
      async () => {
        // The batch's follow-up checks are alarms minutes apart: make them due now.
        await fireWakeups(sw);
        return (await command(ready.page, 'export.progress')).res.progress?.state;
      },
      { timeout: 200_000, intervals: [3_000] },
    )
    .toBe('done');
  // The 4 rejected invoices are still to send: counted, and "Wyślij" usable again.
  await expect(options.getByTestId('export-count')).toHaveText('Niewysłane faktury w tym miesiącu: 4');
  await expect(options.getByRole('button', { name: 'Wyślij', exact: true })).toBeEnabled();
  await expect(options.locator('body')).not.toContainText('Wystąpił nieoczekiwany błąd');
  // The result names the four invoices KSeF rejected, with the reason and a link to fix or resend each.
  const problems = options.getByTestId('export-problems');
  await expect(problems).toContainText('Nie trafiły do KSeF (4):');
  await expect(problems.locator('li')).toHaveCount(4);
  await expect(problems.locator('li').first()).toContainText('KSeF odrzucił fakturę');
  const first = problems.getByRole('link', { name: 'Popraw / wyślij ponownie' }).first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^invoices\.html\?invoice=\d+$/);
  const [fix] = await Promise.all([context.waitForEvent('page'), first.click()]);
  await expect(fix.getByRole('button', { name: 'Wyślij ponownie' })).toBeVisible();
  const after = (await simGet<{ byMethod: Record<string, number> }>(world.base, '/__sim/requests')).byMethod;
  // The export's own month listing, the first count, and at most a couple of minute-old refreshes.
  const listings = (after.getInvoices ?? 0) - (before.getInvoices ?? 0);
  expect(listings).toBeLessThanOrEqual(6);
});

test('printing an invoice KSeF has not accepted yet says so plainly and shows Base’s own PDF', async ({
  context,
  openExtensionPage,
}) => {
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  // Log in first; then KSeF keeps invoices "in processing" for ten minutes.
  expect((await command(ready.page, 'connection.check')).res.ksef.ok).toBe(true);
  await simPost(world.ksef, '/__sim/delays', { processingDelaysMs: [600_000, 0] });
  const inv = await addBaseInvoice(world);
  const sent = await command(ready.page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  expect(sent.res.item.state).toBe('processing');
  const print = await openExtensionPage(`print.html?invoice=${inv.invoice_id}`);
  await expect(print.getByTestId('print-pending')).toContainText('KSeF jeszcze nie przyjął tej faktury');
  await expect(print.getByTestId('print-pending')).toContainText('PDF z Base bez kodów KSeF');
  await expect(print.locator('iframe.pdf-frame')).toBeVisible();
  await expect(print.locator('body')).not.toContainText('Nieprawidłowe dane polecenia');
});

test('the KSeF number goes back into the order extra field the seller picked, after acceptance; a failing Base write does not hold up KSeF', async ({
  context,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const options = await openExtensionPage('options.html#transfer');
  const section = options.getByTestId('writeback');
  await expect(section).toContainText('nigdy nie podmienia pliku faktury');
  await section.getByLabel('Wpisuj numer KSeF w pole dodatkowe zamówienia').check();
  // File fields are not offered: a KSeF number is text.
  await expect(section.getByLabel('Pole dodatkowe zamówienia', { exact: true }).locator('option')).toHaveText([
    '— wybierz pole —',
    'Numer KSeF',
    'Uwagi magazynu',
  ]);
  await section.getByLabel('Pole dodatkowe zamówienia', { exact: true }).selectOption({ label: 'Numer KSeF' });
  await expect(section).toContainText('Zapisano.');
  await expect(section).toContainText('Teraz: pole „Numer KSeF”.');

  const inv = await addBaseInvoice(world);
  const orderId = Number(
    (await command(ready.page, 'invoices.view', { invoiceIds: [String(inv.invoice_id)] })).res.items[0].orderId ?? 0,
  );
  await command(ready.page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  const accepted = await waitForState(ready.page, inv.invoice_id, 'accepted');
  await expect
    .poll(
      async () =>
        (await simGet<Record<string, Record<string, string>>>(world.base, '/__sim/order-fields'))[
          String(accepted.orderId ?? orderId)
        ],
      { timeout: 30_000 },
    )
    .toEqual({ '1101': accepted.ksefNumber });
  const methods = (await simGet<{ byMethod: Record<string, number> }>(world.base, '/__sim/requests')).byMethod;
  expect(methods.setOrderFields).toBe(1);
  expect(methods.addOrderInvoiceFile).toBeUndefined();

  // Base failing the write: the next invoice is accepted all the same; the write waits for a retry.
  await simPost(world.base, '/__sim/faults', { method: 'setOrderFields', kind: 'http500', count: 5 });
  const next = await addBaseInvoice(world);
  await command(ready.page, 'invoice.send', { invoiceId: String(next.invoice_id) });
  const second = await waitForState(ready.page, next.invoice_id, 'accepted');
  await expect
    .poll(
      async () =>
        (await simGet<{ byMethod: Record<string, number> }>(world.base, '/__sim/requests')).byMethod.setOrderFields,
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(2);
  const fields = await simGet<Record<string, Record<string, string>>>(world.base, '/__sim/order-fields');
  expect(Object.values(fields).some((f) => f['1101'] === second.ksefNumber)).toBe(false);
});

test('optionally the stamped PDF (KSeF number and QR) goes into the order file field the seller picked, never as the invoice file', async ({
  context,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const options = await openExtensionPage('options.html#transfer');
  const section = options.getByTestId('writeback');
  await expect(section.getByTestId('writeback-pdf-intro')).toContainText('Base przyjmuje pliki do 2 MB');
  const pdf = section.getByTestId('writeback-stampedPdfToBase');
  const toggle = pdf.getByLabel('Wgrywaj PDF z numerem KSeF i kodem QR w pole plikowe zamówienia');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  // Only file fields are offered for a file.
  const field = pdf.getByLabel('Pole plikowe zamówienia', { exact: true });
  await expect(field.locator('option')).toHaveText(['— wybierz pole —', 'Faktura KSeF (PDF)']);
  await field.selectOption({ label: 'Faktura KSeF (PDF)' });
  await expect(pdf).toContainText('Zapisano.');
  await expect(pdf).toContainText('Teraz: pole „Faktura KSeF (PDF)”.');

  const inv = await addBaseInvoice(world);
  await command(ready.page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  const accepted = await waitForState(ready.page, inv.invoice_id, 'accepted');
  const orderId = String(accepted.orderId);
  const title = `${inv.number.replace(/[^\w.-]+/g, '_')}-KSeF.pdf`;
  await expect
    .poll(
      async () => (await simGet<Record<string, Record<string, unknown>>>(world.base, '/__sim/order-fields'))[orderId],
      { timeout: 60_000 },
    )
    .toMatchObject({ '1103': { title } });
  // Only the file: the KSeF-number option is off.
  expect(
    Object.keys((await simGet<Record<string, Record<string, unknown>>>(world.base, '/__sim/order-fields'))[orderId]!),
  ).toEqual(['1103']);
  const res = await fetch(`${world.base.origin}/__sim/order-files/${orderId}/1103`);
  expect(res.ok).toBe(true);
  const text = pdfText(new Uint8Array(await res.arrayBuffer())).replace(/\s+/g, '');
  expect(text).toContain(accepted.ksefNumber);
  const methods = (await simGet<{ byMethod: Record<string, number> }>(world.base, '/__sim/requests')).byMethod;
  expect(methods.setOrderFields).toBe(1);
  expect(methods.addOrderInvoiceFile).toBeUndefined();
});
