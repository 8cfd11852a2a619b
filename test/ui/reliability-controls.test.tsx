// @vitest-environment happy-dom
// Per-invoice "Sprawdź teraz" / "Oznacz jako niewysłaną" (with a confirmation), "Przerwij eksport",
// and the warning before the environment or the NIP changes.
import { describe, expect, it } from 'vitest';
import type { ExportProgress, InFlightSummary, InvoiceView, Res, Settings } from '../../src/messaging';
import { Options } from '../../src/ui/options/Options';
import { Popup } from '../../src/ui/popup/Popup';
import { GOOD_NIP, secrets, settings } from './data';
import {
  byLabel,
  byRole,
  choose,
  click,
  type FakeHandlers,
  fakePlatform,
  flush,
  mount,
  queryRole,
  text,
} from './harness';

const NOW = Date.parse('2026-11-29T12:00:00Z');
type Summary = Res<'popup.summary'>;
const summary = (over: Partial<Summary>): Summary => ({
  env: 'test',
  configured: true,
  pending: [],
  attention: [],
  accepted: [],
  export: null,
  warnings: [],
  ...over,
});
const inv = (over: Partial<InvoiceView>): InvoiceView => ({ invoiceId: '1', number: 'FV/1/11/2026', ...over });

describe('popup: per-invoice control', () => {
  it('"Sprawdź teraz" asks the worker about that invoice only and says the result', async () => {
    const fake = fakePlatform(
      {
        'popup.summary': () =>
          summary({ pending: [inv({ invoiceId: '7', number: 'FV/7', state: 'processing', canCheck: true })] }),
        'invoice.check': ({ invoiceId }) => ({ item: inv({ invoiceId, number: 'FV/7', state: 'accepted' }) }),
      },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    await click(byRole(el, 'button', 'Sprawdź teraz w KSeF fakturę FV/7'));
    expect(fake.callsOf('invoice.check')).toEqual([{ invoiceId: '7' }]);
    expect(text(el)).toContain('Sprawdzono fakturę FV/7: Zaakceptowana.');
  });

  it('"Oznacz jako niewysłaną" is offered only when KSeF confirmed it, and only after a confirmation', async () => {
    const fake = fakePlatform(
      {
        'popup.summary': () =>
          summary({
            attention: [
              inv({ invoiceId: '8', number: 'FV/8', state: 'needs-attention', canCheck: true, canMarkUnsent: true }),
              inv({ invoiceId: '9', number: 'FV/9', state: 'needs-attention', canCheck: true }),
            ],
          }),
        'invoice.markUnsent': ({ invoiceId }) => ({ item: inv({ invoiceId, state: 'needs-attention' }) }),
      },
      { now: NOW },
    );
    const el = await mount(<Popup />, fake);
    const marks = el.querySelectorAll('[data-testid="mark-unsent"]');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.closest('li')?.getAttribute('data-invoice-id')).toBe('8');
    await click(marks[0] as HTMLElement);
    expect(fake.callsOf('invoice.markUnsent')).toEqual([]);
    expect(text(el)).toContain('KSeF potwierdził, że faktury FV/8 nie ma w sesji');
    await click(byRole(el, 'button', 'Anuluj'));
    expect(fake.callsOf('invoice.markUnsent')).toEqual([]);
    await click(el.querySelector('[data-testid="mark-unsent"]') as HTMLElement);
    await click(byRole(el, 'button', 'Tak, oznacz jako niewysłaną'));
    expect(fake.callsOf('invoice.markUnsent')).toEqual([{ invoiceId: '8' }]);
  });
});

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
  return { state, fake: fakePlatform(handlers, { now: NOW }) };
}

describe('options: "Przerwij eksport"', () => {
  const running: ExportProgress = {
    month: '2026-10',
    state: 'waiting',
    total: 30,
    sent: 0,
    accepted: 0,
    rejected: 0,
    failed: 0,
  };

  it('stops the running export after a confirmation', async () => {
    let progress: ExportProgress = running;
    const { fake } = worker({
      'export.count': ({ month }) => ({ month, notSent: 30 }),
      'export.progress': () => ({ progress }),
      'export.cancel': () => {
        progress = { ...running, state: 'failed', cancelled: true, failed: 30 };
        return { progress };
      },
    });
    const el = await mount(<Options />, fake);
    await click(byRole(el, 'tab', 'Eksport dokumentów'));
    await flush();
    await click(byRole(el, 'button', 'Przerwij eksport'));
    expect(fake.callsOf('export.cancel')).toEqual([]);
    expect(text(el)).toContain('Przerwać eksport?');
    await click(byRole(el, 'button', 'Tak, przerwij eksport'));
    expect(fake.callsOf('export.cancel')).toHaveLength(1);
    expect(text(el)).toContain('Eksport przerwany.');
    expect(queryRole(el, 'button', 'Przerwij eksport')).toBeNull();
  });
});

describe('options: changing the environment or the NIP', () => {
  const inFlight: InFlightSummary = {
    env: 'test',
    nip: GOOD_NIP,
    sending: 1,
    processing: 2,
    queued: 0,
    linked: 1,
    exportRunning: false,
  };

  it('warns what is in flight and what will happen to it, before saving', async () => {
    const { fake } = worker({ 'outbox.inFlight': () => inFlight }, { env: 'test', nip: GOOD_NIP });
    const el = await mount(<Options />, fake);
    expect(el.querySelector('[data-testid="context-change-warning"]')).toBeNull();
    await choose(byLabel<HTMLSelectElement>(el, 'Środowisko KSeF'), 'prod');
    await flush();
    const warning = el.querySelector('[data-testid="context-change-warning"]')?.textContent ?? '';
    expect(warning).toContain('Zmieniasz środowisko. W dotychczasowych ustawieniach (TEST, NIP 5260250274)');
    expect(warning).toContain('wysyłane 1, w przetwarzaniu 2, w kolejce 0, do sprawdzenia 1');
    expect(warning).toContain('rozliczone w dotychczasowym środowisku');
  });

  it('says nothing when nothing is in flight', async () => {
    const { fake } = worker(
      { 'outbox.inFlight': () => ({ ...inFlight, sending: 0, processing: 0, linked: 0 }) },
      { env: 'test', nip: GOOD_NIP },
    );
    const el = await mount(<Options />, fake);
    await choose(byLabel<HTMLSelectElement>(el, 'Środowisko KSeF'), 'prod');
    await flush();
    expect(el.querySelector('[data-testid="context-change-warning"]')).toBeNull();
  });
});
