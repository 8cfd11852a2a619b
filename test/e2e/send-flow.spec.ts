/**
 * The send pipeline in the real extension, against the KSeF simulator and the Base fake routed in
 * at the production hosts.
 */

import { DEMO_SELLER } from '../sim/base';
import { expect, test } from './fixtures';
import {
  addBaseInvoice,
  command,
  configuredWorld,
  fireHourlyPoll,
  fireWakeups,
  pendingWakeups,
  registeredInKsef,
  simGet,
  simPost,
  viewOf,
  type World,
  waitForState,
} from './helpers';

let world: World;
test.afterEach(async () => {
  await world?.close();
});

/** Starts and configures everything; the world is closed after each test. */
async function setUp(...args: Parameters<typeof configuredWorld>) {
  const ready = await configuredWorld(...args);
  world = ready.world;
  return ready.page;
}

test('send → W przetwarzaniu → hourly poll → Zaakceptowana with KSeF number and QR', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  // Log in first; then KSeF keeps invoices "in processing" until the hourly poll.
  expect((await command(page, 'connection.check')).res.ksef.ok).toBe(true);
  await simPost(world.ksef, '/__sim/delays', { processingDelaysMs: [600_000, 0] });
  const inv = await addBaseInvoice(world);

  const sent = await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  expect(sent.res.item.state).toBe('processing');

  const summary = await command(page, 'popup.summary');
  expect(summary.res.pending.map((i: { invoiceId: string }) => i.invoiceId)).toContain(String(inv.invoice_id));
  const popupPage = await openExtensionPage('popup.html');
  await expect(popupPage.getByTestId('popup-pending')).toContainText(inv.number);

  // KSeF finishes; the hourly alarm picks it up.
  await simPost(world.ksef, '/__sim/clock', { advanceMs: 700_000 });
  await fireHourlyPoll(sw);
  await waitForState(page, String(inv.invoice_id), 'accepted', 20_000);
  const view = await viewOf(page, String(inv.invoice_id));
  expect(view.ksefNumber).toMatch(new RegExp(`^${DEMO_SELLER.nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$`));
  // The same popup, still open, follows the change live.
  await expect(popupPage.getByTestId('popup-accepted')).toContainText(view.ksefNumber);
  expect(view.kod1Url).toMatch(
    /^https:\/\/qr-test\.ksef\.mf\.gov\.pl\/invoice\/7251266236\/\d{2}-\d{2}-\d{4}\/[\w-]{43}$/,
  );
  const qr = await command(page, 'invoice.qr', { invoiceId: String(inv.invoice_id) });
  expect(qr.res.kod1Svg).toContain('<svg');
  expect(qr.res.kod1Svg).toContain(view.ksefNumber);

  // Exactly one invoice in KSeF.
  const inKsef = await registeredInKsef(world);
  expect(inKsef.filter((i) => i.invoiceNumber === inv.number)).toHaveLength(1);
});

test('a second click while the first send is in progress is refused; the invoice goes to KSeF once', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  const [a, b] = await Promise.all([
    command(page, 'invoice.send', { invoiceId: id }),
    command(page, 'invoice.send', { invoiceId: id }),
  ]);
  const oks = [a, b].filter((r) => r.ok);
  const refused = [a, b].filter((r) => !r.ok);
  expect(oks).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0]!.error.message).toMatch(/wysył|przetwarz|KSeF/i);
  // And after acceptance a third click is refused too.
  await waitForState(page, id, 'accepted', 20_000);
  const third = await command(page, 'invoice.send', { invoiceId: id });
  expect(third.ok).toBe(false);
  const inKsef = await registeredInKsef(world);
  expect(inKsef.filter((i) => i.invoiceNumber === inv.number)).toHaveLength(1);
});

test('a rejected invoice is unlinked with the reason, then sent again after the fix and accepted', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  // KSeF rejects the next invoice it processes (schema error, 450).
  await simPost(world.ksef, '/__sim/faults', {
    route: 'POST /v2/sessions/online/{referenceNumber}/invoices',
    kind: 'invoice-status',
    status: 450,
    count: 1,
  });
  await command(page, 'invoice.send', { invoiceId: id });
  await waitForState(page, id, 'rejected', 30_000);
  const rejected = await viewOf(page, id);
  expect(rejected.reason).toBeTruthy();
  expect(rejected.ksefStatus.code).toBe(450);
  expect(rejected.ksefNumber).toBeUndefined();
  const popup = await command(page, 'popup.summary');
  expect(popup.res.attention.map((i: { invoiceId: string }) => i.invoiceId)).toContain(id);
  // The popup shows it under "Wymaga uwagi", with KSeF's reason.
  const popupPage = await openExtensionPage('popup.html');
  const attention = popupPage.getByTestId('popup-attention');
  await expect(attention).toContainText(inv.number);
  await expect(attention).toContainText(rejected.reason);
  await popupPage.close();

  // "Fixed" (the fault is spent): send again.
  const again = await command(page, 'invoice.resend', { invoiceId: id });
  expect(again.ok, JSON.stringify(again.error)).toBe(true);
  await waitForState(page, id, 'accepted', 30_000);
  const inKsef = await registeredInKsef(world);
  const mine = inKsef.filter((i) => i.invoiceNumber === inv.number);
  expect(mine.filter((i) => i.ksefNumber)).toHaveLength(1);
});

test('a rejected offline invoice is sent again as a technical correction of the rejected file', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  // Issued yesterday, sent today: offline mode (docs/ksef-protocol.md §5).
  const yesterday = Math.floor(Date.now() / 1000) - 86_400 - 3_600;
  const inv = await addBaseInvoice(world, { date_add: yesterday, date_sell: yesterday });
  const id = String(inv.invoice_id);
  await simPost(world.ksef, '/__sim/faults', {
    route: 'POST /v2/sessions/online/{referenceNumber}/invoices',
    kind: 'invoice-status',
    status: 450,
    count: 1,
  });
  await command(page, 'invoice.send', { invoiceId: id });
  await waitForState(page, id, 'rejected', 30_000);
  const rejected = await viewOf(page, id);
  expect(rejected.offline).toBe(true);
  expect(rejected.technicalCorrection).toBe(true);
  const [original] = (await registeredInKsef(world)).filter((i) => i.invoiceNumber === inv.number);
  expect(original?.status).toBe(450);

  const again = await command(page, 'invoice.resend', { invoiceId: id });
  expect(again.ok, JSON.stringify(again.error)).toBe(true);
  await waitForState(page, id, 'accepted', 30_000);
  // KSeF holds the correction, pointing at the rejected file: the KOD I on the buyer's copy leads to it.
  const mine = (await registeredInKsef(world)).filter((i) => i.invoiceNumber === inv.number);
  expect(mine).toHaveLength(2);
  const correction = mine.find((i) => i.ksefNumber);
  expect(correction?.correctedHash).toBe(original?.invoiceHash);
  expect(correction?.invoicingMode).toBe('Offline');
  expect((await viewOf(page, id)).technicalCorrection).toBeUndefined();
});

test('a response lost after KSeF accepted the invoice is reconciled without a duplicate', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  await simPost(world.ksef, '/__sim/faults', {
    route: 'POST /v2/sessions/online/{referenceNumber}/invoices',
    kind: 'drop-after-accept',
    count: 1,
  });
  await command(page, 'invoice.send', { invoiceId: id });
  await waitForState(page, id, 'accepted', 40_000);
  const inKsef = await registeredInKsef(world);
  expect(inKsef.filter((i) => i.invoiceNumber === inv.number)).toHaveLength(1);
  const posts = (await simGet<{ method: string; path: string }[]>(world.ksef, '/__sim/requests')).filter(
    (r) => r.method === 'POST' && /\/sessions\/online\/[^/]+\/invoices$/.test(r.path),
  );
  expect(posts).toHaveLength(1);
});

test('Base down, then KSeF 429: the invoice waits with a Polish reason and goes through once when they are back', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  // Wakes the pipeline's retry for this invoice now (the wake-up it asked for, fired early).
  const retryNow = () => fireWakeups(sw, `ksef-send:${id}`);

  await simPost(world.base, '/__sim/faults', { method: 'getInvoices', kind: 'down', count: 1 });
  const first = await command(page, 'invoice.send', { invoiceId: id });
  expect(first.ok).toBe(true);
  expect(first.res.item.state).toBe('queued');
  expect(first.res.item.reason).toMatch(/niedostępna.*Base/);
  // The retry waits behind the single wake-up alarm (Chrome allows 500 alarms per extension).
  expect(Object.keys(await pendingWakeups(sw))).toContain(`ksef-send:${id}`);
  expect(await sw.evaluate(() => chrome.alarms.get('ksef-wake'))).toBeTruthy();

  // Base is back; KSeF now answers the invoice POST with 429 (Retry-After 2 s).
  await simPost(world.ksef, '/__sim/faults', {
    route: 'POST /v2/sessions/online/{referenceNumber}/invoices',
    kind: 'http429',
    status: 2,
    count: 1,
  });
  await retryNow();
  await expect.poll(async () => (await viewOf(page, id)).reason ?? '', { timeout: 20_000 }).toMatch(/limit/i);
  expect((await viewOf(page, id)).state).toBe('queued');

  await page.waitForTimeout(2_500);
  await retryNow();
  await waitForState(page, id, 'accepted');
  expect((await registeredInKsef(world)).filter((i) => i.invoiceNumber === inv.number)).toHaveLength(1);
});

test('an invoice KSeF already holds (440) adopts the original KSeF number and its KOD I', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const first = await addBaseInvoice(world);
  await command(page, 'invoice.send', { invoiceId: String(first.invoice_id) });
  const original = await waitForState(page, first.invoice_id, 'accepted');
  // The same invoice number again in Base (e.g. issued twice): KSeF answers 440.
  const again = await addBaseInvoice(world, { number: first.number });
  await command(page, 'invoice.send', { invoiceId: String(again.invoice_id) });
  const adopted = await waitForState(page, again.invoice_id, 'accepted');
  expect(adopted.ksefNumber).toBe(original.ksefNumber);
  expect(adopted.ksefStatus.code).toBe(440);
  // KOD I of the file KSeF holds: the original's link.
  expect(adopted.kod1Url).toBe(original.kod1Url);
  expect((await registeredInKsef(world)).filter((i) => i.ksefNumber)).toHaveLength(1);
});

test('the word "test" as the KSeF token logs in with a certificate on TEST and sends', async ({
  context,
  stopWorker,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const set = await command(page, 'secrets.setKsefToken', { token: 'test' });
  expect(set.ok, JSON.stringify(set.error)).toBe(true);
  const check = await command(page, 'connection.check');
  expect(check.res.ksef.ok, check.res.ksef.message).toBe(true);
  // The self-signed certificate and its non-extractable key survive a worker restart.
  await stopWorker();
  const inv = await addBaseInvoice(world);
  await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  await waitForState(page, inv.invoice_id, 'accepted');
  const xadesLogins = (await simGet<{ method: string; path: string }[]>(world.ksef, '/__sim/requests')).filter(
    (r) => r.method === 'POST' && r.path.startsWith('/v2/auth/xades-signature'),
  );
  expect(xadesLogins.length).toBeGreaterThanOrEqual(1);
  // "test" is refused outside TEST.
  await command(page, 'settings.save', { patch: { env: 'demo' } });
  const refused = await command(page, 'secrets.setKsefToken', { token: 'test' });
  expect(refused.ok).toBe(false);
  expect(refused.error.message).toMatch(/tylko w środowisku testowym/);
});
