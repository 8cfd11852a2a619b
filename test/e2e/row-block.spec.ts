/**
 * One row's KSeF block in real Chromium, as a seller meets it on the Base fake's invoice list
 * (test/sim/base): messages that never outlive the state they were about nor spill onto the next
 * row, the popover that stays out of the next row's way, and the reasons a row shows.
 */
import type { Page } from '@playwright/test';
import { shadow, withRoots } from './closed-shadow';
import { expect, test } from './fixtures';
import {
  acceptedAfterWakeups,
  addBaseInvoice,
  command,
  PANEL,
  panelWorld,
  simGet,
  simPost,
  viewOf,
  type World,
  waitForState,
} from './helpers';
import { rowBlock } from './rows';

let world: World;
test.afterEach(async () => {
  await world?.close();
});

async function setUp(
  context: import('@playwright/test').BrowserContext,
  openExtensionPage: (p: string) => Promise<Page>,
) {
  const ready = await panelWorld(context, openExtensionPage);
  world = ready.world;
  return ready.page;
}

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** On-screen boxes inside one invoice's row block (null when absent or hidden), and the rows. */
async function boxes(page: Page, id: string, sels: string[]): Promise<Record<string, Rect | null>> {
  return withRoots(
    page,
    (roots, a) => {
      const out: Record<string, Rect | null> = {};
      const rect = (e: Element | null | undefined) => {
        if (!e || !(e as HTMLElement).checkVisibility()) return null;
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
      };
      const host = roots
        .flatMap((r) => [...r.querySelectorAll(`[data-ksef-ext="send"][data-invoice-id="${a.id}"]`)])
        .at(0);
      out.block = rect(host);
      const inner = roots.find((r) => r.host === host);
      for (const s of a.sels) out[s.replace(/^\./, '')] = rect(inner?.querySelector(s));
      out.row = rect(document.querySelector(`tr[data-id="${a.id}"]`));
      return out;
    },
    { id, sels },
  );
}

const POST_INVOICE = 'POST /v2/sessions/online/{referenceNumber}/invoices';
const invoicePosts = (reqs: { method: string; path: string; status: number }[]) =>
  reqs.filter((r) => r.method === 'POST' && /\/sessions\/online\/[^/]+\/invoices$/.test(r.path));

test('the worker restarted mid-send: the row ends at Zaakceptowana without a stale connection error', async ({
  context,
  sw,
  openExtensionPage,
  stopWorker,
}) => {
  test.setTimeout(120_000);
  const popup = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php`);
  const block = rowBlock(page, id);
  // The worker has recognised the row (its icon names the invoice): only then may the tab send it.
  await expect.poll(() => block.button('Wyślij do KSeF').attr('aria-label')).toBe(`Wyślij do KSeF: ${inv.number}`);

  // KSeF never answers the POST; the worker is stopped while the click waits for its reply.
  await simPost(world.ksef, '/__sim/faults', { route: POST_INVOICE, kind: 'hang', count: 1 });
  await block.button('Wyślij do KSeF').click();
  await expect
    .poll(async () => invoicePosts(await simGet(world.ksef, '/__sim/requests')).length, { timeout: 30_000 })
    .toBe(1);
  await stopWorker();

  // The restarted worker finishes the send; the row follows it.
  await acceptedAfterWakeups(popup, sw, id);
  await expect.poll(() => block.find('.badge').text(), { timeout: 15_000 }).toContain('Zaakceptowana');
  // The lost reply of the click says nothing about an invoice that moved on.
  expect((await boxes(page, id, ['.msg'])).msg ?? null).toBeNull();
  expect(await block.find('.msg').text()).not.toContain('Nie udało się połączyć');
});

test("a row's message stands in for its second line, inside the row", async ({ context, openExtensionPage }) => {
  const popup = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  const sent = await command(popup, 'invoice.send', { invoiceId: id });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  await waitForState(popup, id, 'accepted', 60_000);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php`);
  const block = rowBlock(page, id);
  await expect.poll(() => block.find('.num').count(), { timeout: 15_000 }).toBe(1);
  // Copying the number says so (or says it could not) in the row.
  await block.find('.num').click();
  await expect.poll(() => block.find('.msg').text()).not.toBe('');
  const b = await boxes(page, id, ['.msg', '.l2']);
  expect(b.msg).toBeTruthy();
  expect(b.l2 ?? null).toBeNull();
  expect(b.msg!.bottom).toBeLessThanOrEqual(b.row!.bottom + 1);
  expect(b.msg!.top).toBeGreaterThanOrEqual(b.row!.top - 1);
  expect(b.msg!.right).toBeLessThanOrEqual(b.block!.right + 1);
});

test("the row popover leaves the next row's block free, closes after the PDF opens and on a scroll", async ({
  context,
  openExtensionPage,
}) => {
  const popup = await setUp(context, openExtensionPage);
  const below = await addBaseInvoice(world);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  const sent = await command(popup, 'invoice.send', { invoiceId: id });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  await waitForState(popup, id, 'accepted', 60_000);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 400 });
  await page.goto(`${PANEL}/invoices.php`);
  const block = rowBlock(page, id);
  await expect.poll(() => rowBlock(page, below.invoice_id).count()).toBe(1);
  const more = block.button(/^Zaakceptowana/);
  await expect.poll(() => more.count(), { timeout: 15_000 }).toBe(1);

  await more.click();
  await expect.poll(() => more.attr('aria-expanded')).toBe('true');
  const open = await boxes(page, id, ['.more']);
  const next = await boxes(page, String(below.invoice_id), []);
  expect(open.more).toBeTruthy();
  // The next row's block lies below this one and the opened part does not reach over it.
  expect(next.block!.top).toBeGreaterThanOrEqual(open.block!.bottom - 1);
  const overlaps =
    open.more!.left < next.block!.right &&
    open.more!.right > next.block!.left &&
    open.more!.top < next.block!.bottom &&
    open.more!.bottom > next.block!.top;
  expect(overlaps).toBe(false);

  // "Pobierz PDF z KSeF" opens the print page in a tab; the popover has done its job.
  const printTab = context.waitForEvent('page');
  await block.button('Pobierz PDF z KSeF').click();
  expect((await printTab).url()).toContain('/print.html?invoice=');
  await expect.poll(() => more.attr('aria-expanded')).toBe('false');

  // Opened again, a real scroll of the page closes it.
  await page.bringToFront();
  await more.click();
  await expect.poll(() => more.attr('aria-expanded')).toBe('true');
  await page.mouse.move(200, 200);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => more.attr('aria-expanded')).toBe('false');
});

test('with Base unreachable, a clicked row says it waits for Base instead of only "W przetwarzaniu"', async ({
  context,
  openExtensionPage,
}) => {
  await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world);
  const id = String(inv.invoice_id);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php`);
  const block = rowBlock(page, id);
  // The worker has recognised the row (its icon names the invoice): only then may the tab send it.
  await expect.poll(() => block.button('Wyślij do KSeF').attr('aria-label')).toBe(`Wyślij do KSeF: ${inv.number}`);

  // Base's API stops answering (the panel page itself is already open).
  await simPost(world.base, '/__sim/faults', { method: '*', kind: 'down', count: 1000 });
  await block.button('Wyślij do KSeF').click();
  await expect.poll(() => block.find('.b').text(), { timeout: 30_000 }).toMatch(/^W przetwarzaniu/);
  await expect.poll(() => block.find('.l2').text(), { timeout: 30_000 }).toContain('czeka na Base');
  const line = await boxes(page, id, ['.l2']);
  expect(line.l2).toBeTruthy();
  expect(line.l2!.bottom).toBeLessThanOrEqual(line.row!.bottom + 1);
});

test('"Wyślij zaznaczone do KSeF (N)" sends the rows ticked with Base\'s own checkboxes', async ({
  context,
  openExtensionPage,
}) => {
  test.setTimeout(90_000);
  const popup = await setUp(context, openExtensionPage);
  const a = await addBaseInvoice(world);
  const b = await addBaseInvoice(world);
  const c = await addBaseInvoice(world);
  const page = await context.newPage();
  await page.goto(`${PANEL}/invoices.php`);
  for (const inv of [a, b, c])
    await expect
      .poll(() => rowBlock(page, inv.invoice_id).button('Wyślij do KSeF').attr('aria-label'))
      .toBe(`Wyślij do KSeF: ${inv.number}`);
  const bar = shadow(page, '[data-ksef-ext="ticked"]');
  expect(await bar.count()).toBe(0);

  // The seller ticks two rows in Base's list.
  await page.locator(`tr[data-id="${a.invoice_id}"] input[name="sel[]"]`).check();
  await page.locator(`tr[data-id="${b.invoice_id}"] input[name="sel[]"]`).check();
  const send = bar.button(/^Wyślij zaznaczone do KSeF/);
  await expect.poll(() => send.text()).toBe('Wyślij zaznaczone do KSeF (2)');
  await send.click();

  // Both go through the worker, the unticked one stays untouched.
  for (const inv of [a, b])
    await expect
      .poll(() => rowBlock(page, inv.invoice_id).find('.b').text(), { timeout: 30_000 })
      .toMatch(/^(W przetwarzaniu|Zaakceptowana)/);
  expect(await rowBlock(page, c.invoice_id).find('.badge').count()).toBe(0);
  await waitForState(popup, a.invoice_id, 'accepted', 60_000);
  await waitForState(popup, b.invoice_id, 'accepted', 60_000);
  expect((await viewOf(popup, c.invoice_id)).state).toBeUndefined();
  // Nothing left to send among the ticked rows: the action goes away.
  await expect.poll(async () => (await send.first())?.visible ?? false).toBe(false);
});
