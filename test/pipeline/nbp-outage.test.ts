/**
 * NBP not answering while an invoice in a foreign currency is built: the invoice itself is fine,
 * only the rate is missing for now, so the send waits and is retried like Base or KSeF being down;
 * an NBP refusal that will not change (400) is the seller's to look at.
 */
import { describe, expect, it } from 'vitest';
import { Fa3ProblemError } from '../../src/fa3/problem';
import { toView } from '../../src/pipeline/view';
import { expectNoPolish } from '../adapters/no-polish';
import { live, newWorld, pipelineFor, rid, summary } from './fakes';

const HOUR = 60 * 60_000;

describe('NBP outage during the build', () => {
  it.each([
    ['no connection or a stalled answer', new Fa3ProblemError('NBP_UNREACHABLE', { currency: 'EUR' })],
    ['a 503', new Fa3ProblemError('NBP_HTTP_ERROR', { status: 503, currency: 'EUR' })],
    ['a 429', new Fa3ProblemError('NBP_HTTP_ERROR', { status: 429, currency: 'EUR' })],
  ])('%s: the invoice waits for NBP, then goes by itself and is accepted once', async (_, failure) => {
    const w = newWorld();
    w.base.add(summary(1, { issueDate: '2026-11-29' }));
    w.fa3.throwNext.push(failure, failure);
    const { pipeline, store } = await pipelineFor(w);
    const first = await pipeline.sendInvoice('1', { trigger: 'manual' });
    expect(first.state).toBe('queued');
    expect(first.reasonCode).toBe('unavailable');
    expect(first.retryAt).toBeGreaterThan(w.clock.now());
    const pl = toView(first, w.settings, 'pl');
    expect(pl.reason).toContain('Nie udało się pobrać kursu EUR z API NBP.');
    expect(pl.waiting).toBe('czeka na NBP');
    const en = toView(first, w.settings, 'en').reason ?? '';
    expect(en).toContain('The EUR rate could not be fetched from the NBP API.');
    expectNoPolish(en);
    expect(w.ksef.registered).toEqual([]);
    await live(w, pipeline, 3 * HOUR, 5 * 60_000);
    const rec = (await store.get(rid('1')))!;
    expect(rec.state).not.toBe('needs-attention');
    expect(['processing', 'accepted']).toContain(rec.state);
    expect(w.fa3.builds).toBe(3);
    expect(w.ksef.registered.map((r) => r.number)).toEqual(['FV/1/2026']);
  });

  it('an NBP refusal that will not change (400) needs the seller, as before', async () => {
    const w = newWorld();
    w.base.add(summary(1, { issueDate: '2026-11-29' }));
    w.fa3.throwNext.push(new Fa3ProblemError('NBP_HTTP_ERROR', { status: 400, currency: 'EUR' }));
    const { pipeline } = await pipelineFor(w);
    const rec = await pipeline.sendInvoice('1', { trigger: 'manual' });
    expect(rec.state).toBe('needs-attention');
    expect(rec.reasonCode).toBe('build-failed');
  });
});
