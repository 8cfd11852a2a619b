/**
 * A seller who reads English: after an accepted, a rejected and a not-buildable invoice, every
 * options tab, the popup and the "Invoices in KSeF" page (with the details of the two problem
 * invoices open) show no Polish words of ours. The words come from src/i18n; the lower layers hand
 * up codes, so a Polish sentence here means a layer still words its own failures. The seller's own
 * data (names, addresses, series from Base) and KSeF's own status descriptions are Polish on purpose
 * and left out of the check.
 */
import type { Page } from '@playwright/test';
import { polishIn } from '../i18n/polish';
import { DEMO_SELLER } from '../sim/base';
import { expect, test } from './fixtures';
import { addBaseInvoice, command, configuredWorld, simPost, viewOf, type World, waitForState } from './helpers';

let world: World | undefined;
test.afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A buyer whose data has no Polish in it, so what is left to check is the extension's words. */
const BUYER = {
  invoice_fullname: 'John Smith',
  invoice_company: 'Acme Trading Ltd',
  invoice_address: 'Main Street 1',
  invoice_postcode: '00-001',
  invoice_city: 'Warsaw',
};

/** Lines of the page's visible text that hold Polish, the seller's data taken out first. */
async function polishLines(page: Page, data: readonly string[]): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: what the seller sees, not hidden nodes' text
  let text = await page.locator('body').innerText();
  for (const d of data) text = text.split(d).join('');
  return text
    .split('\n')
    .filter((line) => polishIn(line) !== null)
    .map((line) => `${line.trim()}  ← ${polishIn(line)}`);
}

test('an English-speaking seller reads no Polish of ours on the options tabs, the popup and the invoices page', async ({
  context,
  openExtensionPage,
}) => {
  const ready = await configuredWorld(context, openExtensionPage, { settings: { uiLang: 'en' } });
  world = ready.world;
  const page = ready.page;
  const good = await addBaseInvoice(world, BUYER);
  const badNip = await addBaseInvoice(world, { ...BUYER, invoice_nip: '5261297913' });
  const rejected = await addBaseInvoice(world, BUYER);

  await command(page, 'invoice.send', { invoiceId: String(good.invoice_id) });
  await waitForState(page, good.invoice_id, 'accepted');
  await command(page, 'invoice.send', { invoiceId: String(badNip.invoice_id) });
  await waitForState(page, badNip.invoice_id, 'needs-attention');
  await simPost(world.ksef, '/__sim/faults', { kind: 'invoice-status', status: 450, count: 1 });
  await command(page, 'invoice.send', { invoiceId: String(rejected.invoice_id) });
  await waitForState(page, rejected.invoice_id, 'rejected');

  const series = (await command(page, 'series.list')).res?.series ?? [];
  // KSeF's own description of the status is shown as it came (it is KSeF's, in Polish); our
  // explanation of the status is what must read in English.
  const ksefDescription: string = (await viewOf(page, rejected.invoice_id)).ksefStatus.description;
  expect(ksefDescription.length).toBeGreaterThan(0);
  const data: string[] = [
    DEMO_SELLER.name,
    DEMO_SELLER.addressL1,
    DEMO_SELLER.addressL2,
    ...series.map((s: { name: string }) => s.name),
    ksefDescription,
  ];

  const options = await openExtensionPage('options.html');
  await expect(options.getByRole('heading', { name: 'KSeF for Base — settings' })).toBeVisible();
  const tabs = options.getByRole('tab');
  const names = await tabs.allInnerTexts();
  expect(names).toEqual(['Connection', 'Document transfer', 'Document export', 'Numbering series', 'Help']);
  for (const name of names) {
    await options.getByRole('tab', { name }).click();
    await expect(options.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await options.waitForLoadState('networkidle');
    expect(await polishLines(options, data), `options tab ${name}`).toEqual([]);
  }

  await page.reload();
  await expect(page.getByRole('heading', { name: 'KSeF for Base' })).toBeVisible();
  await expect(page.locator('body')).toContainText(rejected.number);
  expect(await polishLines(page, data), 'popup').toEqual([]);

  const list = await openExtensionPage('invoices.html');
  await expect(list.getByRole('heading', { name: 'Invoices in KSeF' })).toBeVisible();
  for (const inv of [rejected, badNip]) {
    await list.getByRole('button', { name: inv.number }).click();
    const details = list.getByRole('complementary', { name: `Invoice ${inv.number} details` });
    await expect(details).toBeVisible();
    // The reason is there, in English: the rejection names KSeF's status, the failed build its cause.
    await expect(details).toContainText(inv === rejected ? /450/ : /buyer's NIP/i);
    expect(await polishLines(list, data), `invoices page, details of ${inv.number}`).toEqual([]);
  }
});
