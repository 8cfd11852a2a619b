/** Adnotacje: reverse charge for np II, split payment over 15,000 PLN, the VAT-margin scheme. */
import { describe, expect, it } from 'vitest';
import { decodeInvoice } from '../../src/base/api/decode';
import { buildFa3 } from '../../src/fa3/build';
import { checkFa3Xml } from '../../src/fa3/semantic';
import type { BuildInput, Fa3Result, MarginKind } from '../../src/fa3/types';
import { DEMO_SELLER, type RawInvoice } from '../sim/base/dataset';
import { FAKE_NBP, fa3Validator, NOW, rawInvoice, tag, tags, text } from './helpers';

function build(over: Partial<RawInvoice> = {}, extra: Partial<BuildInput> = {}): Fa3Result {
  return buildFa3({ invoice: decodeInvoice(rawInvoice(over)), seller: { ...DEMO_SELLER }, now: NOW, ...extra });
}

function ok(r: Fa3Result): string {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(fa3Validator().validate(r.xml).errors).toEqual([]);
  expect(checkFa3Xml(r.xml)).toEqual([]);
  return text(r.xml);
}

const line = (gross: number, net: number, rate: number, name = 'Towar') => ({
  name,
  sku: '',
  ean: '',
  price_brutto: gross,
  price_netto: net,
  tax_rate: rate,
  quantity: 1,
  is_shipment: 0,
  order_product_id: 1,
});

/** One 23 % line of the given gross amount (net derived as Base would). */
function taxed(gross: number, extra: Partial<RawInvoice> = {}): Partial<RawInvoice> {
  const net = Math.round((gross / 1.23) * 100) / 100;
  return { items: [line(gross, net, 23)], total_price_brutto: gross, total_price_netto: net, ...extra };
}

describe('reverse charge annotation (P_18)', () => {
  it('is 1 for services taxed where the EU business buyer is (np II), as for oo', () => {
    const xml = ok(
      build({
        items: [line(500, 500, -0.02, 'Usługa programistyczna')],
        total_price_brutto: 500,
        total_price_netto: 500,
        invoice_nip: 'DE123456789',
        invoice_country_code: 'DE',
      }),
    );
    expect(tag(xml, 'P_12')).toBe('np II');
    expect(tag(xml, 'P_18')).toBe('1');
  });

  it('stays 2 for np I (supply outside Poland, tax not settled by the buyer) and ordinary rates', () => {
    const npI = ok(
      build({
        items: [line(500, 500, -0.02)],
        total_price_brutto: 500,
        total_price_netto: 500,
        invoice_nip: '',
        invoice_country_code: 'US',
      }),
    );
    expect(tag(npI, 'P_12')).toBe('np I');
    expect(tag(npI, 'P_18')).toBe('2');
    expect(tag(ok(build()), 'P_18')).toBe('2');
  });
});

describe('split payment annotation (P_18A)', () => {
  it('with the rule on, marks only invoices whose amount due exceeds 15,000 PLN', () => {
    expect(tag(ok(build(taxed(356.99), { rules: { splitPayment: true } })), 'P_18A')).toBe('2');
    expect(tag(ok(build(taxed(15000), { rules: { splitPayment: 'over-15000' } })), 'P_18A')).toBe('2');
    expect(tag(ok(build(taxed(15000.01), { rules: { splitPayment: 'over-15000' } })), 'P_18A')).toBe('1');
    // The older boolean switch means the statutory threshold too.
    expect(tag(ok(build(taxed(20000), { rules: { splitPayment: true } })), 'P_18A')).toBe('1');
  });

  it('marks every invoice only when asked to explicitly, and never when off', () => {
    expect(tag(ok(build(taxed(356.99), { rules: { splitPayment: 'always' } })), 'P_18A')).toBe('1');
    expect(tag(ok(build(taxed(20000), { rules: { splitPayment: 'never' } })), 'P_18A')).toBe('2');
    expect(tag(ok(build(taxed(20000))), 'P_18A')).toBe('2');
  });

  it('a series rule overrides the global one', () => {
    const rules = { splitPayment: 'always' as const, series: { '3001': { splitPayment: 'over-15000' as const } } };
    expect(tag(ok(build(taxed(356.99), { rules })), 'P_18A')).toBe('2');
  });

  it('compares the PLN value of a foreign-currency invoice', () => {
    const eur = { currency: 'EUR' };
    // 3,600 EUR × 4.2389 = 15,260.04 PLN > 15,000; 3,500 EUR × 4.2389 = 14,836.15 PLN.
    const over = ok(build(taxed(3600, eur), { rules: { splitPayment: true }, exchangeRate: FAKE_NBP }));
    expect(tag(over, 'P_18A')).toBe('1');
    const under = ok(build(taxed(3500, eur), { rules: { splitPayment: true }, exchangeRate: FAKE_NBP }));
    expect(tag(under, 'P_18A')).toBe('2');
  });

  it('refuses to guess without an exchange rate', () => {
    const r = build(
      { currency: 'EUR', items: [line(3600, 3600, -0.02)], total_price_brutto: 3600, total_price_netto: 3600 },
      { rules: { splitPayment: true } },
    );
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['SPLIT_PAYMENT_RATE_MISSING']);
    expect(r.ok ? '' : r.errors[0]!.message).toMatch(/15 000 zł/);
  });
});

describe('VAT-margin scheme (procedura marży)', () => {
  const kinds: [MarginKind, string][] = [
    ['travel', 'P_PMarzy_2'],
    ['used', 'P_PMarzy_3_1'],
    ['art', 'P_PMarzy_3_2'],
    ['antiques', 'P_PMarzy_3_3'],
  ];
  // Base computes VAT at the line's rate; on a margin invoice no rate or VAT is stated.
  const invoice = {
    items: [line(1230, 1000, 23, 'Zegar kominkowy, XIX w.'), line(24.6, 20, 23, 'Wysyłka')],
    total_price_brutto: 1254.6,
    total_price_netto: 1020,
  };

  for (const [kind, element] of kinds) {
    it(`${kind}: P_PMarzy=1 with ${element}, lines without rate, P_13_11 = amount due`, () => {
      const xml = ok(build(invoice, { rules: { series: { '3001': { margin: kind } } } }));
      expect(tag(xml, 'P_PMarzy')).toBe('1');
      expect(tag(xml, element)).toBe('1');
      expect(tag(xml, 'P_PMarzyN')).toBeUndefined();
      expect(tag(xml, 'P_13_11')).toBe('1254.60');
      expect(tag(xml, 'P_15')).toBe('1254.60');
      expect(tag(xml, 'P_13_1')).toBeUndefined();
      expect(tag(xml, 'P_14_1')).toBeUndefined();
      expect(tags(xml, 'P_12')).toEqual([]);
      expect(tags(xml, 'P_11A')).toEqual(['1230.00', '24.60']);
      expect(tags(xml, 'P_11')).toEqual([]);
    });
  }

  it('other series are not affected', () => {
    const xml = ok(build(invoice, { rules: { series: { '9999': { margin: 'used' } } } }));
    expect(tag(xml, 'P_PMarzyN')).toBe('1');
    expect(tag(xml, 'P_13_1')).toBe('1020.00');
  });

  it('still refuses an invoice whose lines do not add up to its amount due', () => {
    const r = build({ ...invoice, total_price_brutto: 1300 }, { rules: { margin: 'used' } });
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['TOTALS_MISMATCH']);
  });
});
