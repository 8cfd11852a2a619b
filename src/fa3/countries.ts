/**
 * EU member states for WDT / OSS decisions. FA(3) `KodUE` (TKodyKrajowUE) uses `EL` for Greece,
 * while Base's `invoice_country_code` is ISO 3166 (`GR`); `XI` is Northern Ireland, which stays in
 * the EU VAT area for goods (TKodyKrajowUE lists it).
 */
export const EU_COUNTRIES: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DK EE FI FR DE GR HR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE XI'.split(' '),
);

/** Common non-ISO spellings seen in shop data → the ISO 3166 code FA(3) TKodKraju expects. */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

export function isEuCountry(iso: string): boolean {
  return EU_COUNTRIES.has(iso === 'EL' ? 'GR' : iso);
}

/** ISO country code → the code used in VAT numbers and FA(3) `KodUE`. */
export function vatPrefixOf(iso: string): string {
  return iso === 'GR' ? 'EL' : iso;
}
