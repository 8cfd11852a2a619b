// @vitest-environment happy-dom
/** The Base adapter (src/base/selectors.ts, src/base/panel/layouts.ts, src/base/panel/match.ts)
 * against the fixture pages. */
import { beforeEach, describe, expect, it } from 'vitest';
import { findInvoiceRows, rowRef } from '../../src/base/panel/layouts';
import { matchRows, pickOrderInvoice, viewRequest } from '../../src/base/panel/match';
import { isInvoiceArea, looksLikeInvoiceNumber, openOrderId, orderIdFrom } from '../../src/base/selectors';
import type { InvoiceView } from '../../src/messaging';
import { fixtureBody } from './fake-worker';

const INVOICES = { pathname: '/invoices.php', search: '', hash: '' };
const PRODUCTS = { pathname: '/inventory_products.php', search: '', hash: '' };

function load(name: string): void {
  document.body.innerHTML = fixtureBody(name);
}

function refs(loc = INVOICES) {
  const found = findInvoiceRows(document, loc);
  if (!found) return null;
  return {
    layout: found.layout.name,
    refs: [...found.rows].map((r) => {
      const x = rowRef(r, found.layout);
      return x && { id: x.id, number: x.number, orderId: x.orderId };
    }),
  };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('finding invoice rows', () => {
  it('reads ids (attribute, else checkbox), numbers without the second line, and order links from the known layout', () => {
    load('invoice-list.html');
    expect(refs()).toEqual({
      layout: 'known',
      refs: [
        { id: '48211937', number: '214/05/2026/FV', orderId: '91822410' },
        { id: '48211938', number: '215/05/2026/FV', orderId: '91822411' },
        { id: '48211939', number: '7/05/2026/EXP', orderId: '91822412' },
      ],
    });
    // The stand-in table is recognised on any path (its id is specific enough).
    expect(refs(PRODUCTS)?.layout).toBe('known');
  });

  it('recognises an unknown #table_<name> list by its invoice numbers, only in the invoice area', () => {
    load('invoice-list-numbers.html');
    expect(refs()).toEqual({
      layout: 'generic',
      refs: [
        { id: null, number: 'FV/12/05/2026', orderId: null },
        { id: null, number: 'FV/13/05/2026', orderId: null },
        { id: null, number: 'PAR/1/05/2026', orderId: null },
      ],
    });
    expect(findInvoiceRows(document, PRODUCTS)).toBeNull();
  });

  it('does not take a table of bare ids (an order or product list) for an invoice list', () => {
    document.body.innerHTML =
      '<div id="table_orders"><table><tbody><tr data-id="91822410"><td><input type="checkbox" value="91822410"></td><td>Jan</td><td>99,99 PLN</td></tr></tbody></table></div>';
    expect(findInvoiceRows(document, INVOICES)).toBeNull();
  });

  it('keeps rows that only link to their order in the known layout, and skips rows that say nothing', () => {
    load('invoice-list-orders.html');
    expect(refs()?.refs).toEqual([
      { id: null, number: null, orderId: '91822410' },
      { id: null, number: null, orderId: '91822411' },
      null,
    ]);
  });

  it('finds nothing in an unknown layout', () => {
    load('invoice-list-unknown.html');
    expect(findInvoiceRows(document, INVOICES)).toBeNull();
  });
});

describe('small readers', () => {
  it('tells invoice numbers from dates, prices, NIPs and order ids', () => {
    for (const n of ['FV/12/05/2026', '214/05/2026/FV', '7/05/2026/EXP', 'KOR/1/2026', 'FV_PL/001/11/2026']) {
      expect(looksLikeInvoiceNumber(n), n).toBe(true);
    }
    for (const n of ['2026-05-13', '1 353,00 PLN', '5250000000', 'DE123456789', 'FV', 'a/b', '91822410', '']) {
      expect(looksLikeInvoiceNumber(n), n).toBe(false);
    }
  });

  it('reads order ids from links and the order card hash', () => {
    expect(orderIdFrom('orders.php#order:91822410')).toBe('91822410');
    expect(orderIdFrom('/orders/order?order_id=77')).toBe('77');
    expect(orderIdFrom('orders.php#status:all')).toBeNull();
    expect(openOrderId({ pathname: '/orders.php', hash: '#order:123' })).toBe('123');
    expect(openOrderId({ pathname: '/orders.php', hash: '#status:all' })).toBeNull();
    expect(openOrderId({ pathname: '/invoices.php', hash: '#order:123' })).toBeNull();
    expect(openOrderId({ pathname: '/orders/order', search: '?order_id=77&tab=1', hash: '' })).toBe('77');
    expect(openOrderId({ pathname: '/orders/order', search: '?tab=1', hash: '#order:5' })).toBeNull();
  });

  it('gates the invoice area by path', () => {
    expect(isInvoiceArea(INVOICES)).toBe(true);
    expect(isInvoiceArea({ pathname: '/faktury', search: '', hash: '' })).toBe(true);
    expect(isInvoiceArea({ pathname: '/documents.php', search: '?tab=invoices', hash: '' })).toBe(true);
    expect(isInvoiceArea(PRODUCTS)).toBe(false);
    expect(isInvoiceArea({ pathname: '/orders.php', search: '', hash: '#order:1' })).toBe(false);
  });
});

describe('matching rows to the invoices the worker knows', () => {
  const views: InvoiceView[] = [
    { invoiceId: '1', number: 'FV/1/2026', orderId: '10' },
    { invoiceId: '2', number: 'FV/2/2026', orderId: '20' },
    { invoiceId: '3', number: 'FV/3/2026' },
    { invoiceId: '4', number: 'FV/3/2026' },
  ];

  it('prefers the id, then the number, then the order link', () => {
    const rows = [
      { id: '1', number: 'FV/2/2026', orderId: null },
      { id: '999', number: 'FV/2/2026', orderId: null },
      { id: null, number: 'FV/9/2026', orderId: '10' },
      { id: '998', number: null, orderId: null },
    ];
    const r = matchRows(rows, views);
    expect(r.matched.map((m) => [m.ref, m.view.invoiceId])).toEqual([
      [rows[0], '1'],
      [rows[1], '2'],
    ]);
    expect(r.byOrder).toEqual([rows[2]]);
    expect(r.unmatched).toEqual([rows[3]]);
  });

  it('never matches a number two invoices share', () => {
    const row = { id: null, number: 'FV/3/2026', orderId: null };
    expect(matchRows([row], views).unmatched).toEqual([row]);
  });

  it("picks an order's invoice by number, else the only one", () => {
    const a = views[0]!;
    const b = views[1]!;
    expect(pickOrderInvoice({ id: null, number: 'FV/2/2026', orderId: '10' }, [a, b])).toBe(b);
    expect(pickOrderInvoice({ id: null, number: null, orderId: '10' }, [a])).toBe(a);
    expect(pickOrderInvoice({ id: null, number: null, orderId: '10' }, [a, b])).toBeNull();
    expect(pickOrderInvoice({ id: null, number: null, orderId: '10' }, [])).toBeNull();
  });

  it('asks about each id and number once', () => {
    expect(
      viewRequest([
        { id: '1', number: 'A/1', orderId: null },
        { id: '1', number: 'A/1', orderId: null },
        { id: null, number: 'A/2', orderId: '5' },
      ]),
    ).toEqual({ invoiceIds: ['1'], numbers: ['A/1', 'A/2'] });
  });
});
