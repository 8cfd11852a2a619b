/**
 * Dates and times on the Warsaw wall clock. KSeF compares the invoice date with the Warsaw calendar
 * day of sending (docs/ksef-protocol.md §5), Base stores Unix time, the export counts Polish months:
 * every module asks here, so they cannot disagree around midnight or a DST change (Intl carries the
 * zone's rules). An instant that no calendar can show (NaN, beyond ±8.64e15 ms) throws a RangeError.
 */

import type { Lang } from './lang';

export const WARSAW_TIME_ZONE = 'Europe/Warsaw';

export interface WarsawParts {
  year: string;
  /** Two digits, `01`–`12`. */
  month: string;
  day: string;
  /** Two digits, `00`–`23`. */
  hour: string;
  minute: string;
  second: string;
}

// One formatter for the process: building one per call costs more than the formatting itself.
let fmt: Intl.DateTimeFormat | undefined;

/** The Warsaw wall-clock fields of the instant `ms` (epoch milliseconds), zero-padded. */
export function warsawParts(ms: number): WarsawParts {
  fmt ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: WARSAW_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: WarsawParts = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of fmt.formatToParts(new Date(ms))) {
    if (p.type in out) out[p.type as keyof WarsawParts] = p.value;
  }
  return out;
}

/** `YYYY-MM-DD` of the instant `ms` (epoch milliseconds). */
export function warsawDay(ms: number): string {
  const p = warsawParts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD` of a Unix time in seconds, the unit Base stores. */
export function warsawDayOfUnix(seconds: number): string {
  return warsawDay(seconds * 1000);
}

/** `YYYY-MM` of the instant `ms`. */
export function warsawMonth(ms: number): string {
  return warsawDay(ms).slice(0, 7);
}

/** The Warsaw month of `ms` as numbers: [year, month 1–12]. */
export function warsawYearMonth(ms: number): [number, number] {
  const p = warsawParts(ms);
  return [Number(p.year), Number(p.month)];
}

/** `HH:MM` on the Warsaw clock. */
export function warsawClock(ms: number): string {
  const p = warsawParts(ms);
  return `${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD HH:MM` on the Warsaw clock, as KSeF's own tools show a moment. */
export function warsawDateTime(ms: number): string {
  return `${warsawDay(ms)} ${warsawClock(ms)}`;
}

/** A moment as a reader of the pages sees it: `05.12.2026, 14:05` in Polish, `05/12/2026, 14:05` in
 * English (the pl-PL and en-GB conventions, built from the fields so every engine prints the same). */
export function warsawDateTimeText(ms: number, lang: Lang): string {
  const p = warsawParts(ms);
  const sep = lang === 'en' ? '/' : '.';
  return `${p.day}${sep}${p.month}${sep}${p.year}, ${p.hour}:${p.minute}`;
}

/** A calendar day `YYYY-MM-DD` for a reader: `05.12.2026` in Polish; in English the ISO form as it
 * is, which no English reader takes for another day (deadlines, "send by"). */
export function dayText(ymd: string, lang: Lang): string {
  const [y, m, d] = ymd.split('-');
  return lang === 'pl' ? `${d}.${m}.${y}` : ymd;
}

/** A moment within the coming days, short: `29.11, 14:05`. */
export function warsawDayMonthClock(ms: number): string {
  const p = warsawParts(ms);
  return `${p.day}.${p.month}, ${p.hour}:${p.minute}`;
}

/** A moment to the second, as printed on paper: `05.12.2026 14:05:09`. */
export function warsawStampText(ms: number): string {
  const p = warsawParts(ms);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** Epoch ms of a Warsaw wall-clock time (month 1–12). In the hour skipped in spring the result is
 * an hour later; in the hour repeated in autumn, the first of the two. */
export function warsawToEpochMs(y: number, mo: number, d: number, hh = 0, mi = 0, ss = 0): number {
  const wall = Date.UTC(y, mo - 1, d, hh, mi, ss);
  // Warsaw is UTC+1 or UTC+2: try the summer offset first, so the earlier of two readings wins.
  for (const offsetH of [2, 1]) {
    const t = wall - offsetH * 3_600_000;
    if (wallMs(t) === wall) return t;
  }
  return wall - 3_600_000;
}

/** The instant at which the Warsaw calendar day `ymd` (`YYYY-MM-DD`) begins. */
export function warsawMidnight(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return warsawToEpochMs(y, m, d);
}

/** Warsaw midnight of `ymd` as ISO-8601 with its offset, e.g. `2026-07-01T00:00:00+02:00` (the form
 * KSeF's date-range queries take). */
export function warsawMidnightIso(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const offsetH = (Date.UTC(y, m - 1, d) - warsawMidnight(ymd)) / 3_600_000;
  return `${ymd}T00:00:00+0${offsetH}:00`;
}

function wallMs(t: number): number {
  const p = warsawParts(t);
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}
