/** "Pomiń / wystawiona poza KSeF": a skipped invoice is never sent (send, export), and the mark is undoable. */
import { describe, expect, it } from 'vitest';
import { refOf } from '../../src/outbox/types';
import { addSkip, readSkipList, removeSkip } from '../../src/skip/store';
import { newWorld, pipelineFor, summary } from '../pipeline/fakes';

describe('skip list', () => {
  it('a skipped invoice is refused by the send and left out of the export; undoing the mark sends it', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    for (let i = 0; i < 3; i++) w.base.add(summary(1000 + i, { issueDate: `2026-10-0${i + 1}` }));
    const { pipeline, store } = await pipelineFor(w);
    await addSkip(store, { invoiceId: '1001', number: 'FV/2/10/2026', reason: 'Wystawiona w KSeF ręcznie', at: 1 });

    await expect(pipeline.sendInvoice('1001', { trigger: 'manual' })).rejects.toMatchObject({ code: 'skipped' });
    expect(await pipeline.exportCount('2026-10')).toBe(2);
    const started = await pipeline.startExport('2026-10');
    expect(started.total).toBe(2);
    expect(w.ksef.registered.map((r) => r.number).sort()).not.toContain(w.base.invoices.get('1001')!.number);
    expect(await store.get(refOf(w.settings, '1001'))).toBeUndefined();

    await removeSkip(store, '1001');
    expect(await readSkipList(store)).toEqual({});
    const rec = await pipeline.sendInvoice('1001', { trigger: 'manual' });
    expect(['processing', 'accepted']).toContain(rec.state);
  });

  it('two marks made at once are both kept', async () => {
    const w = newWorld();
    const { store } = await pipelineFor(w);
    await Promise.all([
      addSkip(store, { invoiceId: '1', number: 'A', reason: 'r', at: 1 }),
      addSkip(store, { invoiceId: '2', number: 'B', reason: 'r', at: 1 }),
    ]);
    expect(Object.keys(await readSkipList(store)).sort()).toEqual(['1', '2']);
  });
});
