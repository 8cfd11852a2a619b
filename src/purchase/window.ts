/** Dates of the sync windows: KSeF takes at most 3 months per query (dateRange, OpenAPI). */
import { warsawDay, warsawMidnightIso } from '../core/warsaw';

/** Start of the first sync: the first day of the month `monthsBack - 1` months before this one, Warsaw midnight. */
export function firstSyncFrom(nowMs: number, monthsBack: number): string {
  const [y, m] = warsawDay(nowMs).split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) - Math.max(0, monthsBack - 1);
  const yy = Math.floor(idx / 12);
  const mm = (idx % 12) + 1;
  return warsawMidnightIso(`${yy}-${String(mm).padStart(2, '0')}-01`);
}

/** KSeF dates without an offset are Warsaw time; with one, exact. */
export function dateMs(iso: string): number {
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso)) return Date.parse(iso);
  // Warsaw is UTC+1 in winter and UTC+2 in summer; either is close enough to cut windows.
  return Date.parse(`${iso}+01:00`);
}

/** 89 days: safely inside the three months KSeF allows per range, whatever the months' lengths. */
const MAX_WINDOW_MS = 89 * 86_400_000;

/** End of the window starting at `from`: none (up to now) when now is within reach. */
export function windowEnd(from: string, nowMs: number): string | undefined {
  const start = dateMs(from);
  if (nowMs - start <= MAX_WINDOW_MS) return undefined;
  return new Date(start + MAX_WINDOW_MS).toISOString();
}
