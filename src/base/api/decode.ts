/**
 * Defensive decoding of Base API responses. Base returns numbers as strings (`"15"`), empty
 * numerics as `""`, booleans as 0/1/"1"/true (docs/base.md §1.1 "Type quirk"; bugproof/baselinker-dotnet
 * DeserializationTest). Everything is coerced here, once, and a value that cannot be read raises
 * `BaseDecodeError` naming the field instead of becoming NaN further down.
 */
import type { BaseInvoice, BaseInvoiceItem, BaseSeries } from './types';

export class BaseDecodeError extends Error {
  readonly code = 'BASE_DECODE';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Base zwrócił nieczytelną wartość pola ${field}: ${detail}`);
    this.name = 'BaseDecodeError';
  }
}

type Raw = Record<string, unknown>;

export function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A number from a number, a numeric string (also with a decimal comma), or 0 for ""/null/absent. */
export function num(o: Raw, field: string, path = field): number {
  const v = o[field];
  if (v === undefined || v === null || v === '') return 0;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new BaseDecodeError(path, String(v));
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim().replace(',', '.');
    if (t === '') return 0;
    const n = Number(t);
    if (!Number.isFinite(n)) throw new BaseDecodeError(path, JSON.stringify(v));
    return n;
  }
  throw new BaseDecodeError(path, typeof v);
}

/** A number, or null for ""/null/absent (used where "not set" must not read as 0, e.g. exchange_rate). */
export function numOrNull(o: Raw, field: string, path = field): number | null {
  const v = o[field];
  if (v === undefined || v === null || v === '') return null;
  return num(o, field, path);
}

export function str(o: Raw, field: string): string {
  const v = o[field];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function bool(o: Raw, field: string): boolean {
  const v = o[field];
  return v === true || v === 1 || v === '1' || v === 'true';
}

/** Base's special rate codes (docs/base.md §1.2) also arrive spelled as in addInvoice's vat_rate. */
const SPECIAL_RATES: Record<string, number> = { ZW: -1, EXPT: -1, NP: -0.02, OO: -0.03 };

function taxRate(raw: Raw, path: string): number {
  const v = raw.tax_rate;
  if (typeof v === 'string') {
    const special = SPECIAL_RATES[v.trim().toUpperCase()];
    if (special !== undefined) return special;
    return num({ tax_rate: v.replace('%', '') }, 'tax_rate', path);
  }
  return num(raw, 'tax_rate', path);
}

function decodeItem(raw: unknown, i: number): BaseInvoiceItem {
  const p = `items[${i}]`;
  if (!isRecord(raw)) throw new BaseDecodeError(p, 'pozycja nie jest obiektem');
  return {
    name: str(raw, 'name'),
    sku: str(raw, 'sku'),
    ean: str(raw, 'ean'),
    priceBrutto: num(raw, 'price_brutto', `${p}.price_brutto`),
    priceNetto: num(raw, 'price_netto', `${p}.price_netto`),
    taxRate: taxRate(raw, `${p}.tax_rate`),
    quantity: num(raw, 'quantity', `${p}.quantity`),
    isShipment: bool(raw, 'is_shipment'),
    orderProductId: num(raw, 'order_product_id', `${p}.order_product_id`),
  };
}

/** One element of `getInvoices().invoices`, exactly as Base returns it. */
export function decodeInvoice(raw: unknown): BaseInvoice {
  if (!isRecord(raw)) throw new BaseDecodeError('invoice', 'faktura nie jest obiektem JSON');
  const items = raw.items;
  const type = str(raw, 'type') === 'correcting' ? 'correcting' : 'normal';
  const inv: BaseInvoice = {
    invoiceId: num(raw, 'invoice_id'),
    orderId: num(raw, 'order_id'),
    seriesId: num(raw, 'series_id'),
    type,
    number: str(raw, 'number'),
    subId: num(raw, 'sub_id'),
    month: num(raw, 'month'),
    year: num(raw, 'year'),
    postfix: str(raw, 'postfix'),
    dateAdd: num(raw, 'date_add'),
    dateSell: num(raw, 'date_sell'),
    datePayTo: num(raw, 'date_pay_to'),
    currency: str(raw, 'currency').trim().toUpperCase(),
    totalPriceBrutto: num(raw, 'total_price_brutto'),
    totalPriceNetto: num(raw, 'total_price_netto'),
    payment: str(raw, 'payment'),
    additionalInfo: str(raw, 'additional_info'),
    invoiceFullname: str(raw, 'invoice_fullname'),
    invoiceCompany: str(raw, 'invoice_company'),
    invoiceNip: str(raw, 'invoice_nip'),
    invoiceAddress: str(raw, 'invoice_address'),
    invoicePostcode: str(raw, 'invoice_postcode'),
    invoiceCity: str(raw, 'invoice_city'),
    invoiceCountry: str(raw, 'invoice_country'),
    invoiceCountryCode: str(raw, 'invoice_country_code').trim().toUpperCase(),
    seller: str(raw, 'seller'),
    issuer: str(raw, 'issuer'),
    correctingToInvoiceId: num(raw, 'correcting_to_invoice_id'),
    correctingReason: str(raw, 'correcting_reason'),
    correctingItems: bool(raw, 'correcting_items'),
    correctingData: bool(raw, 'correcting_data'),
    externalInvoiceNumber: str(raw, 'external_invoice_number'),
    externalId: str(raw, 'external_id'),
    exchangeCurrency: str(raw, 'exchange_currency').trim().toUpperCase(),
    exchangeRate: numOrNull(raw, 'exchange_rate'),
    exchangeDate: str(raw, 'exchange_date'),
    exchangeInfo: str(raw, 'exchange_info'),
    items: Array.isArray(items) ? items.map(decodeItem) : [],
  };
  if ('gov_status' in raw || 'gov_id' in raw) {
    inv.gov = { govId: str(raw, 'gov_id'), govDate: num(raw, 'gov_date'), govStatus: num(raw, 'gov_status') };
  }
  return inv;
}

export function decodeSeries(raw: unknown): BaseSeries {
  if (!isRecord(raw)) throw new BaseDecodeError('series', 'seria nie jest obiektem');
  return { id: num(raw, 'id'), type: str(raw, 'type'), name: str(raw, 'name'), format: str(raw, 'format') };
}

/** True when Base's own KSeF integration owns the invoice (docs/base.md §5.2): never send it again. */
export function ownedByBaseKsef(inv: BaseInvoice): boolean {
  const g = inv.gov;
  if (!g) return false;
  return g.govId.trim() !== '' || g.govStatus === 1 || g.govStatus === 2 || g.govStatus === 5;
}
