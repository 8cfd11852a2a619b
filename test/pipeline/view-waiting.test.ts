/** Why a queued invoice waits, in a few words the popup and the invoices page show beside its state. */
import { describe, expect, it } from 'vitest';
import { PortError } from '../../src/pipeline/ports';
import { toView } from '../../src/pipeline/view';
import { newWorld, pipelineFor, rid, summary } from './fakes';

describe('waiting reason', () => {
  it('Base unreachable: "czeka na Base"; a KSeF limit: "czeka na limit KSeF do HH:MM" (Warsaw)', async () => {
    const w = newWorld();
    w.base.add(summary(1, { issueDate: '2026-11-29' }), summary(2, { issueDate: '2026-11-29' }));
    const { pipeline, store } = await pipelineFor(w);
    w.base.failures.push(new PortError('unavailable', 'Base nie odpowiada.'));
    const down = await pipeline.sendInvoice('1', { trigger: 'manual' });
    expect(down.state).toBe('queued');
    expect(toView(down, w.settings, 'pl').waiting).toBe('czeka na Base');
    expect(toView(down, w.settings, 'en').waiting).toBe('waiting for Base');

    // 13:05 UTC is 14:05 in Warsaw in November.
    w.ksef.failNext.set('ensureSession', [
      new PortError('rate-limited', 'Limit KSeF.', { retryAt: Date.parse('2026-11-29T13:05:00Z') }),
    ]);
    await pipeline.sendInvoice('2', { trigger: 'manual' });
    const rec = (await store.get(rid('2')))!;
    expect(rec.state).toBe('queued');
    expect(toView(rec, w.settings, 'pl').waiting).toBe('czeka na limit KSeF do 14:05');
  });
});
