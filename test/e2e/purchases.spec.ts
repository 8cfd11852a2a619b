/**
 * "Faktury zakupowe" in real Chromium: an invoice another NIP sent to ours (and a few seeded ones)
 * appear on the purchases page after the hourly poll, with the popup's count and one notification;
 * one opens readable with KOD I, its XML downloads byte for byte as sent, the list exports as CSV
 * for Polish Excel and as a ZIP; a token without InvoiceRead gets the Polish explanation.
 */
import { readFileSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { unzipSync } from 'fflate';
import { createKsefClient } from '../../src/ksef/client';
import { KSEF_ENVIRONMENTS, withApiBase } from '../../src/ksef/env';
import { MemoryKvStore } from '../../src/ksef/storage';
import { DEMO_SELLER } from '../sim/base';
import { incomingFa3 } from '../sim/ksef/incoming';
import { expect, test } from './fixtures';
import { configure, fireHourlyPoll, simPost, startWorld, type World } from './helpers';

const SUPPLIER = '5261297912';

/** The supplier sends an invoice to our NIP through its own online session (the real client). */
async function supplierSends(world: World): Promise<{ xml: Uint8Array; number: string }> {
  const { token } = (await simPost(world.ksef, '/__sim/tokens', { nip: SUPPLIER })) as { token: string };
  const client = createKsefClient({
    env: withApiBase(KSEF_ENVIRONMENTS.test, world.ksef.baseUrl),
    nip: SUPPLIER,
    credential: token,
    store: new MemoryKvStore(),
    rateLimits: false,
    pollIntervalMs: 20,
  });
  const number = 'FV/77/2026/DOST';
  const xml = new TextEncoder().encode(
    incomingFa3({
      sellerNip: SUPPLIER,
      sellerName: 'Hurtownia Papieru „Biuro” Sp. z o.o.',
      sellerAddress: ['ul. Prosta 12/4', '00-850 Warszawa'],
      buyerNip: DEMO_SELLER.nip,
      buyerName: DEMO_SELLER.name,
      number,
      issueDate: new Date().toISOString().slice(0, 10),
      lines: [
        { name: 'Papier ksero A4', unit: 'szt.', qty: 10, price: 23.5, rate: '23' },
        { name: 'Książka „Księgowość”', unit: 'szt.', qty: 1, price: 64, rate: '5' },
      ],
      bankAccount: '61109010140000071219812874',
    }),
  );
  const sent = await client.sendInvoice(xml);
  const out = await client.waitForInvoice(sent.sessionReferenceNumber, sent.invoiceReferenceNumber, 10_000);
  expect(out.state).toBe('accepted');
  return { xml, number };
}

async function notifications(sw: Worker): Promise<string[]> {
  return sw.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await dl.path())!);
}

test('received invoices appear, open readably, download as sent and export for the accountant', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  test.setTimeout(150_000); // a whole flow on a shared 2-core machine
  const world = await startWorld(context);
  try {
    const options = await openExtensionPage('options.html');
    await configure(options, world);
    const sent = await supplierSends(world);
    await simPost(world.ksef, '/__sim/incoming', { buyerNip: DEMO_SELLER.nip, count: 3, correctionEvery: 3 });
    await new Promise((r) => setTimeout(r, 50));

    await fireHourlyPoll(sw);
    const popup = await openExtensionPage('popup.html');
    await expect(popup.getByTestId('purchases-link')).toHaveText('Faktury zakupowe (4 nowych)', { timeout: 30_000 });
    await expect.poll(() => notifications(sw)).toContain('ksef-purchases');

    const page = await openExtensionPage('purchases.html');
    await expect(page.getByRole('heading', { name: 'Faktury zakupowe' })).toBeVisible();
    await expect(page.getByTestId('purchase-new')).toHaveText('Nowe od ostatniej wizyty: 4');
    await expect(page.locator('tbody tr')).toHaveCount(4);
    await page.getByTestId('purchase-search').fill('77/2026');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await expect(page.locator('tbody tr')).toContainText('Hurtownia Papieru „Biuro” Sp. z o.o.');
    await expect(page.locator('tbody tr')).toContainText(SUPPLIER);

    await page.getByRole('link', { name: sent.number }).click();
    const detail = page.getByTestId('purchase-detail');
    await expect(detail).toContainText('Faktura podstawowa FV/77/2026/DOST');
    await expect(detail).toContainText('Sprzedawca');
    await expect(detail).toContainText(DEMO_SELLER.name);
    await expect(page.getByTestId('pd-vat')).toContainText('23% / 22%');
    await expect(page.getByTestId('pd-vat')).toContainText('54,05'); // 235.00 × 23 %
    await expect(page.getByTestId('pd-payment')).toContainText('61109010140000071219812874');
    await expect(detail.locator('svg')).toHaveCount(1);
    await expect(detail.getByRole('link', { name: /KOD I/ })).toHaveAttribute(
      'href',
      /^https:\/\/qr-test\.ksef\.mf\.gov\.pl\/invoice\/5261297912\//,
    );
    const xml = await download(page, 'Pobierz XML');
    expect(Buffer.compare(xml, Buffer.from(sent.xml))).toBe(0);

    await page.getByRole('button', { name: '← Lista' }).click();
    await page.getByTestId('purchase-search').fill('');
    await expect(page.locator('tbody tr')).toHaveCount(4);
    const csv = await download(page, 'Eksport CSV');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Data wystawienia;Numer faktury;Sprzedawca;NIP sprzedawcy;Numer KSeF;Netto;VAT (PLN);Brutto;Waluta;Rodzaj;Korygowana faktura (KSeF);Data zapisu w KSeF',
    );
    expect(lines).toHaveLength(5);
    const ours = lines.find((l) => l.includes(sent.number))!;
    expect(ours).toMatch(
      /^\d{4}-\d{2}-\d{2};FV\/77\/2026\/DOST;Hurtownia Papieru „Biuro” Sp\. z o\.o\.;5261297912;5261297912-\d{8}-[0-9A-F]{12}-[0-9A-F]{2};299,00;57,25;356,25;PLN;Vat;;/,
    );
    const zip = unzipSync(new Uint8Array(await download(page, 'Eksport ZIP (XML)')));
    expect(Object.keys(zip)).toHaveLength(4);

    // The seeded correction links to the invoice it corrects, which is stored too.
    await page.getByTestId('purchase-search').fill('/3');
    await page.locator('tbody tr a').first().click();
    await expect(page.getByTestId('pd-correction')).toContainText('Faktura korygowana');
    await page.getByRole('button', { name: 'Otwórz korygowaną fakturę' }).click();
    await expect(page.getByTestId('purchase-detail')).toContainText('Faktura podstawowa');

    // A later visit: nothing new.
    const again = await openExtensionPage('purchases.html');
    await expect(again.getByTestId('purchase-new')).toHaveText('Nowe od ostatniej wizyty: 0');
  } finally {
    await world.close();
  }
});

test('a token without InvoiceRead gets a Polish explanation of the permission to add', async ({
  context,
  openExtensionPage,
}) => {
  const world = await startWorld(context);
  try {
    const options = await openExtensionPage('options.html');
    const { token } = (await simPost(world.ksef, '/__sim/tokens', {
      nip: DEMO_SELLER.nip,
      permissions: ['InvoiceWrite'],
    })) as { token: string };
    await configure(options, { ...world, ksefToken: token });
    const page = await openExtensionPage('purchases.html');
    await page.getByRole('button', { name: 'Synchronizuj teraz' }).click();
    await expect(page.getByTestId('purchase-error')).toContainText(
      'nie ma uprawnienia do przeglądania faktur (InvoiceRead)',
    );
    await expect(page.getByTestId('purchase-error')).toContainText('Aplikacji Podatnika');
  } finally {
    await world.close();
  }
});
