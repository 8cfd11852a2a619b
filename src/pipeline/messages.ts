/**
 * The pipeline's reasons in words: the codes and their texts live in src/i18n/reasons.ts; records
 * store the code and its parameters.
 */
import { DEFAULT_LANG, type Lang } from '../core/lang';
import { fill } from '../i18n/fill';
import { GOV_STATUS, REASONS, type ReasonCode } from '../i18n/reasons';

export type { ReasonCode };

type Params = Readonly<Record<string, string>>;

export function message(code: ReasonCode, params: Params = {}, lang: Lang = DEFAULT_LANG): string {
  return fill(REASONS[lang][code], params);
}

export function isReasonCode(x: unknown): x is ReasonCode {
  return typeof x === 'string' && x in REASONS.pl;
}

/** Base's `gov_status` in words (docs/base.md §1.2). */
export function govStatusName(status: number | undefined, lang: Lang = DEFAULT_LANG): string {
  const key = String(status ?? 0);
  const table = GOV_STATUS[lang];
  return key in table ? table[key as keyof typeof table] : table.other;
}
