/** Months the export may cover: the current Warsaw month and 12 back, no more (seed: "maksymalnie
 * do 12 miesięcy wstecz"). Pure, so it is unit-tested with a fixed clock. */
import { warsawYearMonth } from '../../core/warsaw';
import { MONTH_TEXTS } from '../../i18n/months';
import type { Lang } from '../../messaging';

/** 'YYYY-MM' values, newest first: the current month then 12 earlier ones (13 in all). */
export function exportMonths(now: number): string[] {
  const [y, m] = warsawYearMonth(now);
  const out: string[] = [];
  for (let back = 0; back <= 12; back++) {
    const idx = y * 12 + (m - 1) - back;
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** 'YYYY-MM' → "listopad 2026" / "November 2026". */
export function monthLabel(month: string, lang: Lang): string {
  const [y, m] = month.split('-');
  const name = (MONTH_TEXTS[lang] as Readonly<Record<string, string>>)[m ?? ''];
  return name ? `${name} ${y}` : month;
}
