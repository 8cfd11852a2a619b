/**
 * The Polish NIP, one rule for every folder. Ten digits; the FA(3) schema's `TNrNIP` pattern
 * `[1-9]((\d[1-9])|([1-9]\d))\d{7}` (no leading zero, the 2nd and 3rd digits not both zero); and the
 * checksum: weights 6 5 7 2 3 4 5 6 7 on the first nine digits, the sum mod 11 equals the tenth
 * (a remainder of 10 is never valid). KSeF checks NIP checksums only on PROD
 * (docs/ksef-protocol.md §1.2), so the extension checks them itself, in every environment.
 */

const WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const SCHEMA_PATTERN = /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/;

/** Why a string is not a NIP: not ten digits, a start the schema refuses, or a wrong checksum. */
export type NipIssue = 'digits' | 'prefix' | 'checksum';

export function nipIssue(nip: string): NipIssue | null {
  if (!/^\d{10}$/.test(nip)) return 'digits';
  if (!SCHEMA_PATTERN.test(nip)) return 'prefix';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nip[i]) * WEIGHTS[i]!;
  const check = sum % 11;
  return check !== 10 && check === Number(nip[9]) ? null : 'checksum';
}

export function isValidNip(nip: string): boolean {
  return nipIssue(nip) === null;
}

/** What people type ("525-000-00-00", "PL 5250000000") as the bare digits; anything else is returned
 * cleaned but otherwise as is, for `nipIssue` to explain. */
export function normaliseNip(input: string): string {
  const s = input.replace(/[\s-]/g, '').toUpperCase();
  return s.startsWith('PL') ? s.slice(2) : s;
}
