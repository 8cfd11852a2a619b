/**
 * KSeF/FA(3) conformance in the real extension, against the KSeF simulator and the Base fake: series rules
 * (margin scheme, split payment) edited on the Serie numeracji tab reach the invoice KSeF accepts; KSeF's system
 * warning shows in the popup and options and can be dismissed; KSeF's live limits show on the Pomoc tab; the
 * offline deadline shows in the popup.
 */
import { expect, test } from './fixtures';
import { addBaseInvoice, command, configuredWorld, simPost, type World, waitForState } from './helpers';

let world: World;
test.afterEach(async () => {
  await world?.close();
});

async function setUp(...args: Parameters<typeof configuredWorld>) {
  const ready = await configuredWorld(...args);
  world = ready.world;
  return ready.page;
}

test('Serie numeracji: a margin-scheme series with split payment; its invoice is accepted by KSeF', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const options = await openExtensionPage('options.html#series');
  await options.locator('#margin-3001').selectOption('used');
  await options.locator('#split-3001').selectOption('over-15000');
  await options.getByRole('button', { name: 'Zapisz serie' }).click();
  await expect(options.getByRole('status')).toContainText('Zapisano');
  const saved = await command(page, 'settings.get');
  expect(saved.res.settings.seriesRules).toEqual({ '3001': { margin: 'used', splitPayment: 'over-15000' } });

  // The margin invoice (no VAT rate on its lines, P_13_11) passes the simulator's XSD check and is accepted.
  const inv = await addBaseInvoice(world, { series_id: 3001 });
  const sent = await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  await waitForState(page, inv.invoice_id, 'accepted', 30_000);
});

test('KSeF system warning in the popup and options (dismissable, with its time); live limits on Pomoc', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  await simPost(world.ksef, '/__sim/system-warning', {
    text: '[MAINT-1]: Prace serwisowe KSeF 2026-12-06 22:00-23:00',
  });
  // A send logs in and makes the calls that bring the warning and the live limits.
  const inv = await addBaseInvoice(world);
  expect((await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) })).ok).toBe(true);

  const popup = await openExtensionPage('popup.html');
  const warning = popup.getByTestId('ksef-system-warning');
  await expect(warning).toContainText('Komunikat KSeF (od');
  await expect(warning).toContainText('Prace serwisowe KSeF 2026-12-06 22:00-23:00');

  const options = await openExtensionPage('options.html#help');
  await expect(options.getByTestId('ksef-system-warning')).toContainText('MAINT-1');
  const limits = options.getByTestId('ksef-limits');
  await expect(limits).toContainText('Odczytane z KSeF (TEST)');
  await expect(limits.locator('tbody tr', { hasText: 'Wysłanie faktury' })).toContainText('10');

  await popup.getByRole('button', { name: 'Ukryj komunikat' }).click();
  await expect(popup.getByTestId('ksef-system-warning')).toHaveCount(0);
  await options.reload();
  await expect(options.getByTestId('ksef-limits')).toBeVisible();
  await expect(options.getByTestId('ksef-system-warning')).toHaveCount(0);
});

test('an invoice that could not be sent on its issue day shows "wyślij do …" in the popup', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  // Issued yesterday (Warsaw), and KSeF refuses it: it must still get there by the next working day.
  const yesterday = Math.floor(Date.now() / 1000) - 86_400;
  const inv = await addBaseInvoice(world, { date_add: yesterday, date_sell: yesterday, invoice_nip: '123' });
  await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  const view = await waitForState(page, inv.invoice_id, 'needs-attention', 20_000);
  expect(view.sendBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const popup = await openExtensionPage('popup.html');
  const line = popup.locator(`[data-invoice-id="${inv.invoice_id}"] [data-testid="send-by"]`);
  const [y, m, d] = (view.sendBy as string).split('-');
  await expect(line).toContainText(`${d}.${m}.${y}`);
});
