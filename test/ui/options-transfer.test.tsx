// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { OfflineCertificateInfo, Settings } from '../../src/messaging';
import { Options } from '../../src/ui/options/Options';
import { secrets, settings } from './data';
import {
  byLabel,
  byRole,
  check,
  choose,
  click,
  FakeCommandError,
  type FakeHandlers,
  fakePlatform,
  flush,
  mount,
  text,
  type,
} from './harness';

const CERTS: OfflineCertificateInfo[] = [
  {
    serialNumber: '0123456789ABCDEF',
    name: 'Sklep offline',
    validFrom: '2026-01-10T10:00:00Z',
    validTo: '2028-01-10T10:00:00Z',
    status: 'Active',
  },
  {
    serialNumber: 'FEDCBA9876543210',
    name: 'Zapasowy',
    validFrom: '2026-06-01T10:00:00Z',
    validTo: '2027-06-01T10:00:00Z',
    status: 'Active',
  },
];

function worker(extra: FakeHandlers = {}, start: Partial<Settings> = {}) {
  const state = { settings: settings(start), secrets: secrets() };
  const handlers: FakeHandlers = {
    'settings.get': () => ({ settings: state.settings, secrets: state.secrets }),
    'settings.save': ({ patch }) => {
      state.settings = { ...state.settings, ...patch };
      return { settings: state.settings };
    },
    'certs.listOffline': () => ({ certificates: CERTS }),
    ...extra,
  };
  return { state, fake: fakePlatform(handlers) };
}

async function openTransfer(fake: ReturnType<typeof fakePlatform>) {
  const el = await mount(<Options initialTab="transfer" />, fake);
  expect(byRole(el, 'tab', 'Przekazywanie dokumentów').getAttribute('aria-selected')).toBe('true');
  return el;
}

/** Picks a file in an <input type=file> as a user would (happy-dom cannot open a file dialog). */
async function pickFile(input: HTMLInputElement, file: File) {
  await act(() => {
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

describe('options page: Przekazywanie dokumentów', () => {
  it('saves auto-send, OSS and the VAT-rate rules', async () => {
    const { fake, state } = worker();
    const el = await openTransfer(fake);
    expect(text(el)).toContain('Przekazuj faktury automatycznie');
    await click(byLabel(el, 'TAK'));
    await check(byLabel(el, 'Przekaż oznaczenie OSS'), true);
    await choose(byLabel<HTMLSelectElement>(el, 'Stawka 0% dla nabywcy spoza UE'), '0 KR');
    await click(byRole(el, 'button', 'Zapisz ustawienia przekazywania'));
    expect(fake.callsOf('settings.save')).toEqual([
      {
        patch: {
          autoSend: true,
          oss: true,
          rateRules: { euVatBuyerZero: '0 WDT', nonEuZero: '0 KR', exemption: null },
        },
      },
    ]);
    expect(state.settings.autoSend).toBe(true);
  });

  it('requires the text of the exemption basis once an exemption kind is chosen', async () => {
    const { fake, state } = worker();
    const el = await openTransfer(fake);
    await choose(byLabel<HTMLSelectElement>(el, 'Podstawa zwolnienia z VAT (stawka „zw”)'), 'P_19A');
    await click(byRole(el, 'button', 'Zapisz ustawienia przekazywania'));
    expect(fake.callsOf('settings.save')).toEqual([]);
    expect(text(el)).toContain('Podaj podstawę prawną zwolnienia z VAT');
    await type(byLabel(el, 'Treść podstawy zwolnienia'), 'art. 43 ust. 1 pkt 37 ustawy o VAT');
    expect(text(el)).not.toContain('Podaj podstawę prawną zwolnienia z VAT');
    await click(byRole(el, 'button', 'Zapisz ustawienia przekazywania'));
    expect(state.settings.rateRules.exemption).toEqual({ kind: 'P_19A', text: 'art. 43 ust. 1 pkt 37 ustawy o VAT' });
  });

  it('lists the Offline certificates from KSeF with name and validity', async () => {
    const { fake } = worker();
    const el = await openTransfer(fake);
    const select = byLabel<HTMLSelectElement>(el, 'Numer seryjny certyfikatu');
    const labels = [...select.options].map((o) => o.textContent);
    expect(labels).toEqual([
      '— wybierz certyfikat —',
      '0123456789ABCDEF — Sklep offline (ważny 10.01.2026 – 10.01.2028)',
      'FEDCBA9876543210 — Zapasowy (ważny 01.06.2026 – 01.06.2027)',
    ]);
  });

  it('imports the key with its password, clears the password after a refusal and shows the worker message', async () => {
    const keyPem =
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n';
    const { fake, state } = worker({
      'certs.importKey': (req) => {
        if (req.password !== 'dobre-haslo')
          throw new FakeCommandError(
            'Nieprawidłowe hasło do klucza prywatnego. Wpisz hasło ustalone przy tworzeniu certyfikatu.',
          );
        const cert = CERTS.find((c) => c.serialNumber === req.serialNumber);
        if (!cert) throw new FakeCommandError('nieznany certyfikat');
        state.secrets = { ...state.secrets, offlineKey: { keyType: 'EC P-256', serialNumber: cert.serialNumber } };
        state.settings = {
          ...state.settings,
          offlineCertificate: {
            serialNumber: cert.serialNumber,
            name: cert.name,
            validFrom: cert.validFrom,
            validTo: cert.validTo,
          },
        };
        return { secrets: state.secrets, settings: state.settings };
      },
    });
    const el = await openTransfer(fake);

    // Nothing chosen: refused before reaching the worker.
    await click(byRole(el, 'button', 'Wczytaj klucz'));
    expect(fake.callsOf('certs.importKey')).toEqual([]);
    expect(text(el)).toContain('Wybierz numer seryjny certyfikatu z listy.');
    expect(text(el)).toContain('Wskaż plik prywatnego klucza.');

    await choose(byLabel<HTMLSelectElement>(el, 'Numer seryjny certyfikatu'), '0123456789ABCDEF');
    await pickFile(byLabel(el, 'Prywatny klucz certyfikatu'), new File([keyPem], 'offline.key'));
    await type(byLabel(el, 'Hasło do prywatnego klucza certyfikatu'), 'zle-haslo');
    await click(byRole(el, 'button', 'Wczytaj klucz'));
    const first = fake.callsOf('certs.importKey')[0];
    expect(first).toMatchObject({ serialNumber: '0123456789ABCDEF', fileName: 'offline.key', password: 'zle-haslo' });
    expect(atob(first?.fileBase64 ?? '')).toBe(keyPem);
    expect(el.querySelector('[role="alert"]')?.textContent).toBe(
      'Nieprawidłowe hasło do klucza prywatnego. Wpisz hasło ustalone przy tworzeniu certyfikatu.',
    );
    expect(byLabel(el, 'Hasło do prywatnego klucza certyfikatu').value).toBe('');

    await type(byLabel(el, 'Hasło do prywatnego klucza certyfikatu'), 'dobre-haslo');
    await click(byRole(el, 'button', 'Wczytaj klucz'));
    expect(byLabel(el, 'Hasło do prywatnego klucza certyfikatu').value).toBe('');
    expect(text(el)).toContain('Klucz wczytany i zapisany w zaszyfrowanej postaci.');
    expect(el.querySelector('[data-testid="offline-key-state"]')?.textContent).toContain(
      'Zapisany klucz: EC P-256, certyfikat 0123456789ABCDEF',
    );
    expect(el.querySelector('[data-testid="offline-cert-current"]')?.textContent).toBe(
      'Wybrany certyfikat: 0123456789ABCDEF — Sklep offline, ważny do 10.01.2028',
    );
    expect(el.innerHTML).not.toContain('dobre-haslo');
  });

  it('refuses a file far too big for a key without sending it', async () => {
    const { fake } = worker();
    const el = await openTransfer(fake);
    await choose(byLabel<HTMLSelectElement>(el, 'Numer seryjny certyfikatu'), '0123456789ABCDEF');
    await pickFile(byLabel(el, 'Prywatny klucz certyfikatu'), new File([new Uint8Array(100_000)], 'film.mp4'));
    expect(text(el)).toContain('Ten plik jest za duży jak na klucz prywatny');
    await click(byRole(el, 'button', 'Wczytaj klucz'));
    expect(fake.callsOf('certs.importKey')).toEqual([]);
  });

  it('says why the certificate list is missing when KSeF cannot be asked', async () => {
    const { fake } = worker({
      'certs.listOffline': () => {
        throw new FakeCommandError('Najpierw zapisz token KSeF i NIP w zakładce Połączenie.');
      },
    });
    const el = await openTransfer(fake);
    expect(text(el)).toContain(
      'Nie udało się wczytać certyfikatów: Najpierw zapisz token KSeF i NIP w zakładce Połączenie.',
    );
  });
});
