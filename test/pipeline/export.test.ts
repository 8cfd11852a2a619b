import { describe, expect, it } from 'vitest';
import { toAttention } from '../../src/outbox/transitions';
import { PipelineError } from '../../src/pipeline/errors';
import type { Pipeline } from '../../src/pipeline/pipeline';
import { WAKE } from '../../src/pipeline/pipeline';
import type { BasePort, KsefPort } from '../../src/pipeline/ports';
import { PortError } from '../../src/pipeline/ports';
import { type FakeRaw, live, NOW, newWorld, pipelineFor, rid, settingsWith, summary, type World } from './fakes';
import { Killed, Killer, killablePort, killableStore } from './killer';

/** `count` invoices issued in October 2026 (a past month: all offline), ids from `from`. */
function october(w: World, count: number, from = 1000): void {
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    w.base.add(summary(from + i, { issueDate: `2026-10-${day}` }));
  }
}

async function settle(w: World, p: Pipeline): Promise<void> {
  await live(w, p, 5 * 60_000, 15_000);
  await p.pollPending();
}

describe('monthly export', () => {
  it('many invoices (200) go through one batch session; progress ends done', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 200);
    const { pipeline, store } = await pipelineFor(w);
    const started = await pipeline.startExport('2026-10');
    expect(started.mode).toBe('batch');
    expect(started.total).toBe(200);
    expect(started.state).toBe('running');
    expect(started.sent).toBe(200);
    expect(w.ksef.batches.size).toBe(1);
    const [batch] = [...w.ksef.batches.values()];
    expect(batch!.items).toHaveLength(200);
    expect(batch!.offline).toBe(true); // October, sent in November: offline (§5)
    expect(w.ksef.calls.filter((c) => c === 'sendOnline')).toHaveLength(0);

    await settle(w, pipeline);
    const p = (await pipeline.exportProgress())!;
    expect(p).toMatchObject({
      month: '2026-10',
      state: 'done',
      total: 200,
      sent: 200,
      accepted: 200,
      rejected: 0,
      failed: 0,
    });
    const recs = await store.byState('accepted');
    expect(recs).toHaveLength(200);
    expect(recs.every((r) => r.channel === 'batch' && r.ksefNumber && r.invoiceRef && r.offline)).toBe(true);
    expect(new Set(w.ksef.registered.map((r) => r.number)).size).toBe(200);
    expect(w.ksef.registered).toHaveLength(200);
  });

  it('splits offline and online invoices into separate batch sessions', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    for (let i = 0; i < 15; i++) w.base.add(summary(2000 + i, { issueDate: '2026-11-05' }));
    for (let i = 0; i < 10; i++) w.base.add(summary(3000 + i, { issueDate: '2026-11-29' }));
    const { pipeline } = await pipelineFor(w);
    await pipeline.startExport('2026-11');
    const sessions = [...w.ksef.batches.values()].map((b) => [b.offline, b.items.length]);
    expect(sessions.sort()).toEqual([
      [false, 10],
      [true, 15],
    ]);
  });

  it('few invoices go one by one through the online session', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 5);
    const { pipeline } = await pipelineFor(w);
    const started = await pipeline.startExport('2026-10');
    expect(started.mode).toBe('online');
    expect(w.ksef.batches.size).toBe(0);
    expect(w.ksef.calls.filter((c) => c === 'sendOnline')).toHaveLength(5);
    await settle(w, pipeline);
    expect(await pipeline.exportProgress()).toMatchObject({ state: 'done', total: 5, accepted: 5, mode: 'online' });
  });

  it('takes only not-yet-sent invoices of that month in enabled series, not Base-owned ones', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 3, 10);
    w.base.add(
      summary(20, { issueDate: '2026-10-02', seriesId: '2' }),
      summary(21, { issueDate: '2026-10-02', govStatus: 2 }),
      summary(22, { issueDate: '2026-09-30' }),
    );
    w.settings = settingsWith({ enabledSeries: ['1'] });
    const { pipeline } = await pipelineFor(w);
    await pipeline.sendInvoice('10', { trigger: 'manual' });
    await live(w, pipeline, 20_000);
    const p = await pipeline.startExport('2026-10');
    expect(p.total).toBe(2);
    await settle(w, pipeline);
    expect(w.ksef.registered.map((r) => r.number).sort()).toEqual(['FV/10/2026', 'FV/11/2026', 'FV/12/2026']);
  });

  it('covers the current month and 12 back, nothing else; one export at a time', async () => {
    const w = newWorld();
    const { pipeline } = await pipelineFor(w);
    await expect(pipeline.startExport('2025-10')).rejects.toMatchObject({ code: 'month-out-of-range' });
    await expect(pipeline.startExport('2026-12')).rejects.toMatchObject({ code: 'month-out-of-range' });
    await expect(pipeline.startExport('2026/11')).rejects.toMatchObject({ code: 'bad-month' });
    const err = await pipeline.startExport('2025-09').catch((e) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect(err.message).toMatch(/najwyżej 12 miesięcy wstecz/);
    expect((await pipeline.startExport('2025-11')).state).toBe('done'); // empty month: done at once

    october(w, 3);
    w.ksef.pendingChecks = 5;
    expect((await pipeline.startExport('2026-10')).state).toBe('running');
    await expect(pipeline.startExport('2026-09')).rejects.toMatchObject({ code: 'export-running' });
  });

  it('FA(3) errors in a batch export count as failed; the rest go through', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 24);
    (w.base.invoices.get('1003')!.raw as FakeRaw).invalid = 'Brak NIP nabywcy.';
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.startExport('2026-10');
    await settle(w, pipeline);
    expect(await pipeline.exportProgress()).toMatchObject({ state: 'done', total: 24, accepted: 23, failed: 1 });
    expect((await store.get(rid('1003')))!.state).toBe('needs-attention');
  });

  it('a rate limit during an online export waits and resumes at retryAt', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 4);
    const retryAt = NOW + 60_000;
    // The second invoice hits the limit.
    const limited = new PortError('rate-limited', 'limit', { retryAt });
    const realSend = w.ksef.sendOnline.bind(w.ksef);
    let sends = 0;
    w.ksef.sendOnline = async (input) => {
      if (++sends === 2) throw limited;
      return realSend(input);
    };
    const { pipeline } = await pipelineFor(w);
    const p = await pipeline.startExport('2026-10');
    expect(p.state).toBe('waiting');
    expect(p.resumeAt).toBe(new Date(retryAt).toISOString());
    expect(w.scheduler.alarms.get(WAKE.export)).toBe(retryAt);
    expect(w.ksef.registered).toHaveLength(1);
    await settle(w, pipeline);
    expect(await pipeline.exportProgress()).toMatchObject({ state: 'done', total: 4, accepted: 4 });
    expect(w.ksef.registered).toHaveLength(4);
  });

  it('a rate limit on opening the batch waits; the export resumes after a restart', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 30);
    const retryAt = NOW + 10 * 60_000;
    w.ksef.failNext.set('openBatch', [new PortError('rate-limited', 'limit sesji wsadowych', { retryAt })]);
    const a = await pipelineFor(w);
    const p = await a.pipeline.startExport('2026-10');
    expect(p).toMatchObject({ state: 'waiting', mode: 'batch', sent: 0 });
    a.store.close();
    w.clock.t = retryAt;
    const b = await pipelineFor(w);
    await b.pipeline.resume();
    await settle(w, b.pipeline);
    expect(await b.pipeline.exportProgress()).toMatchObject({ state: 'done', total: 30, accepted: 30 });
    expect(w.ksef.registered).toHaveLength(30);
  });

  it('a worker killed at any step of a batch export resumes, every invoice in KSeF exactly once', async () => {
    let sawCompleteRun = false;
    const killedAt = new Set<string>();
    for (let n = 1; n < 200 && !sawCompleteRun; n++) {
      for (const mode of ['before', 'after'] as const) {
        const w = newWorld();
        w.ksef.pendingChecks = 0;
        october(w, 5);
        const k = new Killer(n, mode);
        // A low threshold keeps the step count small while still going through a batch.
        const first = await pipelineFor(
          w,
          {
            store: (s) => killableStore(s, k),
            ksef: killablePort<KsefPort>(w.ksef, k, 'ksef'),
            base: killablePort<BasePort>(w.base, k, 'base'),
          },
          { batchThreshold: 3 },
        );
        let died = false;
        try {
          await first.pipeline.startExport('2026-10');
        } catch (e) {
          if (!(e instanceof Killed)) throw e;
          died = true;
          killedAt.add(k.steps.at(-1)!);
        }
        first.store.close();
        const second = await pipelineFor(w, {}, { batchThreshold: 3 });
        await second.pipeline.resume();
        if ((await second.pipeline.exportProgress()) === null) await second.pipeline.startExport('2026-10');
        await settle(w, second.pipeline);
        const where = `kill ${mode} step ${n} (${k.steps.at(-1) ?? '-'})`;
        expect(await second.pipeline.exportProgress(), where).toMatchObject({
          state: 'done',
          total: 5,
          accepted: 5,
          mode: 'batch',
        });
        expect(w.ksef.registered, where).toHaveLength(5);
        expect(new Set(w.ksef.registered.map((r) => r.number)).size, where).toBe(5);
        second.store.close();
        if (mode === 'before' && !died) sawCompleteRun = true;
      }
    }
    expect(sawCompleteRun).toBe(true);
    for (const step of ['store.setMeta', 'base.listMonth', 'store.claim', 'ksef.openBatch', 'ksef.closeBatch']) {
      expect(killedAt).toContain(step);
    }
  });

  it('counts what an export would send, without sending', async () => {
    const w = newWorld();
    october(w, 7);
    w.base.add(summary(50, { issueDate: '2026-10-03', govStatus: 1 }));
    const { pipeline } = await pipelineFor(w);
    expect(await pipeline.exportCount('2026-10')).toBe(7);
    expect(await pipeline.exportCount('2026-09')).toBe(0);
    await expect(pipeline.exportCount('2024-01')).rejects.toMatchObject({ code: 'month-out-of-range' });
    expect(w.ksef.calls).toEqual([]);
  });

  it('reports state changes (for the "export finished" notification)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 3);
    const events: string[] = [];
    const { pipeline } = await pipelineFor(w, {}, {}, (p) => events.push(`${p.state}:${p.accepted}/${p.total}`));
    await pipeline.startExport('2026-10');
    await settle(w, pipeline);
    expect(events[0]).toBe('counting:0/0');
    expect(events).toContain('running:0/3');
    expect(events.at(-1)).toBe('done:3/3');
  });

  it('waits for a slow batch without polling it in a tight loop, then the hourly poll finishes it', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.batchPending = 1000;
    october(w, 30);
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.startExport('2026-10');
    await live(w, pipeline, 30 * 60_000, 5_000);
    // The quick follow-ups only (+15 s, +1, +3, +10 min): four result-list requests, not hundreds.
    expect(w.ksef.calls.filter((c) => c === 'batchResults')).toHaveLength(4);
    expect((await store.byState('processing')).length).toBe(30);
    w.ksef.batchPending = 0;
    w.clock.advance(30 * 60_000);
    const { checked } = await pipeline.pollPending();
    expect(checked).toBe(30);
    expect(w.ksef.calls.filter((c) => c === 'batchResults')).toHaveLength(5);
    expect(await pipeline.exportProgress()).toMatchObject({ state: 'done', accepted: 30 });
  });

  it('an invoice queued by an earlier rate limit goes out in the batch and is tracked to the end', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 25);
    w.ksef.failNext.set('sendOnline', [new PortError('rate-limited', 'limit', { retryAt: NOW + 3600_000 })]);
    const { pipeline, store } = await pipelineFor(w);
    expect((await pipeline.sendInvoice('1000', { trigger: 'manual' })).state).toBe('queued');
    await pipeline.startExport('2026-10');
    await settle(w, pipeline);
    const rec = (await store.get(rid('1000')))!;
    expect(rec.state).toBe('accepted');
    expect(rec.channel).toBe('batch');
    expect(await pipeline.exportProgress()).toMatchObject({ state: 'done', total: 25, accepted: 25 });
    expect(w.ksef.sendsOf('FV/1000/2026')).toHaveLength(1);
  });

  it('an export refused by KSeF (token) fails and unlocks its invoices for a manual send', async () => {
    const w = newWorld();
    october(w, 25);
    w.ksef.failNext.set('openBatch', [
      new PortError('unauthorized', 'KSeF odrzucił token. Wpisz nowy token w ustawieniach.'),
    ]);
    const { pipeline, store } = await pipelineFor(w);
    const p = await pipeline.startExport('2026-10');
    expect(p).toMatchObject({ state: 'failed', message: 'KSeF odrzucił token. Wpisz nowy token w ustawieniach.' });
    expect(await store.byState('sending')).toEqual([]);
    expect(await store.byState('needs-attention')).toHaveLength(25);
    w.ksef.pendingChecks = 0;
    expect((await pipeline.sendInvoice('1001', { trigger: 'manual' })).state).toBe('processing');
  });

  it('the batch reads its invoices from the store one by one, the recorded bytes on every read', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 40);
    const k = w.ksef;
    const reads: { id: string; xml: Uint8Array }[][] = [];
    const twice: KsefPort = {
      ensureSession: () => k.ensureSession(),
      sendOnline: (i) => k.sendOnline(i),
      findInSession: (s, h) => k.findInSession(s, h),
      status: (s, i) => k.status(s, i),
      upo: (s, i, n) => k.upo(s, i, n),
      // Like the real client with a package of several parts: one read to declare, one to upload.
      openBatch: async (read, o) => {
        for (let pass = 0; pass < 2; pass++) {
          const got: { id: string; xml: Uint8Array }[] = [];
          for await (const item of read()) got.push(item);
          reads.push(got);
        }
        return k.openBatch(read, o);
      },
      closeBatch: (s) => k.closeBatch(s),
      batchResults: (s) => k.batchResults(s),
    };
    const { pipeline, store } = await pipelineFor(w, { ksef: twice });
    await pipeline.startExport('2026-10');
    expect(reads).toHaveLength(2);
    expect(reads[0]!.map((i) => i.id)).toEqual(reads[1]!.map((i) => i.id));
    expect(reads[0]).toHaveLength(40);
    for (const [i, item] of reads[0]!.entries()) {
      const { env, nip } = settingsWith();
      const rec = (await store.get({ env, nip, invoiceId: item.id }))!;
      expect(Buffer.from(item.xml).equals(Buffer.from(rec.xml!))).toBe(true);
      expect(Buffer.from(reads[1]![i]!.xml).equals(Buffer.from(rec.xml!))).toBe(true);
    }
    await settle(w, pipeline);
    expect(await pipeline.exportProgress()).toMatchObject({ state: 'done', total: 40, accepted: 40 });
    expect(w.ksef.registered).toHaveLength(40);
  });

  it('an invoice that leaves the batch between two reads stops the package: nothing is opened', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 30);
    const k = w.ksef;
    let store: Awaited<ReturnType<typeof pipelineFor>>['store'] | undefined;
    let secondRead: unknown;
    const moving: KsefPort = {
      ensureSession: () => k.ensureSession(),
      sendOnline: (i) => k.sendOnline(i),
      findInSession: (s, h) => k.findInSession(s, h),
      status: (s, i) => k.status(s, i),
      upo: (s, i, n) => k.upo(s, i, n),
      openBatch: async (read, o) => {
        const first: string[] = [];
        for await (const item of read()) first.push(item.id);
        if (secondRead === undefined) {
          const { env, nip } = settingsWith();
          await store!.apply(
            { env, nip, invoiceId: first[5]! },
            w.clock.now(),
            toAttention({
              reasonCode: 'export-cancelled',
              reasonParams: { message: 'x', explanation: 'x' },
              event: 'export-cancelled',
              trigger: 'export',
            }),
          );
          try {
            for await (const _ of read());
            secondRead = 'read';
          } catch (e) {
            secondRead = e;
            throw e;
          }
        }
        return k.openBatch(read, o);
      },
      closeBatch: (s) => k.closeBatch(s),
      batchResults: (s) => k.batchResults(s),
    };
    const made = await pipelineFor(w, { ksef: moving });
    store = made.store;
    const p = await made.pipeline.startExport('2026-10');
    expect(secondRead).toBeInstanceOf(PortError);
    expect(p).toMatchObject({ state: 'waiting', mode: 'batch' });
    expect(k.batches.size).toBe(0);
    expect(k.registered).toHaveLength(0);
  });

  it('works with an adapter that closes inside openBatch (submit-in-one-call fallback, ports.ts)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 30);
    const k = w.ksef;
    const oneCall: KsefPort = {
      ensureSession: () => k.ensureSession(),
      sendOnline: (i) => k.sendOnline(i),
      findInSession: (s, h) => k.findInSession(s, h),
      status: (s, i) => k.status(s, i),
      upo: (s, i, n) => k.upo(s, i, n),
      openBatch: async (items, o) => {
        const opened = await k.openBatch(items, o);
        await k.closeBatch(opened.sessionRef);
        return opened;
      },
      closeBatch: async () => 'already-closed',
      batchResults: (s) => k.batchResults(s),
    };
    const { pipeline } = await pipelineFor(w, { ksef: oneCall });
    await pipeline.startExport('2026-10');
    await settle(w, pipeline);
    expect(await pipeline.exportProgress()).toMatchObject({ state: 'done', total: 30, accepted: 30, mode: 'batch' });
    expect(w.ksef.registered).toHaveLength(30);
  });
});
