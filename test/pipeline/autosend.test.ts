import { describe, expect, it } from 'vitest';
import { newRecord, OutboxStore } from '../../src/outbox/store';
import { type AutoSendDeps, autoSendHighWater, autoSendTick } from '../../src/pipeline/auto-send';
import { scanDeadlines } from '../../src/pipeline/deadline-scan';
import { PipelineError } from '../../src/pipeline/errors';
import { WAKE } from '../../src/pipeline/pipeline';
import { PortError } from '../../src/pipeline/ports';
import { popupLists } from '../../src/pipeline/summary';
import { toView } from '../../src/pipeline/view';
import { addSkip } from '../../src/skip/store';
import { expectNoPolish } from '../adapters/no-polish';
import { NOW, newWorld, pipelineFor, rid, settingsWith, summary } from './fakes';

/** Auto-send on, its first tick run at 09:00 UTC of `day`, which sends invoice `id` issued that day. */
async function afterFirstTick(day: string, id: number) {
  const w = newWorld();
  w.settings = settingsWith({ autoSend: true });
  w.clock.t = Date.parse(`${day}T09:00:00Z`);
  w.base.add(summary(id, { issueDate: day }));
  const { pipeline, store } = await pipelineFor(w);
  await pipeline.autoSendTick();
  return { w, pipeline, store };
}

describe('auto-send ("Przekazuj faktury automatycznie")', () => {
  it('does nothing while the option is off', async () => {
    const w = newWorld();
    w.base.add(summary(1, { issueDate: '2026-11-29' }));
    const { pipeline } = await pipelineFor(w);
    const r = await pipeline.autoSendTick();
    expect(r).toEqual({ seen: 0, sent: [] });
    expect(w.base.calls).toEqual([]);
    expect(w.ksef.registered).toHaveLength(0);
  });

  it('starts from today (no history flood), then follows the high-water mark', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true });
    w.base.add(summary(100, { issueDate: '2026-11-28' }), summary(101, { issueDate: '2026-11-29' }));
    const { pipeline, store } = await pipelineFor(w);

    const first = await pipeline.autoSendTick();
    expect(first.sent.map((r) => r.invoiceId)).toEqual(['101']);
    expect(w.base.calls[0]).toBe(`list:${JSON.stringify({ dateFrom: Date.parse('2026-11-28T23:00:00Z') / 1000 })}`);
    expect(await pipeline.autoSendHighWater()).toBe(101);
    expect(await store.get(rid('100'))).toBeUndefined();
    expect((await store.get(rid('101')))!.trigger).toBe('auto');
    // Sent from the listing: no extra getInvoice request per invoice (Base limit, docs/base.md §1.1).
    expect(w.base.calls.filter((c) => c.startsWith('getInvoice'))).toEqual([]);

    w.base.add(
      summary(102, { issueDate: '2026-11-29' }),
      summary(103, { issueDate: '2026-11-29', seriesId: '9' }),
      summary(104, { issueDate: '2026-11-29', govStatus: 2 }),
    );
    w.settings = settingsWith({ autoSend: true, enabledSeries: ['1'] });
    w.base.calls = [];
    const second = await pipeline.autoSendTick();
    expect(w.base.calls[0]).toBe(`list:${JSON.stringify({ idFrom: 102 })}`);
    expect(second.sent.map((r) => r.invoiceId)).toEqual(['102']);
    expect(await store.get(rid('104'))).toBeUndefined();
    expect(await pipeline.autoSendHighWater()).toBe(104);
    expect(w.ksef.registered.map((r) => r.number)).toEqual(['FV/101/2026', 'FV/102/2026']);
    // Sent the same day: online, not offline.
    expect(w.ksef.registered.every((r) => !r.offline)).toBe(true);

    // Nothing new: nothing sent, mark unchanged.
    const third = await pipeline.autoSendTick();
    expect(third.sent).toEqual([]);
    expect(await pipeline.autoSendHighWater()).toBe(104);
  });

  it('a first tick that finds nothing still covers the rest of that day', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true });
    const { pipeline } = await pipelineFor(w);
    await pipeline.autoSendTick();
    expect(await pipeline.autoSendHighWater()).toBeUndefined();
    w.base.add(summary(7, { issueDate: '2026-11-29' }));
    w.clock.advance(14 * 3600_000); // past midnight in Warsaw
    const r = await pipeline.autoSendTick();
    expect(r.sent.map((x) => x.invoiceId)).toEqual(['7']);
  });

  it('does not resend what a manual click already sent, and survives a restart', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true });
    w.base.add(summary(200, { issueDate: '2026-11-29' }), summary(201, { issueDate: '2026-11-29' }));
    const a = await pipelineFor(w);
    await a.pipeline.sendInvoice('200', { trigger: 'manual' });
    const r = await a.pipeline.autoSendTick();
    expect(r.seen).toBe(2);
    expect(r.sent.map((x) => x.invoiceId)).toEqual(['201']);
    a.store.close();
    // A new worker life reads the persisted mark.
    const b = await pipelineFor(w);
    expect(await b.pipeline.autoSendHighWater()).toBe(201);
    w.base.add(summary(202, { issueDate: '2026-11-29' }));
    expect((await b.pipeline.autoSendTick()).sent.map((x) => x.invoiceId)).toEqual(['202']);
    expect(w.ksef.registered.map((x) => x.number)).toEqual(['FV/200/2026', 'FV/201/2026', 'FV/202/2026']);
  });

  it('a Base limit becomes a wake-up at the time Base gives', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true });
    const retryAt = NOW + 120_000;
    w.base.failures.push(new PortError('rate-limited', 'Base: zablokowany token.', { retryAt }));
    w.base.add(summary(1, { issueDate: '2026-11-29' }));
    const { pipeline } = await pipelineFor(w);
    const r = await pipeline.autoSendTick();
    expect(r.sent).toEqual([]);
    expect(w.scheduler.alarms.get(WAKE.autoSend)).toBe(retryAt);
    w.clock.t = retryAt;
    expect(await pipeline.wake(WAKE.autoSend)).toBe(true);
    expect(w.ksef.registered).toHaveLength(1);
  });

  it('a Friday invoice is sent on Monday after a closed weekend', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true });
    w.clock.t = Date.parse('2026-12-04T09:00:00Z'); // Friday
    w.base.add(summary(10, { issueDate: '2026-12-04' }));
    const { pipeline, store } = await pipelineFor(w);
    expect((await pipeline.autoSendTick()).sent.map((x) => x.invoiceId)).toEqual(['10']);
    // Issued on Friday evening; the browser stays closed until Monday morning, the invoice's last day.
    w.base.add(summary(11, { issueDate: '2026-12-04' }));
    w.clock.t = Date.parse('2026-12-07T07:30:00Z');
    const r = await pipeline.autoSendTick();
    expect(r.sent.map((x) => x.invoiceId)).toEqual(['11']);
    expect((await store.get(rid('11')))!.offline).toBe(true);
    expect(w.ksef.registered.map((x) => [x.number, x.offline])).toEqual([
      ['FV/10/2026', false],
      ['FV/11/2026', true],
    ]);
    expect(await pipeline.autoSendHighWater()).toBe(11);
  });

  it('public holidays are not working days: a 23 December invoice still goes on 28 December', async () => {
    const { w, pipeline, store } = await afterFirstTick('2026-12-22', 1);
    // 24–26 December are days off (24 December since 2025), then a weekend.
    w.base.add(summary(2, { issueDate: '2026-12-22' }), summary(3, { issueDate: '2026-12-23' }));
    w.clock.t = Date.parse('2026-12-28T08:00:00Z');
    const r = await pipeline.autoSendTick();
    expect(r.sent.map((x) => x.invoiceId)).toEqual(['3']);
    expect((await store.get(rid('2')))!.reasonParams).toEqual({ sendBy: '2026-12-23' });
  });

  it('an invoice issued during an announced KSeF failure is sent within the longer deadline', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true, ksefOutages: [{ from: '2026-12-03', to: '2026-12-04' }] });
    w.clock.t = Date.parse('2026-12-04T09:00:00Z');
    const { pipeline } = await pipelineFor(w);
    await pipeline.autoSendTick();
    w.base.add(summary(5, { issueDate: '2026-12-04' }));
    // 7 working days after the failure ends: 15 December.
    w.clock.t = Date.parse('2026-12-15T20:00:00Z');
    expect((await pipeline.autoSendTick()).sent.map((x) => x.invoiceId)).toEqual(['5']);
    expect(w.ksef.registered.map((x) => [x.number, x.offline])).toEqual([['FV/5/2026', true]]);
  });

  it('an invoice past its deadline is recorded as a problem, not skipped silently', async () => {
    // 2026-12-04 is a Friday.
    const { w, pipeline, store } = await afterFirstTick('2026-12-04', 10);
    w.base.add(summary(11, { issueDate: '2026-12-04' }), summary(12, { issueDate: '2026-12-07' }));
    // Closed until Tuesday: Friday's invoice had Monday as its last day; Monday's has today.
    w.clock.t = Date.parse('2026-12-08T09:00:00Z');
    const r = await pipeline.autoSendTick();
    expect(r.seen).toBe(2);
    expect(r.sent.map((x) => x.invoiceId)).toEqual(['12']);
    expect(w.ksef.registered.map((x) => x.number)).toEqual(['FV/10/2026', 'FV/12/2026']);
    const late = (await store.get(rid('11')))!;
    expect(late).toMatchObject({
      state: 'needs-attention',
      reasonCode: 'auto-send-overdue',
      reasonParams: { sendBy: '2026-12-07' },
      number: 'FV/11/2026',
      issueDate: '2026-12-04',
      trigger: 'auto',
    });
    expect(late.hash).toBeUndefined();
    expect(late.sessionRef).toBeUndefined();
    expect(await pipeline.autoSendHighWater()).toBe(12);
    // The deadline scan (badge) and the popup show it.
    expect(await scanDeadlines(store, w.settings, '2026-12-08')).toEqual({ dueToday: [], overdue: ['FV/11/2026'] });
    const lists = await popupLists(store, w.settings, 'pl', { today: '2026-12-08' });
    expect(lists.attention.map((v) => [v.invoiceId, v.sendBy])).toEqual([['11', '2026-12-07']]);
    // Its reason, in each language, with the day as that language writes it.
    expect(toView(late, w.settings, 'pl').reason).toMatch(/^Automatyczna wysyłka .* \(07\.12\.2026\)/);
    const en = toView(late, w.settings, 'en').reason ?? '';
    expect(en).toMatch(/^Auto-send found this invoice only after its deadline for KSeF \(2026-12-07\)/);
    expectNoPolish(en);

    // Later ticks leave it as it is; the seller can still send it late by hand.
    await pipeline.autoSendTick();
    expect((await store.get(rid('11')))!.updatedAt).toBe(late.updatedAt);
    const manual = await pipeline.sendInvoice('11', { trigger: 'manual' });
    expect(['processing', 'accepted']).toContain(manual.state);
    expect(w.ksef.registered.map((x) => x.number)).toEqual(['FV/10/2026', 'FV/12/2026', 'FV/11/2026']);
  });

  it('respects "Pomiń" and what was already sent: no problem record, nothing sent twice', async () => {
    const { w, pipeline, store } = await afterFirstTick('2026-12-04', 10);
    w.base.add(
      summary(11, { issueDate: '2026-12-04' }),
      summary(12, { issueDate: '2026-12-04' }),
      summary(13, { issueDate: '2026-12-08' }),
    );
    await pipeline.sendInvoice('12', { trigger: 'manual' });
    const ctx = { env: w.settings.env, nip: w.settings.nip };
    await addSkip(store, ctx, { invoiceId: '11', number: 'FV/11/2026', reason: 'w KSeF ręcznie', at: 1 });
    await addSkip(store, ctx, { invoiceId: '13', number: 'FV/13/2026', reason: 'w KSeF ręcznie', at: 1 });
    const sentByHand = (await store.get(rid('12')))!;
    w.clock.t = Date.parse('2026-12-08T09:00:00Z');
    const r = await pipeline.autoSendTick();
    expect(r.sent).toEqual([]);
    expect(await store.get(rid('11'))).toBeUndefined();
    expect(await store.get(rid('13'))).toBeUndefined();
    expect((await store.get(rid('12')))!.updatedAt).toBe(sentByHand.updatedAt);
    expect(w.ksef.registered.map((x) => x.number)).toEqual(['FV/10/2026', 'FV/12/2026']);
    expect(await pipeline.autoSendHighWater()).toBe(13);
  });

  it('the mark stays before an invoice whose problem record could not be written', async () => {
    const { w, pipeline, store } = await afterFirstTick('2026-12-04', 10);
    w.base.add(summary(11, { issueDate: '2026-12-04' }), summary(12, { issueDate: '2026-12-08' }));
    w.clock.t = Date.parse('2026-12-08T09:00:00Z');
    const update = store.update.bind(store);
    store.update = async () => {
      throw new Error('QuotaExceededError');
    };
    await expect(pipeline.autoSendTick()).rejects.toThrow('QuotaExceededError');
    expect(await pipeline.autoSendHighWater()).toBe(10);
    expect(w.ksef.registered.map((x) => x.number)).toEqual(['FV/10/2026']);

    store.update = update;
    const r = await pipeline.autoSendTick();
    expect(r.sent.map((x) => x.invoiceId)).toEqual(['12']);
    expect((await store.get(rid('11')))!.reasonCode).toBe('auto-send-overdue');
    expect(await pipeline.autoSendHighWater()).toBe(12);
  });

  it('the mark does not pass an invoice refused without a record, but passes one left out on purpose', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true });
    w.base.add(
      summary(20, { issueDate: '2026-11-29' }),
      summary(21, { issueDate: '2026-11-29' }),
      summary(22, { issueDate: '2026-11-29' }),
      summary(23, { issueDate: '2026-11-29' }),
    );
    const store = await OutboxStore.open(w.dbName);
    let busy = true;
    const tried: string[] = [];
    const deps: AutoSendDeps = {
      store,
      base: w.base,
      clock: w.clock,
      scheduler: w.scheduler,
      settings: async () => w.settings,
      maxPages: 5,
      send: async (id) => {
        tried.push(id);
        if (id === '21' && busy) throw new PipelineError('in-progress');
        if (id === '22') throw new PipelineError('skipped');
        return newRecord(rid(id), 'processing', w.clock.now());
      },
    };
    const first = await autoSendTick(deps);
    expect(first.sent.map((x) => x.invoiceId)).toEqual(['20']);
    expect(tried).toEqual(['20', '21']);
    expect(await autoSendHighWater(store)).toBe(20);

    busy = false;
    const second = await autoSendTick(deps);
    expect(second.sent.map((x) => x.invoiceId)).toEqual(['21', '23']);
    expect(tried).toEqual(['20', '21', '21', '22', '23']);
    expect(await autoSendHighWater(store)).toBe(23);
    store.close();
  });
});
