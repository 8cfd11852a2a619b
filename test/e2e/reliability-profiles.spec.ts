/**
 * Two browser profiles (two persistent Chromium contexts with the built extension) on the same
 * Base account and the same KSeF token, against the same simulators: both sellers' assistants
 * click the same invoices in Base's panel. KSeF registers each invoice once; both profiles end
 * "Zaakceptowana" with the same KSeF number (the later one adopts KSeF's 440 answer).
 */
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, launchExtension, PROD_HOSTS, routeOrigin, serviceWorkerOf, test } from './fixtures';
import { addBaseInvoice, configure, registeredInKsef, startWorld, viewOf, type World } from './helpers';
import { rowBlock } from './rows';

const PANEL = 'https://panel-e.baselinker.com';

let world: World;
let second: { context: BrowserContext; userDataDir: string } | undefined;
test.afterEach(async () => {
  await second?.context.close();
  if (second) await rm(second.userDataDir, { recursive: true, force: true });
  second = undefined;
  await world?.close();
});

/** The second profile: the same hosts routed to the same simulators, configured the same way. */
async function secondProfile(): Promise<Page> {
  second = await launchExtension();
  const ctx = second.context;
  await routeOrigin(ctx, PROD_HOSTS.ksef[0], world.ksef.origin);
  await routeOrigin(ctx, PROD_HOSTS.baseApi, world.base.origin);
  await routeOrigin(ctx, PANEL, world.base.origin);
  await ctx.route('https://api.nbp.pl/**', (r) => r.fulfill({ status: 404, body: 'Not Found' }));
  const id = new URL((await serviceWorkerOf(ctx)).url()).host;
  const page = await ctx.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await configure(page, world);
  return page;
}

async function clickSend(panel: Page, invoiceId: string): Promise<void> {
  await rowBlock(panel, invoiceId).button('Wyślij do KSeF').click();
}

test('two profiles click the same invoices: one registration each in KSeF, both Zaakceptowana with the same number', async ({
  context,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  world = await startWorld(context);
  const pageA = await openExtensionPage('popup.html');
  await configure(pageA, world);
  await routeOrigin(context, PANEL, world.base.origin);
  const pageB = await secondProfile();
  const invs = [await addBaseInvoice(world), await addBaseInvoice(world), await addBaseInvoice(world)];
  const ids = invs.map((i) => String(i.invoice_id));

  const panelA = await context.newPage();
  await panelA.goto(`${PANEL}/invoices.php`);
  const panelB = await second!.context.newPage();
  await panelB.goto(`${PANEL}/invoices.php`);
  for (const id of ids) {
    // Two browsers on two cores: the panels may take a while to be decorated.
    await expect.poll(() => rowBlock(panelA, id).count(), { timeout: 45_000 }).toBe(1);
    await expect.poll(() => rowBlock(panelB, id).count(), { timeout: 45_000 }).toBe(1);
  }
  // Both profiles click every invoice, interleaved, as fast as a person can.
  for (const id of ids) await Promise.all([clickSend(panelA, id), clickSend(panelB, id)]);

  for (const id of ids) {
    for (const panel of [panelA, panelB]) {
      await expect
        .poll(() => rowBlock(panel, id).find('.badge').text(), { timeout: 60_000 })
        .toContain('Zaakceptowana');
    }
    const [a, b] = [await viewOf(pageA, id), await viewOf(pageB, id)];
    expect(a.state).toBe('accepted');
    expect(b.state).toBe('accepted');
    expect(a.ksefNumber).toMatch(/^\d{10}-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/);
    expect(b.ksefNumber).toBe(a.ksefNumber);
  }
  // KSeF holds each invoice once (a later copy, if one arrived, was refused as a 440 duplicate).
  const inKsef = await registeredInKsef(world);
  for (const inv of invs) {
    const mine = inKsef.filter((i) => i.invoiceNumber === inv.number);
    expect(mine.filter((i) => i.ksefNumber !== null)).toHaveLength(1);
    expect(mine.every((i) => i.ksefNumber !== null || i.status === 440)).toBe(true);
  }
});
