/**
 * Seeded chaos: ten invoices sent while KSeF and Base randomly rate-limit, fail, drop answers
 * after registering, and the worker is killed at random steps. Whatever happens, once the
 * weather clears every invoice ends accepted and KSeF holds each exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../src/messaging';
import type { OutboxStore } from '../../src/outbox/store';
import { PipelineError } from '../../src/pipeline/errors';
import type { Pipeline } from '../../src/pipeline/pipeline';
import { type BasePort, type KsefPort, PortError } from '../../src/pipeline/ports';
import { live, newWorld, pipelineFor, rid, summary, type World } from './fakes';
import { Killed, Killer, killablePort, killableStore } from './killer';

/** mulberry32: a tiny seeded PRNG, so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function chaoticKsef(w: World, rnd: () => number, weather: { stormy: boolean; dropped: number }): KsefPort {
  const k = w.ksef;
  const trouble = (): PortError | undefined => {
    if (!weather.stormy) return undefined;
    const r = rnd();
    if (r < 0.1)
      return new PortError('rate-limited', 'limit', { retryAt: w.clock.now() + Math.floor(rnd() * 120_000) });
    if (r < 0.2) return new PortError('unavailable', 'KSeF nie odpowiada.');
    return undefined;
  };
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    const e = trouble();
    if (e) throw e;
    return run();
  };
  return {
    ensureSession: () => guard(() => k.ensureSession()),
    sendOnline: async (input) => {
      const e = trouble();
      if (e) throw e;
      const res = await k.sendOnline(input);
      // Registered in KSeF, but the answer never arrives.
      if (weather.stormy && rnd() < 0.2) {
        weather.dropped++;
        throw new PortError('unknown-outcome', 'Przerwane połączenie.');
      }
      return res;
    },
    findInSession: (s, h) => guard(() => k.findInSession(s, h)),
    status: (s, i) => guard(() => k.status(s, i)),
    upo: (s, i, n) => guard(() => k.upo(s, i, n)),
    openBatch: (items, o) => guard(() => k.openBatch(items, o)),
    closeBatch: async (s) => {
      const e = trouble();
      if (e) throw e;
      const res = await k.closeBatch(s);
      if (weather.stormy && rnd() < 0.2) {
        weather.dropped++;
        throw new PortError('unknown-outcome', 'Przerwane połączenie.');
      }
      return res;
    },
    batchResults: (s) => guard(() => k.batchResults(s)),
  };
}

function chaoticBase(w: World, rnd: () => number, weather: { stormy: boolean; dropped: number }): BasePort {
  const b = w.base;
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    if (weather.stormy && rnd() < 0.1) {
      throw new PortError('rate-limited', 'Base: token zablokowany.', { retryAt: w.clock.now() + 60_000 });
    }
    return run();
  };
  return {
    getInvoice: (id) => guard(() => b.getInvoice(id)),
    listInvoicesSince: (f, s) => guard(() => b.listInvoicesSince(f, s)),
    listMonth: (m, s) => guard(() => b.listMonth(m, s)),
  };
}

interface Life {
  pipeline: Pipeline;
  store: OutboxStore;
}

interface Scenario {
  setup(w: World): string[];
  /** What the user does while the storm lasts. */
  start(life: Life): Promise<unknown>;
  /** What the user does once it clears (e.g. click again what never got a record). */
  after(life: Life, ids: string[]): Promise<unknown>;
}

async function chaos(
  seed: number,
  scenario: Scenario,
): Promise<{ w: World; kills: number; dropped: number; progress: ExportProgress | null }> {
  const rnd = prng(seed);
  const w = newWorld();
  w.clock.t = Date.parse('2026-11-29T06:00:00Z'); // 07:00 in Warsaw: the day will not change
  w.ksef.pendingChecks = 1;
  const ids = scenario.setup(w);
  const weather = { stormy: true, dropped: 0 };
  const ksef = chaoticKsef(w, rnd, weather);
  const base = chaoticBase(w, rnd, weather);
  let kills = 0;

  const newLife = async (): Promise<Life> => {
    const killAt = weather.stormy ? 1 + Math.floor(rnd() * 15) : Number.POSITIVE_INFINITY;
    const killer = new Killer(killAt, rnd() < 0.5 ? 'before' : 'after');
    return pipelineFor(w, {
      store: (s) => killableStore(s, killer),
      ksef: killablePort(ksef, killer, 'ksef'),
      base: killablePort(base, killer, 'base'),
    });
  };
  const restart = async (old: Life): Promise<Life> => {
    old.store.close();
    kills++;
    const life = await newLife();
    try {
      await life.pipeline.resume();
    } catch (e) {
      if (!(e instanceof Killed)) throw e;
      return restart(life);
    }
    return life;
  };
  const guarded = async (life: Life, run: (l: Life) => Promise<unknown>): Promise<Life> => {
    try {
      await run(life);
      return life;
    } catch (e) {
      if (e instanceof Killed) return restart(life);
      if (e instanceof PipelineError) return life; // refused (in progress…): an answer, not a bug
      throw e;
    }
  };

  let life = await newLife();
  life = await guarded(life, (l) => scenario.start(l));
  for (let minute = 0; minute < 4 * 60; minute += 5) {
    life = await guarded(life, (l) => live(w, l.pipeline, 5 * 60_000, 5_000));
    if (minute % 60 === 0) life = await guarded(life, (l) => l.pipeline.pollPending());
  }

  // The weather clears: a fresh worker, the user acts again where needed, time passes.
  weather.stormy = false;
  life = await restart(life);
  await scenario.after(life, ids);
  for (let i = 0; i < 4; i++) {
    await live(w, life.pipeline, 60 * 60_000, 15_000);
    await life.pipeline.pollPending();
  }
  for (const id of ids) {
    const rec = await life.store.get(rid(id));
    expect(rec?.state, `seed ${seed}, invoice ${id}`).toBe('accepted');
    expect(rec?.duplicateAdopted, `seed ${seed}, invoice ${id}`).toBeUndefined();
    expect(w.ksef.sendsOf(rec!.number), `seed ${seed}, invoice ${id}`).toHaveLength(1);
  }
  const progress = await life.pipeline.exportProgress();
  life.store.close();
  return { w, kills, dropped: weather.dropped, progress };
}

const manualSends: Scenario = {
  setup(w) {
    const ids = Array.from({ length: 10 }, (_, i) => String(500 + i));
    for (const id of ids) w.base.add(summary(Number(id), { issueDate: '2026-11-29' }));
    return ids;
  },
  async start(life) {
    for (let i = 0; i < 10; i++) {
      try {
        await life.pipeline.sendInvoice(String(500 + i), { trigger: 'manual' });
      } catch (e) {
        if (!(e instanceof PipelineError)) throw e;
      }
    }
  },
  async after(life, ids) {
    for (const id of ids) {
      if ((await life.store.get(rid(id))) === undefined) await life.pipeline.sendInvoice(id, { trigger: 'manual' });
    }
  },
};

const monthExport: Scenario = {
  setup(w) {
    const ids = Array.from({ length: 30 }, (_, i) => String(700 + i));
    ids.forEach((id, i) => {
      w.base.add(summary(Number(id), { issueDate: `2026-10-${String((i % 28) + 1).padStart(2, '0')}` }));
    });
    return ids;
  },
  start: (life) => life.pipeline.startExport('2026-10'),
  async after(life) {
    // Killed before the job was even recorded: the user starts the export again.
    if ((await life.pipeline.exportProgress()) === null) await life.pipeline.startExport('2026-10');
  },
};

describe('chaos', () => {
  it('manual sends, seeds 1–8: every invoice accepted, each in KSeF exactly once', async () => {
    let kills = 0;
    let dropped = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const r = await chaos(seed, manualSends);
      kills += r.kills - 1; // the last restart is the weather clearing, not a kill
      dropped += r.dropped;
      expect(r.w.ksef.registered).toHaveLength(10);
    }
    // The storm really happened: workers died and KSeF answers were lost along the way.
    expect(kills).toBeGreaterThan(20);
    expect(dropped).toBeGreaterThan(5);
  });

  it('a batch export of 30, seeds 1–6: done, each invoice in KSeF exactly once', async () => {
    let kills = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const r = await chaos(seed, monthExport);
      kills += r.kills - 1;
      expect(r.w.ksef.registered).toHaveLength(30);
      expect(r.w.ksef.batches.size).toBeGreaterThan(0);
      expect(r.progress).toMatchObject({ state: 'done', total: 30, accepted: 30, mode: 'batch' });
    }
    expect(kills).toBeGreaterThan(3);
  });
});
