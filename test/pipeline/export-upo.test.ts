/** A batch export takes its UPOs from the session UPO (one read per session), not one per invoice. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../src/pipeline/pipeline';
import { clearSessionUpoCache } from '../../src/pipeline/session-upo';
import { live, newWorld, pipelineFor, rid, summary, type World } from './fakes';

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

beforeEach(() => clearSessionUpoCache());

describe('export UPO from the batch session', () => {
  it('200 invoices: every one confirmed by the session UPO, no per-invoice UPO request', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 200);
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.startExport('2026-10');
    await settle(w, pipeline);
    const recs = await store.byState('accepted');
    expect(recs).toHaveLength(200);
    for (const r of recs) {
      expect(r.sessionUpo?.sessionRef).toBe(r.sessionRef);
      expect(r.sessionUpo?.entry).toContain(`<NumerKSeFDokumentu>${r.ksefNumber}</NumerKSeFDokumentu>`);
      expect(r.upoMissing).toBeUndefined();
      expect(r.xml).toBeUndefined();
    }
    expect(await store.withoutUpo()).toEqual([]);
    expect(w.ksef.calls.filter((c) => c === 'upo')).toEqual([]);
    expect(w.ksef.calls.filter((c) => c === 'sessionUpo')).toHaveLength(1);
  });

  it('while KSeF has not issued it, the records wait and the hourly poll asks once per session', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    w.ksef.sessionUpoPending = 1;
    october(w, 30);
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.startExport('2026-10');
    await settle(w, pipeline);
    expect(w.ksef.calls.filter((c) => c === 'upo')).toEqual([]);
    const before = w.ksef.calls.filter((c) => c === 'sessionUpo').length;
    expect(before).toBeGreaterThanOrEqual(1);
    // The "not issued yet" answer is not asked again for every record of the session.
    expect(before).toBeLessThan(5);
    w.clock.advance(60 * 60_000);
    await pipeline.pollPending();
    expect(await store.withoutUpo()).toEqual([]);
    expect((await store.byState('accepted')).every((r) => r.sessionUpo !== undefined)).toBe(true);
    expect(w.ksef.calls.filter((c) => c === 'upo')).toEqual([]);
  });

  it("an invoice's own UPO stays reachable on demand (check now)", async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    october(w, 30);
    const { pipeline, store } = await pipelineFor(w);
    await pipeline.startExport('2026-10');
    await settle(w, pipeline);
    const one = (await store.get(rid('1003')))!;
    expect(one.sessionUpo).toBeDefined();
    expect(one.upo).toBeUndefined();
    const checked = await pipeline.checkNow('1003');
    expect(checked?.upo).toContain(one.ksefNumber!);
    expect(checked?.sessionUpo).toEqual(one.sessionUpo);
    expect(w.ksef.calls.filter((c) => c === 'upo')).toHaveLength(1);
  });
});
