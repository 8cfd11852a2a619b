/**
 * The causes slice: a failed FA(3) build's cause in a seller's words, by the builder's problem code
 * (src/pipeline/build-cause.ts leads the reason with it), and the closing sentence of that reason.
 */
import type { Lang } from '../core/lang';
import type { Texts } from './fill';

const plCauses = {
  BUYER_NIP_INVALID: 'Błędny NIP nabywcy',
  BUYER_UNIT_NIP_INVALID: 'Błędny NIP nabywcy',
  BUYER_VAT_UE_INVALID: 'Błędny numer VAT UE nabywcy',
  BUYER_NAME_MISSING: 'Brak nazwy nabywcy',
  BUYER_COUNTRY_INVALID: 'Błędny kraj nabywcy',
  BUYER_IS_SELLER: 'Nabywca ma NIP sprzedawcy',
  ITEMS_EMPTY: 'Brak pozycji',
  NO_LINES: 'Brak pozycji',
  ITEM_NAME_MISSING: 'Pozycja bez nazwy',
  LINE_NAME_MISSING: 'Pozycja bez nazwy',
  ITEM_QUANTITY_INVALID: 'Błędna ilość w pozycji',
  LINE_QUANTITY_ZERO: 'Błędna ilość w pozycji',
  TOTALS_MISMATCH: 'Suma pozycji różni się od sumy faktury',
  TOTAL_MISMATCH: 'Suma pozycji różni się od sumy faktury',
  LINES_GROSS_MISMATCH: 'Suma pozycji różni się od sumy faktury',
  LINES_NET_MISMATCH: 'Suma pozycji różni się od sumy faktury',
  ITEM_RATE_UNSUPPORTED: 'Stawka VAT innego kraju: włącz OSS w zakładce Przekazywanie dokumentów',
  OSS_NOT_APPLICABLE: 'Stawka OSS u nabywcy spoza OSS',
  ZW_BASIS_MISSING: 'Brak podstawy zwolnienia z VAT (zakładka Przekazywanie dokumentów)',
  WDT_WITHOUT_VAT_ID: 'WDT bez numeru VAT UE nabywcy',
  EXCHANGE_RATE_MISSING: 'Brak kursu waluty',
  SELLER_NAME_MISSING: 'Brak danych sprzedawcy (zakładka Połączenie)',
  SELLER_ADDRESS_MISSING: 'Brak adresu sprzedawcy (zakładka Połączenie)',
  SELLER_NIP_INVALID: 'Błędny NIP sprzedawcy (zakładka Połączenie)',
  ISSUE_DATE_IN_FUTURE: 'Data wystawienia w przyszłości',
  ISSUE_DATE_AFTER_CREATION: 'Data wystawienia w przyszłości',
  ISSUE_DATE_MISSING: 'Brak daty wystawienia',
  CORRECTION_KSEF_MISSING: 'Korekta bez numeru KSeF faktury korygowanej',
  CORRECTION_ORIGINAL_MISSING: 'Brak faktury korygowanej',
} as const;

/** A builder problem code that has a seller's-words cause. */
export type CauseCode = keyof typeof plCauses;

const enCauses: Record<CauseCode, string> = {
  BUYER_NIP_INVALID: "Wrong buyer's NIP",
  BUYER_UNIT_NIP_INVALID: "Wrong buyer's NIP",
  BUYER_VAT_UE_INVALID: "Wrong buyer's EU VAT number",
  BUYER_NAME_MISSING: "No buyer's name",
  BUYER_COUNTRY_INVALID: "Wrong buyer's country",
  BUYER_IS_SELLER: "The buyer has the seller's NIP",
  ITEMS_EMPTY: 'No items',
  NO_LINES: 'No items',
  ITEM_NAME_MISSING: 'An item without a name',
  LINE_NAME_MISSING: 'An item without a name',
  ITEM_QUANTITY_INVALID: 'Wrong item quantity',
  LINE_QUANTITY_ZERO: 'Wrong item quantity',
  TOTALS_MISMATCH: 'The items do not add up to the total',
  TOTAL_MISMATCH: 'The items do not add up to the total',
  LINES_GROSS_MISMATCH: 'The items do not add up to the total',
  LINES_NET_MISMATCH: 'The items do not add up to the total',
  ITEM_RATE_UNSUPPORTED: 'A foreign VAT rate: turn on OSS in the Document transfer tab',
  OSS_NOT_APPLICABLE: 'An OSS rate for a buyer outside OSS',
  ZW_BASIS_MISSING: 'No VAT exemption basis (Document transfer tab)',
  WDT_WITHOUT_VAT_ID: "Intra-EU supply without the buyer's EU VAT number",
  EXCHANGE_RATE_MISSING: 'No exchange rate',
  SELLER_NAME_MISSING: 'No seller data (Connection tab)',
  SELLER_ADDRESS_MISSING: 'No seller address (Connection tab)',
  SELLER_NIP_INVALID: "Wrong seller's NIP (Connection tab)",
  ISSUE_DATE_IN_FUTURE: 'Issue date in the future',
  ISSUE_DATE_AFTER_CREATION: 'Issue date in the future',
  ISSUE_DATE_MISSING: 'No issue date',
  CORRECTION_KSEF_MISSING: 'A correction without the KSeF number of the corrected invoice',
  CORRECTION_ORIGINAL_MISSING: 'The corrected invoice is missing',
};

type Key = CauseCode | 'fixAndResend';

export const CAUSES: Texts<Key> = {
  pl: { ...plCauses, fixAndResend: 'Popraw i wyślij ponownie (faktura nie przeszła kontroli formatu FA(3)).' },
  en: { ...enCauses, fixAndResend: 'Fix it and send again (the invoice did not pass the FA(3) format check).' },
};

/** The cause for a builder problem code, or undefined for a code without one. */
export function causeText(code: string, lang: Lang): string | undefined {
  return Object.hasOwn(plCauses, code) ? CAUSES[lang][code as CauseCode] : undefined;
}

/** The reason's closing sentence. */
export function fixAndResendText(lang: Lang): string {
  return CAUSES[lang].fixAndResend;
}
