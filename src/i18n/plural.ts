/**
 * Which plural form a count takes. Polish has three: 1 (faktura), 2–4 and 22–24… but not 12–14
 * (faktury), everything else (faktur). English has two; its tables give `few` the same words as
 * `many`, so one set of keys serves both languages.
 */
import type { Lang } from '../core/lang';

export type PluralForm = 'one' | 'few' | 'many';

export function pluralForm(n: number, lang: Lang): PluralForm {
  if (n === 1) return 'one';
  if (lang === 'en') return 'many';
  const tens = n % 100;
  return n % 10 >= 2 && n % 10 <= 4 && (tens < 12 || tens > 14) ? 'few' : 'many';
}
