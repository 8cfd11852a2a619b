/** Warsaw wall-clock ↔ Unix time, for month ranges and Base's "blocked until" stamps; the clock
 * itself is src/core/warsaw.ts. */
import { warsawToEpochMs } from '../../core/warsaw';

export { warsawToEpochMs };

/** Unix-second range [from, to] of a calendar month "YYYY-MM" in Warsaw. */
export function warsawMonthRange(month: string): { from: number; to: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`Miesiąc musi mieć postać RRRR-MM, a jest „${month}”.`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new RangeError(`Niepoprawny miesiąc „${month}”.`);
  const from = warsawToEpochMs(y, mo, 1) / 1000;
  const next = mo === 12 ? warsawToEpochMs(y + 1, 1, 1) : warsawToEpochMs(y, mo + 1, 1);
  return { from, to: next / 1000 - 1 };
}

/** "Query limit exceeded, token blocked until 2022-05-03 17:15:34" → epoch ms (Warsaw time),
 * or undefined when the message carries no stamp (docs/base.md §1.1). */
export function parseBlockedUntil(message: string): number | undefined {
  const m = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(message);
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss] = m.map(Number) as [number, number, number, number, number, number, number];
  return warsawToEpochMs(y, mo, d, hh, mi, ss);
}
