// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/messaging';
import { Options } from '../../src/ui/options/Options';
import { BAD_NIP, GOOD_NIP, secrets, settings } from './data';
import {
  byLabel,
  byRole,
  choose,
  click,
  FakeCommandError,
  type FakeHandlers,
  fakePlatform,
  flush,
  mount,
  queryRole,
  text,
  type,
} from './harness';

/** A worker stand-in that keeps what is saved, like the real one. */
function worker(start: Partial<Settings> = {}, extra: FakeHandlers = {}) {
  const state = { settings: settings(start), secrets: secrets(), tokens: { ksef: '', base: '' } };
  const handlers: FakeHandlers = {
    'settings.get': () => ({ settings: state.settings, secrets: state.secrets }),
    'settings.save': ({ patch }) => {
      state.settings = { ...state.settings, ...patch };
      return { settings: state.settings };
    },
    'secrets.setKsefToken': ({ token }) => {
      state.tokens.ksef = token;
      state.secrets = { ...state.secrets, ksefToken: token !== '' };
      return { secrets: state.secrets };
    },
    'secrets.setBaseToken': ({ token }) => {
      state.tokens.base = token;
      state.secrets = { ...state.secrets, baseToken: token !== '' };
      return { secrets: state.secrets };
    },
    // Saving new tokens, a NIP or an environment checks the connection at once.
    'connection.check': () => ({ ksef: { ok: true, message: 'zalogowano' }, base: { ok: true, message: 'połączono' } }),
    ...extra,
  };
  return { state, fake: fakePlatform(handlers) };
}

describe('options page: frame', () => {
  it('opens in Polish on the connection tab and switches every label to English', async () => {
    const { fake } = worker();
    const el = await mount(<Options />, fake);
    expect(el.querySelector('h1')?.textContent).toBe('KSeF dla Base — ustawienia');
    const tabs = [...el.querySelectorAll('[role="tab"]')].map((x) => x.textContent);
    expect(tabs).toEqual(['Połączenie', 'Przekazywanie dokumentów', 'Eksport dokumentów', 'Serie numeracji', 'Pomoc']);
    expect(byRole(el, 'tab', 'Połączenie').getAttribute('aria-selected')).toBe('true');
    byLabel(el, 'NIP sprzedawcy');

    await choose(byLabel<HTMLSelectElement>(el, 'Język interfejsu'), 'en');
    expect(fake.lang).toBe('en');
    // The worker words its answers by Settings.uiLang: it is saved too.
    expect(fake.callsOf('settings.save')).toEqual([{ patch: { uiLang: 'en' } }]);
    expect(el.querySelector('h1')?.textContent).toBe('KSeF for Base — settings');
    byLabel(el, 'Seller NIP');
    byRole(el, 'tab', 'Document export');
  });

  it('moves between tabs with the arrow keys', async () => {
    const { fake } = worker();
    const el = await mount(<Options />, fake);
    const first = byRole(el, 'tab', 'Połączenie');
    await act(() => {
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    await flush();
    const second = byRole(el, 'tab', 'Przekazywanie dokumentów');
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(second);
    await act(() => {
      second.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    await act(() => {
      byRole(el, 'tab', 'Połączenie').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    await flush();
    expect(byRole(el, 'tab', 'Pomoc').getAttribute('aria-selected')).toBe('true');
  });

  it('shows the worker error when the settings cannot be loaded, and retries', async () => {
    let fail = true;
    const fake = fakePlatform({
      'settings.get': () => {
        if (fail) throw new FakeCommandError('Nie można połączyć się z rozszerzeniem. Odśwież stronę.');
        return { settings: settings(), secrets: secrets() };
      },
    });
    const el = await mount(<Options />, fake);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain(
      'Nie udało się wczytać ustawień: Nie można połączyć się z rozszerzeniem.',
    );
    fail = false;
    await click(byRole(el, 'button', 'Spróbuj ponownie'));
    byLabel(el, 'NIP sprzedawcy');
  });
});

describe('options page: Połączenie', () => {
  it('validates the NIP as it is typed and refuses to save an invalid one', async () => {
    const { fake, state } = worker();
    const el = await mount(<Options />, fake);
    const nip = byLabel(el, 'NIP sprzedawcy');
    await type(nip, '52602');
    expect(nip.getAttribute('aria-invalid')).toBe('true');
    expect(text(el)).toContain('NIP ma 10 cyfr');
    await type(nip, BAD_NIP);
    expect(text(el)).toContain('Nieprawidłowy NIP: suma kontrolna się nie zgadza.');

    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('settings.save')).toEqual([]);
    expect(state.settings.nip).toBe('');
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('Popraw zaznaczone pola: nic nie zostało zapisane.');
  });

  it('saves a valid NIP (typed with dashes) and only what changed', async () => {
    const { fake, state } = worker();
    const el = await mount(<Options />, fake);
    const nip = byLabel(el, 'NIP sprzedawcy');
    await type(nip, '526-025-02-74');
    expect(nip.getAttribute('aria-invalid')).toBeNull();
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('settings.save')).toEqual([{ patch: { nip: '526-025-02-74' } }]);
    expect(state.settings.nip).toBe('526-025-02-74');
    expect(el.querySelector('.alert-success')?.textContent).toBe('Zapisano');
  });

  it('stores the KSeF token, never shows it back, and allows removing it', async () => {
    const { fake, state } = worker();
    const el = await mount(<Options />, fake);
    const token = '20251129-EC-0123456789-ABCDEF0123-45|nip-5260250274|0a1b2c3d4e5f';
    expect(el.querySelector('[data-testid="ksef-token-state"]')?.textContent).toBe('Token w rozszerzeniu: brak');
    const input = byLabel(el, 'Token KSeF');
    expect(input.type).toBe('password');
    await type(input, token);
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('secrets.setKsefToken')).toEqual([{ token }]);
    expect(state.tokens.ksef).toBe(token);
    expect(byLabel(el, 'Token KSeF').value).toBe('');
    expect(el.querySelector('[data-testid="ksef-token-state"]')?.textContent).toBe('Token w rozszerzeniu: zapisany');
    expect(el.innerHTML).not.toContain(token);

    await click(byRole(el, 'button', 'Usuń token KSeF'));
    expect(fake.callsOf('secrets.setKsefToken').at(-1)).toEqual({ token: '' });
    expect(el.querySelector('[data-testid="ksef-token-state"]')?.textContent).toBe('Token w rozszerzeniu: brak');
    expect(queryRole(el, 'button', 'Usuń token KSeF')).toBeNull();
  });

  it('accepts "test" as the token only on the TEST environment', async () => {
    const { fake } = worker();
    const el = await mount(<Options />, fake);
    await type(byLabel(el, 'Token KSeF'), 'test');
    expect(byLabel(el, 'Token KSeF').getAttribute('aria-invalid')).toBeNull();
    await choose(byLabel<HTMLSelectElement>(el, 'Środowisko KSeF'), 'demo');
    expect(byLabel(el, 'Token KSeF').getAttribute('aria-invalid')).toBe('true');
    expect(text(el)).toContain('Słowo „test” (logowanie certyfikatem) działa tylko w środowisku testowym.');
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('secrets.setKsefToken')).toEqual([]);
    expect(fake.callsOf('settings.save')).toEqual([]);
  });

  it('refuses a Base token that is obviously not one', async () => {
    const { fake } = worker();
    const el = await mount(<Options />, fake);
    await type(byLabel(el, 'Token API Base'), 'abc def');
    expect(text(el)).toContain('To nie wygląda na token API Base');
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('secrets.setBaseToken')).toEqual([]);
    await type(byLabel(el, 'Token API Base'), '3001234-3005678-ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('secrets.setBaseToken')).toEqual([{ token: '3001234-3005678-ABCDEFGHIJKLMNOPQRSTUVWXYZ' }]);
    expect(el.querySelector('[data-testid="base-token-state"]')?.textContent).toBe('Token w rozszerzeniu: zapisany');
  });

  it('warns that non-production environments get fictitious data only', async () => {
    const { fake } = worker();
    const el = await mount(<Options />, fake);
    expect(text(el)).toContain('Uwaga! W środowisku testowym i przedprodukcyjnym przesyłaj wyłącznie fikcyjne dane');
    await choose(byLabel<HTMLSelectElement>(el, 'Środowisko KSeF'), 'demo');
    expect(text(el)).toContain('przesyłaj wyłącznie fikcyjne dane');
    await choose(byLabel<HTMLSelectElement>(el, 'Środowisko KSeF'), 'prod');
    expect(text(el)).not.toContain('fikcyjne dane');
    expect(text(el)).toContain('prawnie wiążące');
    expect(el.querySelector('[data-testid="env-banner"]')?.textContent).toBe('Środowisko: TEST');
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('settings.save')).toEqual([{ patch: { env: 'prod' } }]);
    // The banner shows what is saved, not what is being typed.
    expect(el.querySelector('[data-testid="env-banner"]')?.classList.contains('env-prod')).toBe(true);
  });

  it('prefills the seller from Base and validates the seller data before saving', async () => {
    const { fake, state } = worker(
      {},
      {
        'seller.fromBase': () => ({
          seller: {
            name: 'Sklep Testowy Sp. z o.o.',
            addressL1: 'ul. Prosta 1',
            addressL2: '00-001 Warszawa',
            countryCode: 'PL',
            nip: GOOD_NIP,
          },
        }),
      },
    );
    const el = await mount(<Options />, fake);
    await click(byRole(el, 'button', 'Uzupełnij danymi z Base'));
    expect(byLabel(el, 'Nazwa sprzedawcy').value).toBe('Sklep Testowy Sp. z o.o.');
    expect(byLabel(el, 'Adres — kod pocztowy i miejscowość').value).toBe('00-001 Warszawa');
    expect(byLabel(el, 'NIP sprzedawcy').value).toBe(GOOD_NIP);

    await type(byLabel(el, 'Nazwa sprzedawcy'), '  ');
    expect(text(el)).toContain('Podaj nazwę sprzedawcy (firmy).');
    await type(byLabel(el, 'Kod kraju'), 'p');
    expect(byLabel(el, 'Kod kraju').value).toBe('P');
    expect(text(el)).toContain('Kod kraju to dwie wielkie litery, np. PL.');
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('settings.save')).toEqual([]);

    await type(byLabel(el, 'Nazwa sprzedawcy'), 'Sklep Testowy Sp. z o.o.');
    await type(byLabel(el, 'Kod kraju'), 'pl');
    await click(byRole(el, 'button', 'Zapisz'));
    expect(state.settings.seller).toEqual({
      name: 'Sklep Testowy Sp. z o.o.',
      addressL1: 'ul. Prosta 1',
      addressL2: '00-001 Warszawa',
      countryCode: 'PL',
    });
    expect(state.settings.nip).toBe(GOOD_NIP);
  });

  it('shows the worker refusal of a save', async () => {
    const { fake } = worker(
      {},
      {
        'settings.save': () => {
          throw new FakeCommandError('Nieprawidłowy NIP: suma kontrolna się nie zgadza.');
        },
      },
    );
    const el = await mount(<Options />, fake);
    await type(byLabel(el, 'NIP sprzedawcy'), GOOD_NIP);
    await click(byRole(el, 'button', 'Zapisz'));
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('Nieprawidłowy NIP: suma kontrolna się nie zgadza.');
  });

  it('reports both results of "Sprawdź połączenie"', async () => {
    const { fake } = worker(
      {},
      {
        'connection.check': () => ({
          ksef: { ok: true, message: 'zalogowano (NIP 5260250274, środowisko testowe)' },
          base: { ok: false, message: 'Base odrzucił token API.' },
        }),
      },
    );
    const el = await mount(<Options />, fake);
    await click(byRole(el, 'button', 'Sprawdź połączenie'));
    const result = el.querySelector<HTMLElement>('[data-testid="connection-result"]');
    expect(result).not.toBeNull();
    const lines = [...(result?.querySelectorAll('.alert') ?? [])].map((x) => [x.className, x.textContent]);
    expect(lines).toEqual([
      ['alert alert-success', 'KSeF: zalogowano (NIP 5260250274, środowisko testowe)'],
      ['alert alert-danger', 'Base: Base odrzucił token API.'],
    ]);
  });
});

describe('options page: saving checks at once', () => {
  it('saving new tokens drops the old check result and checks the new tokens right away', async () => {
    let checks = 0;
    const { fake } = worker(
      {},
      {
        'connection.check': () => {
          checks++;
          return checks === 1
            ? { ksef: { ok: true, message: 'stary token działa' }, base: { ok: true, message: 'ok' } }
            : {
                ksef: {
                  ok: false,
                  message:
                    'Token KSeF nie pozwala wysyłać faktur: brakuje uprawnienia InvoiceWrite (token ma: InvoiceRead).',
                  permissions: { present: ['InvoiceRead'], missing: ['InvoiceWrite'] },
                },
                base: { ok: true, message: 'ok' },
              };
        },
      },
    );
    const el = await mount(<Options />, fake);
    await click(byRole(el, 'button', 'Sprawdź połączenie'));
    expect(text(el)).toContain('stary token działa');
    await type(byLabel(el, 'Token KSeF'), '20251129-EC-0123456789-ABCDEF0123-45|nip-5260250274|0a1b2c3d4e5f');
    await click(byRole(el, 'button', 'Zapisz'));
    expect(fake.callsOf('connection.check')).toHaveLength(2);
    expect(text(el)).not.toContain('stary token działa');
    const result = el.querySelector<HTMLElement>('[data-testid="connection-result"]');
    expect(result?.querySelector('.alert-danger')?.textContent).toContain('brakuje uprawnienia InvoiceWrite');
    expect(el.querySelector('.alert-success')?.textContent).toBe('Zapisano');
  });

  it('an empty form says what is required instead of "no changes"', async () => {
    const { fake } = worker({ nip: '' });
    const el = await mount(<Options />, fake);
    await click(byRole(el, 'button', 'Zapisz'));
    expect(el.querySelector('.alert-danger')?.textContent).toBe(
      'Nic nie zapisano: formularz jest pusty. Wymagane są: Token KSeF, NIP sprzedawcy, Token API Base, Nazwa sprzedawcy, Adres — ulica i numer.',
    );
    expect(fake.callsOf('connection.check')).toHaveLength(0);
  });
});
