/**
 * UI strings. Polish by default, English second. The manifest's own name and
 * description come from public/_locales (chrome.i18n), everything else from these tables so
 * the user can pick the language in the options regardless of the browser's locale.
 */
import type { Lang } from '../../messaging';
import { en } from './en';
import { type MessageKey, pl } from './pl';

export type { MessageKey };

const tables: Record<Lang, Record<MessageKey, string>> = { pl, en };

export const DEFAULT_LANG: Lang = 'pl';

export function isLang(x: unknown): x is Lang {
  return x === 'pl' || x === 'en';
}

/** Translates `key`, filling `{name}` placeholders from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = tables[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}
