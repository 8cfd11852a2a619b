/**
 * Words of the FA(3) builder's problems (src/fa3: build, parties, rates, size limit, input
 * warnings), by the problem's text key. The Polish table is where the builder's own Polish
 * `message` comes from, so these words exist once; src/pipeline/build-cause.ts words a stored
 * problem in the UI language from the same key and parameters.
 */

const ITEM = 'Pozycja {line} („{name}”): ';
const NOT_POLISH_RATE = `${ITEM}stawka {rate}% nie jest polską stawką VAT`;
const OSS_ONLY = `${NOT_POLISH_RATE}, a procedura OSS dotyczy tylko konsumentów z innych krajów UE (nabywca: {country}`;
const TOO_LONG = ' ma {length} znaków, a FA(3) dopuszcza najwyżej {max}. Skróć je.';
const CORRECTION_MISSING = 'Korekta musi wskazywać numer i datę faktury pierwotnej.';
const UNIT_NIP = 'wymaga poprawnego NIP tej jednostki (podano „{nip}”).';
const TOO_LARGE = 'Plik FA(3) ma {size} MB, a KSeF przyjmuje fakturę do {max} MB';
const TOO_LARGE_TAIL = '; KSeF odrzuciłby ją. Podziel fakturę na kilka mniejszych lub skróć opisy pozycji.';

export const PL_BUILD = {
  NUMBER_MISSING: 'Faktura nie ma numeru w Base.',
  NUMBER_TOO_LONG: 'Numer faktury jest dłuższy niż 256 znaków.',
  ISSUE_DATE_MISSING: 'Faktura nie ma daty wystawienia (date_add) w Base.',
  ISSUE_DATE_OUT_OF_RANGE: 'Data wystawienia {date} jest poza zakresem FA(3) (2006–2050).',
  ISSUE_DATE_UNREADABLE: 'Data wystawienia (nieprawidłowa data) jest poza zakresem FA(3) (2006–2050).',
  ISSUE_DATE_IN_FUTURE:
    'Data wystawienia {date} jest w przyszłości; KSeF odrzuci taką fakturę. Wyślij ją w dniu wystawienia lub popraw datę w Base.',
  SALE_DATE_OUT_OF_RANGE: 'Data sprzedaży {date} jest poza zakresem FA(3) (2006–2050).',
  SALE_DATE_UNREADABLE: 'Data sprzedaży (nieprawidłowa data) jest poza zakresem FA(3) (2006–2050).',
  CURRENCY_INVALID: 'Waluta „{currency}” nie jest kodem ISO 4217 dopuszczonym w FA(3) (np. PLN, EUR, USD).',
  ITEMS_TOO_MANY: 'Faktura ma {count} pozycji, a FA(3) dopuszcza najwyżej 10 000. Podziel ją na kilka faktur.',
  ITEMS_EMPTY: 'Faktura nie ma żadnych pozycji. Dodaj pozycje w Base.',
  ITEM_NAME_MISSING: 'Pozycja {line} nie ma nazwy. Uzupełnij nazwę w Base.',
  ITEM_NAME_TOO_LONG: 'Nazwa pozycji {line} ma {length} znaków, a FA(3) dopuszcza 512. Skróć ją w Base.',
  ITEM_QUANTITY_INVALID: 'Pozycja {line} („{name}”) ma ilość {quantity}. Podaj ilość różną od zera.',
  ITEM_RATE_UNKNOWN: `${ITEM}nieznany kod stawki VAT {rate}.`,
  ITEM_RATE_UNSUPPORTED: `${NOT_POLISH_RATE}; jeśli to sprzedaż wysyłkowa na rzecz konsumenta z UE, włącz procedurę OSS.`,
  OSS_NOT_APPLICABLE: `${OSS_ONLY}).`,
  OSS_NOT_APPLICABLE_VAT_ID: `${OSS_ONLY}, z numerem VAT UE).`,
  ZERO_RATE_AMBIGUOUS: `${ITEM}stawka 0% dla nabywcy z UE bez numeru VAT UE: WDT wymaga numeru VAT UE nabywcy. Uzupełnij NIP UE nabywcy albo ustaw w regułach rodzaj stawki 0% (0 KR / 0 WDT / 0 EX).`,
  WDT_WITHOUT_VAT_ID: `${ITEM}stawka 0% WDT wymaga numeru VAT UE nabywcy z innego kraju UE; uzupełnij NIP UE nabywcy lub zmień regułę.`,
  OO_WITHOUT_BUYER_NIP:
    'Pozycje z odwrotnym obciążeniem (OO) wymagają NIP nabywcy. Uzupełnij NIP w danych do faktury w Base albo zmień stawkę pozycji.',
  ZW_BASIS_MISSING:
    'Faktura ma pozycje zwolnione z VAT (ZW), ale w ustawieniach brak podstawy zwolnienia (przepis ustawy lub dyrektywy). Uzupełnij ją w regułach stawek.',
  CORRECTION_ORIGINAL_MISSING: `Nie znaleziono faktury korygowanej (Base id {id}). ${CORRECTION_MISSING}`,
  CORRECTION_ORIGINAL_MISSING_NO_ID: `Nie znaleziono faktury korygowanej (Base id brak). ${CORRECTION_MISSING}`,
  CORRECTION_ORIGINAL_INCOMPLETE: 'Brak numeru lub daty wystawienia faktury korygowanej.',
  CORRECTION_KSEF_INVALID: 'Numer KSeF faktury korygowanej „{ksef}” ma niepoprawny format.',
  CORRECTION_KSEF_MISSING:
    'Nieznany numer KSeF faktury korygowanej {number}. Wyślij najpierw fakturę pierwotną do KSeF albo oznacz ją jako wystawioną poza KSeF.',
  TOTALS_MISMATCH:
    'Suma pozycji (brutto {gotGross}, netto {gotNet} {currency}) nie zgadza się z sumą faktury w Base (brutto {wantGross}, netto {wantNet}). Sprawdź ceny, ilości i stawki pozycji w Base.',
  EXCHANGE_RATE_MISSING:
    'Faktura w {currency} wymaga kwoty VAT w złotych (art. 106e ust. 11), a brak kursu: Base nie przeliczył faktury, a kursu NBP (tabela A z ostatniego dnia roboczego przed datą sprzedaży) nie udało się pobrać. Spróbuj ponownie później.',
  SPLIT_PAYMENT_RATE_MISSING:
    'Nie da się ustalić, czy faktura w {currency} przekracza 15 000 zł (mechanizm podzielonej płatności): brak kursu waluty. Spróbuj ponownie później albo zmień regułę podzielonej płatności serii.',
  NBP_HTTP_ERROR: 'NBP API odpowiedziało {status} przy pobieraniu kursu {currency}',
  NBP_UNREACHABLE:
    'Nie udało się pobrać kursu {currency} z API NBP (brak połączenia albo odpowiedzi). Spróbuj wysłać fakturę ponownie później.',
  // Any other exception of the builder: its raw message stays in the record, never on the page.
  BUILD_CRASHED:
    'Nie udało się utworzyć pliku FA(3): wystąpił nieoczekiwany błąd rozszerzenia. Spróbuj ponownie; jeśli błąd się powtarza, zgłoś go',
  SELLER_NIP_INVALID:
    'NIP sprzedawcy w ustawieniach rozszerzenia („{nip}”) jest niepoprawny (10 cyfr z poprawną cyfrą kontrolną). Popraw go w ustawieniach.',
  SELLER_NAME_MISSING: 'Brak nazwy sprzedawcy. Uzupełnij ją w ustawieniach rozszerzenia.',
  SELLER_NAME_TOO_LONG: `Nazwa sprzedawcy${TOO_LONG}`,
  SELLER_ADDRESS_MISSING:
    'Brak adresu sprzedawcy: uzupełnij adres w ustawieniach rozszerzenia (pole „seller” w Base też jest puste).',
  SELLER_ADDRESS_TOO_LONG: `Adres sprzedawcy${TOO_LONG}`,
  BUYER_COUNTRY_INVALID:
    'Kod kraju nabywcy „{country}” nie jest kodem kraju ISO 3166 (np. PL, DE, GB). Popraw kraj nabywcy w danych do faktury w Base.',
  BUYER_NIP_INVALID:
    'NIP nabywcy „{nip}” jest niepoprawny (wymagane 10 cyfr z poprawną cyfrą kontrolną). Popraw NIP w danych do faktury w Base albo usuń go, jeśli nabywca jest konsumentem.',
  BUYER_VAT_UE_INVALID:
    'Numer VAT UE nabywcy „{vatId}” nie pasuje do kraju {country} (oczekiwano {prefix} i do 12 liter lub cyfr). Popraw NIP lub kod kraju nabywcy w Base.',
  BUYER_TAX_ID_TOO_LONG: 'Numer podatkowy nabywcy ma więcej niż 50 znaków.',
  BUYER_NAME_MISSING: 'Brak nazwy nabywcy: uzupełnij firmę lub imię i nazwisko w danych do faktury w Base.',
  BUYER_NAME_TOO_LONG: `Nazwa nabywcy${TOO_LONG}`,
  BUYER_ADDRESS_TOO_LONG: `Adres nabywcy${TOO_LONG}`,
  BUYER_UNIT_NIP_INVALID: `Faktura dla jednostki podrzędnej JST ${UNIT_NIP}`,
  BUYER_UNIT_NIP_INVALID_GV: `Faktura dla członka grupy VAT ${UNIT_NIP}`,
  INVOICE_TOO_LARGE: `${TOO_LARGE}${TOO_LARGE_TAIL}`,
  INVOICE_TOO_LARGE_ATTACHMENTS: `${TOO_LARGE} (z załącznikami)${TOO_LARGE_TAIL}`,
  INVALID_XML_CHARS_DROPPED:
    'Pole {field} zawiera znaki niedozwolone w XML (np. znaki sterujące); w FA(3) zostały pominięte. Popraw to pole w Base.',
  INVOICE_NUMBER_WHITESPACE:
    'Numer faktury zawiera znak nowego wiersza lub tabulacji; w FA(3) (P_2) zastąpiono go spacją: „{number}”. Popraw numer w Base, aby zgadzał się z wydrukiem.',
} as const;

export type Fa3BuildKey = keyof typeof PL_BUILD;

const EN_ITEM = 'Item {line} ("{name}"): ';
const EN_NOT_POLISH_RATE = `${EN_ITEM}{rate}% is not a Polish VAT rate`;
const EN_OSS_ONLY = `${EN_NOT_POLISH_RATE}, and the OSS procedure covers only consumers in other EU countries (buyer: {country}`;
const EN_TOO_LONG = ' has {length} characters; FA(3) allows at most {max}. Shorten it.';
const EN_CORRECTION_MISSING = 'A correction must give the number and the date of the original invoice.';
const EN_TOO_LARGE = 'The FA(3) file has {size} MB, and KSeF accepts an invoice of up to {max} MB';
const EN_TOO_LARGE_TAIL =
  '; KSeF would reject it. Split the invoice into several smaller ones or shorten the item descriptions.';

export const EN_BUILD: Record<Fa3BuildKey, string> = {
  NUMBER_MISSING: 'The invoice has no number in Base.',
  NUMBER_TOO_LONG: 'The invoice number is longer than 256 characters.',
  ISSUE_DATE_MISSING: 'The invoice has no issue date (date_add) in Base.',
  ISSUE_DATE_OUT_OF_RANGE: 'The issue date {date} is outside the FA(3) range (2006–2050).',
  ISSUE_DATE_UNREADABLE: 'The issue date is not a valid date; FA(3) accepts 2006–2050.',
  ISSUE_DATE_IN_FUTURE:
    'The issue date {date} is in the future; KSeF would reject such an invoice. Send it on the issue date or correct the date in Base.',
  SALE_DATE_OUT_OF_RANGE: 'The sale date {date} is outside the FA(3) range (2006–2050).',
  SALE_DATE_UNREADABLE: 'The sale date is not a valid date; FA(3) accepts 2006–2050.',
  CURRENCY_INVALID: 'The currency "{currency}" is not an ISO 4217 code that FA(3) accepts (e.g. PLN, EUR, USD).',
  ITEMS_TOO_MANY: 'The invoice has {count} items, and FA(3) allows at most 10,000. Split it into several invoices.',
  ITEMS_EMPTY: 'The invoice has no items. Add items in Base.',
  ITEM_NAME_MISSING: 'Item {line} has no name. Fill in the name in Base.',
  ITEM_NAME_TOO_LONG: 'The name of item {line} has {length} characters, and FA(3) allows 512. Shorten it in Base.',
  ITEM_QUANTITY_INVALID: 'Item {line} ("{name}") has the quantity {quantity}. Enter a quantity other than zero.',
  ITEM_RATE_UNKNOWN: `${EN_ITEM}unknown VAT rate code {rate}.`,
  ITEM_RATE_UNSUPPORTED: `${EN_NOT_POLISH_RATE}; if this is a distance sale to an EU consumer, turn on the OSS procedure.`,
  OSS_NOT_APPLICABLE: `${EN_OSS_ONLY}).`,
  OSS_NOT_APPLICABLE_VAT_ID: `${EN_OSS_ONLY}, with an EU VAT number).`,
  ZERO_RATE_AMBIGUOUS: `${EN_ITEM}a 0% rate for an EU buyer without an EU VAT number: an intra-EU supply (WDT) needs the buyer's EU VAT number. Fill in the buyer's EU VAT number or choose the kind of 0% rate in the rules (0 KR / 0 WDT / 0 EX).`,
  WDT_WITHOUT_VAT_ID: `${EN_ITEM}the 0% WDT rate needs the EU VAT number of a buyer from another EU country; fill in the buyer's EU VAT number or change the rule.`,
  OO_WITHOUT_BUYER_NIP:
    "Reverse-charge (OO) items need the buyer's NIP. Fill in the NIP in the invoice data in Base or change the item's rate.",
  ZW_BASIS_MISSING:
    'The invoice has VAT-exempt (ZW) items, but the settings give no basis for the exemption (a provision of the act or of the directive). Fill it in in the rate rules.',
  CORRECTION_ORIGINAL_MISSING: `The corrected invoice was not found (Base id {id}). ${EN_CORRECTION_MISSING}`,
  CORRECTION_ORIGINAL_MISSING_NO_ID: `The corrected invoice was not found (no Base id). ${EN_CORRECTION_MISSING}`,
  CORRECTION_ORIGINAL_INCOMPLETE: 'The corrected invoice has no number or no issue date.',
  CORRECTION_KSEF_INVALID: 'The KSeF number of the corrected invoice, "{ksef}", has a wrong format.',
  CORRECTION_KSEF_MISSING:
    'The KSeF number of the corrected invoice {number} is unknown. Send the original invoice to KSeF first, or mark it as issued outside KSeF.',
  TOTALS_MISMATCH:
    "The items add up to gross {gotGross}, net {gotNet} {currency}, which does not match the invoice total in Base (gross {wantGross}, net {wantNet}). Check the items' prices, quantities and rates in Base.",
  EXCHANGE_RATE_MISSING:
    'An invoice in {currency} must state the VAT in PLN (art. 106e(11) of the VAT act), and there is no exchange rate: Base did not convert the invoice, and the NBP rate (table A of the last business day before the sale date) could not be fetched. Try again later.',
  SPLIT_PAYMENT_RATE_MISSING:
    "Whether the invoice in {currency} exceeds PLN 15,000 (split payment mechanism) cannot be decided: there is no exchange rate. Try again later or change the series' split payment rule.",
  NBP_HTTP_ERROR: 'The NBP API answered {status} when fetching the {currency} rate',
  NBP_UNREACHABLE:
    'The {currency} rate could not be fetched from the NBP API (no connection or no answer). Try sending the invoice again later.',
  BUILD_CRASHED:
    'The FA(3) file could not be made: an unexpected error occurred in the extension. Try again; if it keeps happening, report it',
  SELLER_NIP_INVALID:
    'The seller\'s NIP in the extension\'s settings ("{nip}") is not valid (10 digits with a correct check digit). Correct it in the settings.',
  SELLER_NAME_MISSING: "The seller's name is missing. Fill it in in the extension's settings.",
  SELLER_NAME_TOO_LONG: `The seller's name${EN_TOO_LONG}`,
  SELLER_ADDRESS_MISSING:
    'The seller\'s address is missing: fill it in in the extension\'s settings (the "seller" field in Base is empty too).',
  SELLER_ADDRESS_TOO_LONG: `The seller's address${EN_TOO_LONG}`,
  BUYER_COUNTRY_INVALID:
    'The buyer\'s country code "{country}" is not an ISO 3166 country code (e.g. PL, DE, GB). Correct the buyer\'s country in the invoice data in Base.',
  BUYER_NIP_INVALID:
    'The buyer\'s NIP "{nip}" is not valid (10 digits with a correct check digit are required). Correct the NIP in the invoice data in Base, or remove it if the buyer is a consumer.',
  BUYER_VAT_UE_INVALID:
    'The buyer\'s EU VAT number "{vatId}" does not fit the country {country} ({prefix} and up to 12 letters or digits expected). Correct the buyer\'s NIP or country code in Base.',
  BUYER_TAX_ID_TOO_LONG: "The buyer's tax number has more than 50 characters.",
  BUYER_NAME_MISSING:
    "The buyer's name is missing: fill in the company or the first and last name in the invoice data in Base.",
  BUYER_NAME_TOO_LONG: `The buyer's name${EN_TOO_LONG}`,
  BUYER_ADDRESS_TOO_LONG: `The buyer's address${EN_TOO_LONG}`,
  BUYER_UNIT_NIP_INVALID:
    'An invoice for a subordinate unit of a local government (JST) needs a valid NIP of that unit (given: "{nip}").',
  BUYER_UNIT_NIP_INVALID_GV:
    'An invoice for a member of a VAT group needs a valid NIP of that member (given: "{nip}").',
  INVOICE_TOO_LARGE: `${EN_TOO_LARGE}${EN_TOO_LARGE_TAIL}`,
  INVOICE_TOO_LARGE_ATTACHMENTS: `${EN_TOO_LARGE} (with attachments)${EN_TOO_LARGE_TAIL}`,
  INVALID_XML_CHARS_DROPPED:
    'The field {field} contains characters XML does not allow (e.g. control characters); they were left out of the FA(3). Correct that field in Base.',
  INVOICE_NUMBER_WHITESPACE:
    'The invoice number contains a line break or a tab; in the FA(3) (P_2) it was replaced by a space: "{number}". Correct the number in Base so that it matches the printout.',
};
