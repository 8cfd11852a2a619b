/**
 * Polish NIP: 10 digits, weights 6 5 7 2 3 4 5 6 7 on the first nine, sum mod 11 equals the tenth
 * digit (a remainder of 10 is never valid). The FA(3) XSD only checks the pattern
 * `[1-9]((\d[1-9])|([1-9]\d))\d{7}`, and KSeF has accepted invoices with a wrong buyer NIP
 * (docs/base.md §3.3 item 17), so the checksum is checked here before sending.
 */
const WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

export function isValidNip(nip: string): boolean {
  if (!/^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/.test(nip)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nip[i]) * WEIGHTS[i]!;
  const check = sum % 11;
  return check !== 10 && check === Number(nip[9]);
}

/** Removes spaces, hyphens, dots and slashes and upper-cases: "PL 525-000-00-00" → "PL5250000000". */
export function normalizeTaxId(raw: string): string {
  return raw.replace(/[\s\-./_]/g, '').toUpperCase();
}
