/**
 * When an invoice issued outside KSeF must reach it. An invoice issued in offline mode has to be
 * sent by the end of the next working day after its issue date (art. 106nda ust. 1 of the VAT act,
 * "tryb offline24"); Saturdays, Sundays and Polish public holidays are not working days (ustawa o
 * dniach wolnych od pracy, with 24 December from 2025). The Ministry's announcements move that
 * for invoices issued during them (docs/ksef-protocol.md §5): a KSeF unavailability, by the next
 * working day after it ends (art. 106nf); a failure, within 7 working days after it ends
 * (art. 106nh ust. 1); a total failure leaves no obligation to send at all.
 * Pure: calendar dates `YYYY-MM-DD` in, calendar dates out; the day ends at midnight in Warsaw.
 */

/** What the Ministry announced: unavailability, failure, or total failure. */
export type OutageKind = 'unavailability' | 'failure' | 'total';
export const OUTAGE_KINDS: readonly OutageKind[] = ['failure', 'unavailability', 'total'];

/**
 * An announcement of the Ministry (BIP / the KSeF site): first and last day, inclusive. Entries
 * saved before kinds existed have none and were failures.
 */
export interface KsefOutage {
  from: string;
  to: string;
  kind?: OutageKind;
}

/** Working days after a failure ends within which its invoices must be sent (art. 106nh ust. 1). */
export const OUTAGE_WORKING_DAYS = 7;

/** Working days after the end of each kind within which its invoices must be sent. */
const WORKING_DAYS_AFTER: Record<Exclude<OutageKind, 'total'>, number> = {
  failure: OUTAGE_WORKING_DAYS,
  unavailability: 1,
};

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Easter Sunday of `year` (Gregorian computus, the "anonymous" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, Set<string>>();

/** Polish public holidays of `year` (ustawa z 18 stycznia 1951 r. o dniach wolnych od pracy). */
export function polishHolidays(year: number): Set<string> {
  const hit = holidayCache.get(year);
  if (hit) return hit;
  const y = String(year);
  const easter = easterSunday(year);
  const days = new Set([
    `${y}-01-01`, // Nowy Rok
    `${y}-01-06`, // Trzech Króli
    easter, // Wielkanoc
    addDays(easter, 1), // Poniedziałek Wielkanocny
    `${y}-05-01`, // Święto Pracy
    `${y}-05-03`, // Święto Konstytucji 3 Maja
    addDays(easter, 49), // Zielone Świątki (a Sunday)
    addDays(easter, 60), // Boże Ciało
    `${y}-08-15`, // Wniebowzięcie NMP
    `${y}-11-01`, // Wszystkich Świętych
    `${y}-11-11`, // Święto Niepodległości
    `${y}-12-25`,
    `${y}-12-26`,
  ]);
  if (year >= 2025) days.add(`${y}-12-24`); // Wigilia, a day off since 2025
  holidayCache.set(year, days);
  return days;
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(toUtc(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !polishHolidays(Number(date.slice(0, 4))).has(date);
}

/** The `n`-th working day after `date` (n ≥ 1). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * The last day (inclusive, until midnight in Warsaw) on which an invoice issued on `issueDate`
 * outside KSeF may still be sent: the next working day, or later when an announcement covering the
 * issue date allows it (the latest of them). Undefined when a total failure covers it: such an
 * invoice need not be sent at all, so it has no deadline.
 */
export function offlineDeadline(issueDate: string, outages: readonly KsefOutage[] = []): string | undefined {
  if (!DATE_RE.test(issueDate)) throw new RangeError(`not a date: ${issueDate}`);
  let deadline = addWorkingDays(issueDate, 1);
  for (const o of outages) {
    if (!DATE_RE.test(o.from) || !DATE_RE.test(o.to) || o.from > o.to) continue;
    if (issueDate < o.from || issueDate > o.to) continue;
    const kind = o.kind ?? 'failure';
    if (kind === 'total') return undefined;
    const after = addWorkingDays(o.to, WORKING_DAYS_AFTER[kind]);
    if (after > deadline) deadline = after;
  }
  return deadline;
}

/** Where `today` stands against a deadline: still ahead, the last day, or past. */
export function deadlineStatus(deadline: string, today: string): 'ahead' | 'today' | 'overdue' {
  if (today > deadline) return 'overdue';
  return today === deadline ? 'today' : 'ahead';
}
