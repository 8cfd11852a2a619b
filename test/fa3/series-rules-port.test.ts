/** The options' per-series rules reach the FA(3) builder through the worker's rule mapping. */
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../src/background/adapters/fa3-port';
import { decodeInvoice } from '../../src/base/api/decode';
import { buildFa3 } from '../../src/fa3/build';
import type { Settings } from '../../src/messaging';
import { DEFAULT_SETTINGS } from '../../src/settings/defaults';
import { DEMO_SELLER } from '../sim/base/dataset';
import { fa3Validator, NOW, rawInvoice, tag, text } from './helpers';

function xmlFor(settings: Settings, over = {}): string {
  const invoice = decodeInvoice(rawInvoice(over));
  const r = buildFa3({ invoice, seller: { ...DEMO_SELLER }, now: NOW, rules: rulesFor(settings, invoice) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(fa3Validator().validate(r.xml).errors).toEqual([]);
  return text(r.xml);
}

describe('series rules from the settings', () => {
  const big = {
    items: [
      {
        name: 'Maszyna',
        sku: '',
        ean: '',
        price_brutto: 24600,
        price_netto: 20000,
        tax_rate: 23,
        quantity: 1,
        is_shipment: 0,
        order_product_id: 1,
      },
    ],
    total_price_brutto: 24600,
    total_price_netto: 20000,
  };
  it('apply to their own series only', () => {
    const s: Settings = {
      ...DEFAULT_SETTINGS,
      seriesRules: { '3001': { splitPayment: 'over-15000', margin: 'antiques' } },
    };
    const xml = xmlFor(s, big);
    expect(tag(xml, 'P_18A')).toBe('1');
    expect(tag(xml, 'P_PMarzy_3_3')).toBe('1');
    expect(tag(xml, 'P_13_11')).toBe('24600.00');
    const other = xmlFor(s, { ...big, series_id: 4000 });
    expect(tag(other, 'P_18A')).toBe('2');
    expect(tag(other, 'P_PMarzyN')).toBe('1');
  });
  it('without rules an invoice is neither split payment nor margin', () => {
    const xml = xmlFor(DEFAULT_SETTINGS, big);
    expect(tag(xml, 'P_18A')).toBe('2');
    expect(tag(xml, 'P_PMarzyN')).toBe('1');
  });
});
