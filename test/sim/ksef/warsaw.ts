// Calendar days in Europe/Warsaw: the auto-offline rule compares days (ksef-protocol.md §5; the brief
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
