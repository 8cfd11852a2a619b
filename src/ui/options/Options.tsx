import { useState } from 'preact/hooks';
import type { Lang } from '../../messaging';
import { saveLang } from '../../settings/lang';
import { useLang } from '../use-lang';

export function Options() {
  const { lang, t } = useLang();
  const [saved, setSaved] = useState(false);
  const choose = async (l: Lang) => {
    await saveLang(l);
    setSaved(true);
  };
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <label>
        {t('language')}{' '}
        <select
          name="uiLang"
          value={lang}
          onChange={(e) => void choose((e.currentTarget as HTMLSelectElement).value as Lang)}
        >
          <option value="pl">Polski</option>
          <option value="en">English</option>
        </select>
      </label>
      {saved && <span role="status"> {t('saved')}</span>}
    </main>
  );
}
