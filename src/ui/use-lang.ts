import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../messaging';
import { usePlatform } from './components/platform';
import { DEFAULT_LANG, type Translate, translator } from './i18n';

/** The current UI language, following changes made in the options page (any open page). */
export function useLang(): { lang: Lang; t: Translate; setLang: (l: Lang) => Promise<void> } {
  const platform = usePlatform();
  const [lang, setLangState] = useState<Lang>(DEFAULT_LANG);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void platform.loadLang().then((l) => {
        if (alive) setLangState(l);
      });
    load();
    const off = platform.onStorageChanged((keys) => {
      if (keys.includes('uiLang')) load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [platform]);
  const setLang = async (l: Lang) => {
    await platform.saveLang(l);
    setLangState(l);
  };
  return { lang, t: translator(lang), setLang };
}
