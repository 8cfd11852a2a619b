import { describe, expect, it } from 'vitest';
import { WAKE } from '../../src/pipeline/pipeline';
import { PortError } from '../../src/pipeline/ports';
import { NOW, newWorld, pipelineFor, rid, settingsWith, summary } from './fakes';

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

  it('after a pause, invoices older than yesterday wait for a manual send or the export', async () => {
    const w = newWorld();
    w.settings = settingsWith({ autoSend: true });
    w.base.add(summary(1, { issueDate: '2026-11-29' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.autoSendTick();
    // Auto-send was off for a week; invoices piled up in Base meanwhile.
    w.clock.advance(7 * 24 * 3600_000); // 2026-12-06
    w.base.add(
      summary(2, { issueDate: '2026-12-01' }),
      summary(3, { issueDate: '2026-12-05' }),
      summary(4, { issueDate: '2026-12-06' }),
    );
    const r = await pipeline.autoSendTick();
    expect(r.seen).toBe(3);
    expect(r.sent.map((x) => x.invoiceId)).toEqual(['3', '4']);
    expect(await store.get(rid('2'))).toBeUndefined();
    expect(await pipeline.autoSendHighWater()).toBe(4);
    expect(w.ksef.registered.map((x) => [x.number, x.offline])).toEqual([
      ['FV/1/2026', false],
      ['FV/3/2026', true],
      ['FV/4/2026', false],
    ]);
  });
});
