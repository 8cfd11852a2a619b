/**
 * The reliability breaks, one test each (with fakes; the real client and adapter against the
 * simulator prove the same in test/pipeline/real and test/background/ksef-port.sim.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/pipeline/errors';
import { type KsefPort, PortError } from '../../src/pipeline/ports';
import { FakeKsef, live, NIP, NOW, newWorld, pipelineFor, rid, settingsWith, summary } from './fakes';

const TODAY = '2026-11-29';
const prod = (id: string) => ({ env: 'prod' as const, nip: NIP, invoiceId: id });

describe('1. records belong to (environment, NIP)', () => {
  it('an invoice accepted on TEST is not sent on PROD: PROD sends it as a new invoice', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(1, { issueDate: TODAY }));
    const test = new FakeKsef();
    test.pendingChecks = 0;
    const { pipeline, store } = await pipelineFor(w, { ksef: test });
    await pipeline.sendInvoice('1', { trigger: 'manual' });
    await live(w, pipeline, 20_000);
    expect((await store.get(rid('1')))?.state).toBe('accepted');

    w.settings = settingsWith({ env: 'prod' });
    const onProd = await pipelineFor(w, { ksef: w.ksef, ksefFor: (c) => (c.env === 'test' ? test : null) });
    const sent = await onProd.pipeline.sendInvoice('1', { trigger: 'manual' });
    expect(sent.env).toBe('prod');
    expect(sent.state).toBe('processing');
    expect(w.ksef.registered).toHaveLength(1);
    expect((await onProd.store.get(rid('1')))?.state).toBe('accepted'); // TEST keeps its own record
  });

  it('a TEST record left in `sending` is settled against TEST after the switch, never looked up on PROD', async () => {
    const w = newWorld();
    w.base.add(summary(2, { issueDate: TODAY }));
    const test = new FakeKsef();
    test.dropResponses = 1;
    const a = await pipelineFor(w, { ksef: test });
    const lost = await a.pipeline.sendInvoice('2', { trigger: 'manual' });
    expect([lost.state, lost.reasonCode]).toEqual(['sending', 'unknown-outcome']);

    w.settings = settingsWith({ env: 'prod' });
    const b = await pipelineFor(w, { ksef: w.ksef, ksefFor: (c) => (c.env === 'test' ? test : null) });
    w.clock.advance(2 * 60_000);
    await b.pipeline.resume();
    const rec = (await b.store.get(rid('2')))!;
    expect(rec.state).toBe('processing');
    expect(test.registered).toHaveLength(1);
    expect(w.ksef.calls).toEqual([]); // PROD was never asked
  });

  it('a wake-up asked for on TEST before the switch still reaches the TEST record', async () => {
    const w = newWorld();
    w.base.add(summary(4, { issueDate: TODAY }));
    const test = new FakeKsef();
    test.pendingChecks = 0;
    test.failNext.set('ensureSession', [new PortError('unavailable', 'HTTP 503')]);
    const a = await pipelineFor(w, { ksef: test });
    const queued = await a.pipeline.sendInvoice('4', { trigger: 'manual' });
    expect(queued.state).toBe('queued');
    const name = [...w.scheduler.alarms.keys()].find((n) => n.startsWith('ksef-send:'))!;
    expect(name).toBe('ksef-send:4');
    w.settings = settingsWith({ env: 'prod' });
    const b = await pipelineFor(w, { ksef: w.ksef, ksefFor: (c) => (c.env === 'test' ? test : null) });
    w.clock.advance(2 * 60_000);
    expect(await b.pipeline.wake(name)).toBe(true);
    // Not sent to PROD, and not left waiting: its own context decides (nothing of it in KSeF yet).
    expect(w.ksef.registered).toHaveLength(0);
    const rec = (await b.store.get(rid('4')))!;
    expect([rec.state, rec.reasonCode]).toEqual(['needs-attention', 'context-changed']);
  });

  it('without credentials for the old context, an in-flight record needs attention and keeps its link', async () => {
    const w = newWorld();
    w.base.add(summary(3, { issueDate: TODAY }));
    w.ksef.dropResponses = 1;
    const a = await pipelineFor(w);
    await a.pipeline.sendInvoice('3', { trigger: 'manual' });
    w.settings = settingsWith({ env: 'prod' });
    const b = await pipelineFor(w, { ksef: new FakeKsef() });
    w.clock.advance(2 * 60_000);
    await b.pipeline.resume();
    const rec = (await b.store.get(rid('3')))!;
    expect(rec.state).toBe('needs-attention');
    expect(rec.reasonCode).toBe('context-changed-linked');
    expect([rec.sessionRef, rec.hash, rec.xml !== undefined]).toEqual([
      w.ksef.registered[0]!.sessionRef,
      w.ksef.registered[0]!.hash,
      true,
    ]);
    expect(await b.store.get(prod('3'))).toBeUndefined();
  });
});

describe('2. unknown stays unknown', () => {
  it('a lost answer, then a rate-limited look-up: the record keeps its session, bytes and hash; no resend', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(10, { issueDate: TODAY }));
    w.ksef.dropResponses = 1;
    const retryAt = NOW + 10 * 60_000;
    w.ksef.failNext.set('findInSession', [new PortError('rate-limited', 'Limit', { retryAt })]);
    const { pipeline, store } = await pipelineFor(w);
    const first = await pipeline.sendInvoice('10', { trigger: 'manual' });
    w.clock.advance(2 * 60_000);
    await pipeline.pollPending();
    const held = (await store.get(rid('10')))!;
    expect(held.state).toBe('sending');
    expect([held.sessionRef, held.hash]).toEqual([first.sessionRef, first.hash]);
    expect(held.xml).toBeDefined();
    expect(held.retryAt).toBe(retryAt);
    await live(w, pipeline, 10 * 60_000);
    expect((await store.get(rid('10')))?.state).toBe('accepted');
    expect(w.ksef.registered).toHaveLength(1);
    expect(w.fa3.builds).toBe(1);
  });

  it('a failed POST that KSeF may have seen (5xx) keeps the record `sending` with its link', async () => {
    const w = newWorld();
    w.base.add(summary(11, { issueDate: TODAY }));
    w.ksef.failNext.set('sendOnline', [new PortError('unknown-outcome', 'HTTP 503')]);
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('11', { trigger: 'manual' });
    expect([rec.state, rec.reasonCode]).toEqual(['sending', 'unknown-outcome']);
    expect(rec.sessionRef).toBeDefined();
    expect(rec.hash).toBeDefined();
  });
});

describe('3. the export never takes over an unknown online send', () => {
  it('a `sending` record with a session is left alone by the batch export (one registration)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    for (let i = 0; i < 3; i++) w.base.add(summary(100 + i, { issueDate: `2026-10-0${i + 1}` }));
    w.ksef.dropResponses = 1;
    const a = await pipelineFor(w, {}, { batchThreshold: 1 });
    const lost = await a.pipeline.sendInvoice('100', { trigger: 'manual' });
    expect(lost.state).toBe('sending');
    // Another worker life (the first one died): the export runs before any reconciliation.
    w.ksef.failNext.set('findInSession', [new PortError('unavailable', 'down')]);
    const b = await pipelineFor(w, {}, { batchThreshold: 1 });
    await b.pipeline.startExport('2026-10');
    const batch = [...w.ksef.batches.values()][0]!;
    expect(batch.items.map((i) => i.id).sort()).toEqual(['101', '102']);
    const rec = (await b.store.get(rid('100')))!;
    expect(rec.sessionRef).toBe(lost.sessionRef);
    await live(w, b.pipeline, 30 * 60_000, 15_000);
    await b.pipeline.pollPending();
    expect(w.ksef.sendsOf('FV/100/2026')).toHaveLength(1);
    expect((await b.store.get(rid('100')))?.state).toBe('accepted');
  });
});

describe('4. an export refused for good ends', () => {
  it('a 400 on batch open fails the batch: invoices need attention with KSeF reason, a new export may start', async () => {
    const w = newWorld();
    for (let i = 0; i < 3; i++) w.base.add(summary(200 + i, { issueDate: `2026-10-0${i + 1}` }));
    const refusal = new PortError('rejected', 'KSeF odrzucił żądanie (kod 21405): Błąd walidacji', {
      status: { code: 21405, description: 'Błąd walidacji danych wejściowych' },
    });
    w.ksef.failNext.set('openBatch', [refusal]);
    const { pipeline, store } = await pipelineFor(w, {}, { batchThreshold: 1 });
    const p = await pipeline.startExport('2026-10');
    expect(['done', 'failed']).toContain(p.state);
    expect(p.failed).toBe(3);
    for (const id of ['200', '201', '202']) {
      const rec = (await store.get(rid(id)))!;
      expect(rec.state).toBe('needs-attention');
      expect(rec.reasonCode).toBe('batch-refused');
      expect(rec.reasonParams?.explanation).toContain('21405');
      expect(rec.batchJob).toBeUndefined();
    }
    await live(w, pipeline, 6 * 60 * 60_000, 60_000);
    expect(w.ksef.calls.filter((c) => c === 'openBatch')).toHaveLength(1);
    await expect(pipeline.startExport('2026-10')).resolves.toBeDefined();
  });

  it('a batch session that failed as a whole (420) leaves its invoices needing attention, not rejected', async () => {
    const w = newWorld();
    for (let i = 0; i < 3; i++) w.base.add(summary(230 + i, { issueDate: `2026-10-0${i + 1}` }));
    w.ksef.batchSessionFailure = { code: 420, description: 'Przekroczony limit faktur w sesji' };
    const { pipeline, store } = await pipelineFor(w, {}, { batchThreshold: 1 });
    await pipeline.startExport('2026-10');
    await live(w, pipeline, 5 * 60_000, 15_000);
    const rec = (await store.get(rid('230')))!;
    expect([rec.state, rec.reasonCode]).toEqual(['needs-attention', 'batch-refused']);
    expect(rec.reasonParams?.explanation).toContain('420');
    expect(rec.sessionRef).toBeUndefined();
  });

  it('temporary failures back off (1, 2, 4 … min, at most hourly), then the job fails instead of looping', async () => {
    const w = newWorld();
    for (let i = 0; i < 3; i++) w.base.add(summary(210 + i, { issueDate: `2026-10-0${i + 1}` }));
    w.ksef.failNext.set(
      'openBatch',
      Array.from({ length: 1000 }, () => new PortError('unavailable', 'HTTP 503')),
    );
    const { pipeline, store } = await pipelineFor(w, {}, { batchThreshold: 1 });
    await pipeline.startExport('2026-10');
    await live(w, pipeline, 30 * 60 * 60_000, 60_000);
    const tries = w.ksef.calls.filter((c) => c === 'openBatch').length;
    expect(tries).toBeLessThan(40); // 361 with a fixed 60 s wait
    expect((await pipeline.exportProgress())?.state).toBe('failed');
    expect((await store.get(rid('210')))?.state).toBe('needs-attention');
  });

  it('"Przerwij eksport" stops a waiting export and releases its invoices', async () => {
    const w = newWorld();
    for (let i = 0; i < 3; i++) w.base.add(summary(220 + i, { issueDate: `2026-10-0${i + 1}` }));
    w.ksef.failNext.set('openBatch', [new PortError('unavailable', 'HTTP 503')]);
    const { pipeline, store } = await pipelineFor(w, {}, { batchThreshold: 1 });
    expect((await pipeline.startExport('2026-10')).state).toBe('waiting');
    const p = await pipeline.cancelExport();
    expect(p?.state).toBe('failed');
    expect(p?.cancelled).toBe(true);
    expect((await store.get(rid('220')))?.reasonCode).toBe('export-cancelled');
    await live(w, pipeline, 10 * 60_000);
    expect(w.ksef.calls.filter((c) => c === 'openBatch')).toHaveLength(1);
    await expect(pipeline.cancelExport()).rejects.toBeInstanceOf(PipelineError);
  });
});

describe('5. stuck records have a way out', () => {
  it('status 150 for more than 24 h: raised to needs-attention with the link; "Sprawdź teraz" settles it', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 10_000;
    w.base.add(summary(300, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const sent = await pipeline.sendInvoice('300', { trigger: 'manual' });
    await live(w, pipeline, 25 * 60 * 60_000, 30 * 60_000);
    await pipeline.pollPending();
    const raised = (await store.get(rid('300')))!;
    expect(raised.state).toBe('needs-attention');
    expect(raised.reasonCode).toBe('stuck-processing');
    expect([raised.sessionRef, raised.invoiceRef]).toEqual([sent.sessionRef, sent.invoiceRef]);
    const polls = w.ksef.calls.filter((c) => c === 'status').length;
    await live(w, pipeline, 5 * 60 * 60_000, 30 * 60_000);
    expect(w.ksef.calls.filter((c) => c === 'status').length).toBe(polls); // no hourly poll any more
    w.ksef.pendingChecks = 0;
    w.ksef.registered[0]!.statusCalls = 1_000_000;
    const after = await pipeline.checkNow('300');
    expect(after?.state).toBe('accepted');
  });

  it('a status check failing every time (404) is raised after N failures', async () => {
    const w = newWorld();
    w.base.add(summary(301, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w, {}, { escalateAfterFailedChecks: 3 });
    await pipeline.sendInvoice('301', { trigger: 'manual' });
    w.ksef.failNext.set(
      'status',
      Array.from({ length: 50 }, () => new PortError('not-found', 'HTTP 404')),
    );
    for (let hour = 0; hour < 4; hour++) {
      await live(w, pipeline, 60 * 60_000, 5 * 60_000);
      await pipeline.pollPending(); // the hourly alarm
    }
    const rec = (await store.get(rid('301')))!;
    expect(rec.state).toBe('needs-attention');
    expect(rec.reasonCode).toBe('stuck-processing');
    expect(rec.invoiceRef).toBeDefined();
  });

  it('"Oznacz jako niewysłaną" only when KSeF confirms the invoice is not in the session', async () => {
    const w = newWorld();
    w.base.add(summary(302, { issueDate: TODAY }));
    // The POST hung and never reached KSeF; every look-up fails for a while.
    const port: KsefPort = Object.create(w.ksef);
    port.sendOnline = async () => {
      throw new PortError('unknown-outcome', 'timeout');
    };
    const { pipeline, store } = await pipelineFor(w, { ksef: port });
    await pipeline.sendInvoice('302', { trigger: 'manual' });
    w.ksef.failNext.set('findInSession', [new PortError('unavailable', 'down')]);
    await expect(pipeline.markUnsent('302')).rejects.toMatchObject({ code: 'cannot-confirm' });
    expect((await store.get(rid('302')))?.state).toBe('sending');
    const marked = await pipeline.markUnsent('302');
    expect(marked.state).toBe('needs-attention');
    expect(marked.reasonCode).toBe('marked-unsent');
    expect([marked.sessionRef, marked.hash, marked.xml]).toEqual([undefined, undefined, undefined]);
  });

  it('"Oznacz jako niewysłaną" holds the invoice while KSeF answers, and a stale "absent" forgets nothing', async () => {
    const w = newWorld();
    w.base.add(summary(304, { issueDate: TODAY }));
    const port: KsefPort = Object.create(w.ksef);
    port.sendOnline = async () => {
      throw new PortError('unknown-outcome', 'timeout');
    };
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    port.findInSession = async (s, h) => {
      const answer = await w.ksef.findInSession(s, h); // read now: absent ...
      await held; // ... but the answer arrives late
      return answer;
    };
    const { pipeline, store } = await pipelineFor(w, { ksef: port });
    await pipeline.sendInvoice('304', { trigger: 'manual' });
    const before = (await store.get(rid('304')))!;
    const marking = pipeline.markUnsent('304');
    await new Promise((r) => setTimeout(r, 10));
    // Another tab's "Wyślij" and "Sprawdź teraz" wait for the answer instead of racing it.
    await expect(pipeline.sendInvoice('304', { trigger: 'manual' })).rejects.toMatchObject({ code: 'in-progress' });
    await expect(pipeline.checkNow('304')).rejects.toMatchObject({ code: 'in-progress' });
    // Something else writes the record meanwhile (a poll, a worker restart's resume).
    await store.patch(rid('304'), w.clock.now() + 1, { failedChecks: 1 });
    release();
    await expect(marking).rejects.toMatchObject({ code: 'in-progress' });
    const after = (await store.get(rid('304')))!;
    expect(after.state).toBe('sending');
    expect([after.sessionRef, after.hash]).toEqual([before.sessionRef, before.hash]);
    expect(w.ksef.registered).toHaveLength(0);
  });

  it('"Oznacz jako niewysłaną" is refused when KSeF has the invoice (it goes back to checking)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(303, { issueDate: TODAY }));
    w.ksef.dropResponses = 1;
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('303', { trigger: 'manual' });
    await expect(pipeline.markUnsent('303')).rejects.toMatchObject({ code: 'registered-in-ksef' });
    expect((await store.get(rid('303')))?.state).toBe('processing');
    expect(w.ksef.registered).toHaveLength(1);
  });
});

describe('6. adopted (440) invoices get their UPO from the original session', () => {
  it('fetches the UPO by KSeF number in originalSessionReferenceNumber', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(400, { issueDate: TODAY }));
    const a = await pipelineFor(w);
    await a.pipeline.sendInvoice('400', { trigger: 'manual' });
    await live(w, a.pipeline, 20_000);
    const original = (await a.store.get(rid('400')))!;
    // The same invoice sent again by another install (another outbox): KSeF answers 440.
    const other = newWorld();
    Object.assign(other, { ksef: w.ksef, clock: w.clock, scheduler: w.scheduler });
    other.base.add(summary(400, { issueDate: TODAY, raw: { number: 'FV/400/2026', issueDate: TODAY, version: 2 } }));
    const b = await pipelineFor(other);
    await b.pipeline.sendInvoice('400', { trigger: 'manual' });
    await live(other, b.pipeline, 20_000);
    const adopted = (await b.store.get(rid('400')))!;
    expect(adopted.duplicateAdopted).toBe(true);
    expect(adopted.ksefNumber).toBe(original.ksefNumber);
    expect(adopted.originalSessionRef).toBe(original.sessionRef);
    expect(adopted.upo).toContain(original.sessionRef!);
    expect(adopted.upoMissing).toBeUndefined();
  });
});

describe('7. the port uses the session the pipeline recorded', () => {
  it('the POST goes into the recorded session, and a refused session is replaced before the POST only', async () => {
    const w = newWorld();
    w.base.add(summary(500, { issueDate: TODAY }));
    const seen: string[] = [];
    const port: KsefPort = Object.create(w.ksef);
    let gone = true;
    port.sendOnline = async (input) => {
      seen.push(input.sessionRef);
      if (gone) {
        gone = false;
        throw new PortError('session-gone', 'Sesja zamknięta (21180).');
      }
      return w.ksef.sendOnline(input);
    };
    let opened = 0;
    port.ensureSession = async () => ({ sessionRef: `S-${++opened}` });
    const { pipeline, store } = await pipelineFor(w, { ksef: port });
    const rec = await pipeline.sendInvoice('500', { trigger: 'manual' });
    expect(seen).toEqual(['S-1', 'S-2']);
    expect(rec.sessionRef).toBe('S-2');
    expect(w.ksef.registered.map((r) => r.sessionRef)).toEqual(['S-2']);
    expect((await store.get(rid('500')))?.attempts.map((a) => a.event)).toContain('session-gone');
  });
});

describe('8. one online session per context at a time', () => {
  it('three quick sends of different invoices open one session', async () => {
    const w = newWorld();
    for (const id of [600, 601, 602]) w.base.add(summary(id, { issueDate: TODAY }));
    let inFlight = 0;
    let most = 0;
    let opened = 0;
    const port: KsefPort = Object.create(w.ksef);
    // Like the client: a held session is reused; opening one takes a while.
    let held: string | undefined;
    port.ensureSession = async () => {
      if (held) return { sessionRef: held };
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      opened++;
      held = 'S-ONE';
      return { sessionRef: held };
    };
    const { pipeline } = await pipelineFor(w, { ksef: port });
    const recs = await Promise.all(['600', '601', '602'].map((id) => pipeline.sendInvoice(id, { trigger: 'manual' })));
    expect(recs.map((r) => r.state)).toEqual(['processing', 'processing', 'processing']);
    expect(most).toBe(1);
    expect(opened).toBe(1);
  });
});

describe('9. durability and pruning', () => {
  it('the XML is dropped once the UPO is stored; the hash stays', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(700, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('700', { trigger: 'manual' });
    await live(w, pipeline, 20_000);
    const rec = (await store.get(rid('700')))!;
    expect(rec.upo).toBeDefined();
    expect(rec.xml).toBeUndefined();
    expect(rec.hash).toBe(w.ksef.registered[0]!.hash);
  });

  it('the claim and the pre-POST writes are strict-durability transactions', async () => {
    const w = newWorld();
    w.base.add(summary(701, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const modes: string[] = [];
    const tx = store.db.transaction.bind(store.db);
    (store.db as { transaction: unknown }).transaction = (
      names: never,
      mode: never,
      opts?: { durability?: string },
    ) => {
      if (mode === 'readwrite') modes.push(opts?.durability ?? 'default');
      return tx(names, mode, opts as never);
    };
    await pipeline.sendInvoice('701', { trigger: 'manual' });
    // claim, built (bytes), session: strict; then the rest.
    expect(modes.slice(0, 3)).toEqual(['strict', 'strict', 'strict']);
  });
});
