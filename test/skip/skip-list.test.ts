/**
 * "Pomiń / wystawiona poza KSeF": a skipped invoice is never sent (send, export), the mark is
 * undoable, and it belongs to one context (KSeF environment + NIP): a mark made on TEST says
 * nothing about PROD. Marks of the versions before contexts move to the context of the moment.
 */
import { describe, expect, it } from 'vitest';
import { refOf } from '../../src/outbox/types';
import {
  addSkip,
  LEGACY_SKIP_LIST_KEY,
  migrateSkipList,
  readSkipList,
  removeSkip,
  type SkipEntry,
  skipListKey,
} from '../../src/skip/store';
import { CTX, newWorld, pipelineFor, settingsWith, summary } from '../pipeline/fakes';

const PROD = { env: 'prod', nip: CTX.nip } as const;

function entry(invoiceId: string, at = 1): SkipEntry {
  return { invoiceId, number: `FV/${invoiceId}`, reason: 'Wystawiona w KSeF ręcznie', at };
}

describe('skip list', () => {
  it('a skipped invoice is refused by the send and left out of the export; undoing the mark sends it', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    for (let i = 0; i < 3; i++) w.base.add(summary(1000 + i, { issueDate: `2026-10-0${i + 1}` }));
    const { pipeline, store } = await pipelineFor(w);
    await addSkip(store, CTX, {
      invoiceId: '1001',
      number: 'FV/2/10/2026',
      reason: 'Wystawiona w KSeF ręcznie',
      at: 1,
    });

    await expect(pipeline.sendInvoice('1001', { trigger: 'manual' })).rejects.toMatchObject({ code: 'skipped' });
    expect(await pipeline.exportCount('2026-10')).toBe(2);
    const started = await pipeline.startExport('2026-10');
    expect(started.total).toBe(2);
    expect(w.ksef.registered.map((r) => r.number).sort()).not.toContain(w.base.invoices.get('1001')!.number);
    expect(await store.get(refOf(w.settings, '1001'))).toBeUndefined();

    await removeSkip(store, CTX, '1001');
    expect(await readSkipList(store, CTX)).toEqual({});
    const rec = await pipeline.sendInvoice('1001', { trigger: 'manual' });
    expect(['processing', 'accepted']).toContain(rec.state);
  });

  it('two marks made at once are both kept', async () => {
    const w = newWorld();
    const { store } = await pipelineFor(w);
    await Promise.all([addSkip(store, CTX, entry('1')), addSkip(store, CTX, entry('2'))]);
    expect(Object.keys(await readSkipList(store, CTX)).sort()).toEqual(['1', '2']);
  });
});

describe('skip marks per context', () => {
  it('a mark made on TEST stops neither the send nor the export on PROD', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    for (let i = 0; i < 3; i++) w.base.add(summary(1000 + i, { issueDate: `2026-10-0${i + 1}` }));
    const { pipeline, store } = await pipelineFor(w);
    await addSkip(store, CTX, entry('1001'));
    await addSkip(store, CTX, entry('1002'));
    expect(await pipeline.exportCount('2026-10')).toBe(1);

    w.settings = settingsWith({ env: 'prod' });
    expect(await readSkipList(store, PROD)).toEqual({});
    expect(await pipeline.exportCount('2026-10')).toBe(3);
    const rec = await pipeline.sendInvoice('1001', { trigger: 'manual' });
    expect(rec).toMatchObject({ env: 'prod', invoiceId: '1001' });
    expect(['processing', 'accepted']).toContain(rec.state);
    // Back on TEST the marks still hold.
    w.settings = settingsWith();
    await expect(pipeline.sendInvoice('1002', { trigger: 'manual' })).rejects.toMatchObject({ code: 'skipped' });
  });

  it('removing a mark in one context leaves the other context’s mark of the same invoice', async () => {
    const { store } = await pipelineFor(newWorld());
    await addSkip(store, CTX, entry('7'));
    await addSkip(store, PROD, entry('7', 2));
    await removeSkip(store, PROD, '7');
    expect(await readSkipList(store, PROD)).toEqual({});
    expect(await readSkipList(store, CTX)).toEqual({ '7': entry('7') });
  });
});

describe('marks stored before contexts', () => {
  const legacy = { '1': entry('1'), '2': entry('2') };

  it('apply in every context until moved, then only in the context current at the move', async () => {
    const { store } = await pipelineFor(newWorld());
    await store.setMeta(LEGACY_SKIP_LIST_KEY, legacy);
    expect(await readSkipList(store, CTX)).toEqual(legacy);
    expect(await readSkipList(store, PROD)).toEqual(legacy);

    expect(await migrateSkipList(store, CTX)).toBe(2);
    expect(await readSkipList(store, CTX)).toEqual(legacy);
    expect(await readSkipList(store, PROD)).toEqual({});
    expect(await store.getMeta(LEGACY_SKIP_LIST_KEY)).toBeUndefined();
    expect(await store.getMeta(skipListKey(CTX))).toEqual(legacy);
    // Once moved, nothing more to move.
    expect(await migrateSkipList(store, PROD)).toBe(0);
    expect(await readSkipList(store, CTX)).toEqual(legacy);
  });

  it('keep the context’s own newer mark of the same invoice', async () => {
    const { store } = await pipelineFor(newWorld());
    await store.setMeta(LEGACY_SKIP_LIST_KEY, legacy);
    await addSkip(store, CTX, entry('2', 99));
    await migrateSkipList(store, CTX);
    expect(await readSkipList(store, CTX)).toEqual({ '1': entry('1'), '2': entry('2', 99) });
  });

  it('stay where they are while no NIP is set, so entering one does not lose them', async () => {
    const { store } = await pipelineFor(newWorld());
    await store.setMeta(LEGACY_SKIP_LIST_KEY, legacy);
    expect(await migrateSkipList(store, { env: 'test', nip: '' })).toBe(0);
    expect(await store.getMeta(LEGACY_SKIP_LIST_KEY)).toEqual(legacy);
    expect(await migrateSkipList(store, CTX)).toBe(2);
    expect(await readSkipList(store, CTX)).toEqual(legacy);
  });

  it('can be undone before the move, and the undo holds after it', async () => {
    const { store } = await pipelineFor(newWorld());
    await store.setMeta(LEGACY_SKIP_LIST_KEY, legacy);
    await removeSkip(store, CTX, '1');
    expect(await readSkipList(store, CTX)).toEqual({ '2': entry('2') });
    await migrateSkipList(store, CTX);
    expect(await readSkipList(store, CTX)).toEqual({ '2': entry('2') });
  });
});
