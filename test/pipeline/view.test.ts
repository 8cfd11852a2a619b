import { describe, expect, it } from 'vitest';
import { warsawDayMonthClock } from '../../src/core/warsaw';
import { pluralForm } from '../../src/i18n/plural';
import { newRecord } from '../../src/outbox/store';
import type { OutboxRecord } from '../../src/outbox/types';
import { PortError } from '../../src/pipeline/ports';
import { popupLists, recentViews } from '../../src/pipeline/summary';
import { blockFor, toView } from '../../src/pipeline/view';
import { live, NIP, NOW, newWorld, pipelineFor, rid, settingsWith, summary } from './fakes';

describe('toView', () => {
  it('shows an accepted offline invoice without certificate with the warning and links', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(1, { issueDate: '2026-11-20', orderId: '555' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('1', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const rec = (await store.get(rid('1')))!;
    const v = toView(rec, w.settings, 'pl');
    expect(v).toMatchObject({
      invoiceId: '1',
      number: 'FV/1/2026',
      seriesId: '1',
      issueDate: '2026-11-20',
      orderId: '555',
      buyerName: 'Nabywca Sp. z o.o.',
      totalGross: '123.00',
      currency: 'PLN',
      state: 'accepted',
      offline: true,
      offlineWithoutCertificate: true,
      ksefNumber: rec.ksefNumber,
      processedAt: '2026-11-29T10:00:00.000Z',
      kod1Url: rec.kod1Url,
      blocked: 'in-ksef',
    });
    expect(v.kod2Url).toBeUndefined();
    expect(v.reason).toMatch(/nie skonfigurowano certyfikatu Offline/);
    expect(toView(rec, w.settings, 'en').reason).toMatch(/no Offline certificate is configured/);
    expect(v.since).toBe(new Date(rec.stateSince).toISOString());
    // No bytes, no UPO, no internal fields leak into the view.
    expect(JSON.stringify(v)).not.toContain('<Faktura>');
    expect(JSON.stringify(v)).not.toContain('Potwierdzenie');
    expect(Object.keys(v)).not.toContain('xml');
  });

  it('a rejected invoice shows KSeF status verbatim and may be sent again', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.rejectNumbers.add('FV/2/2026');
    w.base.add(summary(2, { issueDate: '2026-11-29' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('2', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const v = toView((await store.get(rid('2')))!, w.settings, 'pl');
    expect(v.state).toBe('rejected');
    expect(v.ksefStatus).toEqual({
      code: 450,
      description: 'Błąd weryfikacji semantyki dokumentu faktury',
      details: ['Element P_2 ...'],
    });
    // A documented status is explained in the UI language; KSeF's own description stays verbatim.
    expect(v.reason).toBe(
      'KSeF odrzucił fakturę: Faktura ma błąd semantyczny (niezgodność ze schematem FA(3)). Szczegóły poniżej — popraw dane faktury. Popraw fakturę w Base i wyślij ją ponownie.',
    );
    const en = toView((await store.get(rid('2')))!, w.settings, 'en');
    expect(en.reason).toBe(
      'KSeF rejected the invoice: The invoice has a semantic error (does not match the FA(3) schema). Details below: fix the invoice data. Fix the invoice in Base and send it again.',
    );
    expect(en.ksefStatus?.description).toBe('Błąd weryfikacji semantyki dokumentu faktury');
    expect(v.blocked).toBeUndefined();
  });

  it('names the environment when it is not PROD, and offers the per-record controls', () => {
    const linked: OutboxRecord = {
      ...newRecord(rid('9'), 'needs-attention', NOW),
      sessionRef: 'S',
      hash: 'H',
      reasonCode: 'not-registered',
    };
    const onTest = toView(linked, settingsWith(), 'pl');
    expect([onTest.env, onTest.canCheck, onTest.canMarkUnsent]).toEqual(['test', true, true]);
    const onProd = toView({ ...linked, env: 'prod' }, settingsWith({ env: 'prod' }), 'pl');
    expect(onProd.env).toBeUndefined();
    const rejected = toView(newRecord(rid('9'), 'rejected', NOW), settingsWith(), 'pl');
    expect([rejected.canCheck, rejected.canMarkUnsent]).toEqual([undefined, undefined]);
    const inSession = toView(
      { ...newRecord(rid('9'), 'processing', NOW), invoiceRef: 'I', sessionRef: 'S' },
      settingsWith(),
      'pl',
    );
    expect([inSession.canCheck, inSession.canMarkUnsent]).toEqual([true, undefined]);
  });

  it('blocked reasons', () => {
    const s = settingsWith({ enabledSeries: ['1'] });
    const rec = (state: OutboxRecord['state']): OutboxRecord => ({ ...newRecord(rid('9'), state, NOW), seriesId: '1' });
    expect(blockFor(rec('accepted'), s)).toBe('in-ksef');
    expect(blockFor(rec('processing'), s)).toBe('in-progress');
    expect(blockFor(rec('sending'), s)).toBe('in-progress');
    expect(blockFor(rec('rejected'), s)).toBeUndefined();
    expect(blockFor(undefined, s, { seriesId: '2' })).toBe('series-excluded');
    expect(blockFor(undefined, s, { seriesId: '1', govStatus: 5 })).toBe('base-owned');
    expect(blockFor(undefined, s, { seriesId: '1', govId: `${NIP}-20261129-000000000001-00` })).toBe('base-owned');
    expect(blockFor(undefined, s, { seriesId: '1', govStatus: 3 })).toBeUndefined();
    expect(blockFor(undefined, settingsWith({ nip: '' }), { seriesId: '1' })).toBe('not-configured');
  });

  it('an invoice never touched by the extension but sent by Base shows Base’s KSeF number', () => {
    const s = settingsWith();
    const sum = summary(3, { issueDate: '2026-11-29', govStatus: 2, govId: `${NIP}-20261129-000000000003-00` });
    const v = toView(undefined, s, 'pl', sum);
    expect(v.state).toBeUndefined();
    expect(v.blocked).toBe('base-owned');
    expect(v.ksefNumber).toBe(`${NIP}-20261129-000000000003-00`);
    expect(v.reason).toMatch(/integracja KSeF wbudowana w Base \(status w Base: zaakceptowana\)/);
  });

  it('a build problem reads in Polish with the builder’s message', async () => {
    const w = newWorld();
    w.base.add(
      summary(4, {
        issueDate: '2026-11-29',
        raw: { number: 'FV/4/2026', issueDate: '2026-11-29', version: 1, invalid: 'Brak kodu kraju nabywcy.' },
      }),
    );
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('4', { trigger: 'manual' });
    const v = toView(rec, w.settings, 'pl');
    expect(v.state).toBe('needs-attention');
    expect(v.reason).toBe(
      'Brak kodu kraju nabywcy. Popraw i wyślij ponownie (faktura nie przeszła kontroli formatu FA(3)).',
    );
  });
});

describe('popupLists', () => {
  it('pending oldest first, attention (rejected, offline without certificate, errors), recent accepted', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.rejectNumbers.add('FV/12/2026');
    w.base.add(
      summary(10, { issueDate: '2026-11-29' }),
      summary(11, { issueDate: '2026-11-10' }),
      summary(12, { issueDate: '2026-11-29' }),
      summary(13, {
        issueDate: '2026-11-29',
        raw: { number: 'FV/13/2026', issueDate: '2026-11-29', version: 1, invalid: 'Brak NIP.' },
      }),
      summary(14, { issueDate: '2026-11-29' }),
      summary(15, { issueDate: '2026-11-29' }),
    );
    const { pipeline, store } = await pipelineFor(w);
    for (const id of ['10', '11', '12', '13']) await pipeline.sendInvoice(id, { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    w.ksef.pendingChecks = 100;
    await pipeline.sendInvoice('14', { trigger: 'manual' });
    w.clock.advance(1000);
    await pipeline.sendInvoice('15', { trigger: 'manual' });

    const lists = await popupLists(store, w.settings, 'pl', { today: '2026-11-29' });
    expect(lists.pending.map((v) => v.invoiceId)).toEqual(['14', '15']);
    expect(lists.pending[0]!.state).toBe('processing');
    expect(lists.attention.map((v) => v.invoiceId).sort()).toEqual(['11', '12', '13']);
    expect(lists.accepted.map((v) => v.invoiceId).sort()).toEqual(['10', '11']);
    expect(lists.warnings).toEqual([
      '1 faktura wysłana w trybie offline bez certyfikatu Offline: brak kodu KOD II. Dodaj certyfikat w ustawieniach.',
      '1 faktura odrzucona przez KSeF: popraw i wyślij ponownie.',
    ]);
    const recent = await recentViews(store, w.settings, 'pl', 2);
    expect(recent.map((v) => v.invoiceId)).toEqual(['15', '14']);
  });
});

describe('popupLists across contexts', () => {
  it("recently accepted lists only the settings' environment and NIP", async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.base.add(summary(20, { issueDate: '2026-11-29' }));
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.sendInvoice('20', { trigger: 'manual' });
    await live(w, pipeline, 15_000);
    const onTest = await popupLists(store, w.settings, 'pl', { today: '2026-11-29' });
    expect(onTest.accepted.map((v) => v.invoiceId)).toEqual(['20']);
    expect(onTest.accepted[0]!.ksefNumber).toBeTruthy();

    // The seller switches TEST → PROD: the TEST KSeF number is not a PROD invoice.
    const onProd = await popupLists(store, settingsWith({ env: 'prod' }), 'pl', { today: '2026-11-29' });
    expect(onProd.accepted).toEqual([]);
    const otherNip = await popupLists(store, settingsWith({ nip: '1111111111' }), 'pl', { today: '2026-11-29' });
    expect(otherNip.accepted).toEqual([]);
  });
});

describe('rate-limit reason', () => {
  it('tells the next attempt in Warsaw time', async () => {
    const w = newWorld();
    w.ksef.failNext.set('sendOnline', [
      new PortError('rate-limited', 'limit', { retryAt: Date.parse('2026-11-29T13:05:00Z') }),
    ]);
    w.base.add(summary(8, { issueDate: '2026-11-29' }));
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('8', { trigger: 'manual' });
    expect(warsawDayMonthClock(rec.retryAt!)).toBe('29.11, 14:05');
    expect(toView(rec, w.settings, 'pl').reason).toBe(
      'Przekroczono limit zapytań KSeF. Kolejna próba nastąpi automatycznie o 29.11, 14:05.',
    );
  });
});

describe('pluralForm', () => {
  it('follows Polish plural rules', () => {
    const words = { one: 'faktura', few: 'faktury', many: 'faktur' };
    const f = (n: number) => `${n} ${words[pluralForm(n, 'pl')]}`;
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 102, 112].map(f)).toEqual([
      '1 faktura',
      '2 faktury',
      '4 faktury',
      '5 faktur',
      '11 faktur',
      '12 faktur',
      '14 faktur',
      '21 faktur',
      '22 faktury',
      '25 faktur',
      '102 faktury',
      '112 faktur',
    ]);
  });
});
