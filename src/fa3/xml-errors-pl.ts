/**
 * libxml2 speaks English; the user reads Polish. The messages a damaged or hostile XML file
 * produces most often, in Polish (the English original is kept next to it for support).
 */
const PARSE_PL: [RegExp, string][] = [
  [/^Document is empty/, 'plik jest pusty'],
  [/^Start tag expected/, 'to nie jest plik XML (brak znacznika początkowego)'],
  [/^Premature end of data|^EndTag: '<\/' not found|^Couldn't find end of Start Tag/, 'plik urywa się w połowie'],
  [/^Opening and ending tag mismatch/, 'znaczniki otwierające i zamykające nie pasują do siebie'],
  [/^Extra content at the end of the document/, 'po głównym elemencie jest dodatkowa treść'],
  [/^Excessive depth in document/, 'elementy są zagnieżdżone zbyt głęboko'],
  [/^Unsupported encoding/, 'nieobsługiwane kodowanie znaków (faktura FA(3) musi być w UTF-8)'],
  [
    /^Input is not proper UTF-8|^Char 0x[0-9A-F]+ out of allowed range|^PCDATA invalid Char value/i,
    'plik zawiera bajty lub znaki niedozwolone w XML (wymagane UTF-8)',
  ],
  [/^Entity '[^']*' not defined/, 'plik odwołuje się do nieznanej encji'],
  [
    /entity amplification|entity reference loop|Detected an entity reference loop/i,
    'plik zawiera encje rozwijające się do ogromnego rozmiaru',
  ],
  [/Empty XML namespace is not allowed|Namespace prefix .* not defined/, 'nieprawidłowa przestrzeń nazw'],
];

/** Polish message for a libxml2 parse error, with the original in brackets. */
export function parseErrorPl(message: string, line: number): string {
  const m = message.trim();
  const pl = PARSE_PL.find(([re]) => re.test(m))?.[1];
  return `Plik XML jest uszkodzony (wiersz ${line}): ${pl ? `${pl} [${m}]` : m}`;
}

/** When libxml2 cannot validate the document at all (its "Invalid input or internal error"). */
export const INTERNAL_XML_ERROR_PL =
  'Nie można sprawdzić pliku XML: zawiera konstrukcje, których faktura FA(3) nie może mieć (np. DTD lub odwołania do zewnętrznych encji i plików), albo jest uszkodzony.';
