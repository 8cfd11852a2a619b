/** The UI language choice: not a secret, so it lives in storage.local (readable by every context). */
import { DEFAULT_LANG, isLang, UI_LANG_KEY as KEY, type Lang } from '../core/lang';
import { browser } from '../platform/browser';

export async function loadLang(): Promise<Lang> {
  const got = await browser.storage.local.get(KEY);
  const v = got[KEY];
  return isLang(v) ? v : DEFAULT_LANG;
}

export async function saveLang(lang: Lang): Promise<void> {
  await browser.storage.local.set({ [KEY]: lang });
}
