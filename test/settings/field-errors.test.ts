import { describe, expect, it } from 'vitest';
import { fieldMessage, SETTINGS_TEXTS, type SettingsErrorCode } from '../../src/i18n/settings';
import { baseTokenError, ksefTokenError, nipError, settingsErrors } from '../../src/settings/validate';
import { polishIn } from '../i18n/polish';

const LONG = 'x'.repeat(513);

describe('settings errors: a code from src/settings, words at the edge', () => {
  it('validation names each problem by a code, with no words', () => {
    expect(nipError('5260250275')).toEqual({ field: 'nip', code: 'nip.checksum' });
    expect(ksefTokenError('test', 'prod')).toEqual({ field: 'ksefToken', code: 'ksefToken.testOnly' });
    expect(baseTokenError('abc def')).toEqual({ field: 'baseToken', code: 'baseToken.shape' });
    const long = settingsErrors({ seller: { name: LONG, addressL1: 'x', addressL2: '', countryCode: 'PL' } });
    expect(long).toEqual([{ field: 'seller.name', code: 'tooLong', params: { max: 512 } }]);
  });

  it('reads in Polish exactly as before', () => {
    expect(fieldMessage(nipError('')!, 'pl')).toBe('Podaj NIP firmy.');
    expect(fieldMessage(nipError('5260250275')!, 'pl')).toBe(
      'Nieprawidłowy NIP: suma kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.',
    );
    const long = settingsErrors({ seller: { name: LONG, addressL1: 'x', addressL2: '', countryCode: 'PL' } })[0]!;
    expect(fieldMessage(long, 'pl')).toBe('Za długi tekst (maks. 512 znaków).');
    expect(fieldMessage(settingsErrors({ uiLang: 'de' as 'pl' })[0]!, 'pl')).toBe('Nieznany język.');
  });

  it('reads in English with no Polish, and with its parameters', () => {
    const long = settingsErrors({ seller: { name: LONG, addressL1: 'x', addressL2: '', countryCode: 'PL' } })[0]!;
    expect(fieldMessage(long, 'en')).toBe('Too long (512 characters at most).');
    for (const code of Object.keys(SETTINGS_TEXTS.en) as SettingsErrorCode[]) {
      const text = fieldMessage({ code, params: { max: 512 } }, 'en');
      expect(polishIn(text), `${code}: ${text}`).toBeNull();
      expect(text).not.toBe(fieldMessage({ code, params: { max: 512 } }, 'pl'));
    }
  });
});
