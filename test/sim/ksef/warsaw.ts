// Calendar days in Europe/Warsaw: the auto-offline rule compares days (docs/ksef-protocol.md §5; the brief
// assumes Europe/Warsaw because the official docs do not name the zone).
const fmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD of the instant in Warsaw. */
export function warsawDate(ms: number): string {
  const parts = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** ISO-8601 with 7 fractional digits and +00:00, like the KSeF challenge timestamp (§2.1). */
export function ksefTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}

const offsetFmt = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Warsaw', timeZoneName: 'longOffset' });
const localFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Warsaw local time with its offset, as in the official UPO examples (`2025-09-16T11:05:40.841+02:00`). */
export function warsawIso(ms: number): string {
  const p = Object.fromEntries(localFmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const tz = offsetFmt.formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = tz === 'GMT' ? '+00:00' : tz.replace('GMT', '');
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${millis}${offset}`;
}
