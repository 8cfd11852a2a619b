/**
 * The offline-deadline notification (src/background/deadline-notify.ts): on the last day an invoice issued
 * outside KSeF may still be sent, exactly one notification, in Polish, with the count; none on other days and
 * none repeated on the same day however often the worker wakes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notifyDeadlinesDue } from '../../src/background/deadline-notify';
import type { Services } from '../../src/background/services';
import { workerTexts } from '../../src/i18n/worker';
import { PortError } from '../../src/pipeline/ports';
import { addSkip } from '../../src/skip/store';
import { CTX, newWorld, pipelineFor, summary } from '../pipeline/fakes';

interface Shown {
  id: string;
  title: string;
  message: string;
}

// The extension APIs the function touches: local storage (the day already notified) and notifications.
const fake = vi.hoisted(() => {
  const local: Record<string, unknown> = {};
  const shown: Shown[] = [];
  return {
    local,
    shown,
    browser: {
      storage: {
        local: {
          get: async (k: string) => (k in local ? { [k]: local[k] } : {}),
          set: async (items: Record<string, unknown>) => {
            Object.assign(local, items);
          },
        },
      },
      notifications: {
        create: async (id: string, o: { title: string; message: string }) => {
          shown.push({ id, title: o.title, message: o.message });
          return id;
        },
      },
      runtime: { getURL: (p: string) => `chrome-extension://test${p}` },
    },
  };
});
vi.mock('../../src/platform/browser', () => ({ browser: fake.browser }));

/** Two invoices issued offline on Friday 27 November 2026 (last day: Monday 30th) and one on Monday (Tuesday). */
async function worldWithOfflineInvoices(): Promise<Services> {
  const w = newWorld();
  const limited = () => new PortError('rate-limited', 'limit', { retryAt: Date.parse('2026-12-02T13:05:00Z') });
  w.ksef.failNext.set('sendOnline', [limited(), limited(), limited()]);
  w.base.add(
    summary(8, { issueDate: '2026-11-27' }),
    summary(9, { issueDate: '2026-11-27' }),
    summary(10, { issueDate: '2026-11-30' }),
  );
  const { pipeline, store } = await pipelineFor(w);
  for (const id of ['8', '9', '10'])
    expect((await pipeline.sendInvoice(id, { trigger: 'manual' })).state).toBe('queued');
  return {
    outbox: async () => store,
    settings: async () => w.settings,
    t: async () => workerTexts('pl'),
  } as unknown as Services;
}

/** Marks an invoice "Pomiń / wystawiona poza KSeF": the extension will not send it. */
async function skip(svc: Services, id: string): Promise<void> {
  await addSkip(await svc.outbox(), CTX, { invoiceId: id, number: `FV/${id}/2026`, reason: 'Poza KSeF', at: 1 });
}

/** One hourly wake at the given instant. */
async function wakeAt(iso: string, svc: Services): Promise<void> {
  vi.setSystemTime(Date.parse(iso));
  await notifyDeadlinesDue(svc);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  fake.shown.length = 0;
  for (const k of Object.keys(fake.local)) delete fake.local[k];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('offline deadline notification', () => {
  it('none before the last day (the weekend does not count)', async () => {
    const svc = await worldWithOfflineInvoices();
    await wakeAt('2026-11-28T09:00:00Z', svc);
    await wakeAt('2026-11-29T18:00:00Z', svc);
    expect(fake.shown).toEqual([]);
  });

  it('exactly one on the last day, in Polish with the count and the numbers, not repeated that day', async () => {
    const svc = await worldWithOfflineInvoices();
    // 00:30 in Warsaw on Monday 30 November is still Sunday 29th in UTC: the Polish day decides.
    await wakeAt('2026-11-29T23:30:00Z', svc);
    for (const hour of ['06', '10', '14', '21']) await wakeAt(`2026-11-30T${hour}:00:00Z`, svc);
    expect(fake.shown).toHaveLength(1);
    expect(fake.shown[0]!.id).toBe('ksef-deadline');
    expect(fake.shown[0]!.title).toBe('Dziś mija termin wysłania do KSeF (2)');
    expect(fake.shown[0]!.message).toBe(
      'Faktury wystawione poza KSeF trzeba wysłać do końca dnia: FV/8/2026, FV/9/2026. Otwórz listę faktur i wyślij je.',
    );
  });

  it('the next day notifies only the invoices due then; overdue ones are not announced as due', async () => {
    const svc = await worldWithOfflineInvoices();
    await wakeAt('2026-11-30T10:00:00Z', svc);
    await wakeAt('2026-12-01T08:00:00Z', svc);
    await wakeAt('2026-12-01T16:00:00Z', svc);
    expect(fake.shown.map((s) => s.title)).toEqual([
      'Dziś mija termin wysłania do KSeF (2)',
      'Dziś mija termin wysłania do KSeF (1)',
    ]);
    expect(fake.shown[1]!.message).toContain('FV/10/2026');
    expect(fake.shown[1]!.message).not.toContain('FV/8/2026');
    // Wednesday: everything is overdue, nothing is due today.
    await wakeAt('2026-12-02T10:00:00Z', svc);
    expect(fake.shown).toHaveLength(2);
  });

  it('leaves out invoices marked "Pomiń", as the popup does', async () => {
    const svc = await worldWithOfflineInvoices();
    await skip(svc, '9');
    await wakeAt('2026-11-30T10:00:00Z', svc);
    expect(fake.shown.map((s) => [s.title, s.message])).toEqual([
      [
        'Dziś mija termin wysłania do KSeF (1)',
        'Faktury wystawione poza KSeF trzeba wysłać do końca dnia: FV/8/2026. Otwórz listę faktur i wyślij je.',
      ],
    ]);
  });

  it('none when every invoice due today is marked "Pomiń"', async () => {
    const svc = await worldWithOfflineInvoices();
    await skip(svc, '8');
    await skip(svc, '9');
    await wakeAt('2026-11-30T10:00:00Z', svc);
    expect(fake.shown).toEqual([]);
  });
});
