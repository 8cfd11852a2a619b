/**
 * Words of the problems found in an FA(3) file itself (src/fa3: the semantic checks, the XSD
 * messages of libxml2 and its parse errors), by text key. `{where}` is " (<element path>)" or
 * empty, `{detail}` libxml2's own English message, kept for support.
 */

const PARSE = 'Plik XML jest uszkodzony (wiersz {line}): ';
const parsePl = (reason: string) => `${PARSE}${reason} [{detail}]`;

export const PL_XML = {
  XML_MALFORMED: 'Plik XML jest uszkodzony: {error}',
  SELLER_NIP_CHECKSUM: 'NIP sprzedawcy {nip} ma błędną cyfrę kontrolną.',
  BUYER_NIP_CHECKSUM: 'NIP nabywcy {nip} ma błędną cyfrę kontrolną.',
  BUYER_IS_SELLER: 'NIP nabywcy jest taki sam jak NIP sprzedawcy.',
  ISSUE_DATE_AFTER_CREATION: 'Data wystawienia {date} jest późniejsza niż data wytworzenia pliku {created}.',
  TOTAL_MISMATCH: 'P_15 ({p15}) nie jest równe sumie wartości netto i VAT ze wszystkich stawek ({sum}).',
  PLN_VAT_MISSING: 'Faktura w {currency} nie podaje kwoty VAT w złotych ({field}).',
  WDT_WITHOUT_NR_VAT_UE: 'Stawka 0% WDT wymaga numeru VAT UE nabywcy (KodUE i NrVatUE).',
  NO_LINES: 'Faktura nie ma żadnych pozycji (FaWiersz).',
  LINE_NAME_MISSING: 'Pozycja {line} nie ma nazwy.',
  LINE_QUANTITY_ZERO: 'Pozycja {line} ma zerową ilość.',
  LINES_GROSS_MISMATCH: 'Suma wartości brutto pozycji ({lines}) różni się od P_15 ({p15}).',
  LINES_NET_MISMATCH: 'Suma wartości netto pozycji ({lines}) różni się od sumy P_13 ({net}).',
  XSD_MISPLACED:
    'Element {element} jest w niewłaściwym miejscu lub brakuje elementu przed nim; oczekiwano: {expected}{where}.',
  XSD_NOT_ALLOWED: 'Element {element} jest niedozwolony w tym miejscu{where}.',
  XSD_MISSING_CHILD: 'W elemencie {element} brakuje wymaganego elementu: {expected}{where}.',
  XSD_FACET: 'Wartość „{value}” elementu {element} nie spełnia ograniczenia schematu ({facet}){where}.',
  XSD_FORMAT: 'Wartość „{value}” elementu {element} ma niepoprawny format{where}.',
  XSD_OTHER: 'Błąd zgodności ze schematem FA(3){where}: {detail}',
  XML_PARSE_EMPTY: parsePl('plik jest pusty'),
  XML_PARSE_NOT_XML: parsePl('to nie jest plik XML (brak znacznika początkowego)'),
  XML_PARSE_TRUNCATED: parsePl('plik urywa się w połowie'),
  XML_PARSE_TAG_MISMATCH: parsePl('znaczniki otwierające i zamykające nie pasują do siebie'),
  XML_PARSE_EXTRA_CONTENT: parsePl('po głównym elemencie jest dodatkowa treść'),
  XML_PARSE_TOO_DEEP: parsePl('elementy są zagnieżdżone zbyt głęboko'),
  XML_PARSE_ENCODING: parsePl('nieobsługiwane kodowanie znaków (faktura FA(3) musi być w UTF-8)'),
  XML_PARSE_BAD_CHARS: parsePl('plik zawiera bajty lub znaki niedozwolone w XML (wymagane UTF-8)'),
  XML_PARSE_UNKNOWN_ENTITY: parsePl('plik odwołuje się do nieznanej encji'),
  XML_PARSE_ENTITY_BOMB: parsePl('plik zawiera encje rozwijające się do ogromnego rozmiaru'),
  XML_PARSE_NAMESPACE: parsePl('nieprawidłowa przestrzeń nazw'),
  XML_PARSE_OTHER: `${PARSE}{detail}`,
  XML_INTERNAL:
    'Nie można sprawdzić pliku XML: zawiera konstrukcje, których faktura FA(3) nie może mieć (np. DTD lub odwołania do zewnętrznych encji i plików), albo jest uszkodzony.',
} as const;

export type Fa3XmlKey = keyof typeof PL_XML;

const EN_PARSE = 'The XML file is damaged (line {line}): ';
const parseEn = (reason: string) => `${EN_PARSE}${reason} [{detail}]`;

export const EN_XML: Record<Fa3XmlKey, string> = {
  XML_MALFORMED: 'The XML file is damaged: {error}',
  SELLER_NIP_CHECKSUM: "The seller's NIP {nip} has a wrong check digit.",
  BUYER_NIP_CHECKSUM: "The buyer's NIP {nip} has a wrong check digit.",
  BUYER_IS_SELLER: "The buyer's NIP is the same as the seller's NIP.",
  ISSUE_DATE_AFTER_CREATION: 'The issue date {date} is later than the day the file was made, {created}.',
  TOTAL_MISMATCH: 'P_15 ({p15}) does not equal the sum of the net and VAT amounts of all rates ({sum}).',
  PLN_VAT_MISSING: 'The invoice in {currency} does not state the VAT amount in PLN ({field}).',
  WDT_WITHOUT_NR_VAT_UE: "The 0% WDT rate needs the buyer's EU VAT number (KodUE and NrVatUE).",
  NO_LINES: 'The invoice has no items (FaWiersz).',
  LINE_NAME_MISSING: 'Item {line} has no name.',
  LINE_QUANTITY_ZERO: 'Item {line} has a quantity of zero.',
  LINES_GROSS_MISMATCH: "The items' gross values add up to {lines}, which differs from P_15 ({p15}).",
  LINES_NET_MISMATCH: "The items' net values add up to {lines}, which differs from the sum of P_13 ({net}).",
  XSD_MISPLACED:
    'The element {element} is in the wrong place or an element before it is missing; expected: {expected}{where}.',
  XSD_NOT_ALLOWED: 'The element {element} is not allowed in this place{where}.',
  XSD_MISSING_CHILD: 'The element {element} lacks a required element: {expected}{where}.',
  XSD_FACET: 'The value "{value}" of the element {element} breaks a restriction of the schema ({facet}){where}.',
  XSD_FORMAT: 'The value "{value}" of the element {element} has a wrong format{where}.',
  XSD_OTHER: 'The file does not match the FA(3) schema{where}: {detail}',
  XML_PARSE_EMPTY: parseEn('the file is empty'),
  XML_PARSE_NOT_XML: parseEn('this is not an XML file (no start tag)'),
  XML_PARSE_TRUNCATED: parseEn('the file breaks off halfway'),
  XML_PARSE_TAG_MISMATCH: parseEn('opening and closing tags do not match'),
  XML_PARSE_EXTRA_CONTENT: parseEn('there is extra content after the root element'),
  XML_PARSE_TOO_DEEP: parseEn('the elements are nested too deeply'),
  XML_PARSE_ENCODING: parseEn('unsupported character encoding (an FA(3) invoice must be in UTF-8)'),
  XML_PARSE_BAD_CHARS: parseEn('the file contains bytes or characters XML does not allow (UTF-8 required)'),
  XML_PARSE_UNKNOWN_ENTITY: parseEn('the file refers to an unknown entity'),
  XML_PARSE_ENTITY_BOMB: parseEn('the file contains entities that expand to a huge size'),
  XML_PARSE_NAMESPACE: parseEn('invalid namespace'),
  XML_PARSE_OTHER: `${EN_PARSE}{detail}`,
  XML_INTERNAL:
    'The XML file cannot be checked: it contains constructs an FA(3) invoice cannot have (e.g. a DTD or references to external entities and files), or it is damaged.',
};
