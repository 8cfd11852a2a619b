/**
 * The worker killed between any two steps of a send, with the real client and adapters against
 * the simulator: every store write and every port call is a step; the worker dies before it, or
 * after it acted in the outside world (its answer lost). A new worker life over the same
 * IndexedDB resumes. Whatever the step, the invoice ends accepted and KSeF received it once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeShared, Killed, RealWorld } from './harness';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';

let w: RealWorld;
beforeAll(async () => {
  w = await RealWorld.start();
});
afterAll(async () => {
  await w?.close();
  await closeShared();
});

/** One send with the worker armed to die at `n`; returns what died and the settled record. */
async function sendKilledAt(n: number, mode: 'before' | 'after', setup?: () => Promise<unknown>) {
  const inv = await w.addInvoice();
  await setup?.();
  w.life.killer.arm(n, mode);
  try {
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
    await w.live(2 * 60_000);
  } catch (e) {
    if (!(e instanceof Killed)) throw e;
  }
  const died = w.life.killer.dead;
  const where = `kill ${mode} step ${n} (${w.life.killer.steps.at(-1) ?? '-'})`;
  const steps = [...w.life.killer.steps];
  w.life.killer.arm(Number.POSITIVE_INFINITY);
  if (died) await w.restart();
  const left = await w.record(inv.id);
  // Died before anything was written: the click was lost, the user clicks again.
  if (!left || (left.state === 'queued' && !left.sessionRef)) {
    await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' }).catch(() => undefined);
  }
  // Follow-up checks come 15 s, 1 and 3 minutes after a send; the clock stays within the day.
  await w.live(4 * 60_000, 30_000);
  return { inv, died, where, steps, rec: await w.record(inv.id) };
}

describe('worker killed at any step (real adapter, simulator)', { timeout: 400_000 }, () => {
  it.each([
    ['a plain send', undefined],
    ['a lost answer on the way', () => w.fault(POST_INVOICE, 'drop-after-accept')],
  ])('%s: accepted and registered once, whichever step the worker dies at', async (_, setup) => {
    const numbers: string[] = [];
    const killedAt = new Set<string>();
    let complete = false;
    let n = 1;
    for (; n < 60 && !complete; n++) {
      for (const mode of ['before', 'after'] as const) {
        const { inv, died, where, steps, rec } = await sendKilledAt(n, mode, setup);
        numbers.push(inv.number);
        expect(
          rec?.state,
          `${where} ${rec?.reasonCode} ${JSON.stringify(rec?.reasonParams)} ${JSON.stringify(rec?.attempts)}`,
        ).toBe('accepted');
        expect(rec?.upo, where).toContain(rec!.ksefNumber!);
        if (died) killedAt.add(steps.at(-1)!);
        if (mode === 'before' && !died) complete = true;
      }
    }
    expect(complete).toBe(true);
    expect(n).toBeGreaterThan(8);
    for (const step of [
      'store.claim',
      'base.getInvoice',
      'ksef.ensureSession',
      'ksef.sendOnline',
      'ksef.status',
      'ksef.upo',
    ])
      expect(killedAt).toContain(step);
    await w.registeredOnce(numbers);
  });
});
