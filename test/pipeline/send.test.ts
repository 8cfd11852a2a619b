import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/pipeline/errors';
import { WAKE } from '../../src/pipeline/pipeline';
import { PortError } from '../../src/pipeline/ports';
import { toView } from '../../src/pipeline/view';
import { type FakeRaw, fireDue, live, NIP, NOW, newWorld, pipelineFor, rid, settingsWith, summary } from './fakes';

const TODAY = '2026-11-29';

describe('sendInvoice: the online path', () => {
  it('sends, goes to processing, follows up quickly, ends accepted with KSeF number, KOD I and UPO', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 2;
    w.base.add(summary(101, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const changes: string[] = [];
    store.onChange((r) => changes.push(r.state));

    const rec = await pipeline.sendInvoice('101', { trigger: 'manual' });
    expect(rec.state).toBe('processing');
    expect(rec.offline).toBe(false);
    expect(rec.sessionRef).toMatch(/-SO-/);
    expect(rec.invoiceRef).toMatch(/-EE-/);
    expect(w.ksef.registered).toHaveLength(1);
    expect(w.ksef.registered[0]!.offline).toBe(false);
    // The exact bytes sent are kept, with their hash.
    expect(new TextDecoder().decode(rec.xml!)).toContain('<P_2>FV/101/2026</P_2>');
    expect(rec.hash).toBe(w.ksef.registered[0]!.hash);
    // The first quick follow-up is 15 s after sending.
    expect(w.scheduler.alarms.get(WAKE.check('101'))).toBe(NOW + 15_000);

    await live(w, pipeline, 15_000);
    expect((await store.get(rid('101')))!.state).toBe('processing'); // first check: still 150
    expect(w.scheduler.alarms.get(WAKE.check('101'))).toBe(NOW + 60_000);
    await live(w, pipeline, 45_000);
    expect((await store.get(rid('101')))!.state).toBe('processing'); // second check: still 150
    expect(w.scheduler.alarms.get(WAKE.check('101'))).toBe(NOW + 3 * 60_000);
    await live(w, pipeline, 2 * 60_000);
    const done = (await store.get(rid('101')))!;
    expect(done.state).toBe('accepted');
    expect(done.ksefNumber).toMatch(new RegExp(`^${NIP}-20261129-`));
    expect(done.processedAt).toBe('2026-11-29T10:00:00.000Z');
    expect(done.kod1Url).toBe(`https://qr-test.ksef.mf.gov.pl/invoice/${NIP}/${TODAY}/${done.hash}`);
    expect(done.kod2Url).toBeUndefined();
    expect(done.offlineWithoutCertificate).toBe(false);
    expect(done.upo).toContain(done.ksefNumber);
    expect(done.upoMissing).toBeUndefined();
    expect(changes).toContain('accepted');
    expect(w.ksef.registered).toHaveLength(1);
  });

  it('falls back to the hourly poll after the quick follow-ups', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 100;
    w.base.add(summary(1, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('1', { trigger: 'manual' });
    await live(w, pipeline, 11 * 60_000);
    const rec = (await store.get(rid('1')))!;
    expect(rec.checks).toBe(4); // +15 s, +1 min, +3 min, +10 min
    expect(w.scheduler.alarms.has(WAKE.check('1'))).toBe(false);
    expect(rec.retryAt).toBe(NOW + 10 * 60_000 + 60 * 60_000);
    const { checked } = await pipeline.pollPending();
    expect(checked).toBe(1);
    expect((await store.get(rid('1')))!.checks).toBe(5);
    expect(w.ksef.registered).toHaveLength(1);
  });

  it('double click (and a second tab, and auto-send) sends once', async () => {
    const w = newWorld();
    w.base.add(summary(5, { issueDate: TODAY }));
    const { pipeline } = await pipelineFor(w);
    const results = await Promise.allSettled([
      pipeline.sendInvoice('5', { trigger: 'manual' }),
      pipeline.sendInvoice('5', { trigger: 'manual' }),
      pipeline.sendInvoice('5', { trigger: 'auto' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(PipelineError);
      expect((r.reason as PipelineError).code).toBe('in-progress');
      expect((r.reason as PipelineError).message).toMatch(/właśnie wysyłana do KSeF/);
    }
    expect(w.ksef.sendsOf('FV/5/2026')).toHaveLength(1);
    // A click while KSeF processes it is refused too.
    await expect(pipeline.sendInvoice('5', { trigger: 'manual' })).rejects.toMatchObject({
      code: 'processing-in-ksef',
    });
    expect(w.ksef.sendsOf('FV/5/2026')).toHaveLength(1);
  });

  it('refuses to send an accepted invoice again', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(6, { issueDate: TODAY }));
    const { pipeline } = await pipelineFor(w);
    await pipeline.sendInvoice('6', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const err = await pipeline.sendInvoice('6', { trigger: 'manual' }).catch((e) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect(err.code).toBe('already-accepted');
    expect(err.message).toContain(`${NIP}-20261129-`);
    expect(w.ksef.registered).toHaveLength(1);
  });

  it('reconciles a lost response through the session list instead of sending again', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.dropResponses = 1;
    w.base.add(summary(7, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('7', { trigger: 'manual' });
    expect(rec.state).toBe('sending');
    expect(rec.reasonCode).toBe('unknown-outcome');
    expect(rec.sessionRef).toBeDefined();
    expect(w.scheduler.alarms.get(WAKE.send('7'))).toBe(NOW + 60_000);
    expect(w.ksef.registered).toHaveLength(1); // KSeF got it; we did not hear back

    await live(w, pipeline, 60_000);
    expect(w.ksef.calls).toContain('findInSession');
    await live(w, pipeline, 15_000);
    const done = (await store.get(rid('7')))!;
    expect(done.state).toBe('accepted');
    expect(done.invoiceRef).toBe(w.ksef.registered[0]!.invoiceRef);
    expect(w.ksef.sendsOf('FV/7/2026')).toHaveLength(1);
    expect(done.attempts.map((a) => a.event)).toContain('reconciled');
  });

  it('re-sends the recorded bytes when the lost request never reached KSeF', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.failNext.set('sendOnline', [new PortError('unknown-outcome', 'Przekroczono czas oczekiwania.')]);
    w.base.add(summary(8, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const first = await pipeline.sendInvoice('8', { trigger: 'manual' });
    expect(first.state).toBe('sending');
    expect(w.ksef.registered).toHaveLength(0);
    await live(w, pipeline, 60_000 + 15_000);
    const done = (await store.get(rid('8')))!;
    expect(done.state).toBe('accepted');
    expect(w.ksef.registered).toHaveLength(1);
    expect(w.ksef.registered[0]!.hash).toBe(first.hash);
    expect(w.fa3.builds).toBe(1); // the same bytes, not a rebuild
  });

  it('440: adopts the original KSeF number', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.acceptedNumbers.set('FV/9/2026', `${NIP}-20261101-0000000000AA-11`);
    w.base.add(summary(9, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('9', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const rec = (await store.get(rid('9')))!;
    expect(rec.state).toBe('accepted');
    expect(rec.ksefNumber).toBe(`${NIP}-20261101-0000000000AA-11`);
    expect(rec.duplicateAdopted).toBe(true);
    expect(rec.ksefStatus?.code).toBe(440);
    expect(rec.reasonCode).toBe('duplicate-adopted');
  });

  it('rejection → unlinked with the reason → fixed in Base → re-sent → accepted', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.rejectNumbers.add('FV/10/2026');
    w.base.add(summary(10, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const rejections: string[] = [];
    store.onChange((r, prev) => {
      if (r.state === 'rejected' && prev?.state !== 'rejected') rejections.push(r.invoiceId);
    });
    await pipeline.sendInvoice('10', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const rejected = (await store.get(rid('10')))!;
    expect(rejected.state).toBe('rejected');
    expect(rejected.ksefStatus).toEqual({
      code: 450,
      description: 'Błąd weryfikacji semantyki dokumentu faktury',
      details: ['Element P_2 ...'],
    });
    expect(rejected.reason).toBe('Faktura ma błąd semantyczny.');
    expect(rejected.sessionRef).toBeUndefined();
    expect(rejected.invoiceRef).toBeUndefined();
    expect(rejected.hash).toBeUndefined();
    expect(rejected.rejectedHash).toBe(w.ksef.registered[0]!.hash);
    expect(rejections).toEqual(['10']);

    // The user fixes the invoice in Base; KSeF now accepts it.
    w.ksef.rejectNumbers.delete('FV/10/2026');
    const inv = w.base.invoices.get('10')!;
    (inv.raw as FakeRaw).version = 2;
    const again = await pipeline.sendInvoice('10', { trigger: 'manual' });
    expect(again.state).toBe('processing');
    expect(again.hash).not.toBe(rejected.rejectedHash);
    await live(w, pipeline, 15_000);
    const done = (await store.get(rid('10')))!;
    expect(done.state).toBe('accepted');
    expect(done.ksefStatus).toBeUndefined();
    expect(done.reason).toBeUndefined();
    expect(w.ksef.sendsOf('FV/10/2026')).toHaveLength(2);
  });

  it('a synchronous KSeF refusal is a rejection with KSeF details', async () => {
    const w = newWorld();
    w.ksef.failNext.set('sendOnline', [
      new PortError('rejected', 'KSeF odrzucił żądanie (21405).', {
        status: { code: 21405, description: 'Błąd walidacji danych wejściowych.', details: ['invoiceSize'] },
      }),
    ]);
    w.base.add(summary(11, { issueDate: TODAY }));
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('11', { trigger: 'manual' });
    expect(rec.state).toBe('rejected');
    expect(rec.ksefStatus?.code).toBe(21405);
    expect(rec.sessionRef).toBeUndefined();
  });

  it('skips invoices owned by Base’s own KSeF integration, leaving no record', async () => {
    const w = newWorld();
    w.base.add(
      summary(20, { issueDate: TODAY, govStatus: 1 }),
      summary(21, { issueDate: TODAY, govStatus: 2 }),
      summary(22, { issueDate: TODAY, govStatus: 5 }),
      summary(23, { issueDate: TODAY, govId: `${NIP}-20261129-000000000001-00` }),
      summary(24, { issueDate: TODAY, govStatus: 3 }),
    );
    const { pipeline, store } = await pipelineFor(w);
    for (const id of ['20', '21', '22', '23']) {
      await expect(pipeline.sendInvoice(id, { trigger: 'manual' })).rejects.toMatchObject({ code: 'base-owned' });
      expect(await store.get(rid(id))).toBeUndefined();
    }
    // gov_status 3 (rejected by Base's integration) without a gov_id is not owned: it may be sent.
    expect((await pipeline.sendInvoice('24', { trigger: 'manual' })).state).toBe('processing');
    expect(w.ksef.registered.map((r) => r.number)).toEqual(['FV/24/2026']);
  });

  it('skips excluded series; null means every series is on', async () => {
    const w = newWorld();
    w.base.add(summary(30, { issueDate: TODAY, seriesId: '2' }), summary(31, { issueDate: TODAY, seriesId: '1' }));
    w.settings = settingsWith({ enabledSeries: ['1'] });
    const { pipeline } = await pipelineFor(w);
    await expect(pipeline.sendInvoice('30', { trigger: 'manual' })).rejects.toMatchObject({ code: 'series-excluded' });
    expect((await pipeline.sendInvoice('31', { trigger: 'manual' })).state).toBe('processing');
    w.settings = settingsWith({ enabledSeries: null });
    expect((await pipeline.sendInvoice('30', { trigger: 'manual' })).state).toBe('processing');
  });

  it('FA(3) errors: needs attention with the Polish messages, nothing sent', async () => {
    const w = newWorld();
    w.base.add(
      summary(40, {
        issueDate: TODAY,
        raw: { number: 'FV/40/2026', issueDate: TODAY, version: 1, invalid: 'NIP nabywcy ma błędną sumę kontrolną.' },
      }),
    );
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('40', { trigger: 'manual' });
    expect(rec.state).toBe('needs-attention');
    expect(rec.problems).toEqual([
      { code: 'buyer-nip', message: 'NIP nabywcy ma błędną sumę kontrolną.', field: 'Podmiot2/NIP' },
    ]);
    expect(rec.reasonParams?.problems).toContain('NIP nabywcy ma błędną sumę kontrolną.');
    expect(w.ksef.calls).toEqual([]);
  });

  it('refuses to send before the seller NIP is configured', async () => {
    const w = newWorld();
    w.settings = settingsWith({ nip: '' });
    w.base.add(summary(41, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await expect(pipeline.sendInvoice('41', { trigger: 'manual' })).rejects.toMatchObject({ code: 'not-configured' });
    expect(await store.get(rid('41'))).toBeUndefined();
  });

  it('an unknown Base invoice needs attention', async () => {
    const w = newWorld();
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('404', { trigger: 'manual' });
    expect(rec.state).toBe('needs-attention');
    expect(rec.reasonCode).toBe('base-not-found');
  });
});

describe('rate limits', () => {
  it('a KSeF 429 on send keeps the invoice queued and wakes at retryAt', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    const retryAt = NOW + 90_000;
    w.ksef.failNext.set('sendOnline', [new PortError('rate-limited', 'Przekroczono limit.', { retryAt })]);
    w.base.add(summary(50, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('50', { trigger: 'auto' });
    expect(rec.state).toBe('queued');
    expect(rec.retryAt).toBe(retryAt);
    expect(rec.sessionRef).toBeUndefined();
    expect(rec.reasonCode).toBe('rate-limited');
    expect(w.scheduler.alarms.get(WAKE.send('50'))).toBe(retryAt);
    expect(w.ksef.registered).toHaveLength(0);

    await live(w, pipeline, 85_000);
    expect((await store.get(rid('50')))!.state).toBe('queued'); // not before retryAt
    await live(w, pipeline, 5_000 + 15_000);
    const done = (await store.get(rid('50')))!;
    expect(done.state).toBe('accepted');
    expect(w.ksef.registered).toHaveLength(1);
  });

  it('Base blocked token: queued until Base lets us in again', async () => {
    const w = newWorld();
    const retryAt = NOW + 5 * 60_000;
    w.base.failures.push(new PortError('rate-limited', 'Base: token zablokowany.', { retryAt }));
    w.base.add(summary(51, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('51', { trigger: 'manual' });
    expect(rec.state).toBe('queued');
    expect(rec.reasonParams?.service).toBe('Base');
    expect(w.scheduler.alarms.get(WAKE.send('51'))).toBe(retryAt);
    w.clock.advance(5 * 60_000);
    await fireDue(w, pipeline);
    expect((await store.get(rid('51')))!.state).toBe('processing');
  });

  it('a 429 on a status check moves the check, the invoice stays processing', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(52, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('52', { trigger: 'manual' });
    const retryAt = NOW + 15_000 + 30_000;
    w.ksef.failNext.set('status', [new PortError('rate-limited', 'limit', { retryAt })]);
    await live(w, pipeline, 15_000);
    expect((await store.get(rid('52')))!.state).toBe('processing');
    expect(w.scheduler.alarms.get(WAKE.check('52'))).toBe(retryAt);
    await live(w, pipeline, 30_000);
    expect((await store.get(rid('52')))!.state).toBe('accepted');
  });
});

describe('offline mode', () => {
  it('an invoice issued yesterday goes with offlineMode and gets KOD II when a certificate exists', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.settings = settingsWith({
      offlineCertificate: {
        serialNumber: '01D1732E43B9345E',
        name: 'Offline',
        validFrom: '2026-01-01',
        validTo: '2027-01-01',
      },
    });
    w.base.add(summary(60, { issueDate: '2026-11-28' }));
    const { pipeline, store } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('60', { trigger: 'manual' });
    expect(rec.offline).toBe(true);
    expect(w.ksef.registered[0]!.offline).toBe(true);
    await live(w, pipeline, 15_000);
    const done = (await store.get(rid('60')))!;
    expect(done.state).toBe('accepted');
    expect(done.kod2Url).toContain('/certificate/Nip/5265877635/01D1732E43B9345E/');
    expect(done.offlineWithoutCertificate).toBe(false);
  });

  it('offline without a certificate: accepted, but flagged (no KOD II)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(61, { issueDate: '2026-11-01' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('61', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const done = (await store.get(rid('61')))!;
    expect(done.state).toBe('accepted');
    expect(done.offline).toBe(true);
    expect(done.kod2Url).toBeUndefined();
    expect(done.offlineWithoutCertificate).toBe(true);
    expect(done.reasonCode).toBe('offline-no-certificate');
  });

  it('uses the Warsaw day: 00:30 in Warsaw is already the next day (UTC still the previous one)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.clock.t = Date.parse('2026-11-29T23:30:00Z'); // 2026-11-30 00:30 in Warsaw
    w.base.add(summary(62, { issueDate: '2026-11-29' }), summary(63, { issueDate: '2026-11-30' }));
    const { pipeline } = await pipelineFor(w);
    expect((await pipeline.sendInvoice('62', { trigger: 'manual' })).offline).toBe(true);
    expect((await pipeline.sendInvoice('63', { trigger: 'manual' })).offline).toBe(false);
    expect(w.ksef.registered.map((r) => r.offline)).toEqual([true, false]);
  });
});

describe('technical correction of a rejected offline invoice (docs/ksef-protocol.md §5)', () => {
  async function rejectedOffline() {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(64, { issueDate: '2026-11-28' }));
    w.ksef.rejectNumbers.add('FV/64/2026');
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('64', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const rejected = (await store.get(rid('64')))!;
    expect(rejected.state).toBe('rejected');
    // The seller fixes the invoice in Base; KSeF accepts the fixed file.
    w.ksef.rejectNumbers.delete('FV/64/2026');
    ((w.base.invoices.get('64')!.raw as FakeRaw).version as number) = 2;
    return { w, pipeline, store, rejected, original: w.ksef.registered[0]! };
  }

  it('re-sends it, once fixed, as a correction of the rejected file, in offline mode', async () => {
    const { w, pipeline, store, rejected, original } = await rejectedOffline();
    expect(original.offline).toBe(true);
    expect(rejected.correctionOf).toBe(original.hash);
    expect(toView(rejected, w.settings, 'pl').technicalCorrection).toBe(true);
    const again = await pipeline.sendInvoice('64', { trigger: 'manual' });
    expect(again.attempts.some((a) => a.event === 'built' && a.detail === 'technical-correction')).toBe(true);
    expect(w.ksef.registered).toHaveLength(2);
    const correction = w.ksef.registered[1]!;
    expect(correction.correctionOf).toBe(original.hash);
    expect(correction.offline).toBe(true);
    expect(correction.hash).not.toBe(original.hash);
    await live(w, pipeline, 15_000);
    const done = (await store.get(rid('64')))!;
    expect(done.state).toBe('accepted');
    expect(done.correctionOf).toBeUndefined();
  });

  it('a correction rejected in turn still corrects the first file', async () => {
    const { w, pipeline, store, original } = await rejectedOffline();
    w.ksef.rejectNumbers.add('FV/64/2026');
    await pipeline.sendInvoice('64', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const twice = (await store.get(rid('64')))!;
    expect(twice.state).toBe('rejected');
    expect(twice.rejectedHash).toBe(w.ksef.registered[1]!.hash);
    expect(twice.correctionOf).toBe(original.hash);
  });

  it('sends it as a new invoice when KSeF refuses the correction (nothing registered)', async () => {
    const { w, pipeline, store } = await rejectedOffline();
    w.ksef.failNext.set('sendOnline', [
      new PortError('rejected', 'Status faktury nie pozwala na korektę techniczną.', {
        status: { code: 21167, description: 'Status faktury nie pozwala na korektę techniczną.' },
      }),
    ]);
    const again = await pipeline.sendInvoice('64', { trigger: 'manual' });
    expect(again.state).toBe('processing');
    expect(again.correctionOf).toBeUndefined();
    expect(again.attempts.some((a) => a.event === 'correction-refused' && a.detail === '21167')).toBe(true);
    expect(w.ksef.registered).toHaveLength(2);
    expect(w.ksef.registered[1]!.correctionOf).toBeUndefined();
    expect(w.ksef.registered[1]!.offline).toBe(true);
    await live(w, pipeline, 15_000);
    expect((await store.get(rid('64')))!.state).toBe('accepted');
  });

  it('an online invoice, or a rejection for permissions, is simply sent again', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(65, { issueDate: TODAY }));
    w.ksef.rejectNumbers.add('FV/65/2026');
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('65', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    expect((await store.get(rid('65')))!.state).toBe('rejected');
    expect((await store.get(rid('65')))!.correctionOf).toBeUndefined();
    w.ksef.rejectNumbers.delete('FV/65/2026');
    await pipeline.sendInvoice('65', { trigger: 'manual' });
    expect(w.ksef.registered[1]!.correctionOf).toBeUndefined();

    // Offline, but rejected for permissions (410): no technical correction (§5).
    w.base.add(summary(66, { issueDate: '2026-11-28' }));
    w.ksef.rejectCode = 410;
    w.ksef.rejectNumbers.add('FV/66/2026');
    await pipeline.sendInvoice('66', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const refused = (await store.get(rid('66')))!;
    expect(refused.state).toBe('rejected');
    expect(refused.ksefStatus?.code).toBe(410);
    expect(refused.correctionOf).toBeUndefined();
  });
});

describe('slow answers', () => {
  it('a second click during a send slower than the lease is still refused', async () => {
    const w = newWorld();
    w.base.add(summary(70, { issueDate: TODAY }));
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const realSend = w.ksef.sendOnline.bind(w.ksef);
    w.ksef.sendOnline = async (input) => {
      await gate; // KSeF takes minutes to answer
      return realSend(input);
    };
    const { pipeline } = await pipelineFor(w);
    const first = pipeline.sendInvoice('70', { trigger: 'manual' });
    while (!w.ksef.calls.includes('ensureSession')) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 5));
    w.clock.advance(10 * 60_000); // far past the 2-minute lease
    await expect(pipeline.sendInvoice('70', { trigger: 'manual' })).rejects.toMatchObject({ code: 'in-progress' });
    release();
    expect((await first).state).toBe('processing');
    expect(w.ksef.registered).toHaveLength(1);
  });
});

describe('retries after an unknown outcome', () => {
  it('a retry after midnight goes out in offline mode (the day of sending decides)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.clock.t = Date.parse('2026-11-29T22:59:30Z'); // 23:59:30 in Warsaw
    w.ksef.failNext.set('sendOnline', [new PortError('unavailable', 'KSeF nie odpowiada.')]);
    w.base.add(summary(80, { issueDate: '2026-11-29' }));
    const { pipeline, store } = await pipelineFor(w);
    const first = await pipeline.sendInvoice('80', { trigger: 'manual' });
    expect(first.state).toBe('sending');
    expect(first.offline).toBe(false);
    await live(w, pipeline, 60_000 + 15_000);
    const done = (await store.get(rid('80')))!;
    expect(done.state).toBe('accepted');
    expect(done.offline).toBe(true);
    expect(w.ksef.registered).toHaveLength(1);
    expect(w.ksef.registered[0]!.offline).toBe(true);
    expect(w.ksef.calls.filter((c) => c === 'findInSession')).toHaveLength(1); // looked before re-sending
  });

  it('waits longer after each failed reconciliation, up to the hourly poll', async () => {
    const w = newWorld();
    w.ksef.dropResponses = 1;
    const down = () => new PortError('unavailable', 'KSeF nie odpowiada.');
    w.ksef.failNext.set('findInSession', [down(), down(), down(), down(), down(), down(), down(), down()]);
    w.base.add(summary(81, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('81', { trigger: 'manual' });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const rec = (await store.get(rid('81')))!;
      waits.push(rec.retryAt! - w.clock.now());
      w.clock.t = rec.retryAt!;
      await fireDue(w, pipeline);
    }
    expect(waits.map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    w.clock.t = (await store.get(rid('81')))!.retryAt!;
    await fireDue(w, pipeline);
    expect((await store.get(rid('81')))!.state).toBe('processing'); // KSeF back: found, not re-sent
    expect(w.ksef.registered).toHaveLength(1);
  });

  it('a session KSeF no longer knows is dropped and the invoice sent in a new one', async () => {
    const w = newWorld();
    w.ksef.failNext.set('sendOnline', [new PortError('unknown-outcome', 'Przerwane połączenie.')]);
    w.ksef.failNext.set('findInSession', [new PortError('not-found', 'Brak sesji.')]);
    w.base.add(summary(82, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('82', { trigger: 'manual' });
    await live(w, pipeline, 60_000);
    const rec = (await store.get(rid('82')))!;
    expect(rec.state).toBe('processing');
    expect(rec.attempts.map((a) => a.event)).toContain('session-gone');
    expect(w.ksef.registered).toHaveLength(1);
  });
});

describe('outages', () => {
  it('Base down: queued, retried with growing waits, sent when Base is back', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    const down = () => new PortError('unavailable', 'Base nie odpowiada (HTTP 503).');
    w.base.failures.push(down(), down(), down(), down());
    w.base.add(summary(90, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    const first = await pipeline.sendInvoice('90', { trigger: 'manual' });
    expect(first.state).toBe('queued');
    expect(first.reasonParams?.message).toBe('Base nie odpowiada (HTTP 503).');
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const rec = (await store.get(rid('90')))!;
      waits.push((rec.retryAt! - w.clock.now()) / 60_000);
      w.clock.t = rec.retryAt!;
      await fireDue(w, pipeline);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect((await store.get(rid('90')))!.state).toBe('processing');
    expect(w.ksef.registered).toHaveLength(1);
  });

  it('a refused KSeF token needs attention; nothing was sent', async () => {
    const w = newWorld();
    w.ksef.failNext.set('ensureSession', [new PortError('unauthorized', 'KSeF odrzucił token. Wpisz nowy token.')]);
    w.base.add(summary(91, { issueDate: TODAY }));
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('91', { trigger: 'manual' });
    expect(rec.state).toBe('needs-attention');
    expect(rec.reasonCode).toBe('unauthorized');
    expect(rec.hash).toBeUndefined();
    w.ksef.pendingChecks = 0;
    expect((await pipeline.sendInvoice('91', { trigger: 'manual' })).state).toBe('processing');
    expect(w.ksef.registered).toHaveLength(1);
  });
});

describe('status checks', () => {
  it('"Sprawdź teraz" meeting a follow-up wake-up asks KSeF once', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(95, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('95', { trigger: 'manual' });
    w.clock.advance(15_000);
    await Promise.all([pipeline.pollPending(), pipeline.wake(WAKE.check('95')), pipeline.checkOne('95')]);
    expect(w.ksef.calls.filter((c) => c === 'status')).toHaveLength(1);
    expect(w.ksef.calls.filter((c) => c === 'upo')).toHaveLength(1);
    expect((await store.get(rid('95')))!.state).toBe('accepted');
  });

  it('a missing UPO is fetched again by the hourly poll', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.failNext.set('upo', [new PortError('unavailable', 'UPO jeszcze niedostępne.')]);
    w.base.add(summary(96, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('96', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const accepted = (await store.get(rid('96')))!;
    expect(accepted.state).toBe('accepted');
    expect(accepted.upoMissing).toBe(1);
    expect((await store.withoutUpo()).map((r) => r.invoiceId)).toEqual(['96']);
    expect(accepted.upo).toBeUndefined();
    await pipeline.pollPending();
    const done = (await store.get(rid('96')))!;
    expect(done.upo).toContain(done.ksefNumber);
    expect(done.upoMissing).toBeUndefined();
    expect(await store.withoutUpo()).toEqual([]);
  });
});

describe('QR links', () => {
  it('an offline invoice has KOD I and KOD II from the moment it is sent (before the KSeF number)', async () => {
    const w = newWorld();
    w.settings = settingsWith({
      offlineCertificate: { serialNumber: 'ABCDEF', name: 'Offline', validFrom: '2026-01-01', validTo: '2027-01-01' },
    });
    w.base.add(summary(97, { issueDate: '2026-11-27' }));
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('97', { trigger: 'manual' });
    expect(rec.state).toBe('processing');
    expect(rec.kod1Url).toContain(`/invoice/${NIP}/2026-11-27/`);
    expect(rec.kod2Url).toContain('/certificate/Nip/5265877635/ABCDEF/');
    expect(rec.offlineWithoutCertificate).toBe(false);
  });

  it('an offline invoice without a certificate is flagged while still processing', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 100;
    w.base.add(summary(98, { issueDate: '2026-11-27' }));
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('98', { trigger: 'manual' });
    expect(rec.state).toBe('processing');
    expect(rec.offlineWithoutCertificate).toBe(true);
  });

  it('440 takes KOD I from the hash of the file KSeF stores, when KSeF can serve it', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    const original = `${NIP}-20261101-0000000000CC-33`;
    w.ksef.acceptedNumbers.set('FV/98/2026', original);
    const asked: string[] = [];
    Object.assign(w.ksef, {
      storedHash: async (n: string) => {
        asked.push(n);
        return n === original ? 'T3JpZ2luYWxGaWxlSGFzaA==' : null;
      },
    });
    w.base.add(summary(98, { issueDate: '2026-11-20' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('98', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const rec = (await store.get(rid('98')))!;
    expect(rec.state).toBe('accepted');
    expect(rec.duplicateAdopted).toBe(true);
    expect(asked).toEqual([original]);
    expect(rec.kod1Url).toBe(`https://qr-test.ksef.mf.gov.pl/invoice/${NIP}/2026-11-20/T3JpZ2luYWxGaWxlSGFzaA==`);
    expect(rec.kod2Url).toBeUndefined();
  });

  it('440 before KSeF can serve the stored file: KOD I arrives from a later hourly try', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    const original = `${NIP}-20261101-0000000000DD-44`;
    w.ksef.acceptedNumbers.set('FV/97/2026', original);
    let served = false;
    Object.assign(w.ksef, { storedHash: async () => (served ? 'U3RvcmVkTGF0ZXI=' : null) });
    w.base.add(summary(97, { issueDate: '2026-11-20' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('97', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    expect((await store.get(rid('97')))?.kod1Url).toBeUndefined();
    expect([...w.scheduler.alarms.keys()]).toContain('ksef-kod1:97');
    served = true; // permanent storage reached
    await live(w, pipeline, 61 * 60_000, 60_000);
    const rec = (await store.get(rid('97')))!;
    expect(rec.kod1Url).toBe(`https://qr-test.ksef.mf.gov.pl/invoice/${NIP}/2026-11-20/U3RvcmVkTGF0ZXI=`);
    expect(rec.attempts.map((a) => a.event)).toContain('kod1-from-stored-file');
    expect([...w.scheduler.alarms.keys()]).not.toContain('ksef-kod1:97');
  });

  it('440 keeps no links made from our hash (the original file in KSeF has another)', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.acceptedNumbers.set('FV/99/2026', `${NIP}-20261101-0000000000BB-22`);
    w.base.add(summary(99, { issueDate: '2026-11-20' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('99', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const rec = (await store.get(rid('99')))!;
    expect(rec.state).toBe('accepted');
    expect(rec.kod1Url).toBeUndefined();
    expect(rec.kod2Url).toBeUndefined();
    expect(rec.offlineWithoutCertificate).toBeUndefined();
  });
});

describe('hourly poll under the KSeF status limit', () => {
  it('stops at the first 429 and finishes the round at retryAt', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 100;
    for (let i = 0; i < 6; i++) w.base.add(summary(300 + i, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    for (let i = 0; i < 6; i++) await pipeline.sendInvoice(String(300 + i), { trigger: 'manual' });
    w.clock.advance(2 * 3600_000);
    w.scheduler.alarms.clear();
    w.ksef.pendingChecks = 0;
    const retryAt = w.clock.now() + 40_000;
    const realStatus = w.ksef.status.bind(w.ksef);
    let calls = 0;
    w.ksef.status = async (s, i) => {
      if (++calls === 3) throw new PortError('rate-limited', 'limit invoiceStatus', { retryAt });
      return realStatus(s, i);
    };
    const { checked } = await pipeline.pollPending();
    expect(checked).toBe(3);
    expect(calls).toBe(3);
    expect(w.scheduler.alarms.get(WAKE.poll)).toBe(retryAt);
    expect(await store.byState('accepted')).toHaveLength(2);
    w.clock.t = retryAt;
    await fireDue(w, pipeline);
    expect(await store.byState('accepted')).toHaveLength(6);
  });
});

describe('worker start-up', () => {
  it('resume re-arms lost wake-ups; unknown alarm names are not ours', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 100;
    w.base.add(summary(401, { issueDate: TODAY }), summary(402, { issueDate: TODAY }));
    const a = await pipelineFor(w);
    await a.pipeline.sendInvoice('401', { trigger: 'manual' });
    const retryAt = NOW + 10 * 60_000;
    w.ksef.failNext.set('ensureSession', [new PortError('rate-limited', 'limit', { retryAt })]);
    await a.pipeline.sendInvoice('402', { trigger: 'manual' });
    a.store.close();
    w.scheduler.alarms.clear(); // e.g. the browser was closed and alarms lost

    const b = await pipelineFor(w);
    await b.pipeline.resume();
    expect(w.scheduler.alarms.get(WAKE.check('401'))).toBe(NOW + 15_000);
    expect(w.scheduler.alarms.get(WAKE.send('402'))).toBe(retryAt);
    expect(await b.pipeline.wake('someone-else')).toBe(false);
    expect(await b.pipeline.wake(WAKE.check('401'))).toBe(true);
    expect(w.ksef.registered).toHaveLength(1);
  });
});

describe('a refused token while the outcome is unknown', () => {
  it('stays sending (it may be in KSeF), says what to fix, and reconciles once the token works', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.dropResponses = 1;
    w.ksef.failNext.set('findInSession', [new PortError('unauthorized', 'KSeF odrzucił token. Wpisz nowy token.')]);
    w.base.add(summary(403, { issueDate: TODAY }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('403', { trigger: 'manual' });
    await live(w, pipeline, 60_000);
    const rec = (await store.get(rid('403')))!;
    expect(rec.state).toBe('sending');
    expect(toView(rec, w.settings, 'pl').reason).toBe('Odmowa dostępu: KSeF odrzucił token. Wpisz nowy token.');
    await live(w, pipeline, 2 * 60_000 + 15_000);
    expect((await store.get(rid('403')))!.state).toBe('accepted');
    expect(w.ksef.registered).toHaveLength(1);
  });
});
