/**
 * The extension pages in real Chromium (options saving a token and a NIP and
 * refusing an invalid one, uploading an encrypted key with its password and refusing a wrong one,
 * series, the month export with progress, the popup's lists, the print page). KSeF and
 * Base are the local simulators, routed in place of the production hosts (docs/harness.md §6, option 1),
 * so the built extension runs unchanged.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { type BaseDataset, DEMO_SELLER, DEMO_SERIES, makeMonthDataset, SIM_TOKEN, startBaseSim } from '../sim/base';
import { startKsefSim } from '../sim/ksef';
import { expect, PROD_HOSTS, routeOrigin, test } from './fixtures';

const NIP = DEMO_SELLER.nip;

interface Sims {
  ksef: string;
  base: string;
  close: () => Promise<void>;
}

async function startSims(context: BrowserContext, dataset?: BaseDataset): Promise<Sims> {
  const ksef = await startKsefSim();
  const base = await startBaseSim(dataset ? { dataset } : {});
  await routeOrigin(context, PROD_HOSTS.ksef[0], ksef.origin);
  await routeOrigin(context, PROD_HOSTS.baseApi, base.origin);
  return {
    ksef: ksef.origin,
    base: base.origin,
    close: async () => {
      await ksef.close();
      await base.close();
    },
  };
}

async function simPost<T>(origin: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** What a seller does first: the Połączenie tab filled in and saved. */
async function configure(page: Page, sims: Sims): Promise<void> {
  const { token } = await simPost<{ token: string }>(sims.ksef, '/__sim/tokens', { nip: NIP });
  await page.getByLabel('Środowisko KSeF').selectOption('test');
  await page.getByLabel('Token KSeF').fill(token);
  await page.getByLabel('NIP sprzedawcy').fill(NIP);
  await page.getByLabel('Token API Base').fill(SIM_TOKEN);
  await page.getByLabel('Nazwa sprzedawcy').fill(DEMO_SELLER.name);
  await page.getByLabel('Adres — ulica i numer').fill(DEMO_SELLER.addressL1);
  await page.getByLabel('Adres — kod pocztowy i miejscowość').fill(DEMO_SELLER.addressL2);
  await page.getByLabel('Kod kraju').fill(DEMO_SELLER.countryCode);
  await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await expect(page.locator('.alert-success')).toHaveText('Zapisano');
}

test('options: refuses an invalid NIP, saves a valid NIP and a KSeF token that is never shown back', async ({
  openExtensionPage,
}) => {
  const page = await openExtensionPage('options.html');
  await expect(page.getByRole('tab', { name: 'Połączenie' })).toHaveAttribute('aria-selected', 'true');

  await page.getByLabel('NIP sprzedawcy').fill('7251266237');
  await expect(page.getByText('Nieprawidłowy NIP: suma kontrolna się nie zgadza.')).toBeVisible();
  await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Popraw zaznaczone pola: nic nie zostało zapisane.');
  await page.reload();
  await expect(page.getByLabel('NIP sprzedawcy')).toHaveValue('');

  const token = '20261129-EC-2B1D4A7F00-1234567890-AB|nip-7251266236|9f8e7d6c5b4a39281706f5e4d3c2b1a0';
  await page.getByLabel('NIP sprzedawcy').fill(NIP);
  await page.getByLabel('Token KSeF').fill(token);
  await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await expect(page.locator('.alert-success')).toHaveText('Zapisano');
  await expect(page.getByTestId('ksef-token-state')).toHaveText('Token w rozszerzeniu: zapisany');
  await expect(page.getByLabel('Token KSeF')).toHaveValue('');

  await page.reload();
  await expect(page.getByLabel('NIP sprzedawcy')).toHaveValue(NIP);
  await expect(page.getByTestId('ksef-token-state')).toHaveText('Token w rozszerzeniu: zapisany');
  expect(await page.content()).not.toContain(token);
});

test('options: prefills the seller from Base and checks the connection to both services', async ({
  context,
  openExtensionPage,
}) => {
  const sims = await startSims(context);
  try {
    const page = await openExtensionPage('options.html');
    const { token } = await simPost<{ token: string }>(sims.ksef, '/__sim/tokens', { nip: NIP });
    await page.getByLabel('Token KSeF').fill(token);
    await page.getByLabel('Token API Base').fill(SIM_TOKEN);
    await page.getByLabel('NIP sprzedawcy').fill(NIP);
    await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await expect(page.locator('.alert-success')).toHaveText('Zapisano');

    await page.getByRole('button', { name: 'Uzupełnij danymi z Base' }).click();
    await expect(page.getByLabel('Nazwa sprzedawcy')).toHaveValue(DEMO_SELLER.name);
    await expect(page.getByLabel('Adres — ulica i numer')).toHaveValue(DEMO_SELLER.addressL1);

    await page.getByRole('button', { name: 'Sprawdź połączenie' }).click();
    const result = page.getByTestId('connection-result');
    await expect(result.locator('.alert-success')).toHaveCount(2, { timeout: 30_000 });
    await expect(result).toContainText('KSeF:');
    await expect(result).toContainText('Base:');
  } finally {
    await sims.close();
  }
});

test('options: imports an encrypted Offline key, refusing a wrong password first', async ({
  context,
  openExtensionPage,
}) => {
  const sims = await startSims(context);
  const dir = mkdtempSync(join(tmpdir(), 'ksef-e2e-key-'));
  try {
    const page = await openExtensionPage('options.html');
    await configure(page, sims);

    // An Offline certificate enrolled in KSeF; its key encrypted the way the taxpayer application
    // does it (docs/ksef-protocol.md §7: PBES2, PBKDF2-HMAC-SHA256, 100 000 iterations, AES-256-CBC).
    const cert = await simPost<{ serialNumber: string; privateKeyPkcs8Pem: string }>(sims.ksef, '/__sim/certificates', {
      nip: NIP,
      type: 'Offline',
      name: 'Pracownia offline',
    });
    writeFileSync(join(dir, 'plain.pem'), cert.privateKeyPkcs8Pem);
    const password = 'Hasło-do-klucza 7!';
    execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-v2',
      'aes-256-cbc',
      '-v2prf',
      'hmacWithSHA256',
      '-iter',
      '100000',
      '-in',
      join(dir, 'plain.pem'),
      '-out',
      join(dir, 'offline.key'),
      '-passout',
      `pass:${password}`,
    ]);
    expect(readFileSync(join(dir, 'offline.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');

    await page.getByRole('tab', { name: 'Przekazywanie dokumentów' }).click();
    const serial = page.getByLabel('Numer seryjny certyfikatu');
    await expect(serial.locator('option', { hasText: cert.serialNumber })).toHaveCount(1, { timeout: 30_000 });
    await expect(serial.locator('option', { hasText: cert.serialNumber })).toContainText('Pracownia offline');
    await serial.selectOption(cert.serialNumber);
    await page.getByLabel('Prywatny klucz certyfikatu').setInputFiles(join(dir, 'offline.key'));

    await page.getByLabel('Hasło do prywatnego klucza certyfikatu').fill('zle haslo');
    await page.getByRole('button', { name: 'Wczytaj klucz' }).click();
    await expect(page.getByRole('alert')).toContainText('Nieprawidłowe hasło do klucza prywatnego.', {
      timeout: 30_000,
    });
    await expect(page.getByLabel('Hasło do prywatnego klucza certyfikatu')).toHaveValue('');
    await expect(page.getByTestId('offline-key-state')).toHaveCount(0);

    await page.getByLabel('Hasło do prywatnego klucza certyfikatu').fill(password);
    await page.getByRole('button', { name: 'Wczytaj klucz' }).click();
    await expect(page.getByText('Klucz wczytany i zapisany w zaszyfrowanej postaci.')).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByLabel('Hasło do prywatnego klucza certyfikatu')).toHaveValue('');
    await expect(page.getByTestId('offline-key-state')).toContainText(cert.serialNumber);

    await page.reload();
    await expect(page.getByTestId('offline-key-state')).toContainText(cert.serialNumber);
    await expect(page.getByTestId('offline-cert-current')).toContainText(cert.serialNumber);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sims.close();
  }
});

test('options: series from Base; only the checked ones count for the export', async ({
  context,
  openExtensionPage,
}) => {
  const month = '2026-10';
  const dataset = makeMonthDataset(month, 24);
  const sims = await startSims(context, dataset);
  try {
    const page = await openExtensionPage('options.html');
    await configure(page, sims);

    await page.getByRole('tab', { name: 'Eksport dokumentów' }).click();
    await page.getByLabel('Miesiąc').selectOption(month);
    const count = page.getByTestId('export-count');
    // The number shown once the count for the chosen month has arrived ("Liczenie…" until then;
    // the current month, shown first, has none of this dataset's invoices).
    const shown = async () => Number((await count.textContent())?.match(/: (\d+)$/)?.[1] ?? Number.NaN);
    let all = 0;
    await expect.poll(async () => (all = await shown()), { timeout: 30_000 }).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Serie numeracji' }).click();
    const first = DEMO_SERIES[0];
    if (!first) throw new Error('no demo series');
    const box = page.getByRole('checkbox', { name: new RegExp(`^${first.name} `) });
    await expect(box).toBeChecked({ timeout: 30_000 });
    await box.uncheck();
    await page.getByRole('button', { name: 'Zapisz serie' }).click();
    await expect(page.locator('.alert-success')).toHaveText('Zapisano');
    await page.reload();
    await expect(page.getByRole('checkbox', { name: new RegExp(`^${first.name} `) })).not.toBeChecked({
      timeout: 30_000,
    });

    await page.getByRole('tab', { name: 'Eksport dokumentów' }).click();
    await page.getByLabel('Miesiąc').selectOption(month);
    // Exactly the first series' candidates drop out (not Base-owned ones: those never count).
    const inFirst = dataset.invoices.filter(
      (i) => String(i.series_id) === first.id && !i.gov_id && ![1, 2, 5].includes(Number(i.gov_status)),
    ).length;
    expect(inFirst).toBeGreaterThan(0);
    await expect.poll(shown, { timeout: 30_000 }).toBe(all - inFirst);
  } finally {
    await sims.close();
  }
});

test('options: a month export runs to the end with a progress bar', async ({ context, openExtensionPage }) => {
  test.setTimeout(120_000); // twelve real sends; the machine is shared
  const month = '2026-10';
  const sims = await startSims(context, makeMonthDataset(month, 12));
  try {
    const page = await openExtensionPage('options.html');
    await configure(page, sims);
    await page.getByRole('tab', { name: 'Eksport dokumentów' }).click();
    const select = page.getByLabel('Miesiąc');
    await expect(select.locator('option')).toHaveCount(13);
    await select.selectOption(month);
    await expect(page.getByTestId('export-count')).toHaveText('Niewysłane faktury w tym miesiącu: 12', {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Wyślij', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: 'Postęp eksportu' });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuemax', '12');
    await expect(page.getByTestId('export-progress')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(bar).toHaveAttribute('aria-valuenow', '12');
    await expect(page.getByTestId('export-count')).toHaveText('Niewysłane faktury w tym miesiącu: 0');
  } finally {
    await sims.close();
  }
});

test('popup: not configured at first, then lists a pending invoice and, after acceptance, its KSeF number', async ({
  context,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  const popupFresh = await openExtensionPage('popup.html');
  await expect(popupFresh.getByTestId('popup-state')).toHaveText('Rozszerzenie nie jest jeszcze skonfigurowane.');
  await expect(popupFresh.getByRole('button', { name: 'Otwórz ustawienia' })).toBeVisible();
  await popupFresh.close();

  const sims = await startSims(context);
  try {
    const options = await openExtensionPage('options.html');
    await configure(options, sims);
    // KSeF keeps the invoice "W przetwarzaniu" for two (simulated) minutes, as it may in reality
    // (the first delay also holds logins back, so it stays 0).
    await simPost(sims.ksef, '/__sim/delays', { processingDelaysMs: [0, 120_000] });
    const added = await simPost<{ invoice_id: number; number: string }>(sims.base, '/__sim/invoices', {});
    const invoiceId = String(added.invoice_id);

    const popup = await openExtensionPage('popup.html');
    await expect(popup.getByTestId('env-banner')).toHaveText('Środowisko: TEST');
    const sent = await popup.evaluate(
      (id) => chrome.runtime.sendMessage({ ksef: 1, cmd: 'invoice.send', req: { invoiceId: id } }),
      invoiceId,
    );
    expect(sent).toMatchObject({ ok: true });
    const pending = popup.getByTestId('popup-pending');
    await expect(pending.locator(`li[data-invoice-id="${invoiceId}"]`)).toContainText(added.number, {
      timeout: 30_000,
    });
    await expect(pending.locator(`li[data-invoice-id="${invoiceId}"]`)).toContainText('W przetwarzaniu');

    // KSeF finishes; "Sprawdź teraz" brings the KSeF number.
    await simPost(sims.ksef, '/__sim/clock', { advanceMs: 300_000 });
    await popup.getByRole('button', { name: 'Sprawdź teraz', exact: true }).click();
    const accepted = popup.getByTestId('popup-accepted').locator(`li[data-invoice-id="${invoiceId}"]`);
    await expect(accepted).toContainText(NIP, { timeout: 30_000 });
    await expect(accepted.getByRole('button', { name: /^Kopiuj numer KSeF / })).toBeVisible();
    await expect(pending.locator(`li[data-invoice-id="${invoiceId}"]`)).toHaveCount(0);

    // The print page for the accepted invoice: the stamped PDF, or the summary with the KSeF number.
    const print = await openExtensionPage(`print.html?invoice=${invoiceId}`);
    await expect(print.getByRole('button', { name: 'Drukuj' })).toBeVisible({ timeout: 30_000 });
    const pdfLink = print.getByRole('link', { name: 'Pobierz PDF' });
    if ((await pdfLink.count()) > 0) {
      await expect(print.locator('iframe[title="Faktura PDF z kodami QR"]')).toBeVisible();
      await expect(pdfLink).toHaveAttribute('href', /^blob:/);
    } else {
      await expect(print.getByTestId('print-summary')).toContainText(NIP);
      await expect(print.locator('.qr-svg svg')).toHaveCount(1);
    }
  } finally {
    await sims.close();
  }
});

test('print page: explains a missing invoice id', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('print.html');
  await expect(page.getByRole('alert')).toHaveText(
    'Brak identyfikatora faktury w adresie strony: otwórz wydruk z listy faktur.',
  );
});
