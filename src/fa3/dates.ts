/**
 * Calendar dates in Europe/Warsaw. Base stores Unix seconds; FA(3) wants the Polish calendar date
 * (an invoice created at 00:30 Warsaw time on the 13th is issued on the 13th, although it is the
 * 12th in UTC). KSeF compares P_1 with the day of sending in the same sense (docs/ksef-protocol.md §5).
 */
import { warsawDayOfUnix } from '../core/warsaw';

/** The Warsaw calendar day (`YYYY-MM-DD`) of a Base time in Unix seconds, for an FA(3) date field.
 * Unlike `warsawDayOfUnix`, which throws, a time no calendar can show (beyond the ±275,000 years a
 * Date holds) gives `(nieprawidłowa data)`, which every range check refuses, so the builder can
 * report it with the invoice's other problems. */
export function invoiceDayOfUnix(unixSeconds: number): string {
  return Number.isNaN(new Date(unixSeconds * 1000).getTime()) ? INVALID_DAY : warsawDayOfUnix(unixSeconds);
}

/** What `invoiceDayOfUnix` gives for a time no calendar can show (the builder words it apart). */
export const INVALID_DAY = '(nieprawidłowa data)';

/** Adds days to a `YYYY-MM-DD` date (calendar arithmetic in UTC, no time zone involved). */
export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** FA(3) TDataT range (XSD: 2006-01-01 … 2050-01-01). */
export function inFa3DateRange(ymd: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(ymd) && ymd >= '2006-01-01' && ymd <= '2050-01-01';
}

/** `DataWytworzeniaFa` (xsd:dateTime, UTC, whole seconds so the output is stable). */
export function fa3Timestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}
