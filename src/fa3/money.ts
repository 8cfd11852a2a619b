/**
 * Amounts as integer grosze (1/100 of the currency unit), so sums agree with Base's totals to the
 * grosz without floating-point drift. Formatting follows the FA(3) XSD types (docs/ksef-protocol.md §9):
 * TKwotowy `-?([1-9]\d{0,15}|0)(\.\d{1,2})?`, TKwotowy2 up to 8 decimals, TIlosci up to 6.
 */

/** Rounds half away from zero, so a correction's -0.005 becomes -0.01 like +0.005 becomes 0.01. */
export function roundHalfAway(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 && r !== 0 ? -r : r;
}

/** A decimal amount (e.g. Base's 615.0 or "1.005") to integer grosze. `toFixed(6)` first removes
 * binary noise such as 1.005*100 = 100.49999999999999 before rounding. */
export function toGrosz(amount: number): number {
  return roundHalfAway(Number((amount * 100).toFixed(6)));
}

/** Integer grosze to a TKwotowy string with exactly two decimals: 12345 → "123.45", -5 → "-0.05". */
export function formatGrosz(g: number): string {
  if (!Number.isSafeInteger(g)) throw new RangeError(`kwota poza zakresem: ${g}`);
  const sign = g < 0 ? '-' : '';
  const a = Math.abs(g);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** A decimal to at most `digits` fraction digits without trailing zeros or exponent:
 * 500 → "500", 20.3333 → "20.3333", -0 → "0", 1e-7 (digits 8) → "0.0000001". */
export function formatDecimal(x: number, digits: number): string {
  let s = x.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return s;
}

/** VAT included in a gross amount at `rate` percent (the "from gross" method, art. 106e ust. 7). */
export function vatFromGross(grossG: number, rate: number): number {
  return rate === 0 ? 0 : roundHalfAway((grossG * rate) / (100 + rate));
}

/** VAT on a net amount at `rate` percent. */
export function vatFromNet(netG: number, rate: number): number {
  return rate === 0 ? 0 : roundHalfAway((netG * rate) / 100);
}
