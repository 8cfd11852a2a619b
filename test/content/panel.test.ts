// @vitest-environment happy-dom
/** The panel controller against the fixture pages, with a fake worker. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAYOUTS } from '../../src/base/panel/layouts';
import { PanelController } from '../../src/content/panel';
import { contentT } from '../../src/i18n/panel';
import { PANEL_LONG_TEXTS } from '../../src/i18n/panel-long';
import type { InvoiceView } from '../../src/messaging';
import { FakeWorker, fixtureBody, listViews } from './fake-worker';
import { fakeGeometry, ROW_PX, rowBlock, rowBlocks } from './layout';
import { rootOf, trusted, userClick } from './shadow';

/** The width the stand-in layout reserves at the end of each row. */
const ROW_BLOCK_PX = LAYOUTS.find((l) => l.name === 'known')?.reserve.px ?? Number.NaN;

let worker: FakeWorker;
let panel: PanelController;
let where: { pathname: string; search: string; hash: string };

function start(views: InvoiceView[], pathname = '/invoices.php', hash = ''): void {
  worker = new FakeWorker(views);
  where = { pathname, search: '', hash };
  panel = new PanelController({
    doc: document,
    loc: () => where,
    send: worker.send,
    t: contentT('pl', PANEL_LONG_TEXTS.pl),
    frame: (cb) => queueMicrotask(cb),
    fallbackDelayMs: 0,
    geometry: geo,
  });
}

let geo = fakeGeometry();

/** Waits for the observer's pass and every worker call it started. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await panel.settled();
  }
}

const shown = () => rowBlocks();
const ids = () => shown().map((h) => h.getAttribute('data-invoice-id'));
const badge = (id: string) => rootOf(rowBlock(id))?.querySelector('.badge')?.textContent;
/** Base's table is never touched: nothing of ours inside it. */
const inTable = () => document.querySelectorAll('#table_invoices table [data-ksef-ext], tbody [data-ksef-ext]');

beforeEach(() => {
  document.body.innerHTML = '';
  geo = fakeGeometry();
});
afterEach(() => panel?.stop());

describe('the known invoice list', () => {
  it('puts one KSeF block in each row, asks the worker once, and shows the states', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const views = listViews();
    views[0] = { ...views[0]!, state: 'accepted', ksefNumber: 'KSEF-1', blocked: 'in-ksef' };
    start(views);
    expect(panel.decorate()).toBe(3);
    await settle();
    expect(ids()).toEqual(['48211937', '48211938', '48211939']);
    // Drawn in one layer beside the table, each over the room reserved in its row's action cell
    // (row i at i × 40 px; the cell ends at 1,000 px), never inside Base's table.
    expect(inTable()).toHaveLength(0);
    expect(document.querySelectorAll('#table_invoices > [data-ksef-ext="layer"]')).toHaveLength(1);
    shown().forEach((b, i) => {
      expect(b.style.top).toBe(`${i * ROW_PX}px`);
      expect(b.style.left).toBe(`${1000 - ROW_BLOCK_PX}px`);
      expect(b.style.height).toBe(`${ROW_PX}px`);
    });
    expect(document.querySelector('#table_invoices table')?.hasAttribute('data-ksef-reserve')).toBe(false);
    expect(worker.callsOf('invoices.view')).toEqual([
      {
        invoiceIds: ['48211937', '48211938', '48211939'],
        numbers: ['214/05/2026/FV', '215/05/2026/FV', '7/05/2026/EXP'],
      },
    ]);
    expect(badge('48211937')).toContain('Zaakceptowana');
    expect(badge('48211937')).toContain('KSEF-1');
    // Idempotent: a second pass adds nothing and asks nothing.
    expect(panel.decorate()).toBe(0);
    await settle();
    expect(shown()).toHaveLength(3);
    expect(worker.callsOf('invoices.view')).toHaveLength(1);
  });

  it('checks ids against the worker: an unknown id falls back to the number; an invoice it does not know yet waits', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const views = listViews();
    // Row 1's data-id is not a Base invoice id; the worker knows that invoice by number only.
    views[0] = { ...views[0]!, invoiceId: '555' };
    start(views.slice(0, 2));
    panel.decorate();
    await settle();
    expect(ids()).toEqual(['555', '48211938', '48211939']);
    // The third invoice is not known yet: its icon stays, without a badge.
    expect(badge('48211939')).toBeUndefined();
    // The worker learns it from Base and bumps the outbox revision: the row gets its state.
    worker.set({ ...views[2]!, state: 'rejected', reason: 'Błąd' });
    panel.outboxChanged();
    await settle();
    expect(badge('48211939')).toContain('Odrzucona');
    expect(worker.callsOf('invoices.view')).toContainEqual({
      invoiceIds: ['48211939'],
      numbers: ['7/05/2026/EXP'],
    });
  });

  it('keeps the icons of rows with ids when the worker cannot check them, and shows its message on click', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    start([]);
    worker.failNext.set('invoices.view', 'Rozszerzenie nie jest skonfigurowane.');
    panel.decorate();
    await settle();
    expect(ids()).toEqual(['48211937', '48211938', '48211939']);
    worker.failNext.set('invoice.send', 'Uzupełnij ustawienia połączenia z KSeF.');
    userClick(rootOf(shown()[0])!.querySelector<HTMLButtonElement>('button.send')!);
    await settle();
    expect(rootOf(shown()[0])!.querySelector('.msg')?.textContent).toBe('Uzupełnij ustawienia połączenia z KSeF.');
  });

  it('decorates again after an AJAX reload and a page change, once per row', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const page2 = [
      { invoiceId: '48211950', number: '220/05/2026/FV' },
      { invoiceId: '48211951', number: '221/05/2026/FV' },
    ];
    start([...listViews(), ...page2]);
    panel.start(window);
    await settle();
    expect(ids()).toHaveLength(3);
    const tbody = document.querySelector('#table_invoices tbody')!;
    // Reload: Base refills the tbody with the same rows (new elements).
    tbody.innerHTML = fixtureBody('invoice-list.html').match(/<tbody>([\s\S]*)<\/tbody>/)![1]!;
    await settle();
    expect(ids()).toEqual(['48211937', '48211938', '48211939']);
    // Page 2.
    tbody.innerHTML = fixtureBody('invoice-list-page2.html');
    await settle();
    expect(ids()).toEqual(['48211950', '48211951']);
    expect(inTable()).toHaveLength(0);
    expect(document.querySelectorAll('[data-ksef-ext="layer"]')).toHaveLength(1);
  });

  it('decorates the first change of a frame at once and batches the rest of the frame into one pass', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const frames: (() => void)[] = [];
    worker = new FakeWorker([...listViews(), { invoiceId: '48211950', number: '220/05/2026/FV' }]);
    where = { pathname: '/invoices.php', search: '', hash: '' };
    panel = new PanelController({
      doc: document,
      loc: () => where,
      send: worker.send,
      t: contentT('pl', PANEL_LONG_TEXTS.pl),
      frame: (cb) => frames.push(cb),
      geometry: geo,
    });
    panel.start(window);
    const spy = vi.spyOn(panel, 'decorate');
    const tbody = document.querySelector('#table_invoices tbody')!;
    const page2 = fixtureBody('invoice-list-page2.html');
    // First refill of the frame: read in the observer's microtask, before any frame.
    tbody.innerHTML = page2;
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(spy).toHaveBeenCalledTimes(1);
    // Two more refills in the same frame: nothing until the frame, then one pass.
    tbody.innerHTML = page2;
    await new Promise((r) => setTimeout(r, 0));
    tbody.innerHTML = fixtureBody('invoice-list.html').match(/<tbody>([\s\S]*)<\/tbody>/)![1]!;
    await new Promise((r) => setTimeout(r, 0));
    expect(spy).toHaveBeenCalledTimes(1);
    for (const f of frames.splice(0)) f();
    expect(spy).toHaveBeenCalledTimes(2);
    // The blocks are drawn in the frame after the pass.
    for (const f of frames.splice(0)) f();
    expect(ids()).toEqual(['48211937', '48211938', '48211939']);
  });

  it('draws the blocks of the rows in view only, and follows scrolling', async () => {
    const rows = Array.from(
      { length: 100 },
      (_, i) =>
        `<tr data-id="${1000 + i}"><td><a class="invoice_number">${i}/05/2026/FV</a></td><td class="actions"></td></tr>`,
    ).join('');
    document.body.innerHTML = `<div id="table_invoices"><table><tbody>${rows}</tbody></table></div>`;
    start(Array.from({ length: 100 }, (_, i) => ({ invoiceId: String(1000 + i), number: `${i}/05/2026/FV` })));
    panel.start(window);
    await settle();
    // An 800 px viewport and half of it above and below: rows 0–30 (row 30 starts at 1,200 px).
    expect(ids()).toEqual(Array.from({ length: 31 }, (_, i) => String(1000 + i)));
    geo.scrollY = 2000;
    document.dispatchEvent(trusted(new Event('scroll')));
    await settle();
    expect(ids()).toEqual(Array.from({ length: 42 }, (_, i) => String(1039 + i)));
    // Placed where its row now is.
    expect(rowBlock('1050')?.style.top).toBe(`${50 * ROW_PX}px`);
    // Every row was asked about once, in view or not.
    expect(
      new Set(worker.callsOf('invoices.view').flatMap((c) => (c as { invoiceIds: string[] }).invoiceIds)).size,
    ).toBe(100);
  });

  it("closes a block's opened part when the user presses anywhere else", async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const views = listViews();
    views[0] = { ...views[0]!, state: 'accepted', ksefNumber: 'KSEF-1', processedAt: '2026-05-13T10:00:00Z' };
    start(views);
    panel.start(window);
    await settle();
    const root = rootOf(rowBlock('48211937'))!;
    const toggle = root.querySelector<HTMLButtonElement>('[data-action="more"]')!;
    const opened = () => !root.querySelector<HTMLElement>('.more')!.hidden;
    userClick(toggle);
    expect(opened()).toBe(true);
    // A press inside the block keeps it open (the PDF link is in it).
    root
      .querySelector('[data-action="pdf"]')!
      .dispatchEvent(trusted(new Event('pointerdown', { bubbles: true, composed: true })));
    expect(opened()).toBe(true);
    document
      .querySelector('h3, td')!
      .dispatchEvent(trusted(new Event('pointerdown', { bubbles: true, composed: true })));
    expect(opened()).toBe(false);
  });

  it("closes a block's opened part on a scroll that carries its row away, and after the PDF opened", async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const views = listViews();
    views[0] = { ...views[0]!, state: 'accepted', ksefNumber: 'KSEF-1', processedAt: '2026-05-13T10:00:00Z' };
    start(views);
    panel.start(window);
    await settle();
    const root = rootOf(rowBlock('48211937'))!;
    const press = (el: Element) =>
      el.dispatchEvent(trusted(new Event('pointerdown', { bubbles: true, composed: true })));
    const open = () => {
      const toggle = root.querySelector<HTMLButtonElement>('[data-action="more"]')!;
      press(toggle);
      userClick(toggle);
    };
    const opened = () => !root.querySelector<HTMLElement>('.more')!.hidden;
    open();
    expect(opened()).toBe(true);
    // A nudge of a few pixels (a button of it brought into view) keeps it open.
    geo.scrollY = 8;
    document.dispatchEvent(trusted(new Event('scroll')));
    expect(opened()).toBe(true);
    // A script's scroll event does nothing; the user's real scroll by a row closes it.
    geo.scrollY = 60;
    document.dispatchEvent(new Event('scroll'));
    expect(opened()).toBe(true);
    document.dispatchEvent(trusted(new Event('scroll')));
    expect(opened()).toBe(false);
    // Opened again: "Pobierz PDF z KSeF" opens the print tab and closes it.
    open();
    expect(opened()).toBe(true);
    userClick(root.querySelector('[data-action="pdf"]')!);
    await settle();
    expect(worker.callsOf('invoice.openPrint')).toEqual([{ invoiceId: '48211937' }]);
    expect(opened()).toBe(false);
  });

  it('offers "Wyślij zaznaczone do KSeF (N)" for the rows ticked in Base, and sends only on the user\'s click', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const views = listViews();
    views[2] = { ...views[2]!, state: 'accepted', ksefNumber: 'KSEF-3', blocked: 'in-ksef' };
    start(views);
    panel.start(window);
    await settle();
    const bar = () => document.querySelector<HTMLElement>('[data-ksef-ext="ticked"]');
    expect(bar()).toBeNull();
    const box = (id: string) => document.querySelector<HTMLInputElement>(`input[name="sel[]"][value="${id}"]`)!;
    // Base's "select all" ticks every row; the one already in KSeF is not counted.
    for (const id of ['48211937', '48211938', '48211939']) box(id).checked = true;
    document.querySelector('input[name="sel[]"]')!.dispatchEvent(trusted(new Event('change', { bubbles: true })));
    await settle();
    const root = rootOf(bar())!;
    const button = root.querySelector('button')!;
    expect(bar()!.hidden).toBe(false);
    expect(button.textContent).toBe('Wyślij zaznaczone do KSeF (2)');
    // A script's click sends nothing.
    button.click();
    await settle();
    expect(worker.callsOf('invoice.send')).toEqual([]);
    // The worker refuses one of them: the other still goes, the reason is said.
    worker.failNext.set('invoice.send', 'Za dużo wysyłek z tej karty w krótkim czasie.');
    userClick(button);
    await settle();
    expect(worker.callsOf('invoice.send')).toEqual([{ invoiceId: '48211937' }, { invoiceId: '48211938' }]);
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Za dużo wysyłek z tej karty w krótkim czasie.');
    expect(badge('48211938')).toContain('W przetwarzaniu');
    // The sent one is on its way now: only the refused one is left to send.
    expect(button.textContent).toBe('Wyślij zaznaczone do KSeF (1)');
    // Unticked: the count follows.
    box('48211937').checked = false;
    box('48211937').dispatchEvent(trusted(new Event('change', { bubbles: true })));
    await settle();
    expect(button.textContent).toBe('Wyślij zaznaczone do KSeF (0)');
  });

  it('draws the blocks again when Base takes the table off the page and puts it back', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    start(listViews());
    panel.start(window);
    await settle();
    const box = document.querySelector('#table_invoices')!;
    const table = box.querySelector('table')!;
    table.remove();
    await settle();
    expect(shown()).toHaveLength(0);
    box.append(table);
    await settle();
    expect(ids()).toEqual(['48211937', '48211938', '48211939']);
    expect(document.querySelectorAll('[data-ksef-ext="layer"]')).toHaveLength(1);
  });

  it('hides the blocks a clipping box around the table has scrolled out of sight', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    start(listViews());
    panel.start(window);
    await settle();
    expect(shown()).toHaveLength(3);
    // A narrow scrolling box shows x 0–600 px: the action cells (ending at 1,000 px) are outside.
    geo.clipBox = { top: 0, bottom: 100, left: 0, right: 600, height: 100 };
    document.dispatchEvent(trusted(new Event('scroll')));
    await settle();
    expect(shown()).toHaveLength(0);
    // Scrolled to the right end, only the first rows' cells show (the box is 100 px tall).
    geo.clipBox = { top: 0, bottom: 100, left: 400, right: 1000, height: 100 };
    document.dispatchEvent(trusted(new Event('scroll')));
    await settle();
    expect(ids()).toEqual(['48211937', '48211938', '48211939']);
    geo.clipBox = { top: 0, bottom: 60, left: 400, right: 1000, height: 60 };
    window.dispatchEvent(trusted(new Event('resize')));
    await settle();
    expect(ids()).toEqual(['48211937', '48211938']);
  });

  it('reserves room in an unknown list table (the stand-in layout has it from the stylesheet)', async () => {
    document.body.innerHTML = `<div id="table_docs"><table><tbody>
      <tr><td><input type="checkbox" value="48211937"></td><td>214/05/2026/FV</td><td>x</td></tr>
    </tbody></table></div>`;
    start(listViews());
    panel.decorate();
    await settle();
    expect(ids()).toEqual(['48211937']);
    // Marked with the layout that found it: reserve.css pads that layout's cells from now on.
    expect(document.querySelector('#table_docs table')?.getAttribute('data-ksef-reserve')).toBe('generic');
    expect(inTable()).toHaveLength(0);
  });

  it('replaces the block when Base reuses a row for another invoice', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    start([...listViews(), { invoiceId: '48211999', number: '999/05/2026/FV' }]);
    panel.decorate();
    await settle();
    const row = document.querySelector('tr[data-id="48211939"]')!;
    row.setAttribute('data-id', '48211999');
    row.querySelector('input')!.value = '48211999';
    panel.decorate();
    await settle();
    expect(ids()).toEqual(['48211937', '48211938', '48211999']);
  });
});

describe('long lists', () => {
  it('asks the worker in chunks it accepts (at most 500 ids per message)', async () => {
    const rows = Array.from(
      { length: 450 },
      (_, i) =>
        `<tr data-id="${1000 + i}"><td><a class="invoice_number">${i}/05/2026/FV</a></td><td class="actions"></td></tr>`,
    ).join('');
    document.body.innerHTML = `<div id="table_invoices"><table><tbody>${rows}</tbody></table></div>`;
    start(Array.from({ length: 450 }, (_, i) => ({ invoiceId: String(1000 + i), number: `${i}/05/2026/FV` })));
    expect(panel.decorate()).toBe(450);
    await settle();
    const calls = worker.callsOf('invoices.view') as { invoiceIds: string[]; numbers: string[] }[];
    expect(calls.map((c) => c.invoiceIds.length)).toEqual([200, 200, 50]);
    expect(calls.every((c) => c.numbers.length <= 500)).toBe(true);
    expect(new Set(calls.flatMap((c) => c.invoiceIds)).size).toBe(450);
    // Blocks are drawn for the rows in view only (rows 0–30 of the fake layout).
    expect(shown()).toHaveLength(31);
  });
});

describe('rows without ids', () => {
  it('matches rows that show only the invoice number', async () => {
    document.body.innerHTML = fixtureBody('invoice-list-numbers.html');
    start([
      { invoiceId: '7001', number: 'FV/12/05/2026' },
      { invoiceId: '7002', number: 'FV/13/05/2026', state: 'processing' },
    ]);
    panel.decorate();
    await settle();
    expect(ids()).toEqual(['7001', '7002']);
    expect(badge('7002')).toBe('W przetwarzaniu');
    // The receipt the worker does not know gets nothing.
    expect(shown()).toHaveLength(2);
    expect(worker.callsOf('invoices.view')).toEqual([
      { invoiceIds: [], numbers: ['FV/12/05/2026', 'FV/13/05/2026', 'PAR/1/05/2026'] },
    ]);
  });

  it('matches rows that only link to their order, asking once per order', async () => {
    document.body.innerHTML = fixtureBody('invoice-list-orders.html');
    start(listViews());
    panel.decorate();
    await settle();
    expect(ids()).toEqual(['48211937', '48211938']);
    expect(worker.callsOf('invoices.forOrder')).toEqual([{ orderId: '91822410' }, { orderId: '91822411' }]);
    expect(shown()).toHaveLength(2);
    // An order whose invoice is unknown is asked about once, not at every refresh.
    const extra = document.createElement('tr');
    extra.innerHTML = '<td>x</td><td><a href="orders.php#order:5">5</a></td><td class="actions"></td>';
    document.querySelector('tbody')!.append(extra);
    expect(panel.decorate()).toBe(1);
    await settle();
    panel.outboxChanged();
    await settle();
    expect(worker.callsOf('invoices.forOrder')).toHaveLength(3);
    expect(shown()).toHaveLength(2);
  });
});

describe('the floating panel', () => {
  const recent = listViews().map((v, i) => ({
    ...v,
    issueDate: '2026-05-13',
    totalGross: i === 0 ? '12345.5' : `${100 + i}.00`,
    currency: 'PLN',
  }));

  it('lists recent invoices with the same actions when the layout is unknown', async () => {
    document.body.innerHTML = fixtureBody('invoice-list-unknown.html');
    start(recent);
    panel.decorate();
    await settle();
    const host = document.querySelector('[data-ksef-ext="panel"]');
    expect(host).not.toBeNull();
    const root = rootOf(host)!;
    expect(root.querySelector('[aria-label="KSeF — ostatnie faktury"]')).not.toBeNull();
    const items = [...root.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.n')?.textContent)).toEqual([
      '214/05/2026/FV',
      '215/05/2026/FV',
      '7/05/2026/EXP',
    ]);
    expect(items[0]?.querySelector('.m')?.textContent).toBe(
      '2026-05-13 · Nowak Serwis Sp. z o.o. · 12\u00a0345,50 PLN',
    );
    expect(items[1]?.querySelector('.m')?.textContent).toBe('2026-05-13 · Jan Kowalski · 101,00 PLN');
    const send = rootOf(items[1]!.querySelector('[data-ksef-ext="send"]'))!.querySelector('button')!;
    userClick(send);
    await settle();
    expect(worker.callsOf('invoice.send')).toEqual([{ invoiceId: '48211938' }]);
    expect(rootOf(items[1]!.querySelector('[data-ksef-ext="send"]'))!.textContent).toContain('W przetwarzaniu');
    // Collapsible.
    const toggle = root.querySelector<HTMLButtonElement>('.tg')!;
    userClick(toggle);
    expect(root.querySelector<HTMLElement>('.b')!.hidden).toBe(true);
    expect(toggle.getAttribute('aria-label')).toBe('Rozwiń panel KSeF');
  });

  it('"Zgłoś układ strony" asks the worker to save the page layout, on the user\'s own click only', async () => {
    document.body.innerHTML = fixtureBody('invoice-list-unknown.html');
    start(recent);
    panel.decorate();
    await settle();
    const root = rootOf(document.querySelector('[data-ksef-ext="panel"]'))!;
    const report = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Zgłoś układ strony')!;
    expect(report.title).toContain('bez treści i danych');
    const status = root.querySelector('[role="status"]')!;
    // A script's click does nothing.
    report.click();
    await settle();
    expect(worker.callsOf('page.layout')).toHaveLength(0);
    userClick(report);
    await settle();
    expect(worker.callsOf('page.layout')).toEqual([{}]);
    expect(status.textContent).toBe('Zapisano w pobranych plikach: ksef-uklad-strony-20260513-1015.txt');
    // The worker's refusal (a browser without the APIs) is said in the panel.
    worker.failNext.set('page.layout', 'Ta przeglądarka nie pozwala rozszerzeniu zapisać układu strony.');
    userClick(report);
    await settle();
    expect(status.textContent).toBe('Ta przeglądarka nie pozwala rozszerzeniu zapisać układu strony.');
  });

  it('updates its badges live without reloading its list each time', async () => {
    document.body.innerHTML = fixtureBody('invoice-list-unknown.html');
    start(recent);
    panel.decorate();
    await settle();
    worker.set({ ...recent[2]!, state: 'accepted', ksefNumber: 'KSEF-3', blocked: 'in-ksef' });
    panel.outboxChanged();
    await settle();
    const root = rootOf(document.querySelector('[data-ksef-ext="panel"]'))!;
    const block = root.querySelector('li[data-invoice-id="48211939"] [data-ksef-ext="send"]')!;
    expect(rootOf(block)?.textContent).toContain('KSEF-3');
    expect(worker.callsOf('invoices.recent')).toHaveLength(1);
  });

  it('does not appear outside the invoice area, nor where the list is known', async () => {
    document.body.innerHTML = fixtureBody('invoice-list-unknown.html');
    start(recent, '/inventory_products.php');
    panel.decorate();
    await settle();
    expect(document.querySelector('[data-ksef-ext="panel"]')).toBeNull();
    expect(worker.callsOf('invoices.recent')).toHaveLength(0);

    document.body.innerHTML = fixtureBody('invoice-list.html');
    start(recent);
    panel.decorate();
    await settle();
    expect(document.querySelector('[data-ksef-ext="panel"]')).toBeNull();
  });

  it('waits for AJAX tables before appearing, and leaves when a known list shows up', async () => {
    document.body.innerHTML = '<div id="table_invoices"><table><tbody></tbody></table></div>';
    start(recent);
    const timers: { cb: () => void; ms: number; cancelled: boolean }[] = [];
    panel = new PanelController({
      doc: document,
      loc: () => where,
      send: worker.send,
      t: contentT('pl', PANEL_LONG_TEXTS.pl),
      frame: (cb) => queueMicrotask(cb),
      geometry: geo,
      fallbackDelayMs: 1500,
      later: (cb, ms) => {
        const t = { cb, ms, cancelled: false };
        timers.push(t);
        return () => {
          t.cancelled = true;
        };
      },
    });
    panel.start(window);
    await settle();
    // The table is still empty (Base loads it by AJAX): the panel waits.
    expect(document.querySelector('[data-ksef-ext="panel"]')).toBeNull();
    expect(timers.map((t) => t.ms)).toEqual([1500]);
    timers[0]!.cb();
    await settle();
    expect(document.querySelector('[data-ksef-ext="panel"]')).not.toBeNull();
    document.querySelector('tbody')!.innerHTML =
      fixtureBody('invoice-list.html').match(/<tbody>([\s\S]*)<\/tbody>/)![1]!;
    await settle();
    expect(document.querySelector('[data-ksef-ext="panel"]')).toBeNull();
    expect(ids()).toHaveLength(3);
  });

  it('does not appear when the list arrives in time', async () => {
    document.body.innerHTML = '<div id="table_invoices"><table><tbody></tbody></table></div>';
    start(recent);
    const timers: { cb: () => void; cancelled: boolean }[] = [];
    panel = new PanelController({
      doc: document,
      loc: () => where,
      send: worker.send,
      t: contentT('pl', PANEL_LONG_TEXTS.pl),
      frame: (cb) => queueMicrotask(cb),
      later: (cb) => {
        const t = { cb, cancelled: false };
        timers.push(t);
        return () => {
          t.cancelled = true;
        };
      },
    });
    panel.start(window);
    await settle();
    document.querySelector('tbody')!.innerHTML =
      fixtureBody('invoice-list.html').match(/<tbody>([\s\S]*)<\/tbody>/)![1]!;
    await settle();
    expect(timers.map((t) => t.cancelled)).toEqual([true]);
    expect(worker.callsOf('invoices.recent')).toHaveLength(0);
  });
});

describe('the order card', () => {
  it("adds the order's KSeF block after #pnl_order_info and follows the hash", async () => {
    document.body.innerHTML = fixtureBody('order-card.html');
    const views = listViews();
    views[0] = { ...views[0]!, state: 'accepted', ksefNumber: 'KSEF-1', blocked: 'in-ksef' };
    start(views, '/orders.php', '#order:91822410');
    panel.start(window);
    await settle();
    const block = () => document.querySelector<HTMLElement>('[data-ksef-ext="order"]');
    expect(block()?.previousElementSibling?.id).toBe('pnl_order_info');
    expect(block()?.getAttribute('data-order-id')).toBe('91822410');
    const text = () => {
      const root = rootOf(block())!;
      return [...root.querySelectorAll('li')].map(
        (li) =>
          `${li.querySelector('.n')?.textContent ?? li.textContent} ${rootOf(li.querySelector('[data-ksef-ext]'))?.querySelector('.badge')?.textContent ?? ''}`,
      );
    };
    expect(text()).toEqual(['214/05/2026/FV ZaakceptowanaKSEF-1Kod QRPobierz PDF z KSeF']);

    where = { ...where, hash: '#order:91822411' };
    window.dispatchEvent(trusted(new Event('hashchange')));
    await settle();
    expect(document.querySelectorAll('[data-ksef-ext="order"]')).toHaveLength(1);
    expect(block()?.getAttribute('data-order-id')).toBe('91822411');
    expect(text()).toEqual(['215/05/2026/FV ']);

    where = { ...where, hash: '#order:1' };
    window.dispatchEvent(trusted(new Event('hashchange')));
    await settle();
    expect(text()).toEqual(['To zamówienie nie ma faktury w Base. ']);

    where = { ...where, hash: '#status:all' };
    window.dispatchEvent(trusted(new Event('hashchange')));
    await settle();
    expect(block()).toBeNull();
  });
});

describe('live badges', () => {
  it('re-asks the worker about what is on screen when the outbox changes', async () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const views = listViews();
    views[1] = { ...views[1]!, state: 'processing', blocked: 'in-progress' };
    start(views);
    panel.decorate();
    await settle();
    expect(badge('48211938')).toBe('W przetwarzaniu');
    worker.set({ ...views[1]!, state: 'accepted', ksefNumber: 'KSEF-2', blocked: 'in-ksef' });
    panel.outboxChanged();
    panel.outboxChanged(); // a burst of changes makes one request
    await settle();
    expect(badge('48211938')).toContain('Zaakceptowana');
    expect(badge('48211938')).toContain('KSEF-2');
    expect(worker.callsOf('invoices.view').at(-1)).toEqual({ invoiceIds: ['48211937', '48211938', '48211939'] });
    expect(worker.callsOf('invoices.view')).toHaveLength(2);
  });
});
