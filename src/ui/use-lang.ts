import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../messaging';
import { browser } from '../platform/browser';
import { loadLang } from '../settings/lang';
import { DEFAULT_LANG, type Translate, translator } from './i18n';

/** The current UI language, following changes made in the options page. */
export function useLang(): { lang: Lang; t: Translate } {
  const [lang, setLang] = useState<Lang>(DEFAULT_LANG);
  useEffect(() => {
    void loadLang().then(setLang);
    const onChanged = () => void loadLang().then(setLang);
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return { lang, t: translator(lang) };
}
