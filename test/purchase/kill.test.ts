/**
 * A worker killed between every pair of steps of a purchase sync (every store write and every KSeF
 * call is a step; a KSeF call may also die after KSeF acted, its answer lost). A new sync over the
 * same database then resumes. Whatever the step: every received invoice is stored once, with its
 * file and matching hash, and nothing is missing. Also: a week offline resumes from the mark.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Base64 } from '../../src/ksef/encoding';
import type { PurchaseKsefPort } from '../../src/purchase/ports';
import { PurchaseStore } from '../../src/purchase/store';
import { scopeOf } from '../../src/purchase/types';
import { Killed, Killer, killablePort } from '../pipeline/killer';
import { BUYER_NIP, freshDbName, PurchaseWorld, type Seeded } from './helpers';

const WRITES = new Set(['saveBatch', 'setState', 'markSeen']);
const scope = scopeOf('test', BUYER_NIP);

function killableStore(store: PurchaseStore, k: Killer): PurchaseStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (WRITES.has(String(prop))) return k.step(`store.${String(prop)}`, () => v.apply(target, args), false);
        if (prop !== 'close') k.guard();
        return v.apply(target, args);
      };
    },
  });
}

let w: PurchaseWorld;
beforeEach(async () => {
  w = await PurchaseWorld.start();
});
afterEach(async () => {
  await w.close();
});

async function expectExactly(store: PurchaseStore, seeded: Seeded[], where: string): Promise<void> {
  const recs = await store.list(scope);
  expect(recs.map((r) => r.ksefNumber).sort(), where).toEqual(seeded.map((s) => s.ksefNumber).sort());
  for (const r of recs) {
    const xml = await store.xml(r.id);
    expect(xml, where).toBeDefined();
    expect(await sha256Base64(xml!), where).toBe(r.invoiceHash);
  }
}

/** Runs one killed sync and one resumed sync over a fresh database; returns the steps walked. */
async function killedThenResumed(
  killAt: number,
  mode: 'before' | 'after',
  firstSyncDone: boolean,
  between = async () => {},
) {
  const db = freshDbName();
  const setup = await PurchaseStore.open(db);
  if (firstSyncDone) await w.sync({ store: setup }).run(); // the kill then hits the increment
  setup.close();
  await between();
  const store = await PurchaseStore.open(db);
  const k = new Killer(killAt, mode);
  const port = killablePort<PurchaseKsefPort>(await w.port(), k, 'ksef');
  let died = false;
  const out = await w
    .sync({ store: killableStore(store, k), port: async () => port })
    .run()
    .catch((e) => {
      if (!(e instanceof Killed)) throw e;
      died = true;
      return undefined;
    });
  // failureOf turns a Killed into a "failed" outcome; the worker is dead either way.
  if (out?.state === 'failed' && k.dead) died = true;
  store.close();
  const again = await PurchaseStore.open(db);
  const resumed = await w.sync({ store: again }).run();
  expect(resumed.state, `kill ${mode} ${killAt}`).toBe('done');
  return { k, died, store: again };
}

// Dozens of killed-and-resumed syncs per test: slow on a loaded two-core machine.
describe('purchase sync killed at any step', { timeout: 180_000 }, () => {
  it('first sync by export: every invoice once, none missing, whichever step dies', async () => {
    const seeded = await w.seed(14);
    let complete = false;
    const walked = new Set<string>();
    for (let n = 1; n < 40 && !complete; n++) {
      for (const mode of ['before', 'after'] as const) {
        const { k, died, store } = await killedThenResumed(n, mode, false);
        await expectExactly(store, seeded, `kill ${mode} step ${n} (${k.steps.at(-1)})`);
        store.close();
        if (died) walked.add(k.steps.at(-1)!);
        if (mode === 'before' && !died) complete = true;
      }
    }
    expect(complete).toBe(true);
    for (const step of ['ksef.startExport', 'store.saveBatch', 'ksef.exportStatus', 'ksef.readPackage']) {
      expect(walked).toContain(step);
    }
  });

  it('an increment by metadata + download: every invoice once, whichever step dies', async () => {
    const first = await w.seed(3);
    let complete = false;
    const walked = new Set<string>();
    const more: Seeded[] = [];
    for (let n = 1; n < 40 && !complete; n++) {
      for (const mode of ['before', 'after'] as const) {
        const { k, died, store } = await killedThenResumed(n, mode, true, async () => {
          more.push(...(await w.seed(2)));
        });
        await expectExactly(store, [...first, ...more], `kill ${mode} step ${n} (${k.steps.at(-1)})`);
        store.close();
        if (died) walked.add(k.steps.at(-1)!);
        if (mode === 'before' && !died) complete = true;
      }
    }
    expect(complete).toBe(true);
    for (const step of ['ksef.query', 'ksef.download', 'store.saveBatch']) expect(walked).toContain(step);
  });

  it('a week offline resumes from the mark: no gap, no duplicate', async () => {
    const first = await w.seed(4);
    expect(await w.sync().run()).toMatchObject({ state: 'done', added: 4 });
    await w.sim.ctl('POST', '/__sim/clock', { advanceMs: 7 * 86_400_000 - 3600_000 });
    const later = await w.seed(25);
    const out = await w.sync().run();
    expect(out).toMatchObject({ state: 'done', added: 25, notify: 25 });
    await expectExactly(w.store, [...first, ...later], 'after a week');
  });
});
