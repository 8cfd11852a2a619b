/**
 * Base (BaseLinker) API shapes after defensive decoding (docs/base.md §1.2–1.4). Raw responses carry
 * numbers as strings and `""` for empty values (docs/base.md §1.1 "Type quirk"); `decode.ts` turns them
 * into these types so nothing downstream has to guess.
 */

/** One `items[]` element of getInvoices. */
export interface BaseInvoiceItem {
  name: string;
  sku: string;
  ean: string;
  /** Unit gross price in the invoice currency. */
  priceBrutto: number;
  /** Unit net price (Base keeps up to 4 decimals). */
  priceNetto: number;
  /** 0–100, or the special codes -1 (ZW), -0.02 (NP), -0.03 (OO) (docs/base.md §1.2). */
  taxRate: number;
  quantity: number;
  isShipment: boolean;
  orderProductId: number;
}

/** Base's KSeF state for an invoice sent by Base's own integration (get_government_data). */
export interface BaseGovData {
  /** KSeF number, "" when none. */
  govId: string;
  /** Unix seconds, 0 when none. */
  govDate: number;
  /** 0/absent none, 1 Sent, 2 Accepted, 3 Rejected, 5 Offline mode (docs/base.md §1.2). */
  govStatus: number;
}

/** One invoice of getInvoices, decoded. Field names mirror Base's in camelCase. */
export interface BaseInvoice {
  invoiceId: number;
  orderId: number;
  seriesId: number;
  type: 'normal' | 'correcting';
  number: string;
  subId: number;
  month: number;
  year: number;
  postfix: string;
  /** Unix seconds: creation (issue) time. */
  dateAdd: number;
  /** Unix seconds: sale date, 0 when not set. */
  dateSell: number;
  /** Unix seconds: due date, 0 when not set. */
  datePayTo: number;
  currency: string;
  totalPriceBrutto: number;
  totalPriceNetto: number;
  payment: string;
  additionalInfo: string;
  invoiceFullname: string;
  invoiceCompany: string;
  invoiceNip: string;
  invoiceAddress: string;
  invoicePostcode: string;
  invoiceCity: string;
  invoiceCountry: string;
  invoiceCountryCode: string;
  /** Free-text seller block ("Name\r\nStreet\r\nZIP City"). */
  seller: string;
  issuer: string;
  correctingToInvoiceId: number;
  correctingReason: string;
  correctingItems: boolean;
  correctingData: boolean;
  externalInvoiceNumber: string;
  externalId: string;
  /** "" when the invoice was not converted. */
  exchangeCurrency: string;
  /** null when the invoice was not converted. */
  exchangeRate: number | null;
  exchangeDate: string;
  exchangeInfo: string;
  items: BaseInvoiceItem[];
  /** Present only when requested with get_government_data. */
  gov?: BaseGovData;
}

/** getSeries element (docs/base.md §1.3). */
export interface BaseSeries {
  id: number;
  type: string;
  name: string;
  format: string;
}

/** getInvoiceFile result (docs/base.md §1.4): the PDF bytes with the `data:` prefix removed. */
export interface BaseInvoiceFile {
  invoiceNumber: string;
  pdf: Uint8Array<ArrayBuffer>;
}
