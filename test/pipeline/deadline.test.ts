/** The offline deadline in the views ("wyślij do …") and overdue invoices under "Wymaga uwagi". */
import { describe, expect, it } from 'vitest';
import { scanDeadlines } from '../../src/pipeline/deadline-scan';
import { PortError } from '../../src/pipeline/ports';
import { popupLists } from '../../src/pipeline/summary';
import { toView } from '../../src/pipeline/view';
import { newWorld, pipelineFor, settingsWith, summary } from './fakes';

describe('send-by date in the view', () => {
  it('is the end of the next working day for an invoice not yet in KSeF, Friday → Monday', () => {
    const w = newWorld();
    const v = toView(undefined, w.settings, 'pl', summary(1, { issueDate: '2026-11-27' }));
    expect(v.sendBy).toBe('2026-11-30');
  });

  it('is absent once KSeF has the invoice, and for invoices the extension does not send', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 100;
    w.base.add(summary(2, { issueDate: '2026-11-27' }));
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('2', { trigger: 'manual' });
    expect(rec.state).toBe('processing');
    expect(toView(rec, w.settings, 'pl').sendBy).toBeUndefined();
    const excluded = settingsWith({ enabledSeries: ['999'] });
    expect(toView(undefined, excluded, 'pl', summary(3, { issueDate: '2026-11-27' })).sendBy).toBeUndefined();
    const baseOwned = summary(4, { issueDate: '2026-11-27', govStatus: 2 });
    expect(toView(undefined, w.settings, 'pl', baseOwned).sendBy).toBeUndefined();
  });

  it('an announced KSeF failure over the issue date moves it to 7 working days after the failure', () => {
    const s = settingsWith({ ksefOutages: [{ from: '2026-11-26', to: '2026-11-27' }] });
    expect(toView(undefined, s, 'pl', summary(5, { issueDate: '2026-11-27' })).sendBy).toBe('2026-12-08');
  });

  it('an unavailability moves it to the next working day after it ends; a total failure leaves no deadline', () => {
    const unavailable = settingsWith({
      ksefOutages: [{ from: '2026-11-26', to: '2026-11-27', kind: 'unavailability' }],
    });
    expect(toView(undefined, unavailable, 'pl', summary(5, { issueDate: '2026-11-26' })).sendBy).toBe('2026-11-30');
    const total = settingsWith({ ksefOutages: [{ from: '2026-11-26', to: '2026-11-27', kind: 'total' }] });
    expect(toView(undefined, total, 'pl', summary(6, { issueDate: '2026-11-26' })).sendBy).toBeUndefined();
  });
});

describe('overdue invoices in the popup', () => {
  it('a queued invoice past its deadline moves from pending to attention, with a warning', async () => {
    const w = newWorld();
    w.ksef.failNext.set('sendOnline', [
      new PortError('rate-limited', 'limit', { retryAt: Date.parse('2026-11-29T13:05:00Z') }),
    ]);
    w.base.add(summary(8, { issueDate: '2026-11-27' }));
    const { pipeline, store } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('8', { trigger: 'manual' });
    expect(rec.state).toBe('queued');

    const onTime = await popupLists(store, w.settings, 'pl', { today: '2026-11-30' });
    expect(onTime.pending.map((v) => v.invoiceId)).toEqual(['8']);
    expect(onTime.pending[0]!.sendBy).toBe('2026-11-30');
    expect(onTime.attention).toEqual([]);

    const late = await popupLists(store, w.settings, 'pl', { today: '2026-12-01' });
    expect(late.pending).toEqual([]);
    expect(late.attention.map((v) => v.invoiceId)).toEqual(['8']);
    expect(late.warnings).toContain(
      '1 faktura nie trafiła do KSeF w terminie (koniec następnego dnia roboczego po wystawieniu): wyślij je jak najszybciej.',
    );
  });
});

describe('deadline scan (badge and notification)', () => {
  it('finds the invoices whose last day is today and those past it', async () => {
    const w = newWorld();
    w.ksef.failNext.set('sendOnline', [
      new PortError('rate-limited', 'limit', { retryAt: Date.parse('2026-11-29T13:05:00Z') }),
      new PortError('rate-limited', 'limit', { retryAt: Date.parse('2026-11-29T13:05:00Z') }),
    ]);
    w.base.add(summary(8, { issueDate: '2026-11-26' }), summary(9, { issueDate: '2026-11-27' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('8', { trigger: 'manual' });
    await pipeline.sendInvoice('9', { trigger: 'manual' });
    expect(await scanDeadlines(store, w.settings, '2026-11-27')).toEqual({ dueToday: ['FV/8/2026'], overdue: [] });
    expect(await scanDeadlines(store, w.settings, '2026-11-30')).toEqual({
      dueToday: ['FV/9/2026'],
      overdue: ['FV/8/2026'],
    });
    // Issued today: still in time to go online, so neither.
    expect(await scanDeadlines(store, w.settings, '2026-11-26')).toEqual({ dueToday: [], overdue: [] });
  });
});
