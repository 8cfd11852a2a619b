/** Inputs and outputs of the FA(3) builder (`build.ts`). */
import type { BaseInvoice } from '../base/api/types';
import type { Fa3Key } from '../i18n/fa3';
import type { Params } from '../i18n/fill';

/** The seller as the user configured it in the extension (Base has no seller NIP: docs/base.md §1.2). */
export interface SellerSettings {
  nip: string;
  name: string;
  /** Street line. When missing, taken from Base's free-text `seller` block. */
  addressL1?: string;
  /** Postcode and city. */
  addressL2?: string;
  /** ISO code, default PL. */
  countryCode?: string;
  email?: string;
  phone?: string;
  /** Bank account for `Platnosc/RachunekBankowy` on transfer payments (NRB or IBAN). */
  bankAccount?: string;
}

/** Legal basis of a VAT exemption (FA(3) Adnotacje/Zwolnienie): A = Polish act, B = directive, C = other. */
export interface ExemptionBasis {
  basis: 'A' | 'B' | 'C';
  /** e.g. "art. 43 ust. 1 pkt 37 ustawy o VAT". */
  text: string;
}

/**
 * When an invoice is marked "mechanizm podzielonej płatności" (P_18A): `over-15000` when the amount
 * due exceeds 15,000 PLN (art. 108a ust. 1a; PLN value for a foreign currency), `always` on every
 * invoice of the series, `never`.
 */
export type SplitPaymentRule = 'never' | 'over-15000' | 'always';

/**
 * Margin scheme kind: biura podróży (art. 119), towary używane, dzieła sztuki, przedmioty
 * kolekcjonerskie i antyki (art. 120).
 */
export type MarginKind = 'travel' | 'used' | 'art' | 'antiques';

/** Choices Base's `tax_rate` cannot express (docs/base.md §1.2 notes), with per-series overrides. */
export interface RateRuleSet {
  /** Which 0 % applies; `auto` = EU buyer with VAT ID → 0 WDT, non-EU buyer → 0 EX, domestic → 0 KR. */
  zero?: 'auto' | '0 KR' | '0 WDT' | '0 EX';
  /** Which NP applies; `auto` = EU buyer with VAT ID → np II (art. 100 ust. 1 pkt 4), else np I. */
  np?: 'auto' | 'np I' | 'np II';
  /** Required when an invoice has ZW (`tax_rate` -1) lines. */
  exemption?: ExemptionBasis;
  /** Adnotacje P_16 (metoda kasowa). */
  cashAccounting?: boolean;
  /** Adnotacje P_18A (mechanizm podzielonej płatności). `true` (older rules) = `over-15000`. */
  splitPayment?: boolean | SplitPaymentRule;
  /** VAT-margin scheme (art. 119 / art. 120): every line of the invoice is a margin supply. */
  margin?: MarginKind;
  /** TypKorekty for corrections: 1 original period, 2 correction period, 3 other. Default: 2 when the
   * correction lowers the amount due (art. 29a ust. 13), else omitted. */
  correctionType?: 1 | 2 | 3;
  /** Unit of measure (P_8A); Base has none. Default "szt.". */
  unit?: string;
  /** Unit for shipping lines. Default "usł.". */
  shippingUnit?: string;
}

export interface RateRules extends RateRuleSet {
  /** Overrides by Base `series_id`. */
  series?: Record<string, RateRuleSet>;
}

/** The invoice a KOR corrects (from the extension's records, or the original's Base data + gov_id). */
export interface CorrectedInvoiceRef {
  number: string;
  /** YYYY-MM-DD issue date (P_1) of the corrected invoice. */
  issueDate: string;
  /** Its KSeF number; required unless `outsideKsef`. */
  ksefNumber?: string | null;
  /** True when the corrected invoice was issued outside KSeF (NrKSeFN). */
  outsideKsef?: boolean;
}

/** A PLN exchange rate for P_14_xW (art. 106e ust. 11). */
export interface ExchangeRate {
  /** PLN per 1 unit of the invoice currency. */
  rate: number;
  /** YYYY-MM-DD the rate is from. */
  date: string;
  /** e.g. "091/A/NBP/2026". */
  table?: string;
  source: 'base' | 'nbp';
}

/**
 * Podmiot2 JST/GV flags. When the buyer is a JST subordinate unit (jst) or a VAT-group member (gv),
 * the XSD asks for that unit in Podmiot3 with role 8 (JST) or 10 (GV), identified by its NIP.
 */
export interface BuyerFlags {
  jst?: boolean;
  gv?: boolean;
  /** NIP of the JST subordinate unit / VAT group member (required with jst or gv). */
  unitNip?: string;
  unitName?: string;
}

export interface BuildInput {
  invoice: BaseInvoice;
  seller: SellerSettings;
  rules?: RateRules;
  /** OSS (procedura szczególna, dział XII rozdział 6a): EU B2C lines taxed at the buyer country's rate. */
  oss?: boolean;
  correctionOf?: CorrectedInvoiceRef;
  /** Used when Base gave no rate (e.g. NBP table A from `currency.ts`). Base's own rate wins. */
  exchangeRate?: ExchangeRate;
  /** Buyer flags for Podmiot2 (default: neither JST nor GV). */
  buyer?: BuyerFlags;
  /** Clock for DataWytworzeniaFa and the "issue date in the future" check. Default: now. */
  now?: Date;
  /** SystemInfo text. */
  systemInfo?: string;
}

export interface Fa3Error {
  /** Stable machine code, e.g. BUYER_NIP_INVALID. */
  code: string;
  /** Polish, says what to fix; worded from `key` (or `code`) and `params` by the fa3 slice of src/i18n. */
  message: string;
  /** Base field (or settings path) to fix, e.g. `invoice_nip`, `items[2].tax_rate`, `settings.nip`. */
  field: string;
  /** The values the words name (a number, a date, an item's position), for wording it in any language. */
  params: Params;
  /** The fa3 text key when it is not `code` (a code worded in more than one way). */
  key?: Fa3Key;
}

/** Per FA(3) field amounts in grosze of the invoice currency (P_13_x, P_14_x, P_14_xW in PLN grosze). */
export type Fa3Totals = Record<string, number> & { P_15: number };

export type Fa3Result =
  | {
      ok: true;
      xml: Uint8Array<ArrayBuffer>;
      invoiceNumber: string;
      issueDate: string;
      rodzaj: 'VAT' | 'KOR';
      totals: Fa3Totals;
      /** How per-rate totals were derived so they match Base: from gross, from net, or per line. */
      method: 'gross' | 'net' | 'lines' | 'base';
      /** What was changed without refusing the invoice (src/fa3/input-warnings.ts), Polish. */
      warnings?: Fa3Error[];
    }
  | { ok: false; errors: Fa3Error[] };
