/**
 * The one way texts are filled in. Every slice of src/i18n is a `Texts<K>`: a table per language,
 * each total over the slice's keys, so a key without both Polish and English does not compile.
 * Slices are kept apart only so that each bundle carries just the words it shows (the content
 * script has a size budget, docs/architecture.md "Errors and languages").
 */
import type { Lang } from '../core/lang';

export type Params = Readonly<Record<string, string | number>>;

export type Texts<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

/** Fills `{name}` placeholders. With `params`, a missing name reads as ''; without, the text is
 * returned as it is. */
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : ''));
}

export type Translator<K extends string> = (key: K, params?: Params) => string;

/** A slice's words in one language: `translate` (src/i18n/index.ts) bound to a slice and a language. */
export function translatorOf<K extends string>(texts: Texts<K>, lang: Lang): Translator<K> {
  const table = texts[lang];
  return (key, params) => fill(table[key], params);
}
