/**
 * The "Faktury w KSeF" page in the real extension: every tracked invoice, filters and search,
 * KSeF's whole answer, UPO and XML downloads, the skip mark (and the export and the problems list
 * leaving skipped invoices out), bulk send / re-check / UPOs as a ZIP.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { addBaseInvoice, command, configuredWorld, simPost, type World, waitForState } from './helpers';

let world: World;
// Each test sends several invoices through the simulator and waits for KSeF's answers.
test.setTimeout(150_000);
test.afterEach(async () => {
  await world?.close();
});

const warsawMonth = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit' }).format(new Date());

test('lists, filters and searches the tracked invoices; details carry KSeF’s details; UPO and XML download', async ({
  context,
  openExtensionPage,
}) => {
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const page = ready.page;
  const good = await addBaseInvoice(world);
  const bad = await addBaseInvoice(world, { invoice_nip: '5261297913' });
  const rejected = await addBaseInvoice(world);

  await command(page, 'invoice.send', { invoiceId: String(good.invoice_id) });
  const accepted = await waitForState(page, good.invoice_id, 'accepted');
  await command(page, 'invoice.send', { invoiceId: String(bad.invoice_id) });
  await waitForState(page, bad.invoice_id, 'needs-attention');
  await simPost(world.ksef, '/__sim/faults', {
    kind: 'invoice-status',
    status: 450,
    count: 1,
    details: ['Element P_13_1 ma nieprawidłową wartość (wiersz 1)'],
  });
  await command(page, 'invoice.send', { invoiceId: String(rejected.invoice_id) });
  await waitForState(page, rejected.invoice_id, 'rejected');
  // The UPO is fetched after acceptance (quick checks / the poll): wait until it is there.
  await expect
    .poll(
      async () =>
        (await command(page, 'invoices.list')).res.items.find(
          (i: { invoiceId: string }) => i.invoiceId === String(good.invoice_id),
        )?.hasUpo,
      { timeout: 30_000 },
    )
    .toBe(true);

  const list = await openExtensionPage('invoices.html');
  await expect(list.getByRole('heading', { name: 'Faktury w KSeF' })).toBeVisible();
  await expect(list.getByTestId('invoices-count')).toHaveText('Pokazane: 3 z 3');

  await list.getByLabel('Stan').selectOption('attention');
  await expect(list.getByTestId('invoices-count')).toHaveText('Pokazane: 1 z 3');
  await expect(list.getByTestId('invoice-rows')).toContainText(bad.number);
  await list.getByLabel('Stan').selectOption('rejected');
  await expect(list.getByTestId('invoice-rows')).toContainText(rejected.number);
  await list.getByLabel('Stan').selectOption('all');

  // Search by the KSeF number, then by the month.
  await list.getByLabel('Szukaj').fill(accepted.ksefNumber.slice(-15));
  await expect(list.getByTestId('invoices-count')).toHaveText('Pokazane: 1 z 3');
  await list.getByLabel('Szukaj').fill('');
  await list.getByLabel('Miesiąc wystawienia').selectOption(warsawMonth());
  await expect(list.getByTestId('invoices-count')).toHaveText('Pokazane: 3 z 3');

  // The rejected invoice: KSeF's whole answer, details included.
  await list.getByRole('button', { name: rejected.number }).click();
  const details = list.getByRole('complementary', { name: `Szczegóły faktury ${rejected.number}` });
  await expect(details.getByTestId('details-ksef')).toContainText('450');
  await expect(details.getByTestId('details-ksef')).toContainText('Element P_13_1 ma nieprawidłową wartość (wiersz 1)');
  await expect(details.getByRole('button', { name: 'Wyślij ponownie' })).toBeVisible();

  // The accepted one: UPO and the XML sent to KSeF.
  await list.getByRole('button', { name: good.number }).click();
  const acc = list.getByRole('complementary', { name: `Szczegóły faktury ${good.number}` });
  await expect(acc).toContainText(accepted.ksefNumber);
  const [upo] = await Promise.all([
    list.waitForEvent('download'),
    acc.getByRole('button', { name: 'Pobierz UPO' }).click(),
  ]);
  expect(upo.suggestedFilename()).toBe(`UPO-${accepted.ksefNumber}.xml`);
  const upoText = await readFile((await upo.path()) as string, 'utf8');
  expect(upoText).toContain(accepted.ksefNumber);
  // Once the UPO is kept, the bytes sent are dropped: the XML comes from KSeF's own copy.
  await simPost(world.ksef, '/__sim/clock', { advanceMs: 60_000 });
  const [xml] = await Promise.all([
    list.waitForEvent('download'),
    acc.getByRole('button', { name: 'Pobierz XML z KSeF' }).click(),
  ]);
  const xmlText = await readFile((await xml.path()) as string, 'utf8');
  expect(xmlText).toContain('<Faktura');
  expect(xmlText).toContain(good.number);
  const [printTab] = await Promise.all([
    context.waitForEvent('page'),
    acc.getByRole('button', { name: 'Drukuj' }).click(),
  ]);
  await expect(printTab).toHaveURL(new RegExp(`print\\.html\\?invoice=${good.invoice_id}`));
  await printTab.close();

  // The popup links to the page; defect 5: the popup shows KSeF's details too.
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('link', { name: 'Faktury w KSeF' })).toHaveAttribute('href', 'invoices.html');
  await expect(popup.getByTestId('popup-attention')).toContainText(
    'Element P_13_1 ma nieprawidłową wartość (wiersz 1)',
  );
});

test('skip with a reason: never sent, out of the problems and the export count; undo; bulk send and UPO ZIP', async ({
  context,
  openExtensionPage,
}) => {
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const page = ready.page;
  const bad = await addBaseInvoice(world, { invoice_nip: '5261297913' });
  const a = await addBaseInvoice(world);
  const b = await addBaseInvoice(world);
  await command(page, 'invoice.send', { invoiceId: String(bad.invoice_id) });
  await waitForState(page, bad.invoice_id, 'needs-attention');
  // a and b come back rejected the first time (fixed "in Base" afterwards).
  await simPost(world.ksef, '/__sim/faults', { kind: 'invoice-status', status: 450, count: 2 });
  await command(page, 'invoice.send', { invoiceId: String(a.invoice_id) });
  await command(page, 'invoice.send', { invoiceId: String(b.invoice_id) });
  await waitForState(page, a.invoice_id, 'rejected');
  await waitForState(page, b.invoice_id, 'rejected');
  const month = warsawMonth();
  const countBefore = (await command(page, 'export.count', { month })).res.notSent;

  const list = await openExtensionPage('invoices.html');
  await list.getByRole('button', { name: bad.number }).click();
  const d = list.getByRole('complementary', { name: `Szczegóły faktury ${bad.number}` });
  await d.getByRole('button', { name: 'Pomiń / wystawiona poza KSeF' }).click();
  // An empty reason is refused with a message.
  await d.getByRole('button', { name: 'Oznacz jako pominiętą' }).click();
  await expect(d.getByRole('alert')).toContainText('Podaj powód');
  await d.getByLabel('Powód pominięcia').fill('Wystawiona w KSeF ręcznie');
  await d.getByRole('button', { name: 'Oznacz jako pominiętą' }).click();
  await expect(d).toContainText('Wystawiona w KSeF ręcznie');
  await expect(d.getByRole('button', { name: 'Cofnij pominięcie' })).toBeVisible();

  // Never sent, not in the problems list, not counted for the export.
  const refused = await command(page, 'invoice.send', { invoiceId: String(bad.invoice_id) });
  expect(refused.ok).toBe(false);
  expect(refused.error.message).toContain('Pomiń / wystawiona poza KSeF');
  const summary = await command(page, 'popup.summary');
  expect(summary.res.attention.map((i: { invoiceId: string }) => i.invoiceId)).not.toContain(String(bad.invoice_id));
  expect((await command(page, 'export.count', { month })).res.notSent).toBe(countBefore - 1);
  await list.getByLabel('Stan').selectOption('skipped');
  await expect(list.getByTestId('invoices-count')).toHaveText('Pokazane: 1 z 3');
  await list.getByLabel('Stan').selectOption('attention');
  await expect(list.getByTestId('invoices-count')).toHaveText('Pokazane: 0 z 3');

  // Undo: it is an ordinary invoice again.
  await list.getByLabel('Stan').selectOption('all');
  await list.getByRole('button', { name: bad.number }).click();
  await d.getByRole('button', { name: 'Cofnij pominięcie' }).click();
  await expect(d.getByRole('button', { name: 'Pomiń / wystawiona poza KSeF' })).toBeVisible();
  expect((await command(page, 'popup.summary')).res.attention.map((i: { invoiceId: string }) => i.invoiceId)).toContain(
    String(bad.invoice_id),
  );

  // Bulk: tick a and b, send them; then their UPOs as one ZIP.
  await list.getByLabel(`Zaznacz fakturę ${a.number}`).check();
  await list.getByLabel(`Zaznacz fakturę ${b.number}`).check();
  await list.getByRole('button', { name: 'Wyślij zaznaczone (2)' }).click();
  await expect(list.getByText('Gotowe: udało się 2, nie udało się 0.')).toBeVisible({ timeout: 30_000 });
  const aView = await waitForState(page, a.invoice_id, 'accepted');
  const bView = await waitForState(page, b.invoice_id, 'accepted');
  await expect
    .poll(
      async () =>
        (await command(page, 'invoices.list')).res.items.filter(
          (i: { invoiceId: string; hasUpo?: boolean }) =>
            [String(a.invoice_id), String(b.invoice_id)].includes(i.invoiceId) && i.hasUpo,
        ).length,
      { timeout: 30_000 },
    )
    .toBe(2);
  const [zip] = await Promise.all([
    list.waitForEvent('download'),
    list.getByRole('button', { name: 'Pobierz UPO zaznaczonych (ZIP)' }).click(),
  ]);
  const files = unzipSync(new Uint8Array(await readFile((await zip.path()) as string)));
  expect(Object.keys(files)).toHaveLength(2);
  const texts = Object.values(files).map((f) => strFromU8(f));
  expect(texts.every((x) => x.includes('<Potwierdzenie'))).toBe(true);
  expect(texts.join('\n')).toContain(aView.ksefNumber);
  expect(texts.join('\n')).toContain(bView.ksefNumber);

  // A bulk send of an invoice that cannot go says which one and why.
  await list.getByLabel(`Zaznacz fakturę ${a.number}`).uncheck();
  await list.getByLabel(`Zaznacz fakturę ${b.number}`).uncheck();
  await list.getByLabel(`Zaznacz fakturę ${bad.number}`).check();
  await list.getByLabel(`Zaznacz fakturę ${a.number}`).check();
  await list.getByRole('button', { name: 'Wyślij zaznaczone (2)' }).click();
  await expect(list.getByText('Gotowe: udało się 0, nie udało się 2.')).toBeVisible({ timeout: 30_000 });
  await expect(list.locator('.bulk-failures')).toContainText(`${a.number}: Faktura jest już w KSeF`);
  await expect(list.locator('.bulk-failures')).toContainText(`${bad.number}: `);
});
