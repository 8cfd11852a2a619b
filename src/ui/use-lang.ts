import { type Translate, translator } from '../i18n/pages';
import type { Lang } from '../messaging';
import { useLangState } from './components/platform';

/** The current UI language (one state per page, kept by PlatformProvider, following changes made
 * in the options page) and its translator. */
export function useLang(): { lang: Lang; t: Translate; setLang: (l: Lang) => Promise<void> } {
  const { lang, setLang } = useLangState();
  return { lang, t: translator(lang), setLang };
}
