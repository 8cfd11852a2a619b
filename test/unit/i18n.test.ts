import { describe, expect, it } from 'vitest';
import enLocale from '../../public/_locales/en/messages.json';
import plLocale from '../../public/_locales/pl/messages.json';
import { DEFAULT_LANG, LANGS } from '../../src/core/lang';
import { allKeys, SLICES, type Slice, translate } from '../../src/i18n';
import { keyImportText, ksefStatusText, passphraseText } from '../../src/i18n/errors';
import { KeyImportError } from '../../src/secrets/errors';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('defaults to Polish', () => {
    expect(DEFAULT_LANG).toBe('pl');
    expect(translate('pl', 'ui.sendToKsef')).toBe('Wyślij do KSeF');
  });

  it('has every key of every slice in Polish and English, non-empty, with the same placeholders', () => {
    const keys = allKeys();
    expect(keys.length).toBeGreaterThan(500);
    for (const slice of Object.keys(SLICES) as Slice[]) {
      const tables = SLICES[slice] as unknown as Record<string, Record<string, string>>;
      for (const lang of LANGS)
        expect(Object.keys(tables[lang]!).sort(), `${slice}/${lang}`).toEqual(Object.keys(tables.pl!).sort());
    }
    for (const key of keys) {
      const pl = translate('pl', key);
      const en = translate('en', key);
      expect(pl.length, key).toBeGreaterThan(0);
      expect(en.length, key).toBeGreaterThan(0);
      expect(placeholders(en), key).toEqual(placeholders(pl));
    }
  });

  it('has no Polish in the English texts, except labels of Polish applications quoted as they appear there', () => {
    const polish = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
    const leftovers = allKeys()
      .map((key) => [key, translate('en', key).replace(/“[^”]*”/g, '')] as const)
      .filter(([, en]) => polish.test(en));
    expect(leftovers).toEqual([]);
  });

  it('fills placeholders; without parameters the text is returned as it is', () => {
    expect(translate('en', 'ui.envBanner', { env: 'TEST' })).toBe('Environment: TEST');
    expect(translate('pl', 'ui.envBanner')).toBe('Środowisko: {env}');
    expect(translate('en', 'reasons.already-accepted', {})).toBe(
      'The invoice is already in KSeF (KSeF number ). It cannot be sent twice.',
    );
  });

  it('names the extension in both manifest locales', () => {
    expect(plLocale.extName.message).toBe(translate('pl', 'ui.appName'));
    expect(enLocale.extName.message).toBe(translate('en', 'ui.appName'));
  });
});

describe('words chosen at the edge: codes from lower layers read in English in an English UI', () => {
  it('a key-import failure (src/secrets) keeps a Polish default message but reads in English', () => {
    const e = new KeyImportError('key-mismatch', '0A1B');
    expect(e.message).toMatch(/^Klucz prywatny nie pasuje/);
    expect(keyImportText(e.code, 'en', e.detail)).toBe(
      'The private key does not match the chosen Offline certificate (a different public key). Choose the certificate generated together with this .key file, or the .key file of the chosen certificate. (0A1B)',
    );
  });

  it('a passphrase failure reads in English', () => {
    expect(passphraseText('too-short', 'en', 8)).toBe(
      'The password protecting the key must have at least 8 characters.',
    );
  });

  it('a KSeF status explanation reads in English; an undocumented code names its number', () => {
    expect(ksefStatusText(450, 'en')).toMatch(/^The invoice has a semantic error/);
    expect(ksefStatusText(999, 'en')).toBe('KSeF rejected the invoice (status 999).');
    expect(ksefStatusText(999, 'pl')).toBe('KSeF odrzucił fakturę (status 999).');
  });
});
