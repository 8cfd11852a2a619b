/**
 * Calendar days and months in Europe/Warsaw. KSeF decides "offline" by comparing the calendar day
 * of `P_1` with the day of sending (docs/ksef-protocol.md §5: the time zone is not stated; Warsaw is
 * assumed), and the monthly export counts months as the Polish calendar does, so every date
 * decision in the pipeline goes through here, and here to the one Warsaw clock, src/core/warsaw.ts.
 */
import { warsawDay } from '../core/warsaw';

export { warsawDay, warsawMidnight, warsawMonth } from '../core/warsaw';

/**
 * Offline mode (§5, seed "Tryb Offline"): the issue date is earlier than the Warsaw calendar day
 * on which the invoice is sent. Plain string comparison works for `YYYY-MM-DD`.
 */
export function isOfflineIssue(issueDate: string, sendingAtMs: number): boolean {
  return issueDate < warsawDay(sendingAtMs);
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
