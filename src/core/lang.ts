/** The two UI languages and where the choice is stored. Polish is the default (docs/architecture.md). */

export const LANGS = ['pl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'pl';

/** The storage.local key holding the chosen language: read by the pages, the content script and
 * the worker, so it is one constant. */
export const UI_LANG_KEY = 'uiLang';

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}
