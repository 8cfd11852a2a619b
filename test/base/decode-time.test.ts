import { describe, expect, it } from 'vitest';
import { BaseDecodeError, decodeInvoice, decodeSeries, ownedByBaseKsef } from '../../src/base/api/decode';
import { RateLimiter } from '../../src/base/api/limiter';
import { parseBlockedUntil, warsawMonthRange, warsawToEpochMs } from '../../src/base/api/time';

describe('defensive decoding of Base quirks (docs/base.md §1.1)', () => {
  it('coerces numeric strings, "" and 0/1 booleans', () => {
    const inv = decodeInvoice({
      invoice_id: '48211937',
      order_id: '',
      series_id: '15',
      type: 'correcting',
      number: 12,
      date_add: '1778680800',
      total_price_brutto: '1 353,00'.replace(' ', ''),
      exchange_rate: '',
      exchange_currency: 'pln',
      correcting_items: '1',
      items: [
        { name: 'A', price_brutto: '615.00', price_netto: '500', tax_rate: '-0.02', quantity: '2', is_shipment: '0' },
      ],
    });
    expect(inv).toMatchObject({
      invoiceId: 48211937,
      orderId: 0,
      seriesId: 15,
      type: 'correcting',
      number: '12',
      dateAdd: 1778680800,
      totalPriceBrutto: 1353,
      exchangeRate: null,
      exchangeCurrency: 'PLN',
      correctingItems: true,
    });
    expect(inv.items[0]).toMatchObject({
      priceBrutto: 615,
      priceNetto: 500,
      taxRate: -0.02,
      quantity: 2,
      isShipment: false,
    });
    expect(inv.gov).toBeUndefined();
  });

  it('reads special rates spelled as text (ZW, NP, OO, "23%")', () => {
    const rates = ['ZW', 'np', 'OO', '23%', 'EXPT'].map(
      (tax_rate) => decodeInvoice({ items: [{ tax_rate }] }).items[0]!.taxRate,
    );
    expect(rates).toEqual([-1, -0.02, -0.03, 23, -1]);
  });

  it('names the field that cannot be read', () => {
    expect(() => decodeInvoice({ items: [{ price_brutto: 'abc' }] })).toThrow(BaseDecodeError);
    expect(() => decodeInvoice({ items: [{ price_brutto: 'abc' }] })).toThrow(/items\[0\]\.price_brutto/);
    expect(() => decodeInvoice('x')).toThrow(/nie jest obiektem/);
  });

  it('knows which invoices Base’s own KSeF integration owns', () => {
    const base = { invoice_id: 1, items: [] };
    expect(ownedByBaseKsef(decodeInvoice({ ...base, gov_status: '2', gov_id: 'x' }))).toBe(true);
    expect(ownedByBaseKsef(decodeInvoice({ ...base, gov_status: 1, gov_id: '' }))).toBe(true);
    expect(ownedByBaseKsef(decodeInvoice({ ...base, gov_status: 5, gov_id: '' }))).toBe(true);
    expect(ownedByBaseKsef(decodeInvoice({ ...base, gov_status: 3, gov_id: '' }))).toBe(false);
    expect(ownedByBaseKsef(decodeInvoice({ ...base, gov_status: 0, gov_id: '' }))).toBe(false);
    expect(ownedByBaseKsef(decodeInvoice(base))).toBe(false);
    expect(decodeSeries({ id: '15', type: 'INVOICE', name: 'FV', format: '%N/%M/%Y' })).toEqual({
      id: 15,
      type: 'INVOICE',
      name: 'FV',
      format: '%N/%M/%Y',
    });
  });
});

describe('Warsaw time', () => {
  it('parses the ERROR_BLOCKED_TOKEN stamp as Warsaw time, winter and summer', () => {
    expect(parseBlockedUntil('Query limit exceeded, token blocked until 2022-05-03 17:15:34')).toBe(
      Date.parse('2022-05-03T15:15:34Z'),
    );
    expect(parseBlockedUntil('token blocked until 2026-11-29 13:00:00')).toBe(Date.parse('2026-11-29T12:00:00Z'));
    expect(parseBlockedUntil('Query limit exceeded')).toBeUndefined();
  });
  it('gives month ranges in Warsaw time across DST changes', () => {
    expect(warsawMonthRange('2026-11')).toEqual({
      from: Date.parse('2026-10-31T23:00:00Z') / 1000,
      to: Date.parse('2026-11-30T23:00:00Z') / 1000 - 1,
    });
    expect(warsawMonthRange('2026-03').to).toBe(Date.parse('2026-03-31T22:00:00Z') / 1000 - 1);
    expect(warsawMonthRange('2026-12').to).toBe(Date.parse('2026-12-31T23:00:00Z') / 1000 - 1);
    expect(() => warsawMonthRange('2026-13')).toThrow(/miesiąc/i);
    expect(warsawToEpochMs(2026, 7, 1, 0, 30)).toBe(Date.parse('2026-06-30T22:30:00Z'));
  });
});

describe('rate limiter', () => {
  it('allows perMinute calls per sliding minute and then reports when to retry', () => {
    const l = new RateLimiter(3);
    expect(l.take(1000)).toBeUndefined();
    expect(l.take(2000)).toBeUndefined();
    expect(l.take(3000)).toBeUndefined();
    expect(l.take(4000)).toBe(61_000);
    expect(l.take(61_000)).toBeUndefined();
    expect(l.take(61_500)).toBe(62_000);
  });
  it('honours a Base block and survives snapshot/restore', () => {
    const l = new RateLimiter(50);
    l.blockUntil(100_000);
    expect(l.take(5000)).toBe(100_000);
    const copy = new RateLimiter(50);
    copy.restore(l.snapshot());
    expect(copy.take(99_999)).toBe(100_000);
    expect(copy.take(100_000)).toBeUndefined();
  });
  it('defaults to well under Base’s 100 requests per minute', () => {
    expect(new RateLimiter().perMinute).toBeLessThanOrEqual(60);
  });
});
