/**
 * A script of a Base web page tries to send invoices and read what the extension shows: in the
 * page's main world (Playwright's `page.evaluate` and `addInitScript`), on the routed invoice list
 * and on a made-up non-panel page under base.com carrying the same `#table_invoices` table. It
 * builds rows with invoice ids of its choice, looks for our shadow roots (also by hooking
 * `attachShadow` before any script runs), calls `.click()`, dispatches synthetic events and
 * messages the extension. The KSeF simulator must register nothing and none of the invoice data
 * the extension shows may be readable; a real click of the seller (a trusted mouse event) still
 * sends.
 */
import type { Page } from '@playwright/test';
import { expect, routeOrigin, test } from './fixtures';
import { addBaseInvoice, configuredWorld, registeredInKsef, viewOf, type World } from './helpers';
import { rowBlock } from './rows';

const PANEL = 'https://panel-e.baselinker.com';
const PROMO = 'https://promo.base.com';

let world: World;
test.afterEach(async () => {
  await world?.close();
});

/** Before any script of the page: hook attachShadow to capture every root made in this world
 * and force it open. The content script's isolated world has its own prototypes, so this must
 * capture nothing of ours. */
function hookShadows(): void {
  const w = window as unknown as { __captured: ShadowRoot[] };
  w.__captured = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, { ...init, mode: 'open' });
    w.__captured.push(root);
    return root;
  };
}

interface AttackResult {
  hosts: number;
  openRoots: number;
  captured: number;
  clicked: number;
  dispatched: number;
  messaging: string;
  /** Everything of the page the script can read: its HTML and any shadow root it reached. */
  readable: string;
}

/** The attack, run in the page's main world. */
async function attack(page: Page, extensionId: string, targetIds: string[]): Promise<AttackResult> {
  return page.evaluate(
    async ([extId, ids]) => {
      const out = { hosts: 0, openRoots: 0, captured: 0, clicked: 0, dispatched: 0, messaging: '', readable: '' };
      // Rows with invoice ids of the attacker's choice, in the list the panel decorates.
      const tbody = document.querySelector('#table_invoices table tbody');
      for (const id of ids) {
        const tr = document.createElement('tr');
        tr.setAttribute('data-id', id);
        tr.innerHTML = `<td><input type="checkbox" name="sel[]" value="${id}"></td><td class="invoice_number">X/${id}/FV</td><td class="actions"></td>`;
        tbody?.append(tr);
      }
      await new Promise((r) => setTimeout(r, 1500)); // let the content script decorate them
      const w = window as unknown as { __captured?: ShadowRoot[]; chrome?: { runtime?: { sendMessage?: unknown } } };
      const poke = (el: Element) => {
        (el as HTMLElement).click?.();
        out.clicked++;
        (el as HTMLElement).focus?.();
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
          el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
        for (const key of ['Enter', ' '])
          el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
        out.dispatched += 7;
      };
      const roots: ShadowRoot[] = [...(w.__captured ?? [])];
      for (const el of document.querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        if (el.matches('[data-ksef-ext]') || el.closest('[data-ksef-ext]')) {
          out.hosts++;
          poke(el);
        }
      }
      // A click lands on the host: also at its centre, as a synthetic event from the point.
      for (const host of document.querySelectorAll('[data-ksef-ext]')) {
        const r = host.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + 5, r.top + 5);
        if (at) poke(at);
      }
      out.openRoots = roots.length;
      out.captured = w.__captured?.length ?? 0;
      for (const root of roots) for (const b of root.querySelectorAll('button, [data-action]')) poke(b);
      // The page has no way to the extension: no externally_connectable, so no chrome.runtime.
      try {
        const send = w.chrome?.runtime?.sendMessage as ((...a: unknown[]) => Promise<unknown>) | undefined;
        if (typeof send !== 'function') out.messaging = 'no chrome.runtime.sendMessage';
        else {
          for (const id of ids)
            await send(extId, { ksef: 1, cmd: 'invoice.send', req: { invoiceId: id } }).then(
              (r) => {
                out.messaging += `answered ${JSON.stringify(r)};`;
              },
              (e: unknown) => {
                out.messaging += `refused ${String(e)};`;
              },
            );
        }
      } catch (e) {
        out.messaging = `threw ${String(e)}`;
      }
      window.postMessage({ ksef: 1, cmd: 'invoice.send', req: { invoiceId: ids[0] } }, '*');
      await new Promise((r) => setTimeout(r, 2500)); // a send, had one started, would have reached KSeF
      out.readable = document.documentElement.outerHTML + roots.map((r) => r.innerHTML).join('\n');
      return out;
    },
    [extensionId, targetIds] as const,
  );
}

test("a script on the panel cannot send or read through the extension; the seller's own click still sends", async ({
  context,
  extensionId,
  openExtensionPage,
}) => {
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  await routeOrigin(context, PANEL, world.base.origin);
  const target = await addBaseInvoice(world);
  const mine = await addBaseInvoice(world);
  const page = await context.newPage();
  await page.addInitScript(hookShadows);
  await page.goto(`${PANEL}/invoices.php`);
  const block = rowBlock(page, mine.invoice_id);
  await expect.poll(() => block.count()).toBe(1);

  const first = await attack(page, extensionId, [String(target.invoice_id), String(mine.invoice_id)]);
  expect(first.hosts).toBeGreaterThan(0);
  expect(first.clicked).toBeGreaterThan(0);
  // Every root of ours is closed and made in the content script's own world.
  expect(first.openRoots).toBe(0);
  expect(first.captured).toBe(0);
  expect(first.messaging).toBe('no chrome.runtime.sendMessage');
  expect(await registeredInKsef(world)).toEqual([]);
  expect((await viewOf(ready.page, target.invoice_id)).state).toBeUndefined();
  expect((await viewOf(ready.page, mine.invoice_id)).state).toBeUndefined();

  // The seller clicks the icon (a real, trusted mouse click): it is sent.
  await block.button('Wyślij do KSeF').click();
  await expect
    .poll(async () => (await registeredInKsef(world)).map((r) => r.invoiceNumber), { timeout: 30_000 })
    .toEqual([mine.number]);
  await expect.poll(() => block.find('.badge').text(), { timeout: 30_000 }).toMatch(/W przetwarzaniu|Zaakceptowana/);

  // What the block shows is not readable by the page; the other invoice was never sent.
  const view = await viewOf(ready.page, mine.invoice_id);
  const second = await attack(page, extensionId, [String(target.invoice_id)]);
  expect(second.openRoots).toBe(0);
  expect(second.readable).not.toMatch(/W przetwarzaniu|Zaakceptowana|Wyślij do KSeF/);
  if (view.ksefNumber) expect(second.readable).not.toContain(view.ksefNumber);
  expect((await registeredInKsef(world)).map((r) => r.invoiceNumber)).toEqual([mine.number]);
});

test('on a non-panel base.com page carrying an invoice table the extension does nothing', async ({
  context,
  extensionId,
  openExtensionPage,
}) => {
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const target = await addBaseInvoice(world, { invoice_company: 'Nabywca Tajny Sp. z o.o.' });
  // The Base fake's invoice list (a real `#table_invoices`) served at a made-up landing page, and
  // its list of documents at an invoice-looking path where the floating panel would open.
  const list = await (await fetch(`${world.base.origin}/invoices.php`)).text();
  const cards = await (await fetch(`${world.base.origin}/invoices.php?variant=unknown`)).text();
  await context.route(`${PROMO}/landing`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: list }));
  await context.route(`${PROMO}/faktury`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: cards }));

  for (const path of ['/landing', '/faktury']) {
    const page = await context.newPage();
    await page.addInitScript(hookShadows);
    await page.goto(`${PROMO}${path}`);
    const r = await attack(page, extensionId, [String(target.invoice_id)]);
    expect(r.hosts, path).toBe(0);
    expect(r.openRoots, path).toBe(0);
    expect(r.messaging, path).toBe('no chrome.runtime.sendMessage');
    await expect(page.locator('[data-ksef-ext]')).toHaveCount(0);
    // The fallback panel (which lists buyers and amounts from Base's API) never opened here.
    expect(await rowBlock(page, target.invoice_id).count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('[data-ksef-ext], [data-ksef-reserve]').length)).toBe(0);
    await page.close();
  }
  expect(await registeredInKsef(world)).toEqual([]);
  expect((await viewOf(ready.page, target.invoice_id)).state).toBeUndefined();
});
