/**
 * The cause of a failed FA(3) build in a seller's words, to lead the reason with ("Błędny NIP
 * nabywcy", "Brak pozycji", "Włącz OSS w zakładce Przekazywanie dokumentów"); the builder's full
 * explanation follows, and the format's name comes last.
 */
import type { Lang } from '../messaging';
import type { BuildProblem } from '../outbox/types';

const CAUSE: Record<string, { pl: string; en: string }> = {
  BUYER_NIP_INVALID: { pl: 'Błędny NIP nabywcy', en: "Wrong buyer's NIP" },
  BUYER_UNIT_NIP_INVALID: { pl: 'Błędny NIP nabywcy', en: "Wrong buyer's NIP" },
  BUYER_VAT_UE_INVALID: { pl: 'Błędny numer VAT UE nabywcy', en: "Wrong buyer's EU VAT number" },
  BUYER_NAME_MISSING: { pl: 'Brak nazwy nabywcy', en: "No buyer's name" },
  BUYER_COUNTRY_INVALID: { pl: 'Błędny kraj nabywcy', en: "Wrong buyer's country" },
  BUYER_IS_SELLER: { pl: 'Nabywca ma NIP sprzedawcy', en: "The buyer has the seller's NIP" },
  ITEMS_EMPTY: { pl: 'Brak pozycji', en: 'No items' },
  NO_LINES: { pl: 'Brak pozycji', en: 'No items' },
  ITEM_NAME_MISSING: { pl: 'Pozycja bez nazwy', en: 'An item without a name' },
  LINE_NAME_MISSING: { pl: 'Pozycja bez nazwy', en: 'An item without a name' },
  ITEM_QUANTITY_INVALID: { pl: 'Błędna ilość w pozycji', en: 'Wrong item quantity' },
  LINE_QUANTITY_ZERO: { pl: 'Błędna ilość w pozycji', en: 'Wrong item quantity' },
  TOTALS_MISMATCH: { pl: 'Suma pozycji różni się od sumy faktury', en: 'The items do not add up to the total' },
  TOTAL_MISMATCH: { pl: 'Suma pozycji różni się od sumy faktury', en: 'The items do not add up to the total' },
  LINES_GROSS_MISMATCH: { pl: 'Suma pozycji różni się od sumy faktury', en: 'The items do not add up to the total' },
  LINES_NET_MISMATCH: { pl: 'Suma pozycji różni się od sumy faktury', en: 'The items do not add up to the total' },
  ITEM_RATE_UNSUPPORTED: {
    pl: 'Stawka VAT innego kraju: włącz OSS w zakładce Przekazywanie dokumentów',
    en: 'A foreign VAT rate: turn on OSS in the Document transfer tab',
  },
  OSS_NOT_APPLICABLE: { pl: 'Stawka OSS u nabywcy spoza OSS', en: 'An OSS rate for a buyer outside OSS' },
  ZW_BASIS_MISSING: {
    pl: 'Brak podstawy zwolnienia z VAT (zakładka Przekazywanie dokumentów)',
    en: 'No VAT exemption basis (Document transfer tab)',
  },
  WDT_WITHOUT_VAT_ID: { pl: 'WDT bez numeru VAT UE nabywcy', en: "Intra-EU supply without the buyer's EU VAT number" },
  EXCHANGE_RATE_MISSING: { pl: 'Brak kursu waluty', en: 'No exchange rate' },
  SELLER_NAME_MISSING: { pl: 'Brak danych sprzedawcy (zakładka Połączenie)', en: 'No seller data (Connection tab)' },
  SELLER_ADDRESS_MISSING: {
    pl: 'Brak adresu sprzedawcy (zakładka Połączenie)',
    en: 'No seller address (Connection tab)',
  },
  SELLER_NIP_INVALID: { pl: 'Błędny NIP sprzedawcy (zakładka Połączenie)', en: "Wrong seller's NIP (Connection tab)" },
  ISSUE_DATE_IN_FUTURE: { pl: 'Data wystawienia w przyszłości', en: 'Issue date in the future' },
  ISSUE_DATE_AFTER_CREATION: { pl: 'Data wystawienia w przyszłości', en: 'Issue date in the future' },
  ISSUE_DATE_MISSING: { pl: 'Brak daty wystawienia', en: 'No issue date' },
  CORRECTION_KSEF_MISSING: {
    pl: 'Korekta bez numeru KSeF faktury korygowanej',
    en: 'A correction without the KSeF number of the corrected invoice',
  },
  CORRECTION_ORIGINAL_MISSING: { pl: 'Brak faktury korygowanej', en: 'The corrected invoice is missing' },
};

/** "Błędny NIP nabywcy. <the builder's explanations> (Faktura nie przeszła kontroli formatu FA(3).)" */
export function buildFailedReason(problems: readonly BuildProblem[], lang: Lang): string | undefined {
  if (problems.length === 0) return undefined;
  const causes = [...new Set(problems.map((p) => CAUSE[p.code]?.[lang]).filter((c): c is string => Boolean(c)))];
  const details = problems.map((p) => p.message.trim().replace(/([^.!?])$/, '$1.')).join(' ');
  const tail =
    lang === 'en'
      ? 'Fix it and send again (the invoice did not pass the FA(3) format check).'
      : 'Popraw i wyślij ponownie (faktura nie przeszła kontroli formatu FA(3)).';
  const head = causes.length ? `${causes.join('; ')}. ` : '';
  return `${head}${details} ${tail}`;
}
