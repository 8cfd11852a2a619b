// @vitest-environment happy-dom
/** The KSeF block of one invoice: badge per state, disabled icon, actions through the worker. */
import { beforeEach, describe, expect, it } from 'vitest';
import { ViewStore } from '../../src/content/store';
import { formatWarsaw, InvoiceWidget, type WidgetContext } from '../../src/content/widget';
import { contentT } from '../../src/i18n/panel';
import { PANEL_LONG_TEXTS } from '../../src/i18n/panel-long';
import type { InvoiceView, SendBlock } from '../../src/messaging';
import { renderQrSvg } from '../../src/qr/svg';
import { FakeWorker } from './fake-worker';
import { rootOf, trusted, userClick } from './shadow';

const BASE: InvoiceView = { invoiceId: '48211937', number: '214/05/2026/FV' };

let worker: FakeWorker;
let copied: string[];

function mount(view: InvoiceView, lang: 'pl' | 'en' = 'pl', row = false) {
  worker = new FakeWorker([view]);
  copied = [];
  const ctx: WidgetContext = {
    doc: document,
    t: contentT(lang, PANEL_LONG_TEXTS[lang]),
    send: worker.send,
    store: new ViewStore(),
    copy: async (s) => {
      copied.push(s);
    },
  };
  const w = new InvoiceWidget(ctx, view.invoiceId, row);
  document.body.append(w.host);
  ctx.store.put([view]);
  w.bind(view.invoiceId);
  const root = rootOf(w.host)!;
  return {
    w,
    ctx,
    root,
    button: root.querySelector<HTMLButtonElement>('button.send')!,
    badgeText: () => root.querySelector('.badge')?.textContent ?? '',
    message: () => {
      const m = root.querySelector<HTMLElement>('.msg');
      return !m || m.hidden ? '' : (m.textContent ?? '');
    },
    action: (a: string) => root.querySelector<HTMLButtonElement>(`[data-action="${a}"]`),
  };
}

/** Lets the worker's promise and the click handler finish. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('badges per state', () => {
  it('names a non-production environment on the badge (TEST, DEMO), never PROD', () => {
    const onTest = mount({ ...BASE, state: 'accepted', ksefNumber: 'KSEF-1', env: 'test' });
    expect(onTest.root.querySelector('.env')?.textContent).toBe('TEST');
    expect(onTest.badgeText()).toContain('Zaakceptowana');
    const onProd = mount({ ...BASE, state: 'accepted', ksefNumber: 'KSEF-1' });
    expect(onProd.root.querySelector('.env')).toBeNull();
    const untouched = mount({ ...BASE, env: 'demo' });
    expect(untouched.badgeText()).toBe('');
  });

  it('shows only the send icon for an invoice the extension never touched', () => {
    const m = mount(BASE);
    expect(m.badgeText()).toBe('');
    expect(m.button.disabled).toBe(false);
    expect(m.button.getAttribute('aria-label')).toBe('Wyślij do KSeF');
    expect(m.w.host.getAttribute('data-invoice-id')).toBe('48211937');
  });

  it.each([
    ['queued', 'W kolejce do KSeF'],
    ['sending', 'Wysyłanie…'],
    ['processing', 'W przetwarzaniu'],
  ] as const)('shows "W przetwarzaniu" while %s, with the detail in the tooltip', (state, detail) => {
    const m = mount({ ...BASE, state, since: '2026-05-13T10:00:00Z', blocked: 'in-progress' });
    const badge = m.root.querySelector('.b')!;
    expect(badge.textContent).toBe('W przetwarzaniu');
    expect(badge.getAttribute('title')).toBe(`${detail} od 2026-05-13 12:00`);
    expect(m.button.disabled).toBe(true);
  });

  it('shows an accepted invoice with its KSeF number, processing date, QR and PDF actions', () => {
    const ksefNumber = '5265877635-20260513-0100001AF629-AF';
    const m = mount({
      ...BASE,
      state: 'accepted',
      ksefNumber,
      processedAt: '2026-05-13T22:30:00Z',
      kod1Url: 'https://qr-test.ksef.mf.gov.pl/invoice/x',
      blocked: 'in-ksef',
    });
    expect(m.root.querySelector('.b')?.textContent).toBe('Zaakceptowana');
    expect(m.action('copy')?.textContent).toBe(ksefNumber);
    // 22:30 UTC in May is 00:30 the next day in Warsaw (CEST).
    expect(m.badgeText()).toContain('2026-05-14 00:30');
    expect(m.action('qr')?.textContent).toBe('Kod QR');
    expect(m.action('pdf')?.textContent).toBe('Pobierz PDF z KSeF');
    expect(m.button.disabled).toBe(true);
    expect(m.button.title).toBe('Ta faktura jest już w KSeF.');
  });

  it('shows a rejection with its reason and "Wyślij ponownie"', () => {
    const m = mount({ ...BASE, state: 'rejected', reason: 'Błędny NIP nabywcy.' });
    expect(m.root.querySelector('.b')?.textContent).toBe('Odrzucona');
    expect(m.root.querySelector('.reason')?.textContent).toBe('Błędny NIP nabywcy.');
    expect(m.action('resend')?.textContent).toBe('Wyślij ponownie');
    expect(m.action('resend')?.title).toBe('');
    // A rejected offline invoice goes again as a technical correction (docs/ksef-protocol.md §5).
    const offline = mount({ ...BASE, state: 'rejected', reason: 'Błąd.', offline: true, technicalCorrection: true });
    expect(offline.action('resend')?.title).toContain('korekta techniczna');
  });

  it('shows an offline invoice, warning when there is no Offline certificate', () => {
    const m = mount({ ...BASE, state: 'queued', offline: true, kod1Url: 'https://x', offlineWithoutCertificate: true });
    // Still on its way to KSeF: the state first, offline under it.
    expect(m.root.querySelector('.b')?.textContent).toBe('W przetwarzaniu');
    expect(m.root.querySelector('.sub')?.textContent).toBe('Offline');
    expect(m.root.querySelector('.warn')?.textContent).toContain('bez certyfikatu Offline');
    expect(m.action('qr')).not.toBeNull();
    const ok = mount({ ...BASE, state: 'processing', offline: true });
    expect(ok.root.querySelector('.b')?.textContent).toBe('W przetwarzaniu');
    expect(ok.root.querySelector('.warn')).toBeNull();
  });

  it('shows an offline invoice in processing with its state and "Offline · wyślij do <deadline>" as the row line', () => {
    const today = formatWarsaw(new Date().toISOString()).slice(0, 10);
    const day = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const v: InvoiceView = { ...BASE, state: 'processing', offline: true, issueDate: day(-1), sendBy: day(1) };
    const m = mount(v, 'pl', true);
    expect(m.root.querySelector('.b')?.textContent).toBe('W przetwarzaniu');
    const line2 = m.root.querySelector('.l2')!;
    expect(line2.textContent).toBe(`Offline · wyślij do ${day(1)}`);
    expect(line2.classList.contains('muted')).toBe(true);
    // The deadline is said once.
    expect(m.badgeText().split('wyślij do')).toHaveLength(2);
    // Past it: the line turns red.
    const late = mount({ ...v, issueDate: day(-5), sendBy: day(-1) }, 'pl', true);
    expect(late.root.querySelector('.l2')?.classList.contains('warn')).toBe(true);
  });

  it('says why a queued invoice waits, as the row line', () => {
    const m = mount({ ...BASE, state: 'queued', waiting: 'czeka na Base' }, 'pl', true);
    expect(m.root.querySelector('.b')?.textContent).toBe('W przetwarzaniu');
    expect(m.root.querySelector('.l2')?.textContent).toBe('czeka na Base');
  });

  it("shows KSeF's details of a rejection (status 450) in the row's details", () => {
    const m = mount(
      {
        ...BASE,
        state: 'rejected',
        reason: 'Błędny NIP nabywcy. Szczegóły poniżej.',
        ksefStatus: {
          code: 450,
          description: 'Błąd weryfikacji semantyki',
          details: ['Nieprawidłowy NIP w Podmiot2.', 'Pole P_2 puste.'],
        },
      },
      'pl',
      true,
    );
    // The reason leads in the row; KSeF's own details open under the state.
    expect(m.root.querySelector('.l2')?.textContent).toBe('Błędny NIP nabywcy. Szczegóły poniżej.');
    expect(m.root.querySelector('.more')?.textContent).toContain(
      'KSeF 450: Nieprawidłowy NIP w Podmiot2.; Pole P_2 puste.',
    );
    // Not for an invoice KSeF accepted.
    const ok = mount({
      ...BASE,
      state: 'accepted',
      ksefNumber: 'N',
      ksefStatus: { code: 200, description: 'OK', details: ['x'] },
    });
    expect(ok.badgeText()).not.toContain('KSeF 200');
  });

  it('shows the offline deadline for an invoice not yet in KSeF whose issue day is over, red once past', () => {
    const today = formatWarsaw(new Date().toISOString()).slice(0, 10);
    const day = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const ahead = mount({ ...BASE, issueDate: day(-1), sendBy: day(1) });
    expect(ahead.badgeText()).toBe(`wyślij do ${day(1)}`);
    expect(ahead.root.querySelector('.badge .muted')?.textContent).toBe(`wyślij do ${day(1)}`);
    const late = mount({ ...BASE, state: 'needs-attention', issueDate: day(-5), sendBy: day(-2) });
    expect(late.root.querySelector('.badge .warn')?.textContent).toBe(`wyślij do ${day(-2)}`);
    // Issued today: it can still go online, nothing is shown.
    expect(mount({ ...BASE, issueDate: today, sendBy: day(1) }).badgeText()).toBe('');
  });

  it('shows what needs attention', () => {
    const m = mount({ ...BASE, state: 'needs-attention', reason: 'Brak stawki VAT w pozycji 2.' });
    expect(m.root.querySelector('.b')?.textContent).toBe('Wymaga uwagi');
    expect(m.badgeText()).toContain('Brak stawki VAT w pozycji 2.');
  });

  it.each([
    ['series-excluded', 'Serie numeracji'],
    ['base-owned', 'integracja Base'],
    ['in-ksef', 'już w KSeF'],
    ['in-progress', 'właśnie wysyłana'],
  ] as [SendBlock, string][])('disables the icon when blocked (%s) and says why', (blocked, why) => {
    const m = mount({ ...BASE, blocked });
    expect(m.button.disabled).toBe(true);
    expect(m.button.title).toContain(why);
    // The accessible name stays the action's name.
    expect(m.button.getAttribute('aria-label')).toBe('Wyślij do KSeF');
    expect(m.button.textContent).toBe('K');
  });

  it('says "Skonfiguruj KSeF" on the icon of an unconfigured extension, and opens the settings', async () => {
    const m = mount({ ...BASE, blocked: 'not-configured' }, 'pl', true);
    expect(m.button.textContent).toBe('Skonfiguruj KSeF');
    expect(m.button.getAttribute('aria-label')).toBe('Skonfiguruj KSeF');
    expect(m.button.title).toContain('nie jest skonfigurowane');
    expect(m.button.disabled).toBe(false);
    userClick(m.button);
    await flush();
    expect(worker.callsOf('options.open')).toEqual([{}]);
    expect(worker.callsOf('invoice.send')).toEqual([]);
    // Once configured, the icon is the send icon again.
    m.ctx.store.put([{ ...BASE }]);
    expect(m.button.textContent).toBe('K');
    expect(m.button.getAttribute('aria-label')).toBe('Wyślij do KSeF: 214/05/2026/FV');
    userClick(m.button);
    await flush();
    expect(worker.callsOf('invoice.send')).toHaveLength(1);
  });

  it('speaks English when the user chose it', () => {
    const m = mount({ ...BASE, state: 'rejected', reason: 'x' }, 'en');
    expect(m.root.querySelector('.b')?.textContent).toBe('Rejected');
    expect(m.button.getAttribute('aria-label')).toBe('Send to KSeF');
  });
});

describe('what a script of the page can do', () => {
  it('cannot reach the block: its shadow root is closed', () => {
    const m = mount({ ...BASE, state: 'accepted', ksefNumber: 'KSEF-1' });
    expect(m.w.host.shadowRoot).toBeNull();
    // Nothing about the invoice in the host's own attributes or light DOM but the id Base shows.
    expect(m.w.host.textContent).toBe('');
    expect(m.root.textContent).toContain('KSEF-1');
  });

  it('ignores clicks, keys and events a script made', async () => {
    const m = mount({ ...BASE, state: 'rejected', reason: 'x' }, 'pl', true);
    m.button.click();
    m.action('resend')!.click();
    m.button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await flush();
    expect(worker.callsOf('invoice.send')).toEqual([]);
    expect(worker.callsOf('invoice.resend')).toEqual([]);
    userClick(m.action('more')!);
    expect(m.w.host.hasAttribute('data-open')).toBe(true);
    m.action('more')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(m.w.host.hasAttribute('data-open')).toBe(true);
    // The user's own click still acts.
    userClick(m.action('resend')!);
    await flush();
    expect(worker.callsOf('invoice.resend')).toEqual([{ invoiceId: '48211937' }]);
  });
});

describe('actions', () => {
  it('sends on click and shows the new state', async () => {
    const m = mount(BASE);
    userClick(m.button);
    expect(m.button.disabled).toBe(true);
    await flush();
    expect(worker.callsOf('invoice.send')).toEqual([{ invoiceId: '48211937' }]);
    expect(m.root.querySelector('.b')?.textContent).toBe('W przetwarzaniu');
    expect(m.button.disabled).toBe(true); // the worker says: in progress
  });

  it("shows the worker's refusal in the row and lets the user try again", async () => {
    const m = mount(BASE);
    worker.failNext.set('invoice.send', 'Ta faktura jest już wysyłana.');
    userClick(m.button);
    await flush();
    expect(m.message()).toBe('Ta faktura jest już wysyłana.');
    expect(m.button.disabled).toBe(false);
    userClick(m.button);
    await flush();
    expect(m.message()).toBe('');
    expect(worker.callsOf('invoice.send')).toHaveLength(2);
  });

  it('sends again after a rejection', async () => {
    const m = mount({ ...BASE, state: 'rejected', reason: 'x' });
    userClick(m.action('resend')!);
    await flush();
    expect(worker.callsOf('invoice.resend')).toEqual([{ invoiceId: '48211937' }]);
    expect(m.root.querySelector('.b')?.textContent).toBe('W przetwarzaniu');
  });

  it('copies the KSeF number and opens the print page', async () => {
    const m = mount({ ...BASE, state: 'accepted', ksefNumber: 'N-1', blocked: 'in-ksef' });
    userClick(m.action('copy')!);
    await flush();
    expect(copied).toEqual(['N-1']);
    expect(m.message()).toBe('Skopiowano numer KSeF');
    userClick(m.action('pdf')!);
    await flush();
    expect(worker.callsOf('invoice.openPrint')).toEqual([{ invoiceId: '48211937' }]);
  });

  it('shows the QR codes the worker renders, inside the shadow root, and hides them again', async () => {
    const m = mount({ ...BASE, state: 'accepted', ksefNumber: 'N-1', offline: true, blocked: 'in-ksef' });
    worker.qr = {
      kod1Svg: renderQrSvg('https://qr-test.ksef.mf.gov.pl/invoice/1', 'N-1'),
      kod2Svg: renderQrSvg('https://qr-test.ksef.mf.gov.pl/certificate/1', 'CERTYFIKAT'),
    };
    userClick(m.action('qr')!);
    await flush();
    const svgs = m.root.querySelectorAll('.qr svg');
    expect(svgs).toHaveLength(2);
    expect(svgs[1]?.textContent).toBe('CERTYFIKAT');
    expect(document.querySelectorAll('svg')).toHaveLength(0); // nothing leaks into Base's page
    userClick(m.action('qr')!);
    await flush();
    expect(m.root.querySelectorAll('.qr svg')).toHaveLength(0);
    expect(worker.callsOf('invoice.qr')).toHaveLength(1);
  });

  it('refuses QR markup that is not a plain drawing', async () => {
    const m = mount({ ...BASE, state: 'accepted', ksefNumber: 'N-1', blocked: 'in-ksef' });
    worker.qr = { kod1Svg: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>', kod2Svg: null };
    userClick(m.action('qr')!);
    await flush();
    expect(m.root.querySelector('.qr')).toBeNull();
    expect(m.message()).toContain('nieprawidłowy obraz');
  });
});

describe('the compact row form (src/content/row-layer.ts)', () => {
  const accepted: InvoiceView = {
    ...BASE,
    state: 'accepted',
    ksefNumber: '5265877635-20260513-0100001AF629-AF',
    processedAt: '2026-05-13T10:00:00Z',
    kod1Url: 'https://qr-test.ksef.mf.gov.pl/invoice/x',
    blocked: 'in-ksef',
  };
  const more = (m: ReturnType<typeof mount>) => m.root.querySelector<HTMLElement>('.more')!;

  it('shows the state and the KSeF number in the row, the date, QR and PDF under the state', async () => {
    const m = mount(accepted, 'pl', true);
    expect(m.w.host.getAttribute('data-mode')).toBe('row');
    // Outside the table, the icon's name says which invoice it sends.
    expect(m.button.getAttribute('aria-label')).toBe('Wyślij do KSeF: 214/05/2026/FV');
    const toggle = m.action('more')!;
    expect(toggle.textContent).toBe('Zaakceptowana ▾');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    // The number is the second line, copyable from the row.
    const num = m.action('copy')!;
    expect(num.classList.contains('l2')).toBe(true);
    expect(num.textContent).toBe(accepted.ksefNumber);
    expect(more(m).hidden).toBe(true);
    expect(more(m).textContent).toContain('2026-05-13 12:00');
    expect(more(m).querySelector('[data-action="pdf"]')?.textContent).toBe('Pobierz PDF z KSeF');
    userClick(toggle);
    await flush();
    expect(more(m).hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(m.w.host.hasAttribute('data-open')).toBe(true);
    // The QR codes open inside the opened part.
    worker.qr = { kod1Svg: renderQrSvg('https://qr-test.ksef.mf.gov.pl/invoice/1', 'N-1'), kod2Svg: null };
    userClick(m.action('qr')!);
    await flush();
    expect(more(m).querySelectorAll('.qr svg')).toHaveLength(1);
    // A live refresh keeps it open.
    m.ctx.store.put([{ ...accepted, processedAt: '2026-05-13T10:01:00Z' }]);
    expect(more(m).hidden).toBe(false);
    userClick(m.action('more')!);
    await flush();
    expect(more(m).hidden).toBe(true);
    expect(m.w.host.hasAttribute('data-open')).toBe(false);
    // Escape closes it too.
    userClick(m.action('more')!);
    await flush();
    expect(more(m).hidden).toBe(false);
    m.action('pdf')!.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(more(m).hidden).toBe(true);
    expect(m.action('more')!.getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps "Wyślij ponownie" in the row for a rejection, with the start of the reason under it', async () => {
    const reason = 'Błędny NIP nabywcy: 5261297913 nie przechodzi sprawdzenia sumy kontrolnej.';
    const m = mount({ ...BASE, state: 'rejected', reason }, 'pl', true);
    expect(m.action('more')?.textContent).toBe('Odrzucona ▾');
    const line2 = m.root.querySelector<HTMLElement>('.l2')!;
    expect(line2.textContent).toBe(reason);
    expect(line2.title).toBe(reason);
    expect(more(m).querySelector('.reason')?.textContent).toBe(reason);
    userClick(m.action('resend')!);
    await flush();
    expect(worker.callsOf('invoice.resend')).toEqual([{ invoiceId: BASE.invoiceId }]);
  });

  it('clears an old error when the state changes, and drops a failed reply the state has outrun', async () => {
    const failed = 'Nie udało się połączyć z rozszerzeniem. Odśwież stronę i spróbuj ponownie.';
    const m = mount(BASE, 'pl', true);
    worker.failNext.set('invoice.send', failed);
    userClick(m.button);
    await flush();
    expect(m.message()).toBe(failed);
    // The error stands in for the second line (the CSS hides .l2 under data-msg) and keeps its
    // whole text in the title.
    expect(m.w.host.hasAttribute('data-msg')).toBe(true);
    expect(m.root.querySelector<HTMLElement>('.msg')!.title).toBe(failed);
    // The worker restarted and finished the send: the row says Zaakceptowana, the error goes.
    m.ctx.store.put([{ ...accepted }]);
    expect(m.message()).toBe('');
    expect(m.w.host.hasAttribute('data-msg')).toBe(false);
    expect(m.badgeText()).toContain('Zaakceptowana');

    // A reply that fails after the invoice already moved on says nothing about it any more.
    const n = mount(BASE, 'pl', true);
    n.ctx.send = (async () => {
      n.ctx.store.put([{ ...BASE, state: 'processing', blocked: 'in-progress' }]);
      throw Object.assign(new Error('x'), { info: { message: failed } });
    }) as typeof n.ctx.send;
    userClick(n.button);
    await flush();
    expect(n.badgeText()).toBe('W przetwarzaniu');
    expect(n.message()).toBe('');
  });

  it('has nothing to open for an invoice in processing', () => {
    const m = mount({ ...BASE, state: 'processing', blocked: 'in-progress' }, 'pl', true);
    expect(m.badgeText()).toBe('W przetwarzaniu');
    expect(m.action('more')).toBeNull();
    expect(m.root.querySelector('.more')).toBeNull();
  });
});

describe('formatWarsaw', () => {
  it('shows Warsaw wall-clock time in winter and summer', () => {
    expect(formatWarsaw('2026-01-15T08:05:00Z')).toBe('2026-01-15 09:05');
    expect(formatWarsaw('2026-07-15T08:05:00Z')).toBe('2026-07-15 10:05');
    expect(formatWarsaw('nonsense')).toBe('nonsense');
  });
});
