/**
 * Seeded random Base invoices (fixed seed: the same 400 on every run): mixed Polish rates, special
 * rates, shipping, decimal quantities, corrections with negative lines, foreign buyers; Base totals
 * computed per rate from gross (B2C) or from net (B2B). Every one must give XSD-valid FA(3) whose
 * P_15 and P_13 sum equal Base's totals.
 */
import { describe, expect, it } from 'vitest';
import { decodeInvoice } from '../../src/base/api/decode';
import { buildFa3 } from '../../src/fa3/build';
import { toGrosz } from '../../src/fa3/money';
import { checkFa3Xml } from '../../src/fa3/semantic';
import { DEMO_SELLER, type RawInvoice, type RawItem, warsawUnix } from '../sim/base/dataset';
import { DEMO_RULES, fa3Validator, NOW, tag, text } from './helpers';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RATES = [23, 23, 23, 8, 5, 0, -1, -0.02, -0.03];
const BUYERS = [
  { invoice_nip: '5261297912', invoice_country_code: 'PL', invoice_company: 'Firma Testowa Sp. z o.o.' },
  { invoice_nip: '', invoice_country_code: 'PL', invoice_company: '' },
  { invoice_nip: 'DE123456789', invoice_country_code: 'DE', invoice_company: 'Müller GmbH' },
  { invoice_nip: '', invoice_country_code: 'US', invoice_company: 'Acme Inc.' },
];

/** price × quantity in grosze, rounded once, half away from zero (how Base is assumed to round). */
const cents = (price: number, qty: number) => {
  const x = Number((price * qty * 100).toFixed(6));
  return Math.sign(x) * Math.round(Math.abs(x));
};

function randomInvoice(r: () => number, i: number): RawInvoice {
  const buyer = BUYERS[Math.floor(r() * BUYERS.length)]!;
  const b2b = buyer.invoice_nip !== '';
  const foreign = buyer.invoice_country_code !== 'PL';
  const kor = r() < 0.15;
  const sign = kor ? -1 : 1;
  const n = 1 + Math.floor(r() * 12);
  const items: RawItem[] = [];
  for (let k = 0; k < n; k++) {
    let rate = RATES[Math.floor(r() * RATES.length)]!;
    if (rate === -0.03 && !b2b) rate = 23; // OO needs a buyer NIP
    if (rate === 0 && buyer.invoice_country_code === 'DE' && !b2b) rate = 23;
    const rr = Math.max(rate, 0);
    const qty = r() < 0.2 ? Number((r() * 10 + 0.001).toFixed(3)) : 1 + Math.floor(r() * 5);
    const net = Math.round(r() * 100000) / 100 + 0.01;
    const gross = Math.round(net * (1 + rr / 100) * 100) / 100;
    items.push({
      name: `Produkt ${k} ąę “${i}”`,
      sku: `S${k}`,
      ean: '',
      price_brutto: sign * gross,
      price_netto: sign * Number((gross / (1 + rr / 100)).toFixed(4)),
      tax_rate: rate,
      quantity: qty,
      is_shipment: k === n - 1 ? 1 : 0,
      order_product_id: k,
    });
  }
  // Base's totals, per rate: B2B from net, B2C from gross.
  const byRate = new Map<number, { g: number; n: number }>();
  for (const it of items) {
    const b = byRate.get(Number(it.tax_rate)) ?? { g: 0, n: 0 };
    b.g += cents(Number(it.price_brutto), Number(it.quantity));
    b.n += cents(Number(it.price_netto), Number(it.quantity));
    byRate.set(Number(it.tax_rate), b);
  }
  let tg = 0;
  let tn = 0;
  for (const [rate, b] of byRate) {
    const rr = Math.max(rate, 0);
    if (b2b) {
      const vat = Math.sign(b.n) * Math.round((Math.abs(b.n) * rr) / 100);
      tn += b.n;
      tg += b.n + vat;
    } else {
      const vat = Math.sign(b.g) * Math.round((Math.abs(b.g) * rr) / (100 + rr));
      tg += b.g;
      tn += b.g - vat;
    }
  }
  return {
    invoice_id: 1000 + i,
    order_id: 5000 + i,
    series_id: 1,
    type: kor ? 'correcting' : 'normal',
    number: `${i}/10/2026/R`,
    sub_id: i,
    month: 10,
    year: 2026,
    postfix: 'R',
    date_add: warsawUnix(2026, 10, 1 + (i % 28), 1 + (i % 22)),
    date_sell: r() < 0.3 ? 0 : warsawUnix(2026, 10, 1 + (i % 28), 8),
    date_pay_to: 0,
    currency: foreign && r() < 0.5 ? 'EUR' : 'PLN',
    total_price_brutto: tg / 100,
    total_price_netto: tn / 100,
    payment: 'Przelew',
    additional_info: '',
    invoice_fullname: 'Jan Testowy',
    invoice_address: 'ul. Testowa 1',
    invoice_postcode: '00-001',
    invoice_city: 'Warszawa',
    invoice_country: '',
    ...buyer,
    seller: '',
    issuer: '',
    correcting_to_invoice_id: kor ? 999 : 0,
    correcting_reason: kor ? 'Zwrot' : '',
    correcting_items: kor,
    correcting_data: false,
    external_invoice_number: '',
    external_id: '',
    exchange_currency: 'PLN',
    exchange_rate: 4.3,
    exchange_date: '2026-09-30',
    exchange_info: '190/A/NBP/2026',
    gov_id: '',
    gov_date: 0,
    gov_status: 0,
    items,
  };
}

describe('random Base invoices', () => {
  it('all 400 give XSD-valid FA(3) matching Base’s totals', { timeout: 180_000 }, () => {
    const r = rng(20261129);
    for (let i = 0; i < 400; i++) {
      const raw = randomInvoice(r, i);
      const inv = decodeInvoice(raw);
      const res = buildFa3({
        invoice: inv,
        seller: { ...DEMO_SELLER },
        rules: DEMO_RULES,
        now: NOW,
        ...(inv.type === 'correcting'
          ? {
              correctionOf: {
                number: '1/09/2026/R',
                issueDate: '2026-09-01',
                ksefNumber: '7251266236-20260901-0A1B2C3D4E5F-A7',
              },
            }
          : {}),
      });
      if (!res.ok) throw new Error(`${raw.number}: ${JSON.stringify(res.errors)}`);
      const v = fa3Validator().validate(res.xml);
      expect(v.errors, raw.number).toEqual([]);
      expect(checkFa3Xml(res.xml), raw.number).toEqual([]);
      const xml = text(res.xml);
      expect(toGrosz(Number(tag(xml, 'P_15'))), raw.number).toBe(toGrosz(inv.totalPriceBrutto));
      const p13 = [...xml.matchAll(/<(P_13_[0-9_]+)>([^<]*)</g)].reduce((s, m) => s + toGrosz(Number(m[2])), 0);
      expect(p13, raw.number).toBe(toGrosz(inv.totalPriceNetto));
    }
  });
});
