/**
 * The demo: builds the extension, starts the KSeF simulator (TEST) and the Base fake
 * with the demo dataset, and opens Chromium with the extension on the demo invoice list,
 * configured for the simulator. Headed when a display exists; `--headless` (or no display) runs a
 * scripted tour — send one invoice to acceptance, show an offline one with both QR codes, export
 * a month — printing each step and saving screenshots to test-results/demo/.
 * The production hosts are routed to the local servers (docs/harness.md §6), so the built extension
 * runs unchanged.
 */
import { execSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { shadow } from '../e2e/closed-shadow';
import { launchExtension, PROD_HOSTS, routeOrigin, serviceWorkerOf } from '../e2e/fixtures';
import { DEMO_SELLER, DEMO_SELLER_SETTINGS, SIM_TOKEN, startBaseSim } from '../sim/base';
import { startKsefSim } from '../sim/ksef';

const root = resolve(import.meta.dirname, '../..');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const shots = resolve(root, 'test-results/demo');
const PANEL = 'https://panel-e.baselinker.com';
const LIST_URL = `${PANEL}/invoices.php`;

let n = 0;
function step(text: string): void {
  n++;
  process.stdout.write(`[demo ${n}] ${text}\n`);
}

async function post<T>(origin: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

// biome-ignore lint/suspicious/noExplicitAny: the tour reads a few fields of several replies
async function command<T = any>(page: Page, cmd: string, req: unknown = {}): Promise<T> {
  const reply = (await page.evaluate(([c, r]) => chrome.runtime.sendMessage({ ksef: 1, cmd: c, req: r }), [
    cmd,
    req,
  ] as const)) as { ok: boolean; res: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${cmd}: ${reply.error?.message}`);
  return reply.res;
}

/** NBP table A stand-in: the demo's EUR invoice without Base's own rate gets 4.2500 PLN. */
async function routeNbp(context: BrowserContext): Promise<void> {
  await context.route('https://api.nbp.pl/**', async (route) => {
    const m = /\/(\d{4}-\d{2}-\d{2})\/\?format=json$/.exec(route.request().url());
    const effectiveDate = m?.[1] ?? '2026-01-02';
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ table: 'A', code: 'EUR', rates: [{ no: '001/A/NBP/2026', effectiveDate, mid: 4.25 }] }),
    });
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!headless) return;
  await page.screenshot({ path: resolve(shots, `${name}.png`), fullPage: false });
}

/** A row's KSeF block: it lives in a closed shadow root, reached through the DevTools protocol. */
const rowBlock = (page: Page, invoiceId: number) =>
  shadow(page, `[data-ksef-ext="send"][data-invoice-id="${invoiceId}"]`);

/** Waits until `ok()` holds, at most a minute. */
async function until(page: Page, what: string, ok: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 60 s`);
    await page.waitForTimeout(200);
  }
}

async function waitForRowText(page: Page, invoiceId: number, text: RegExp, timeoutMs = 60_000): Promise<string> {
  const row = rowBlock(page, invoiceId).find('*');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = (await row.all().catch(() => [])).map((f) => f.text).join(' ');
    if (text.test(t)) return t;
    if (Date.now() > deadline) throw new Error(`row ${invoiceId}: no ${text} within ${timeoutMs} ms (last: ${t})`);
    await page.waitForTimeout(500);
  }
}

async function main(): Promise<void> {
  step('Budowanie rozszerzenia (npm run build)…');
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });

  step('Start symulatora KSeF (środowisko testowe) i atrapy Base z danymi demonstracyjnymi…');
  const ksef = await startKsefSim({ env: 'test' });
  const base = await startBaseSim();
  step(`KSeF: ${ksef.baseUrl}  ·  Base: ${base.origin}`);

  step(`Chromium z rozszerzeniem (${headless ? 'bez okna: wycieczka skryptowa' : 'z oknem'})…`);
  const { context } = await launchExtension({ headless });
  // tsx keeps function names with a `__name` helper that is not defined inside the pages the
  // tour evaluates code in (the closed-shadow helpers): give the pages a no-op one.
  await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  const sw = await serviceWorkerOf(context);
  const extensionId = new URL(sw.url()).host;
  await routeOrigin(context, PROD_HOSTS.ksef[0], ksef.origin);
  await routeOrigin(context, PROD_HOSTS.baseApi, base.origin);
  await routeOrigin(context, PANEL, base.origin);
  await routeNbp(context);

  step('Konfiguracja: środowisko testowe, NIP i dane sprzedawcy, token KSeF, token API Base, certyfikat Offline…');
  const options = await context.newPage();
  await options.setViewportSize({ width: 1100, height: 860 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const { token } = await post<{ token: string }>(ksef.origin, '/__sim/tokens', { nip: DEMO_SELLER.nip });
  await command(options, 'settings.save', {
    patch: {
      env: 'test',
      ...DEMO_SELLER_SETTINGS,
      rateRules: {
        euVatBuyerZero: '0 WDT',
        nonEuZero: '0 EX',
        exemption: { kind: 'P_19A', text: 'art. 43 ust. 1 pkt 37 ustawy o VAT' },
      },
    },
  });
  await command(options, 'secrets.setKsefToken', { token });
  await command(options, 'secrets.setBaseToken', { token: SIM_TOKEN });
  const cert = await post<{ serialNumber: string; privateKeyPkcs8Pem: string }>(ksef.origin, '/__sim/certificates', {
    nip: DEMO_SELLER.nip,
    type: 'Offline',
    keyType: 'EC',
    name: 'Certyfikat offline (demo)',
  });
  const keyFile = createPrivateKey(cert.privateKeyPkcs8Pem).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: 'demo-haslo',
  }) as string;
  await command(options, 'certs.importKey', {
    serialNumber: cert.serialNumber,
    fileName: 'offline-demo.key',
    fileBase64: Buffer.from(keyFile).toString('base64'),
    password: 'demo-haslo',
  });
  const check = await command<{ ksef: { message: string }; base: { message: string } }>(options, 'connection.check');
  step(`Sprawdź połączenie: ${check.ksef.message} ${check.base.message}`);

  // Today's invoice (online) and yesterday's (offline), added to Base as a seller would issue them.
  const today = await post<{ invoice_id: number; number: string }>(base.origin, '/__sim/invoices', {});
  const yesterday = Math.floor(Date.now() / 1000) - 86_400 - 3_600;
  const late = await post<{ invoice_id: number; number: string }>(base.origin, '/__sim/invoices', {
    date_add: yesterday,
    date_sell: yesterday,
  });

  // Purchase invoices: a few suppliers' invoices to our NIP (one a correction), as KSeF holds them.
  await post(ksef.origin, '/__sim/incoming', {
    buyerNip: DEMO_SELLER.nip,
    count: 8,
    correctionEvery: 4,
    prefix: 'FZ/2026',
  });
  step('KSeF: 8 faktur zakupowych od dostawców (w tym korekta) czeka na pobranie („Faktury zakupowe”).');

  const list = await context.newPage();
  await list.setViewportSize({ width: 1280, height: 860 });
  await list.goto(LIST_URL);
  const icons = shadow(list, '[data-ksef-ext="layer"]').find('[data-ksef-ext="send"]');
  await until(list, 'KSeF icons', async () => (await icons.count()) > 0);
  step(`Lista faktur Base: ikona KSeF w ${await icons.count()} wierszach.`);

  if (!headless) {
    await list.bringToFront();
    step('Demo działa: klikaj ikony KSeF na liście faktur. Zamknij okno przeglądarki, aby zakończyć.');
    await new Promise<void>((res) => context.on('close', () => res()));
    await ksef.close();
    await base.close();
    return;
  }

  mkdirSync(shots, { recursive: true });
  await screenshot(list, 'invoice-list');

  step(`Wysyłka faktury ${today.number} ikoną KSeF…`);
  await list.reload();
  await until(list, 'the invoice row', async () => (await rowBlock(list, today.invoice_id).count()) > 0);
  await rowBlock(list, today.invoice_id).button('Wyślij do KSeF').click();
  await waitForRowText(list, today.invoice_id, /Zaakceptowana/);
  const acceptedView = (await command(options, 'invoices.view', { invoiceIds: [String(today.invoice_id)] })).items[0];
  step(`W wierszu faktury: Zaakceptowana, numer KSeF ${acceptedView.ksefNumber}, data ${acceptedView.processedAt}.`);
  const acceptedBlock = rowBlock(list, today.invoice_id);
  // Opened under the state: processing date, QR code and the PDF (src/content/widget.ts, row form).
  await acceptedBlock.button(/^Zaakceptowana/).click();
  await until(
    list,
    'the opened block',
    async () => !!(await acceptedBlock.button('Pobierz PDF z KSeF').first())?.visible,
  );
  await screenshot(list, 'invoice-accepted');
  await acceptedBlock.button(/^Zaakceptowana/).click();

  step(`Faktura ${late.number} wystawiona wczoraj: wysyłka w trybie offline…`);
  await rowBlock(list, late.invoice_id).button('Wyślij do KSeF').click();
  await waitForRowText(list, late.invoice_id, /Zaakceptowana/);
  const lateView = (await command(options, 'invoices.view', { invoiceIds: [String(late.invoice_id)] })).items[0];
  step(`Offline: KOD I ${lateView.kod1Url}`);
  step(`Offline: KOD II ${lateView.kod2Url}`);
  const qr = await command<{ kod1Svg: string; kod2Svg: string }>(options, 'invoice.qr', {
    invoiceId: String(late.invoice_id),
  });
  writeFileSync(resolve(shots, 'offline-kod1.svg'), qr.kod1Svg);
  writeFileSync(resolve(shots, 'offline-kod2.svg'), qr.kod2Svg);
  const codes = await context.newPage();
  await codes.setViewportSize({ width: 640, height: 360 });
  await codes.setContent(
    `<body style="font:14px sans-serif;display:flex;gap:24px;padding:16px"><div>${qr.kod1Svg}</div><div>${qr.kod2Svg}</div></body>`,
  );
  await screenshot(codes, 'offline-qr-codes');

  step('Wydruk: PDF z Base z nadrukiem kodów QR i numeru KSeF…');
  const print = await context.newPage();
  await print.setViewportSize({ width: 1000, height: 900 });
  await print.goto(`chrome-extension://${extensionId}/print.html?invoice=${late.invoice_id}`);
  await print.getByRole('button', { name: 'Drukuj' }).waitFor({ timeout: 30_000 });
  // Headless Chromium does not draw PDFs in a frame: save the stamped file and render its first
  // page with poppler (installed by .ci/install) for the tour's picture.
  const printed = await command<{ pdfBase64: string | null; fileName: string }>(print, 'invoice.print', {
    invoiceId: String(late.invoice_id),
  });
  if (printed.pdfBase64) {
    const pdfPath = resolve(shots, 'print-offline.pdf');
    writeFileSync(pdfPath, Buffer.from(printed.pdfBase64, 'base64'));
    try {
      execSync(`pdftoppm -png -r 70 -f 1 -l 1 -singlefile "${pdfPath}" "${resolve(shots, 'print-offline')}"`);
      step(`Wydruk zapisany: ${pdfPath} (pierwsza strona: print-offline.png).`);
    } catch {
      step(`Wydruk zapisany: ${pdfPath} (brak pdftoppm, bez podglądu PNG).`);
    }
  }

  // A month of invoices not sent yet: last month, added to Base.
  const now = new Date();
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10, 10));
  const month = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
  for (let i = 0; i < 30; i++) {
    const at = Math.floor(prev.getTime() / 1000) + i * 3_600 * 12;
    await post(base.origin, '/__sim/invoices', { date_add: at, date_sell: at });
  }
  // Three of them come back rejected, so the result shows which ones and why.
  await post(ksef.origin, '/__sim/faults', {
    kind: 'invoice-status',
    status: 450,
    count: 3,
    details: ['Element P_13_1: wartość netto nie zgadza się z sumą pozycji (wiersz 2)'],
  });
  step(`Eksport miesiąca ${month} (KSeF odrzuci 3 faktury)…`);
  await options.bringToFront();
  await options.getByRole('tab', { name: 'Eksport dokumentów' }).click();
  await options.getByLabel('Miesiąc').selectOption(month);
  await options.getByTestId('export-count').waitFor();
  await options.getByRole('button', { name: 'Wyślij', exact: true }).click();
  await options.waitForSelector('[data-testid="export-progress"][data-state="done"]', { timeout: 180_000 });
  const progress = (await command(options, 'export.progress')).progress;
  step(
    `Eksport ${month}: ${progress.accepted} przyjętych, ${progress.rejected} odrzuconych, ${progress.failed} błędów (${progress.mode === 'batch' ? 'sesja wsadowa' : 'wysyłka pojedyncza'}).`,
  );
  for (const f of progress.problems ?? []) step(`Nie trafiła do KSeF: ${f.number} — ${f.reason ?? f.state}`);
  await screenshot(options, 'options-export');

  step('Strona „Faktury w KSeF”: wszystkie faktury, filtr, szczegóły z odpowiedzią KSeF, UPO i XML…');
  const invoicesPage = await context.newPage();
  await invoicesPage.setViewportSize({ width: 1280, height: 800 });
  await invoicesPage.goto(`chrome-extension://${extensionId}/invoices.html`);
  await invoicesPage.getByTestId('invoices-count').waitFor();
  step(`Faktury w KSeF: ${await invoicesPage.getByTestId('invoices-count').textContent()}`);
  await screenshot(invoicesPage, 'invoices-page');
  const firstProblem = progress.problems?.[0];
  if (firstProblem) {
    await invoicesPage.getByLabel('Stan').selectOption('rejected');
    await invoicesPage.getByRole('button', { name: firstProblem.number }).click();
    await invoicesPage.getByTestId('details-ksef').waitFor();
    await screenshot(invoicesPage, 'invoices-details');
  }

  for (const [tab, name] of [
    ['Połączenie', 'options-connection'],
    ['Przekazywanie dokumentów', 'options-transfer'],
    ['Serie numeracji', 'options-series'],
    ['Pomoc', 'options-help'],
  ] as const) {
    await options.getByRole('tab', { name: tab }).click();
    await options.waitForTimeout(800);
    await screenshot(options, name);
  }
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.waitForTimeout(1000);
  await screenshot(popup, 'popup');

  step('Faktury zakupowe: pierwsza synchronizacja z KSeF…');
  const purchases = await context.newPage();
  await purchases.setViewportSize({ width: 1280, height: 720 });
  await purchases.goto(`chrome-extension://${extensionId}/purchases.html`);
  await purchases.getByRole('button', { name: 'Synchronizuj teraz' }).click();
  await purchases.locator('tbody tr').first().waitFor({ timeout: 60_000 });
  step(`Faktury zakupowe: ${await purchases.locator('tbody tr').count()} na liście.`);
  await purchases.waitForTimeout(500);
  await screenshot(purchases, 'purchases');
  await purchases.locator('tbody tr a').first().click();
  await purchases.getByTestId('purchase-detail').waitFor();
  await purchases.setViewportSize({ width: 1100, height: 1200 });
  await purchases.waitForTimeout(500);
  await screenshot(purchases, 'purchase-invoice');

  step(`Zrzuty ekranu zapisane w ${shots}.`);
  await context.close();
  await ksef.close();
  await base.close();
  step('Koniec wycieczki.');
}

main().catch((err: unknown) => {
  process.stderr.write(`Demo nie powiodło się: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
