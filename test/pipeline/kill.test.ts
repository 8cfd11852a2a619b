/**
 * "Worker killed between every pair of steps": the first pipeline dies at
 * step N (every store write and every port call is a step; a port call may also die AFTER the
 * outside world acted, i.e. the answer is lost). A new pipeline over the same IndexedDB then
 * resumes. Whatever N, the invoice ends accepted and KSeF received it exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { BasePort, KsefPort } from '../../src/pipeline/ports';
import { type FakeRaw, live, newWorld, pipelineFor, rid, summary, type World } from './fakes';
import { Killed, Killer, killablePort, killableStore } from './killer';

async function runKilled(killAt: number, mode: 'before' | 'after', setup: (w: World) => void) {
  const w = newWorld();
  w.ksef.pendingChecks = 1;
  w.base.add(summary(900, { issueDate: '2026-11-29' }));
  setup(w);
  const k = new Killer(killAt, mode);
  const first = await pipelineFor(w, {
    store: (s) => killableStore(s, k),
    ksef: killablePort<KsefPort>(w.ksef, k, 'ksef'),
    base: killablePort<BasePort>(w.base, k, 'base'),
  });
  let died = false;
  try {
    await first.pipeline.sendInvoice('900', { trigger: 'manual' });
    await live(w, first.pipeline, 120_000);
  } catch (e) {
    if (!(e instanceof Killed)) throw e;
    died = true;
  }
  first.store.close();
  w.scheduler.alarms.clear(); // chrome.alarms survive a worker kill, but do not rely on them

  const second = await pipelineFor(w);
  await second.pipeline.resume();
  let clickedAgain = false;
  if ((await second.store.get(rid('900'))) === undefined) {
    // Died before anything was written: the click was lost, the user clicks again.
    clickedAgain = true;
    await second.pipeline.sendInvoice('900', { trigger: 'manual' });
  }
  for (let i = 0; i < 5; i++) {
    const rec = await second.store.get(rid('900'));
    if (rec?.state === 'accepted') break;
    await live(w, second.pipeline, 60_000);
    await second.pipeline.pollPending();
  }
  const rec = await second.store.get(rid('900'));
  second.store.close();
  if (clickedAgain) expect(k.steps).toEqual(['store.claim']);
  return { w, k, died, rec };
}

describe('worker killed at any step', () => {
  it('ends accepted exactly once, whichever step the worker dies at', async () => {
    let n = 1;
    let sawCompleteRun = false;
    const killedAt = new Set<string>();
    for (; n < 60 && !sawCompleteRun; n++) {
      for (const mode of ['before', 'after'] as const) {
        const { w, k, died, rec } = await runKilled(n, mode, () => {});
        const where = `kill ${mode} step ${n} (${k.steps.at(-1) ?? '-'})`;
        expect(rec?.state, where).toBe('accepted');
        expect(w.ksef.sendsOf('FV/900/2026'), where).toHaveLength(1);
        expect(rec?.ksefNumber, where).toBe(w.ksef.acceptedNumbers.get('FV/900/2026'));
        expect(rec?.upo, where).toContain(rec!.ksefNumber!);
        if (died) killedAt.add(k.steps.at(-1)!);
        if (mode === 'before' && !died) sawCompleteRun = true;
      }
    }
    // The loop really walked through every step of a whole send (claim … UPO).
    expect(sawCompleteRun).toBe(true);
    expect(n).toBeGreaterThan(8);
    for (const step of [
      'store.claim',
      'base.getInvoice',
      'ksef.ensureSession',
      'ksef.sendOnline',
      'ksef.status',
      'ksef.upo',
    ]) {
      expect(killedAt).toContain(step);
    }
  });

  it('also with a lost response and a rejection → fix → resend on the way', async () => {
    let sawCompleteRun = false;
    for (let n = 1; n < 80 && !sawCompleteRun; n++) {
      for (const mode of ['before', 'after'] as const) {
        const { w, k, died, rec } = await runKilled(n, mode, (world) => {
          world.ksef.dropResponses = 1;
        });
        const where = `kill ${mode} step ${n} (${k.steps.at(-1) ?? '-'})`;
        expect(rec?.state, where).toBe('accepted');
        expect(w.ksef.sendsOf('FV/900/2026'), where).toHaveLength(1);
        if (mode === 'before' && !died) sawCompleteRun = true;
      }
    }
    expect(sawCompleteRun).toBe(true);
  });

  it.each([
    ['online', '2026-11-29'],
    // Issued the day before: the resend is a technical correction of the rejected file (§5).
    ['offline (technical correction)', '2026-11-28'],
  ])('a rejected %s invoice fixed and re-sent after a kill is sent once more, not twice', async (_, issueDate) => {
    let sawCompleteRun = false;
    let killed = 0;
    for (let n = 1; n < 60 && !sawCompleteRun; n++) {
      for (const mode of ['before', 'after'] as const) {
        const w = newWorld();
        w.ksef.pendingChecks = 0;
        w.ksef.rejectNumbers.add('FV/901/2026');
        w.base.add(summary(901, { issueDate }));
        const setup = await pipelineFor(w);
        await setup.pipeline.sendInvoice('901', { trigger: 'manual' });
        await live(w, setup.pipeline, 15_000);
        expect((await setup.store.get(rid('901')))!.state).toBe('rejected');
        setup.store.close();
        w.ksef.rejectNumbers.delete('FV/901/2026');
        (w.base.invoices.get('901')!.raw as FakeRaw).version = 2;

        const k = new Killer(n, mode);
        const first = await pipelineFor(w, {
          store: (s) => killableStore(s, k),
          ksef: killablePort<KsefPort>(w.ksef, k, 'ksef'),
          base: killablePort<BasePort>(w.base, k, 'base'),
        });
        let died = false;
        try {
          await first.pipeline.sendInvoice('901', { trigger: 'manual' });
          await live(w, first.pipeline, 60_000);
        } catch (e) {
          if (!(e instanceof Killed)) throw e;
          died = true;
          killed++;
        }
        first.store.close();
        const second = await pipelineFor(w);
        await second.pipeline.resume();
        if ((await second.store.get(rid('901')))?.state === 'rejected') {
          // Died before the claim was written: the user clicks "send" again.
          await second.pipeline.sendInvoice('901', { trigger: 'manual' });
        }
        await live(w, second.pipeline, 60_000);
        await second.pipeline.pollPending();
        const rec = await second.store.get(rid('901'));
        second.store.close();
        const where = `kill ${mode} step ${n} (${k.steps.at(-1) ?? '-'})`;
        expect(rec?.state, where).toBe('accepted');
        // The rejected copy and the fixed one: never a third.
        const sends = w.ksef.sendsOf('FV/901/2026');
        expect(sends, where).toHaveLength(2);
        // An offline one corrects the rejected file, whichever step the worker died at.
        expect(sends[1]?.correctionOf, where).toBe(issueDate === '2026-11-28' ? sends[0]?.hash : undefined);
        if (mode === 'before' && !died) sawCompleteRun = true;
      }
    }
    expect(sawCompleteRun).toBe(true);
    expect(killed).toBeGreaterThan(8);
  });
});
