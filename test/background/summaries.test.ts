import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Summaries } from '../../src/background/summaries';
import { OutboxStore } from '../../src/outbox/store';
import type { BaseInvoiceSummary } from '../../src/pipeline/ports';

const inv = (id: number): BaseInvoiceSummary => ({
  id: String(id),
  number: `FV/${id}/2026`,
  seriesId: '1',
  issueDate: '2026-11-29',
  raw: { big: 'x'.repeat(100) },
});

describe('Summaries', () => {
  it('keeps at most the newest N summaries, forgetting the oldest with their number look-up', async () => {
    const store = await OutboxStore.open(`summaries-${process.pid}-1`);
    const s = new Summaries(
      async () => store,
      async () => {
        throw new Error('no Base in this test');
      },
      () => undefined,
      3,
    );
    await s.remember([inv(1), inv(2)]);
    await s.remember([inv(3), inv(4)]);
    await s.remember([inv(2)]); // seen again: newest now
    expect(await s.get('1')).toBeUndefined();
    expect(await s.idForNumber('FV/1/2026')).toBeUndefined();
    expect(await s.get('3')).toMatchObject({ number: 'FV/3/2026' });
    await s.remember([inv(5)]);
    expect(await s.get('3')).toBeUndefined();
    expect((await s.get('2'))?.number).toBe('FV/2/2026');
    expect(await s.idForNumber('FV/5/2026')).toBe('5');
    // The raw Base object is never stored.
    expect(await s.get('5')).not.toHaveProperty('raw');
  });
});
