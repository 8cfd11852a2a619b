/** The worker words settings problems in the UI language when it refuses a token or a patch. */
import { describe, expect, it, vi } from 'vitest';
import type { Services } from '../../src/background/services';
import { savePatch } from '../../src/background/services/settings-save';
import { setBaseToken, setKsefToken } from '../../src/background/services/tokens';
import { workerTexts } from '../../src/i18n/worker';
import type { Lang } from '../../src/messaging';
import { DEFAULT_SETTINGS } from '../../src/settings/defaults';
import { polishIn } from '../i18n/polish';

// Nothing here may reach the browser: an invalid token or patch is refused before any storage.
vi.mock('../../src/platform/browser', () => ({ browser: {} }));

function services(lang: Lang): Services {
  const fail = () => {
    throw new Error('nothing may be stored');
  };
  return {
    settings: async () => ({ ...structuredClone(DEFAULT_SETTINGS), env: 'demo' }),
    t: async () => workerTexts(lang),
    lang: async () => lang,
    secrets: async () => ({ setSecret: fail, deleteSecret: fail, getSecret: fail }),
    forgetClients: fail,
  } as unknown as Services;
}

async function refusal(run: Promise<unknown>): Promise<string> {
  const e = await run.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(Error);
  return (e as Error).message;
}

const seller = { name: 'Firma', addressL1: 'ul. Prosta 1', addressL2: '', countryCode: 'pl' };

describe('worker edges of settings validation', () => {
  it('refuses a bad KSeF or Base token in English with no Polish', async () => {
    const ksef = await refusal(setKsefToken(services('en'), 'test'));
    expect(ksef).toMatch(/^Token not saved: The word "test" \(certificate login\) works only on the TEST environment/);
    expect(polishIn(ksef)).toBeNull();
    const base = await refusal(setBaseToken(services('en'), 'abc def'));
    expect(base).toBe(
      'Token not saved: This does not look like a Base API token (Account → My account → API): copy all of it.',
    );
  });

  it('keeps the Polish refusals as they were', async () => {
    expect(await refusal(setBaseToken(services('pl'), 'abc def'))).toBe(
      'Nie zapisano tokenu: To nie wygląda na token API Base (Konto → Moje konto → API): skopiuj go w całości.',
    );
    expect(await refusal(savePatch(services('pl'), { seller }))).toBe(
      'Nie zapisano: Kod kraju to dwie wielkie litery, np. PL.',
    );
  });

  it('refuses an invalid patch in English, every problem listed', async () => {
    const msg = await refusal(savePatch(services('en'), { seller: { ...seller, name: 'x'.repeat(600) } }));
    expect(msg).toBe('Not saved: The country code is two capital letters, e.g. PL. Too long (512 characters at most).');
    expect(polishIn(msg)).toBeNull();
  });
});
