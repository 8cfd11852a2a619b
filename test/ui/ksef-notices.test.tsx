// @vitest-environment happy-dom
// KSeF's system warning (popup and options, dismissable, with its time) and KSeF's current limits (Pomoc).
import { describe, expect, it } from 'vitest';
import type { Res } from '../../src/messaging';
import { Options } from '../../src/ui/options/Options';
import { Popup } from '../../src/ui/popup/Popup';
import { secrets, settings } from './data';
import { byRole, click, fakePlatform, mount, text } from './harness';

type Notices = Res<'ksef.notices'>;
const NOW = Date.parse('2026-12-04T12:00:00Z');
const WARNING = {
  env: 'test' as const,
  text: '[MAINT-7]: Prace serwisowe KSeF 2026-12-06 22:00-23:00 | [API-2]: Zmiana limitow od 2027-01-01',
  at: '2026-12-04T09:30:00.000Z',
};

function worker(notices: Notices) {
  let current = notices;
  const fake = fakePlatform(
    {
      'popup.summary': () => ({
        env: 'test',
        configured: true,
        pending: [],
        attention: [],
        accepted: [],
        export: null,
        warnings: [],
      }),
      'settings.get': () => ({ settings: settings(), secrets: secrets() }),
      'ksef.notices': () => current,
      'ksef.dismissWarning': ({ at }) => {
        if (current.warning?.at === at) current = { ...current, warning: null };
        return {};
      },
    },
    { now: NOW },
  );
  return fake;
}

describe('KSeF system warning', () => {
  it('the popup shows each message with the time it first came, and hides it when dismissed', async () => {
    const fake = worker({ warning: WARNING, limits: null });
    const el = await mount(<Popup />, fake);
    const box = el.querySelector('[data-testid="ksef-system-warning"]')!;
    expect(box).not.toBeNull();
    expect(text(box as HTMLElement)).toContain('Komunikat KSeF (od 04.12.2026, 10:30)');
    expect([...box.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'MAINT-7 Prace serwisowe KSeF 2026-12-06 22:00-23:00',
      'API-2 Zmiana limitow od 2027-01-01',
    ]);
    await click(byRole(el, 'button', 'Ukryj komunikat'));
    expect(fake.callsOf('ksef.dismissWarning')).toEqual([{ at: WARNING.at }]);
    expect(el.querySelector('[data-testid="ksef-system-warning"]')).toBeNull();
  });

  it('the options page shows it too, in English when chosen', async () => {
    const fake = worker({ warning: WARNING, limits: null });
    fake.lang = 'en';
    const el = await mount(<Options initialTab="connection" />, fake);
    expect(text(el.querySelector('[data-testid="ksef-system-warning"]') as HTMLElement)).toContain(
      'KSeF notice (since',
    );
    expect(queryDismiss(el)).not.toBeNull();
  });

  it('shows nothing without a warning', async () => {
    const el = await mount(<Popup />, worker({ warning: null, limits: null }));
    expect(el.querySelector('[data-testid="ksef-system-warning"]')).toBeNull();
  });
});

function queryDismiss(el: HTMLElement) {
  return [...el.querySelectorAll('button')].find((b) => b.textContent === 'Hide the notice') ?? null;
}

describe('KSeF limits on the Pomoc tab', () => {
  it('lists the limits read from KSeF with the time they were read', async () => {
    const el = await mount(
      <Options initialTab="help" />,
      worker({
        warning: null,
        limits: {
          env: 'demo',
          fetchedAt: '2026-12-04T07:00:00.000Z',
          rates: {
            invoiceSend: { perSecond: 10, perMinute: 30, perHour: 180 },
            onlineSession: { perSecond: 10, perMinute: 30, perHour: 120 },
          },
          context: {
            onlineSession: { maxInvoiceSizeInMB: 1, maxInvoiceWithAttachmentSizeInMB: 3, maxInvoices: 10000 },
          },
        },
      }),
    );
    const section = el.querySelector('[data-testid="ksef-limits"]') as HTMLElement;
    expect(text(section)).toContain('Odczytane z KSeF (DEMO) 04.12.2026, 08:00');
    const rows = [...section.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent).join(' | '),
    );
    expect(rows).toEqual([
      'Wysłanie faktury | 10 | 30 | 180',
      'Otwarcie i zamknięcie sesji interaktywnej | 10 | 30 | 120',
    ]);
    expect(text(section)).toContain('Największa faktura: 1 MB (3 MB z załącznikiem); najwięcej faktur w sesji: 10000.');
  });

  it('says when they have not been read yet', async () => {
    const el = await mount(<Options initialTab="help" />, worker({ warning: null, limits: null }));
    expect(text(el.querySelector('[data-testid="ksef-limits"]') as HTMLElement)).toContain(
      'Limity nie zostały jeszcze odczytane z KSeF',
    );
  });
});
