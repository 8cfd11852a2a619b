/**
 * Panel-like HTML pages for the content-script adapter: the invoice list in the stand-in layout of
 * docs/base.md §2.4 (`#table_invoices table tbody tr[data-id]`, checkbox `sel[]`, number, dates, buyer,
 * NIP, gross, order link `orders.php#order:<id>`, `td.actions`), with variants: paginated, rows
 * reloaded by AJAX from an `ajax_table_common.php`-like endpoint, and a layout the adapter does not
 * know; plus a minimal order card (`orders.php#order:<id>`, `#pnl_order_info`).
 */
import type { RawInvoice, RawSeries } from './dataset';

export const PAGE_SIZE = 20;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function warsawDay(unix: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(unix * 1000));
}

function plMoney(v: number | string, cur: string): string {
  const [int, frac] = Number(v).toFixed(2).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${frac} ${cur}`;
}

export function invoiceRow(inv: RawInvoice, series: RawSeries[]): string {
  const s = series.find((x) => String(x.id) === String(inv.series_id));
  const buyerMain = inv.invoice_company || inv.invoice_fullname;
  const second =
    inv.invoice_company && inv.invoice_fullname
      ? `<span class="cell-second-line">${esc(inv.invoice_fullname)}</span>`
      : '';
  return `<tr data-id="${inv.invoice_id}">
        <td><input type="checkbox" name="sel[]" value="${inv.invoice_id}"></td>
        <td><a href="#" class="invoice_number">${esc(inv.number)}</a>
            <span class="cell-second-line">${esc(s?.name ?? '')}</span></td>
        <td>${warsawDay(inv.date_add)}</td>
        <td>${esc(buyerMain)}${second}</td>
        <td>${esc(inv.invoice_nip)}</td>
        <td>${plMoney(inv.total_price_brutto, inv.currency)}</td>
        <td><a href="orders.php#order:${esc(String(inv.order_id))}">${esc(String(inv.order_id))}</a></td>
        <td class="actions">
          <a class="btn btn-xs btn-default" title="Pobierz PDF"><i class="fal fa-file-pdf"></i></a>
          <a class="btn btn-xs btn-default" title="Korekta"><i class="fal fa-file-minus"></i></a>
        </td>
      </tr>`;
}

/** Newest first, like an invoice list; `page` is 1-based. */
export function pageOf(invoices: RawInvoice[], page: number): { rows: RawInvoice[]; pages: number } {
  const sorted = [...invoices].sort((a, b) => b.date_add - a.date_add || b.invoice_id - a.invoice_id);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: sorted.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE), pages };
}

export function tbodyRows(invoices: RawInvoice[], series: RawSeries[], page: number): string {
  return pageOf(invoices, page)
    .rows.map((i) => invoiceRow(i, series))
    .join('\n');
}

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>${esc(title)} - Base</title>
<style>body{font-family:sans-serif;margin:0}#header{background:#1b2a47;color:#fff;padding:8px 16px}
.container-fluid{padding:16px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}
.cell-second-line{display:block;color:#888;font-size:11px}.pagination{list-style:none;display:flex;gap:8px;padding:0}</style>
</head><body><div id="header">Base · Faktury</div><div class="container-fluid">${body}</div></body></html>`;
}

function pagination(pages: number, current: number, extra = ''): string {
  const items: string[] = [];
  for (let p = 1; p <= pages; p++) {
    items.push(
      p === current
        ? `<li class="active"><span>${p}</span></li>`
        : `<li><a href="?page=${p}${extra}" data-page="${p}">${p}</a></li>`,
    );
  }
  return `<ul class="pagination">${items.join('')}</ul>`;
}

const THEAD = `<thead><tr>
      <th><input type="checkbox" class="select_all"></th>
      <th>Numer</th><th>Data wystawienia</th><th>Nabywca</th><th>NIP</th>
      <th>Brutto</th><th>Zamówienie</th><th>Akcje</th>
    </tr></thead>`;

/** The stand-in list, server-rendered, paginated by `?page=N`. */
export function invoiceListPage(invoices: RawInvoice[], series: RawSeries[], page: number): string {
  const { pages } = pageOf(invoices, page);
  const p = Math.min(Math.max(1, page), pages);
  return shell(
    'Faktury',
    `<h3>Faktury</h3>
<div id="table_invoices" class="table-responsive">
  <table class="table table-hover">
    ${THEAD}
    <tbody>
      ${tbodyRows(invoices, series, p)}
    </tbody>
  </table>
  <div class="table-footer">${pagination(pages, p)}</div>
</div>`,
  );
}

/** Same layout, but rows come from `ajax_table_common.php` and pagination/refresh replace the tbody
 * without a page load (as Base reloads its tables), which the adapter must survive. */
export function invoiceListAjaxPage(): string {
  return shell(
    'Faktury',
    `<h3>Faktury</h3>
<button type="button" id="btn_refresh" class="btn btn-default">Odśwież</button>
<div id="table_invoices" class="table-responsive">
  <table class="table table-hover">
    ${THEAD}
    <tbody><tr class="loading"><td colspan="8">Ładowanie…</td></tr></tbody>
  </table>
  <div class="table-footer"><ul class="pagination"></ul></div>
</div>
<script>
(function () {
  var current = 1;
  function load(page) {
    current = page;
    fetch('ajax_table_common.php?table=invoices&page=' + page, { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        document.querySelector('#table_invoices tbody').innerHTML = data.html;
        var ul = document.querySelector('#table_invoices .pagination');
        var html = '';
        for (var p = 1; p <= data.pages; p++) {
          html += p === page ? '<li class="active"><span>' + p + '</span></li>' : '<li><a href="#" data-page="' + p + '">' + p + '</a></li>';
        }
        ul.innerHTML = html;
        document.body.setAttribute('data-loaded-page', String(page));
      });
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-page]');
    if (a) { e.preventDefault(); load(Number(a.getAttribute('data-page'))); }
    if (e.target.id === 'btn_refresh') load(current);
  });
  load(1);
})();
</script>`,
  );
}

/** A layout the adapter does not know: no #table_invoices, div-based rows, different classes. */
export function invoiceListUnknownPage(invoices: RawInvoice[]): string {
  const rows = pageOf(invoices, 1)
    .rows.map(
      (i) => `<div class="doc-card" data-document="${i.invoice_id}">
    <div class="doc-card__title">${esc(i.number)}</div>
    <div class="doc-card__buyer">${esc(i.invoice_company || i.invoice_fullname)}</div>
    <div class="doc-card__amount">${plMoney(i.total_price_brutto, i.currency)}</div>
  </div>`,
    )
    .join('\n');
  return shell(
    'Dokumenty sprzedaży',
    `<h3>Dokumenty sprzedaży (nowy wygląd)</h3><section class="documents-grid">${rows}</section>`,
  );
}

/** Minimal order card: the order id is in the hash (`orders.php#order:<id>`, docs/base.md §0). */
export function orderPage(invoices: RawInvoice[]): string {
  const byOrder: Record<string, { invoice_id: number; number: string }> = {};
  for (const i of invoices) byOrder[String(i.order_id)] = { invoice_id: i.invoice_id, number: i.number };
  return shell(
    'Zamówienia',
    `<div id="pnl_order_info"><h3>Zamówienie <span class="order_id"></span></h3><div class="order_invoice"></div></div>
<script>
(function () {
  var map = ${JSON.stringify(byOrder).replace(/</g, '\\u003c')};
  function render() {
    var m = /#order:(\\d+)/.exec(location.hash);
    var id = m ? m[1] : '';
    document.querySelector('#pnl_order_info .order_id').textContent = id;
    var inv = map[id];
    document.querySelector('#pnl_order_info .order_invoice').innerHTML = inv
      ? 'Faktura: <a class="invoice_number" data-invoice-id="' + inv.invoice_id + '" href="#">' + inv.number.replace(/</g, '&lt;') + '</a>'
      : 'Brak faktury';
  }
  window.addEventListener('hashchange', render);
  render();
})();
</script>`,
  );
}
