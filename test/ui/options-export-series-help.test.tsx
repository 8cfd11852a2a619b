// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ExportProgress, OUTBOX_REVISION_KEY, type SeriesView, type Settings } from '../../src/messaging';
import { Options } from '../../src/ui/options/Options';
import { secrets, settings } from './data';
import { byLabel, byRole, check, choose, click, type FakeHandlers, fakePlatform, flush, mount, text } from './harness';

function worker(extra: FakeHandlers = {}, start: Partial<Settings> = {}) {
  const state = { settings: settings(start), secrets: secrets() };
  const handlers: FakeHandlers = {
    'settings.get': () => ({ settings: state.settings, secrets: state.secrets }),
    'settings.save': ({ patch }) => {
      state.settings = { ...state.settings, ...patch };
      return { settings: state.settings };
    },
    ...extra,
  };
  return { state, fake: fakePlatform(handlers, { now: Date.parse('2026-11-29T12:00:00Z') }) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('options page: Eksport dokumentów', () => {
  const progress = (over: Partial<ExportProgress>): ExportProgress => ({
    month: '2026-10',
    state: 'running',
    total: 200,
    sent: 0,
    accepted: 0,
    rejected: 0,
    failed: 0,
    ...over,
  });

  it('offers the current month and 12 back, and counts the invoices not yet sent per month', async () => {
    const counts: Record<string, number> = { '2026-11': 3, '2026-10': 200 };
    const { fake } = worker({
      'export.count': ({ month }) => ({ month, notSent: counts[month] ?? 0 }),
      'export.progress': () => ({ progress: null }),
    });
    const el = await mount(<Options initialTab="export" />, fake);
    const select = byLabel<HTMLSelectElement>(el, 'Miesiąc');
    const values = [...select.options].map((o) => o.value);
    expect(values).toHaveLength(13);
    expect(values[0]).toBe('2026-11');
    expect(values[12]).toBe('2025-11');
    expect(select.options[0]?.textContent).toBe('listopad 2026');
    expect(el.querySelector('[data-testid="export-count"]')?.textContent).toBe('Niewysłane faktury w tym miesiącu: 3');

    await choose(select, '2026-10');
    expect(el.querySelector('[data-testid="export-count"]')?.textContent).toBe(
      'Niewysłane faktury w tym miesiącu: 200',
    );
    await choose(select, '2026-01');
    expect(el.querySelector('[data-testid="export-count"]')?.textContent).toBe('Niewysłane faktury w tym miesiącu: 0');
    expect(byRole<HTMLButtonElement>(el, 'button', 'Wyślij').disabled).toBe(true);
    expect(fake.callsOf('export.count').map((r) => r.month)).toEqual(['2026-11', '2026-10', '2026-01']);
  });

  it('starts the export and follows its progress every second until it is done', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let current: ExportProgress | null = null;
    const { fake } = worker({
      'export.count': ({ month }) => ({ month, notSent: 200 }),
      'export.start': ({ month }) => {
        current = progress({ month, mode: 'batch' });
        return { progress: current };
      },
      'export.progress': () => ({ progress: current }),
    });
    const el = await mount(<Options initialTab="export" />, fake);
    await choose(byLabel<HTMLSelectElement>(el, 'Miesiąc'), '2026-10');
    await click(byRole(el, 'button', 'Wyślij'));
    expect(fake.callsOf('export.start')).toEqual([{ month: '2026-10' }]);
    const bar = () => el.querySelector('[role="progressbar"]');
    expect(bar()?.getAttribute('aria-valuenow')).toBe('0');
    expect(bar()?.getAttribute('aria-valuemax')).toBe('200');
    expect(text(el)).toContain('Eksport październik 2026: Wysyłanie (sesja wsadowa)');
    expect(byRole<HTMLButtonElement>(el, 'button', 'Wyślij').disabled).toBe(true);

    current = progress({ sent: 120, accepted: 100, rejected: 1 });
    const before = fake.callsOf('export.progress').length;
    vi.advanceTimersByTime(1000);
    await flush();
    expect(fake.callsOf('export.progress').length).toBe(before + 1);
    expect(bar()?.getAttribute('aria-valuenow')).toBe('120');
    expect(text(el)).toContain('Wysłano 120 z 200 (przyjęte: 100, odrzucone: 1, błędy: 0)');

    current = progress({ state: 'done', sent: 200, accepted: 199, rejected: 1 });
    vi.advanceTimersByTime(1000);
    await flush();
    expect(text(el)).toContain('Zakończony');
    // Done: no more polling.
    const after = fake.callsOf('export.progress').length;
    vi.advanceTimersByTime(5000);
    await flush();
    expect(fake.callsOf('export.progress').length).toBe(after);
  });

  it('refreshes progress and count when the worker bumps the outbox revision', async () => {
    let current: ExportProgress | null = progress({ state: 'waiting', sent: 10, resumeAt: '2026-11-29T13:05:00Z' });
    let notSent = 190;
    const { fake } = worker({
      'export.count': ({ month }) => ({ month, notSent }),
      'export.progress': () => ({ progress: current }),
    });
    const el = await mount(<Options initialTab="export" />, fake);
    expect(text(el)).toContain('Oczekiwanie na limit KSeF');
    expect(text(el)).toContain('Wznowienie o 14:05');
    current = progress({ state: 'failed', sent: 10, message: 'Base nie odpowiada.' });
    notSent = 188;
    await fake.fireStorage([OUTBOX_REVISION_KEY]);
    expect(text(el)).toContain('Przerwany');
    expect(text(el)).toContain('Base nie odpowiada.');
    expect(el.querySelector('[data-testid="export-count"]')?.textContent).toBe(
      'Niewysłane faktury w tym miesiącu: 188',
    );
  });
});

describe('options page: Serie numeracji', () => {
  const SERIES: SeriesView[] = [
    { id: '11', name: 'Faktury sklepu', format: 'FV/%N/%M/%Y', enabled: true },
    { id: '12', name: 'Wewnętrzne', format: 'WEW/%N/%Y', enabled: true },
    { id: '13', name: 'Allegro', format: 'A/%N/%M/%Y', enabled: false },
  ];

  it('lists the series from Base and saves the checked ones as enabledSeries', async () => {
    const { fake, state } = worker({ 'series.list': () => ({ series: SERIES }) });
    const el = await mount(<Options initialTab="series" />, fake);
    expect(text(el)).toContain('Nie zapisano jeszcze wyboru: domyślnie wysyłane są wszystkie serie.');
    expect(byLabel(el, 'Faktury sklepu (FV/%N/%M/%Y)').checked).toBe(true);
    expect(byLabel(el, 'Allegro (A/%N/%M/%Y)').checked).toBe(false);
    await check(byLabel(el, 'Wewnętrzne (WEW/%N/%Y)'), false);
    await check(byLabel(el, 'Allegro (A/%N/%M/%Y)'), true);
    await click(byRole(el, 'button', 'Zapisz serie'));
    expect(fake.callsOf('settings.save')).toEqual([{ patch: { enabledSeries: ['11', '13'], seriesRules: {} } }]);
    expect(state.settings.enabledSeries).toEqual(['11', '13']);
    expect(text(el)).not.toContain('Nie zapisano jeszcze wyboru');
  });

  it('saves each series’ split-payment and margin rules, dropping defaults', async () => {
    const { fake, state } = worker(
      { 'series.list': () => ({ series: SERIES }) },
      { seriesRules: { '12': { splitPayment: 'always' } } },
    );
    const el = await mount(<Options initialTab="series" />, fake);
    const split11 = el.querySelector<HTMLSelectElement>('#split-11')!;
    const margin11 = el.querySelector<HTMLSelectElement>('#margin-11')!;
    const split12 = el.querySelector<HTMLSelectElement>('#split-12')!;
    expect(split12.value).toBe('always');
    expect([...split11.options].map((o) => o.text)).toEqual([
      'nie oznaczaj',
      'gdy kwota brutto przekracza 15 000 zł (art. 108a ust. 1a)',
      'oznaczaj każdą fakturę',
    ]);
    expect([...margin11.options].map((o) => o.text)).toContain('przedmioty kolekcjonerskie i antyki');
    await choose(split11, 'over-15000');
    await choose(margin11, 'used');
    await choose(split12, 'never');
    await click(byRole(el, 'button', 'Zapisz serie'));
    expect(state.settings.seriesRules).toEqual({ '11': { splitPayment: 'over-15000', margin: 'used' } });
    await choose(margin11, '');
    await click(byRole(el, 'button', 'Zapisz serie'));
    expect(state.settings.seriesRules).toEqual({ '11': { splitPayment: 'over-15000' } });
  });

  it('warns when no series is checked', async () => {
    const { fake } = worker({ 'series.list': () => ({ series: SERIES.slice(0, 1) }) }, { enabledSeries: ['11'] });
    const el = await mount(<Options initialTab="series" />, fake);
    await check(byLabel(el, 'Faktury sklepu (FV/%N/%M/%Y)'), false);
    expect(text(el)).toContain('Nie zaznaczono żadnej serii: żadna faktura nie zostanie wysłana do KSeF.');
  });
});

describe('options page: Pomoc', () => {
  it('links the official taxpayer application of each environment, in both languages', async () => {
    const { fake } = worker();
    const el = await mount(<Options initialTab="help" />, fake);
    const links = [...el.querySelectorAll('[role="tabpanel"] a[href]')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      'https://web2te-ksef.mf.gov.pl/web/',
      'https://web2tr-ksef.mf.gov.pl/web/',
      'https://ksef.podatki.gov.pl/',
    ]);
    expect(text(el)).toContain('Środowisko testowe (TEST)');
    expect(text(el)).toContain('Konto → Moje konto → API');
    await choose(byLabel<HTMLSelectElement>(el, 'Język interfejsu'), 'en');
    expect(text(el)).toContain('Pre-production environment (DEMO)');
    expect([...el.querySelectorAll('[role="tabpanel"] a[href]')]).toHaveLength(3);
  });
});
