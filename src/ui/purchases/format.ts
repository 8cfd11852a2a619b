/** Amounts and dates on the purchases page (Polish grouping, two decimals). */
import type { Lang } from '../../messaging';

const money: Record<Lang, Intl.NumberFormat> = {
  pl: new Intl.NumberFormat('pl-PL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

export function formatMoney(n: number | string | undefined, lang: Lang): string {
  if (n === undefined || n === '') return '';
  const v = typeof n === 'number' ? n : Number(n);
  return Number.isFinite(v) ? money[lang].format(v) : String(n);
}
