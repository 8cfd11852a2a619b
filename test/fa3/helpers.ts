/** Shared test helpers: one compiled validator per worker, the decoded demo dataset, standard inputs. */
import { decodeInvoice } from '../../src/base/api/decode';
import type { BaseInvoice } from '../../src/base/api/types';
import { correctionRefFromBase } from '../../src/fa3/correction';
import { loadFa3SchemaSetFromDisk } from '../../src/fa3/schema-node';
import type { BuildInput, RateRules } from '../../src/fa3/types';
import { compileFa3, type Fa3Validator } from '../../src/fa3/validate';
import { DEMO_SELLER, type DemoCase, makeDemoDataset, type RawInvoice, warsawUnix } from '../sim/base/dataset';

let validator: Fa3Validator | undefined;
export function fa3Validator(): Fa3Validator {
  validator ??= compileFa3(loadFa3SchemaSetFromDisk());
  return validator;
}

/** A fixed clock after the demo month, so DataWytworzeniaFa and goldens are stable. */
export const NOW = new Date('2026-11-29T12:00:00Z');

/** The extension's rules for the demo account: a ZW basis (required for ZW lines). */
export const DEMO_RULES: RateRules = { exemption: { basis: 'A', text: 'art. 43 ust. 1 pkt 29 lit. c ustawy o VAT' } };

/** KSeF number the extension's records hold for invoices it sent itself (fictitious). */
export const EXTENSION_KSEF = '7251266236-20261102-ABCDEF012345-12';

/** NBP rate the fake provider returns (table A, last business day before the tax point). */
export const FAKE_NBP = { rate: 4.2389, date: '2026-11-16', table: '222/A/NBP/2026', source: 'nbp' as const };

export function demo() {
  const ds = makeDemoDataset();
  const byId = new Map<number, BaseInvoice>(ds.invoices.map((r) => [r.invoice_id, decodeInvoice(r)]));
  return { ds, byId, cases: ds.cases as DemoCase[] };
}

/** The BuildInput the worker would assemble for a demo case. */
export function inputFor(c: DemoCase, byId: Map<number, BaseInvoice>): BuildInput {
  const invoice = byId.get(c.invoiceId)!;
  const original = invoice.correctingToInvoiceId ? byId.get(invoice.correctingToInvoiceId) : undefined;
  return {
    invoice,
    seller: { ...DEMO_SELLER },
    rules: DEMO_RULES,
    now: NOW,
    ...(c.oss ? { oss: true } : {}),
    ...(c.needsNbp ? { exchangeRate: FAKE_NBP } : {}),
    ...(original
      ? { correctionOf: correctionRefFromBase(original, original.gov?.govId ? undefined : EXTENSION_KSEF) }
      : {}),
  };
}

export const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The text of the first `<name>` element in an FA(3) document (tests only; the builder's output is simple). */
export function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

export function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}

/** A plain domestic B2B Base invoice (one 23 % line, 123.00 gross) with overrides. */
export function rawInvoice(over: Partial<RawInvoice> = {}): RawInvoice {
  return {
    invoice_id: 1,
    order_id: 2,
    series_id: 3001,
    type: 'normal',
    number: '1/11/2026/FV',
    sub_id: 1,
    month: 11,
    year: 2026,
    postfix: 'FV',
    date_add: warsawUnix(2026, 11, 13, 10),
    date_sell: warsawUnix(2026, 11, 12, 10),
    date_pay_to: 0,
    currency: 'PLN',
    total_price_brutto: 123,
    total_price_netto: 100,
    payment: 'Przelew',
    additional_info: '',
    invoice_fullname: 'Anna Nowak',
    invoice_company: 'Nowak Serwis Sp. z o.o.',
    invoice_nip: '5261297912',
    invoice_address: 'ul. Prosta 12/4',
    invoice_postcode: '00-850',
    invoice_city: 'Warszawa',
    invoice_country: 'Polska',
    invoice_country_code: 'PL',
    seller: 'X\r\nul. Y 1\r\n00-001 Z',
    issuer: '',
    correcting_to_invoice_id: 0,
    correcting_reason: '',
    correcting_items: false,
    correcting_data: false,
    external_invoice_number: '',
    external_id: '',
    exchange_currency: '',
    exchange_rate: '',
    exchange_date: '',
    exchange_info: '',
    gov_id: '',
    gov_date: 0,
    gov_status: 0,
    items: [
      {
        name: 'Towar',
        sku: '',
        ean: '',
        price_brutto: 123,
        price_netto: 100,
        tax_rate: 23,
        quantity: 1,
        is_shipment: 0,
        order_product_id: 5,
      },
    ],
    ...over,
  };
}
