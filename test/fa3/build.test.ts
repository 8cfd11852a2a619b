/** Builder behaviour on single, hand-made Base invoices: each rule in src/fa3/README.md and its error. */
import { describe, expect, it } from 'vitest';
import { decodeInvoice } from '../../src/base/api/decode';
import { buildFa3 } from '../../src/fa3/build';
import type { BuildInput, Fa3Result } from '../../src/fa3/types';
import { DEMO_SELLER, type RawInvoice, warsawUnix } from '../sim/base/dataset';
import { fa3Validator, NOW, rawInvoice as raw, tag, tags, text } from './helpers';

function build(over: Partial<RawInvoice> = {}, extra: Partial<BuildInput> = {}): Fa3Result {
  return buildFa3({ invoice: decodeInvoice(raw(over)), seller: { ...DEMO_SELLER }, now: NOW, ...extra });
}

function ok(r: Fa3Result): string {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const v = fa3Validator().validate(r.xml);
  expect(v.errors).toEqual([]);
  return text(r.xml);
}

function codes(r: Fa3Result): string[] {
  return r.ok ? [] : r.errors.map((e) => e.code);
}

const item = (over: Partial<RawInvoice['items'][number]>) => ({
  name: 'Towar',
  sku: '',
  ean: '',
  price_brutto: 100,
  price_netto: 100,
  tax_rate: 0,
  quantity: 1,
  is_shipment: 0,
  order_product_id: 1,
  ...over,
});

describe('FA(3) builder', () => {
  it('writes UTF-8 without BOM, deterministically, in XSD order', () => {
    const a = build();
    const b = build();
    if (!a.ok || !b.ok) throw new Error('build failed');
    expect([...a.xml.slice(0, 5)]).toEqual([...new TextEncoder().encode('<?xml')]);
    expect(Buffer.from(a.xml).equals(Buffer.from(b.xml))).toBe(true);
    const xml = ok(a);
    expect(tag(xml, 'DataWytworzeniaFa')).toBe('2026-11-29T12:00:00Z');
    expect(xml.indexOf('<Podmiot1>')).toBeLessThan(xml.indexOf('<Podmiot2>'));
  });

  it('uses the Europe/Warsaw calendar day: 00:30 in Warsaw is still that day', () => {
    const xml = ok(build({ date_add: warsawUnix(2026, 11, 2, 0, 30), date_sell: warsawUnix(2026, 11, 1, 23, 59) }));
    expect(tag(xml, 'P_1')).toBe('2026-11-02');
    expect(tag(xml, 'P_6')).toBe('2026-11-01');
    // Summer time too (UTC+2): 00:30 on 1 July is 22:30 UTC on 30 June.
    const summer = ok(build({ date_add: warsawUnix(2026, 7, 1, 0, 30), date_sell: 0 }));
    expect(tag(summer, 'P_1')).toBe('2026-07-01');
    expect(tag(summer, 'P_6')).toBeUndefined();
  });

  it('takes the seller from settings and falls back to Base’s free text only for the address', () => {
    const xml = ok(build({}, { seller: { nip: '725-126-62-36', name: 'Moja Firma' } }));
    expect(tag(xml, 'NIP')).toBe('7251266236');
    expect(tag(xml, 'AdresL1')).toBe('ul. Y 1');
    expect(tag(xml, 'AdresL2')).toBe('00-001 Z');
    expect(codes(build({}, { seller: { nip: '7251266237', name: 'X', addressL1: 'a' } }))).toContain(
      'SELLER_NIP_INVALID',
    );
    expect(codes(build({ seller: '' }, { seller: { nip: '7251266236', name: 'X' } }))).toContain(
      'SELLER_ADDRESS_MISSING',
    );
  });

  it('identifies the buyer by NIP, EU VAT ID, foreign ID or BrakID', () => {
    expect(tags(ok(build({ invoice_nip: 'PL 526-129-79-12' })), 'NIP')).toEqual(['7251266236', '5261297912']);
    const eu = ok(
      build({
        invoice_nip: 'DE 123456789',
        invoice_country_code: 'DE',
        items: [item({})],
        total_price_brutto: 100,
        total_price_netto: 100,
      }),
    );
    expect(tag(eu, 'KodUE')).toBe('DE');
    expect(tag(eu, 'NrVatUE')).toBe('123456789');
    expect(tag(eu, 'P_12')).toBe('0 WDT');
    const foreign = ok(
      build({
        invoice_nip: 'NO912345678MVA',
        invoice_country_code: 'NO',
        items: [item({})],
        total_price_brutto: 100,
        total_price_netto: 100,
      }),
    );
    expect(tag(foreign, 'NrID')).toBe('NO912345678MVA');
    expect(tag(foreign, 'P_12')).toBe('0 EX');
    const b2c = ok(build({ invoice_nip: '', invoice_company: '' }));
    expect(tag(b2c, 'BrakID')).toBe('1');
    expect(tags(b2c, 'Nazwa')[1]).toBe('Anna Nowak');
    expect(tag(b2c, 'JST')).toBe('2');
    expect(tag(b2c, 'GV')).toBe('2');
    expect(codes(build({}, { buyer: { jst: true } }))).toEqual(['BUYER_UNIT_NIP_INVALID']);
    const jst = ok(
      build({}, { buyer: { jst: true, gv: false, unitNip: '1131266236', unitName: 'Szkoła Podstawowa nr 1' } }),
    );
    expect(tag(jst, 'JST')).toBe('1');
    expect(jst).toMatch(
      /<Podmiot3>\s*<DaneIdentyfikacyjne>\s*<NIP>1131266236<\/NIP>\s*<Nazwa>Szkoła Podstawowa nr 1<\/Nazwa>\s*<\/DaneIdentyfikacyjne>\s*<Rola>8<\/Rola>/,
    );
    const gv = ok(build({}, { buyer: { gv: true, unitNip: '1131266236' } }));
    expect(tag(gv, 'GV')).toBe('1');
    expect(tag(gv, 'Rola')).toBe('10');
    expect(codes(build({ invoice_nip: 'FR123', invoice_country_code: 'DE' }))).toContain('BUYER_VAT_UE_INVALID');
    expect(codes(build({ invoice_company: '', invoice_fullname: '' }))).toContain('BUYER_NAME_MISSING');
  });

  it('maps Base’s special rates and applies configurable rules per series', () => {
    const specials = {
      items: [
        item({ tax_rate: -1, name: 'Usługa zw' }),
        item({ tax_rate: -0.03, name: 'Złom' }),
        item({ tax_rate: '-0.02', name: 'Usługa np' }),
      ],
      total_price_brutto: 300,
      total_price_netto: 300,
    };
    expect(codes(build(specials))).toEqual(['ZW_BASIS_MISSING']);
    const xml = ok(
      build(specials, { rules: { exemption: { basis: 'B', text: 'art. 132 ust. 1 lit. i dyrektywy 2006/112/WE' } } }),
    );
    expect(tags(xml, 'P_12')).toEqual(['zw', 'oo', 'np I']);
    expect(tag(xml, 'P_13_7')).toBe('100.00');
    expect(tag(xml, 'P_13_10')).toBe('100.00');
    expect(tag(xml, 'P_13_8')).toBe('100.00');
    expect(tag(xml, 'P_18')).toBe('1');
    expect(tag(xml, 'P_19')).toBe('1');
    expect(tag(xml, 'P_19B')).toContain('2006/112/WE');
    const zero = { items: [item({})], total_price_brutto: 100, total_price_netto: 100 };
    expect(tag(ok(build(zero)), 'P_12')).toBe('0 KR');
    expect(tag(ok(build(zero, { rules: { series: { '3001': { zero: '0 EX' } } } })), 'P_13_6_3')).toBe('100.00');
    expect(tag(ok(build(zero, { rules: { zero: '0 EX', series: { '9999': { zero: '0 KR' } } } })), 'P_12')).toBe(
      '0 EX',
    );
    expect(codes(build(zero, { rules: { zero: '0 WDT' } }))).toContain('WDT_WITHOUT_VAT_ID');
    expect(codes(build({ ...zero, invoice_nip: '', invoice_country_code: 'DE' }))).toContain('ZERO_RATE_AMBIGUOUS');
    const np2 = ok(
      build({
        items: [item({ tax_rate: -0.02 })],
        total_price_brutto: 100,
        total_price_netto: 100,
        invoice_nip: 'DE123456789',
        invoice_country_code: 'DE',
      }),
    );
    expect(tag(np2, 'P_12')).toBe('np II');
    expect(tag(np2, 'P_13_9')).toBe('100.00');
    const flags = ok(build({}, { rules: { splitPayment: 'always', cashAccounting: true } }));
    expect(tag(flags, 'P_16')).toBe('1');
    expect(tag(flags, 'P_18A')).toBe('1');
  });

  it('puts OSS lines in P_13_5/P_14_5 with P_12_XII only when the option is on', () => {
    const de = {
      currency: 'EUR',
      invoice_nip: '',
      invoice_company: '',
      invoice_country_code: 'DE',
      items: [
        item({ tax_rate: 19, price_brutto: 119, price_netto: 100 }),
        item({ tax_rate: 7, price_brutto: 10.7, price_netto: 10 }),
      ],
      total_price_brutto: 129.7,
      total_price_netto: 110,
    };
    expect(codes(build(de))).toEqual(['ITEM_RATE_UNSUPPORTED']);
    const xml = ok(build(de, { oss: true }));
    expect(tags(xml, 'P_12_XII')).toEqual(['19', '7']);
    expect(tag(xml, 'P_13_5')).toBe('110.00');
    expect(tag(xml, 'P_14_5')).toBe('19.70');
    expect(tag(xml, 'P_12')).toBeUndefined();
    // A business buyer with a VAT ID is not OSS.
    expect(codes(build({ ...de, invoice_nip: 'DE123456789' }, { oss: true }))).toEqual(['OSS_NOT_APPLICABLE']);
  });

  it('adds VAT in PLN from Base’s rate, else the given NBP rate, else refuses', () => {
    const eur = {
      currency: 'EUR',
      items: [item({ tax_rate: 23, price_brutto: 123, price_netto: 100, quantity: 3 })],
      total_price_brutto: 369,
      total_price_netto: 300,
    };
    expect(codes(build(eur))).toEqual(['EXCHANGE_RATE_MISSING']);
    const base = ok(
      build(
        {
          ...eur,
          exchange_currency: 'PLN',
          exchange_rate: '4.2711',
          exchange_date: '2026-11-12',
          exchange_info: '220/A/NBP/2026',
        },
        { exchangeRate: { rate: 9, date: '', source: 'nbp' } },
      ),
    );
    expect(tag(base, 'P_14_1')).toBe('69.00');
    expect(tag(base, 'P_14_1W')).toBe('294.71'); // 69.00 × 4.2711 = 294.7059
    expect(tag(base, 'KursWaluty')).toBe('4.2711');
    expect(tag(base, 'Wartosc')).toContain('220/A/NBP/2026');
    const nbp = ok(
      build(eur, { exchangeRate: { rate: 4.2389, date: '2026-11-11', table: '219/A/NBP/2026', source: 'nbp' } }),
    );
    expect(tag(nbp, 'P_14_1W')).toBe('292.48'); // 69.00 × 4.2389 = 292.4841
    // 0 % exports need no PLN VAT, so no rate.
    expect(
      build({
        ...eur,
        invoice_nip: '',
        invoice_country_code: 'US',
        items: [item({})],
        total_price_brutto: 100,
        total_price_netto: 100,
      }).ok,
    ).toBe(true);
  });

  it('builds a KOR with the corrected invoice’s number, date, KSeF number, reason and type', () => {
    const kor = {
      type: 'correcting' as const,
      number: '1/11/2026/KOR',
      correcting_to_invoice_id: 77,
      correcting_reason: 'Zwrot towaru',
      items: [{ ...raw().items[0]!, price_brutto: -123, price_netto: -100 }],
      total_price_brutto: -123,
      total_price_netto: -100,
    };
    expect(codes(build(kor))).toEqual(['CORRECTION_ORIGINAL_MISSING']);
    expect(codes(build(kor, { correctionOf: { number: '5/10/2026/FV', issueDate: '2026-10-05' } }))).toEqual([
      'CORRECTION_KSEF_MISSING',
    ]);
    expect(
      codes(build(kor, { correctionOf: { number: '5/10/2026/FV', issueDate: '2026-10-05', ksefNumber: 'nope' } })),
    ).toEqual(['CORRECTION_KSEF_INVALID']);
    const xml = ok(
      build(kor, {
        rules: { correctionType: 2 },
        correctionOf: {
          number: '5/10/2026/FV',
          issueDate: '2026-10-05',
          ksefNumber: '7251266236-20261005-0A1B2C3D4E5F-A7',
        },
      }),
    );
    expect(tag(xml, 'RodzajFaktury')).toBe('KOR');
    expect(tag(xml, 'PrzyczynaKorekty')).toBe('Zwrot towaru');
    expect(tag(xml, 'TypKorekty')).toBe('2');
    expect(tag(xml, 'NrFaKorygowanej')).toBe('5/10/2026/FV');
    expect(tag(xml, 'DataWystFaKorygowanej')).toBe('2026-10-05');
    expect(tag(xml, 'NrKSeFFaKorygowanej')).toBe('7251266236-20261005-0A1B2C3D4E5F-A7');
    expect(tag(xml, 'P_13_1')).toBe('-100.00');
    expect(tag(xml, 'P_14_1')).toBe('-23.00');
    expect(tag(xml, 'P_15')).toBe('-123.00');
    const outside = ok(
      build(kor, { correctionOf: { number: '5/10/2025/FV', issueDate: '2025-10-05', outsideKsef: true } }),
    );
    expect(tag(outside, 'NrKSeFN')).toBe('1');
    // Default type: a reduction takes effect in the correction's period (2); an increase gets none unless configured.
    expect(tag(outside, 'TypKorekty')).toBe('2');
    const up = ok(
      build(
        { ...kor, items: [raw().items[0]!], total_price_brutto: 123, total_price_netto: 100 },
        { correctionOf: { number: '5/10/2025/FV', issueDate: '2025-10-05', outsideKsef: true } },
      ),
    );
    expect(tag(up, 'TypKorekty')).toBeUndefined();
  });

  it('agrees with Base’s totals to the grosz on awkward prices, or refuses', () => {
    // 3 × 0.33 gross at 23 %: per-rate from gross gives VAT 0.19 of 0.99.
    const xml = ok(
      build({
        invoice_nip: '',
        items: [item({ tax_rate: 23, price_brutto: 0.33, price_netto: 0.2683, quantity: 3 })],
        total_price_brutto: 0.99,
        total_price_netto: 0.8,
      }),
    );
    expect(tag(xml, 'P_13_1')).toBe('0.80');
    expect(tag(xml, 'P_14_1')).toBe('0.19');
    expect(tag(xml, 'P_11A')).toBe('0.99');
    // Base summed VAT per line (net 0.27 × 3 = 0.81): the 'lines' method reproduces it.
    const lines = buildFa3({
      invoice: decodeInvoice(
        raw({
          items: [item({ tax_rate: 23, price_brutto: 0.33, price_netto: 0.27, quantity: 3 })],
          total_price_brutto: 0.99,
          total_price_netto: 0.81,
        }),
      ),
      seller: { ...DEMO_SELLER },
      now: NOW,
    });
    expect(lines.ok && lines.method).toBe('lines');
    const bad = build({ total_price_brutto: 124 });
    expect(codes(bad)).toEqual(['TOTALS_MISMATCH']);
    expect(bad.ok ? '' : bad.errors[0]!.field).toBe('total_price_brutto');
  });

  it('handles many lines, long and non-ASCII names and refuses over-long ones', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      item({
        name: `Pozycja ${i} — zażółć gęślą jaźń „cudzysłów” & <tag> 🙂`,
        tax_rate: 23,
        price_brutto: 1.23,
        price_netto: 1,
      }),
    );
    const xml = ok(build({ invoice_nip: '', items: many, total_price_brutto: 1230, total_price_netto: 1000 }));
    expect(tags(xml, 'NrWierszaFa')).toHaveLength(1000);
    expect(xml).toContain('zażółć gęślą jaźń „cudzysłów” &amp; &lt;tag&gt; 🙂');
    const max = 'ż'.repeat(512);
    expect(ok(build({ items: [item({ name: max, tax_rate: 23, price_brutto: 123, price_netto: 100 })] }))).toContain(
      max,
    );
    expect(
      codes(build({ items: [item({ name: `${max}x`, tax_rate: 23, price_brutto: 123, price_netto: 100 })] })),
    ).toEqual(['ITEM_NAME_TOO_LONG']);
    expect(codes(build({ invoice_company: 'A'.repeat(513) }))).toEqual(['BUYER_NAME_TOO_LONG']);
    // Control characters are dropped, whitespace collapsed (xsd:token).
    expect(
      tag(
        ok(build({ items: [item({ name: 'A\u0001\tB\r\n  C', tax_rate: 23, price_brutto: 123, price_netto: 100 })] })),
        'P_7',
      ),
    ).toBe('A B C');
  });

  it('refuses empty and malformed invoices with the Base field to fix', () => {
    const r = build({ items: [item({ name: '  ', quantity: 0 })], number: '', date_add: 0, currency: 'euro' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byCode = Object.fromEntries(r.errors.map((e) => [e.code, e.field]));
    expect(byCode).toMatchObject({
      NUMBER_MISSING: 'number',
      ISSUE_DATE_MISSING: 'date_add',
      CURRENCY_INVALID: 'currency',
      ITEM_NAME_MISSING: 'items[0].name',
      ITEM_QUANTITY_INVALID: 'items[0].quantity',
    });
    expect(codes(build({ items: [] }))).toContain('ITEMS_EMPTY');
    expect(codes(build({ date_add: warsawUnix(2026, 12, 1, 10) }))).toEqual(['ISSUE_DATE_IN_FUTURE']);
    expect(codes(build({ invoice_nip: '526-129-79-13' }))).toEqual(['BUYER_NIP_INVALID']);
  });

  it('maps payment form, due date and bank account', () => {
    const xml = ok(
      build(
        { date_pay_to: warsawUnix(2026, 11, 27, 12), payment: 'Przelew bankowy' },
        { seller: { ...DEMO_SELLER, bankAccount: '61 1090 1014 0000 0712 1981 2874' } },
      ),
    );
    expect(tag(xml, 'Termin')).toBe('2026-11-27');
    expect(tag(xml, 'FormaPlatnosci')).toBe('6');
    expect(tag(xml, 'NrRB')).toBe('61109010140000071219812874');
    expect(tag(ok(build({ payment: 'Za pobraniem' })), 'FormaPlatnosci')).toBe('1');
    expect(tag(ok(build({ payment: 'Blik' })), 'FormaPlatnosci')).toBe('7');
    const paypal = ok(build({ payment: 'PayPal' }));
    expect(tag(paypal, 'PlatnoscInna')).toBe('1');
    expect(tag(paypal, 'OpisPlatnosci')).toBe('PayPal');
    expect(ok(build({ payment: '' }))).not.toContain('<Platnosc>');
    for (const [text, forma] of [
      ['Płatność przy odbiorze', '1'],
      ['Karta podarunkowa', '3'],
      ['Karta kredytowa', '2'],
      ['Przedpłata', '6'],
      ['Google Pay', '7'],
    ] as const) {
      expect(tag(ok(build({ payment: text })), 'FormaPlatnosci'), text).toBe(forma);
    }
  });

  it('tolerates shop-data spellings and names bad codes precisely', () => {
    expect(tag(ok(build({ invoice_nip: 'brak', invoice_company: '' })), 'BrakID')).toBe('1');
    expect(tag(ok(build({ invoice_nip: '-', invoice_company: '' })), 'BrakID')).toBe('1');
    const uk = ok(
      build({
        invoice_nip: 'GB123456789',
        invoice_country_code: 'UK',
        items: [item({})],
        total_price_brutto: 100,
        total_price_netto: 100,
      }),
    );
    expect(tags(uk, 'KodKraju')[1]).toBe('GB');
    expect(tag(uk, 'P_12')).toBe('0 EX');
    const prefixOnly = ok(
      build({
        invoice_nip: 'DE123456789',
        invoice_country_code: '',
        items: [item({})],
        total_price_brutto: 100,
        total_price_netto: 100,
      }),
    );
    expect(tag(prefixOnly, 'KodUE')).toBe('DE');
    expect(codes(build({ invoice_country_code: 'XX' }))).toEqual(['BUYER_COUNTRY_INVALID']);
    expect(codes(build({ currency: 'ABC' }))).toEqual(['CURRENCY_INVALID']);
    const remarks = ok(build({ additional_info: `Zamówienie Allegro 8f2c1a70 ${'x'.repeat(300)}` }));
    expect(tag(remarks, 'Klucz')).toBe('Uwagi');
    expect([...tag(remarks, 'Wartosc')!]).toHaveLength(256);
  });

  it('requires the buyer NIP for domestic reverse charge (OO)', () => {
    const oo = { items: [item({ tax_rate: -0.03 })], total_price_brutto: 100, total_price_netto: 100 };
    expect(codes(build({ ...oo, invoice_nip: '' }))).toEqual(['OO_WITHOUT_BUYER_NIP']);
    expect(tag(ok(build(oo)), 'P_18')).toBe('1');
  });

  it('rounds 4-decimal net lines once, and falls back to Base’s own totals for a single taxed rate', () => {
    // 7 × 12.3457 net = 86.4199 → 86.42 (not 7 × 12.35); gross 7 × 15.19 = 106.33: the per-line method matches.
    const seven = buildFa3({
      invoice: decodeInvoice(
        raw({
          invoice_nip: '',
          items: [item({ tax_rate: 23, price_brutto: 15.19, price_netto: 12.3457, quantity: 7 })],
          total_price_brutto: 106.33,
          total_price_netto: 86.42,
        }),
      ),
      seller: { ...DEMO_SELLER },
      now: NOW,
    });
    expect(seven.ok && seven.method).toBe('lines');
    expect(tag(ok(seven), 'P_13_1')).toBe('86.42');
    // Base rounded the net total once over the whole invoice (3 × 1.0049 = 3.0147 → 3.01), which no
    // per-rate or per-line rounding reproduces: Base's totals are taken, VAT 3.72 − 3.01 = 0.71.
    const three = (net: number) =>
      buildFa3({
        invoice: decodeInvoice(
          raw({
            invoice_nip: '',
            items: [1, 2, 3].map((k) => item({ name: `T${k}`, tax_rate: 23, price_brutto: 1.24, price_netto: 1.0049 })),
            total_price_brutto: 3.72,
            total_price_netto: net,
          }),
        ),
        seller: { ...DEMO_SELLER },
        now: NOW,
      });
    const r = three(3.01);
    const xml = ok(r);
    expect(r.ok && r.method).toBe('base');
    expect(tag(xml, 'P_13_1')).toBe('3.01');
    expect(tag(xml, 'P_14_1')).toBe('0.71');
    expect(tag(xml, 'P_15')).toBe('3.72');
    expect(tags(xml, 'P_11A')).toEqual(['1.24', '1.24', '1.24']);
    // Totals far from the lines are still refused.
    expect(codes(three(2.5))).toEqual(['TOTALS_MISMATCH']);
  });
});
