/**
 * The Polish calendar day of an instant. Base stores Unix time, KSeF compares `P_1` with the day of
 * sending (docs/ksef-protocol.md §5, Warsaw assumed), the export counts Polish months: every module asks
 * here, so they can never disagree around midnight or a DST change (Intl carries the zone's rules).
 * Pure: no extension APIs.
 */
const dayFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of the instant `ms` (epoch milliseconds) on a Warsaw wall calendar. */
export function warsawDay(ms: number): string {
  const parts = dayFmt.formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
