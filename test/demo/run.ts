/**
 * The demo: builds the extension, serves the demo Base invoice list at a real panel URL, and opens
 * Chromium with the extension loaded. Headed when a display exists; `--headless` (or no display)
 * runs a scripted tour that prints each step and saves screenshots to test-results/demo/.
 * The simulators join the demo as their issues land (#3, #5, #8).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, servePanelPage, serviceWorkerOf } from '../e2e/fixtures';

const root = resolve(import.meta.dirname, '../..');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const shots = resolve(root, 'test-results/demo');
const PANEL_URL = 'https://panel-e.baselinker.com/invoices.php';

function step(n: number, text: string): void {
  process.stdout.write(`[demo ${n}] ${text}\n`);
}

async function main(): Promise<void> {
  step(1, 'Budowanie rozszerzenia (npm run build:e2e)…');
  execSync('npm run --silent build:e2e', { cwd: root, stdio: 'inherit' });

  step(2, `Uruchamianie Chromium z rozszerzeniem (${headless ? 'bez okna, wycieczka skryptowa' : 'z oknem'})…`);
  const { context } = await launchExtension({ headless });
  const sw = await serviceWorkerOf(context);
  const extensionId = new URL(sw.url()).host;
  await servePanelPage(context, PANEL_URL, readFileSync(resolve(root, 'test/fixtures/base/invoice-list.html'), 'utf8'));

  const page = await context.newPage();
  await page.goto(PANEL_URL);
  await page.locator('[data-ksef-ext="send"]').first().waitFor();
  step(3, `Lista faktur Base: ${await page.locator('[data-ksef-ext="send"]').count()} ikon KSeF wstrzyknięto.`);

  if (!headless) {
    step(4, 'Demo działa. Zamknij okno przeglądarki, aby zakończyć.');
    await new Promise<void>((res) => context.on('close', () => res()));
    return;
  }
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: resolve(shots, 'invoice-list.png') });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 300 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.screenshot({ path: resolve(shots, 'popup.png') });
  step(4, `Zrzuty ekranu zapisane w ${shots}.`);
  await context.close();
  step(5, 'Koniec wycieczki.');
}

main().catch((err: unknown) => {
  process.stderr.write(`Demo nie powiodło się: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
