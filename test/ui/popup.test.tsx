// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type InvoiceView, OUTBOX_REVISION_KEY, type Res } from '../../src/messaging';
import { Popup } from '../../src/ui/popup/Popup';
import { byRole, click, FakeCommandError, fakePlatform, mount, text } from './harness';

type Summary = Res<'popup.summary'>;
const NOW = Date.parse('2026-11-29T12:00:00Z');

function summary(over: Partial<Summary> = {}): Summary {
  return {
    env: 'test',
    configured: true,
    pending: [],
    attention: [],
    accepted: [],
    export: null,
    warnings: [],
    ...over,
  };
}

const inv = (over: Partial<InvoiceView>): InvoiceView => ({ invoiceId: '1', number: 'FV/1/11/2026', ...over });

describe('popup', () => {
  it('says when the extension is not configured and opens the options', async () => {
    const fake = fakePlatform({ 'popup.summary': () => summary({ configured: false }) }, { now: NOW });
    const el = await mount(<Popup />, fake);
    expect(el.querySelector('h1')?.textContent).toBe('KSeF dla Base');
    expect(el.querySelector('[data-testid="popup-state"]')?.textContent).toBe(
      'Rozszerzenie nie jest jeszcze skonfigurowane.',
    );
    await click(byRole(el, 'button', 'Otwórz ustawienia'));
    expect(fake.optionsOpened).toBe(1);
  });

  it('shows the environment, with PROD set apart', async () => {
    for (const env of ['test', 'demo', 'prod'] as const) {
      const el = await mount(<Popup />, fakePlatform({ 'popup.summary': () => summary({ env }) }, { now: NOW }));
      const banner = el.querySelector('[data-testid="env-banner"]');
      expect(banner?.textContent).toBe(`Środowisko: ${env.toUpperCase()}`);
      expect(banner?.classList.contains(`env-${env}`)).toBe(true);
    }
  });

  it('lists pending invoices with their age, problems with reasons, and accepted ones with a copyable KSeF number', async () => {
    const fake = fakePlatform(
      {
        'popup.summary': () =>
          summary({
            pending: [
              inv({ invoiceId: '10', number: 'FV/10/11/2026', state: 'processing', since: '2026-11-29T10:00:00Z' }),
              inv({ invoiceId: '11', number: 'FV/11/11/2026', state: 'processing', since: '2026-11-29T11:55:00Z' }),
            ],
            attention: [
              inv({
                invoiceId: '20',
                number: 'FV/20/11/2026',
                state: 'rejected',
                reason: 'Nieprawidłowy NIP nabywcy.',
                ksefStatus: { code: 450, description: 'Błąd weryfikacji semantyki dokumentu faktury' },
              }),
              inv({
                invoiceId: '21',
                number: 'FV/21/11/2026',
                state: 'needs-attention',
                offline: true,
                offlineWithoutCertificate: true,
              }),
            ],
            accepted: [
              inv({
                invoiceId: '30',
                number: 'FV/30/11/2026',
                state: 'accepted',
                ksefNumber: '5260250274-20261129-0100A0B1C2D3-4E',
                processedAt: '2026-11-29T09:15:00Z',
              }),
            ],
          }),
        'invoice.openPrint': () => ({}),
      },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    expect(el.querySelector('[data-testid="popup-state"]')?.textContent).toBe('W przetwarzaniu: 2 · Wymaga uwagi: 2');
    const pending = el.querySelector<HTMLElement>('[data-testid="popup-pending"]');
    expect(
      [...(pending?.querySelectorAll('li') ?? [])].map((li) => [
        li.querySelector('strong')?.textContent,
        li.querySelector('.line-detail')?.textContent,
      ]),
    ).toEqual([
      ['FV/10/11/2026', 'W przetwarzaniu od 2 h'],
      ['FV/11/11/2026', 'W przetwarzaniu od 5 min'],
    ]);
    const attention = el.querySelector<HTMLElement>('[data-testid="popup-attention"]');
    const details = (id: string) =>
      [
        ...(attention?.querySelectorAll(
          `li[data-invoice-id="${id}"] .label, li[data-invoice-id="${id}"] .line-detail`,
        ) ?? []),
      ].map((x) => x.textContent);
    expect(details('20')).toEqual([
      'Odrzucona',
      'Nieprawidłowy NIP nabywcy.',
      '450 Błąd weryfikacji semantyki dokumentu faktury',
    ]);
    expect(details('21')[0]).toBe('Offline');
    expect(details('21')[1]).toBe('Wymaga uwagi');
    expect(details('21')[2]).toContain('nie skonfigurowano certyfikatu Offline');
    const accepted = el.querySelector<HTMLElement>('[data-testid="popup-accepted"]');
    expect(accepted && text(accepted)).toContain('5260250274-20261129-0100A0B1C2D3-4E');
    expect(accepted && text(accepted)).toContain('29.11.2026, 10:15');
    await click(byRole(el, 'button', 'Kopiuj numer KSeF 5260250274-20261129-0100A0B1C2D3-4E'));
    expect(fake.copied).toEqual(['5260250274-20261129-0100A0B1C2D3-4E']);
    await click(byRole(el, 'button', 'Wydruk faktury FV/30/11/2026 z kodami QR'));
    expect(fake.callsOf('invoice.openPrint')).toEqual([{ invoiceId: '30' }]);
  });

  it('polls now, reports how many were checked and reloads the lists', async () => {
    let pending = [inv({ state: 'processing', since: '2026-11-29T11:00:00Z' })];
    const fake = fakePlatform(
      {
        'popup.summary': () => summary({ pending }),
        'poll.now': () => {
          pending = [];
          return { checked: 1 };
        },
      },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    expect(el.querySelector('[data-testid="popup-state"]')?.textContent).toBe('W przetwarzaniu: 1 · Wymaga uwagi: 0');
    await click(byRole(el, 'button', 'Sprawdź teraz'));
    expect(fake.callsOf('poll.now')).toHaveLength(1);
    expect(text(el)).toContain('Sprawdzono faktur: 1');
    expect(el.querySelector('[data-testid="popup-state"]')?.textContent).toBe('Wszystko w porządku.');
  });

  it('refreshes when the worker bumps the outbox revision, and ignores other keys', async () => {
    let n = 0;
    const fake = fakePlatform(
      {
        'popup.summary': () => {
          n++;
          return summary({ warnings: [`ostrzeżenie ${n}`] });
        },
      },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    expect(text(el)).toContain('ostrzeżenie 1');
    await fake.fireStorage(['settings']);
    expect(n).toBe(1);
    await fake.fireStorage([OUTBOX_REVISION_KEY]);
    expect(text(el)).toContain('ostrzeżenie 2');
  });

  it('shows the export progress', async () => {
    const fake = fakePlatform(
      {
        'popup.summary': () =>
          summary({
            export: { month: '2026-10', state: 'running', total: 40, sent: 10, accepted: 8, rejected: 0, failed: 0 },
          }),
      },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    expect(el.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('10');
    expect(text(el)).toContain('Eksport październik 2026: Wysyłanie');
  });

  it('shows the worker error when the summary cannot be had', async () => {
    const fake = fakePlatform(
      {
        'popup.summary': () => {
          throw new FakeCommandError('Nie można połączyć się z rozszerzeniem. Odśwież stronę.');
        },
      },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    expect(el.querySelector('[data-testid="popup-state"]')?.textContent).toBe(
      'Nie udało się wczytać stanu: Nie można połączyć się z rozszerzeniem. Odśwież stronę.',
    );
    byRole(el, 'button', 'Otwórz ustawienia');
  });

  it('follows a language switch made in another page', async () => {
    const fake = fakePlatform({ 'popup.summary': () => summary() }, { now: NOW });
    const el = await mount(<Popup />, fake);
    byRole(el, 'button', 'Sprawdź teraz');
    fake.lang = 'en';
    await fake.fireStorage(['uiLang']);
    byRole(el, 'button', 'Check now');
    expect(el.querySelector('[data-testid="popup-state"]')?.textContent).toBe('All is well.');
  });

  it('speaks English when chosen', async () => {
    const fake = fakePlatform({ 'popup.summary': () => summary({ env: 'prod' }) }, { now: NOW, lang: 'en' });
    const el = await mount(<Popup />, fake);
    expect(el.querySelector('h1')?.textContent).toBe('KSeF for Base');
    expect(el.querySelector('[data-testid="env-banner"]')?.textContent).toBe('Environment: PROD');
    byRole(el, 'button', 'Check now');
  });
});

describe('popup: offline deadline', () => {
  const late = inv({
    invoiceId: '7',
    number: 'FV/7/11/2026',
    state: 'queued',
    issueDate: '2026-11-26',
    sendBy: '2026-11-27',
  });
  const due = inv({
    invoiceId: '8',
    number: 'FV/8/11/2026',
    state: 'queued',
    issueDate: '2026-11-27',
    sendBy: '2026-11-30',
  });
  const today = inv({
    invoiceId: '9',
    number: 'FV/9/11/2026',
    state: 'queued',
    issueDate: '2026-11-29',
    sendBy: '2026-11-30',
  });
  it('says "wyślij do …" for invoices not yet in KSeF whose issue day is over, red once overdue', async () => {
    const fake = fakePlatform(
      { 'popup.summary': () => summary({ pending: [due, today], attention: [late] }) },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    const line = (id: string) => el.querySelector(`[data-invoice-id="${id}"] [data-testid="send-by"]`);
    expect(line('8')?.textContent).toBe('Wyślij do KSeF do 30.11.2026');
    expect(line('8')?.className).toContain('text-muted');
    expect(line('7')?.textContent).toBe('Termin wysłania do KSeF minął 27.11.2026: wyślij jak najszybciej');
    expect(line('7')?.className).toContain('text-danger');
    // Issued today: it can still go online today, no deadline shown.
    expect(line('9')).toBeNull();
  });
});
