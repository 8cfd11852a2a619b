/**
 * Calendar days and months in Europe/Warsaw. KSeF decides "offline" by comparing the calendar day
 * of `P_1` with the day of sending (docs/ksef-protocol.md §5: the time zone is not stated; Warsaw is
 * assumed), and the monthly export counts months as the Polish calendar does, so every date
 * decision in the pipeline goes through here (DST included: Intl knows the zone's rules).
 */
import { warsawDay } from '../time/warsaw';

export { warsawDay };

/** `YYYY-MM` of the instant `ms` in Warsaw. */
export function warsawMonth(ms: number): string {
  return warsawDay(ms).slice(0, 7);
}

/**
 * Offline mode (§5, seed "Tryb Offline"): the issue date is earlier than the Warsaw calendar day
 * on which the invoice is sent. Plain string comparison works for `YYYY-MM-DD`.
 */
export function isOfflineIssue(issueDate: string, sendingAtMs: number): boolean {
  return issueDate < warsawDay(sendingAtMs);
}

/** The instant (ms) at which the Warsaw calendar day `ymd` begins (23/24/25-hour days included). */
export function warsawMidnight(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  // Warsaw is UTC+1 (CET) or UTC+2 (CEST); midnight is at one of these two instants.
  for (const offsetH of [2, 1]) {
    const t = Date.UTC(y, m - 1, d) - offsetH * 3600_000;
    if (warsawDay(t) === ymd && warsawDay(t - 1) !== ymd) return t;
  }
  throw new Error(`Nie można ustalić północy dla daty ${ymd}.`);
}

/** Whole months from `a` to `b` (both `YYYY-MM`); negative when `b` is before `a`. */
export function monthsBetween(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return (by - ay) * 12 + (bm - am);
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}
