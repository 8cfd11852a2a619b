/**
 * EU member states for WDT / OSS decisions. FA(3) `KodUE` (TKodyKrajowUE) uses `EL` for Greece,
 * while Base's `invoice_country_code` is ISO 3166 (`GR`); `XI` is Northern Ireland (VAT only for goods).
 */
export const EU_COUNTRIES = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);

export function isEuCountry(iso: string): boolean {
  return EU_COUNTRIES.has(iso === 'EL' ? 'GR' : iso);
}

/** ISO country code → the code used in VAT numbers and FA(3) `KodUE`. */
export function vatPrefixOf(iso: string): string {
  return iso === 'GR' ? 'EL' : iso;
}
