/**
 * Tax identifiers as the FA(3) builder reads them from Base. The NIP rule itself (pattern and
 * checksum) is `isValidNip` in src/core/nip.ts, the one rule for every folder; KSeF has accepted
 * invoices with a wrong buyer NIP (docs/base.md §3.3 item 17), so the builder checks it before sending.
 */

/**
 * Removes spaces, hyphens, dots, slashes and underscores and upper-cases: "PL 525-000-00-00" →
 * "PL5250000000", " de 123.456.789 " → "DE123456789". Not `normaliseNip` (src/core/nip.ts): a
 * buyer's id may be a foreign or EU VAT id whose country prefix must stay (FA(3) `KodUE` + `NrVatUE`),
 * and such ids are written with more separators than a NIP; the caller strips `PL` where it wants a NIP.
 */
export function normalizeTaxId(raw: string): string {
  return raw.replace(/[\s\-./_]/g, '').toUpperCase();
}
