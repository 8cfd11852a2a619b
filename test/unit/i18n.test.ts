import { describe, expect, it } from 'vitest';
import enLocale from '../../public/_locales/en/messages.json';
import plLocale from '../../public/_locales/pl/messages.json';
import { DEFAULT_LANG, translate } from '../../src/ui/i18n';
import { en } from '../../src/ui/i18n/en';
import { pl } from '../../src/ui/i18n/pl';

describe('i18n', () => {
  it('defaults to Polish', () => {
    expect(DEFAULT_LANG).toBe('pl');
    expect(translate('pl', 'sendToKsef')).toBe('Wyślij do KSeF');
  });
  it('has every Polish key in English, with the same placeholders', () => {
    for (const key of Object.keys(pl) as (keyof typeof pl)[]) {
      expect(en[key], key).toBeTruthy();
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(en[key]), key).toEqual(ph(pl[key]));
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'envBanner', { env: 'TEST' })).toBe('Environment: TEST');
    expect(translate('pl', 'envBanner')).toBe('Środowisko: {env}');
  });
  it('names the extension in both manifest locales', () => {
    expect(plLocale.extName.message).toBe(pl.appName);
    expect(enLocale.extName.message).toBe(en.appName);
  });
});
