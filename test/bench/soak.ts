/**
 * `npm run bench -- soak`: many invoices through the real KSeF client and adapters, the real
 * Pipeline and a real OutboxStore (fake-indexeddb), against the KSeF simulator and the Base fake
 * (the harness of test/pipeline/real). About 10 % of the sends meet a random simulator fault of
 * any kind, and the worker is killed at random (also in the middle of a step) and restarted over
 * the same IndexedDB. Most invoices are clicked one by one; the rest go in the month's export
 * (batch sessions). Prints what matters: invoices lost, registered twice, stuck (not final after
 * the run), and the wall time. Seeded: SOAK_SEED=<n> repeats a run; SOAK_COUNT=<n> sets the size.
 */

import { closeShared, FINAL, Killed, RealWorld } from '../pipeline/real/harness';
import { makeDemoDataset } from '../sim/base';

const POST_INVOICE = 'POST /sessions/online/{referenceNumber}/invoices';
const SESSION_LIST = 'GET /sessions/{referenceNumber}/invoices';
const INVOICE_STATUS = 'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}';
const INVOICE_UPO = 'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo';
const OPEN_ONLINE = 'POST /sessions/online';
const OPEN_BATCH = 'POST /sessions/batch';
const CLOSE_BATCH = 'POST /sessions/batch/{referenceNumber}/close';
const SESSION = 'GET /sessions/{referenceNumber}';
const HOUR = 60 * 60_000;

interface Fault {
  route: string;
  kind: string;
  count?: number;
  status?: number;
  ms?: number;
}

/** Every fault kind on every route an online send uses (test/sim/ksef/README.md). */
const ONLINE_FAULTS: Fault[][] = [
  [{ route: POST_INVOICE, kind: 'drop-after-accept' }],
  [
    { route: POST_INVOICE, kind: 'drop-after-accept' },
    { route: SESSION_LIST, kind: 'http429', count: 3 },
  ],
  [
    { route: POST_INVOICE, kind: 'drop-after-accept' },
    { route: SESSION_LIST, kind: 'hang' },
  ],
  [
    { route: POST_INVOICE, kind: 'drop-after-accept' },
    { route: SESSION_LIST, kind: 'http503', count: 3 },
  ],
  [{ route: POST_INVOICE, kind: 'hang' }],
  [{ route: POST_INVOICE, kind: 'http500' }],
  [{ route: POST_INVOICE, kind: 'http503' }],
  [{ route: POST_INVOICE, kind: 'http429' }],
  [{ route: POST_INVOICE, kind: 'html' }],
  [{ route: POST_INVOICE, kind: 'http401' }],
  [{ route: POST_INVOICE, kind: 'refuse', status: 21155 }],
  [{ route: INVOICE_STATUS, kind: 'http429', count: 2 }],
  [{ route: INVOICE_STATUS, kind: 'hang' }],
  [{ route: INVOICE_STATUS, kind: 'http500', count: 2 }],
  [{ route: INVOICE_UPO, kind: 'refuse', status: 21405, count: 5 }],
  [{ route: OPEN_ONLINE, kind: 'http429' }],
  [{ route: OPEN_ONLINE, kind: 'hang' }],
  [{ route: OPEN_ONLINE, kind: 'http503' }],
  [{ route: OPEN_ONLINE, kind: 'session-status', status: 415 }],
  [{ route: 'POST /auth/challenge', kind: 'http503' }],
  [{ route: 'POST /auth/challenge', kind: 'html', status: 503 }],
  [{ route: 'POST /auth/ksef-token', kind: 'html' }],
  [{ route: 'GET /auth/{referenceNumber}', kind: 'hang' }],
  [{ route: 'POST /auth/token/redeem', kind: 'http500' }],
  [{ route: '', kind: 'invoice-delay', ms: 2 * 24 * HOUR }],
  [{ route: '', kind: 'invoice-status', status: 450 }],
];

/** Every fault kind on every route a batch export uses. */
const BATCH_FAULTS: Fault[][] = [
  [{ route: OPEN_BATCH, kind: 'http503' }],
  [{ route: OPEN_BATCH, kind: 'hang' }],
  [{ route: OPEN_BATCH, kind: 'http429' }],
  [{ route: OPEN_BATCH, kind: 'refuse', status: 21405 }],
  [{ route: OPEN_BATCH, kind: 'session-status', status: 420 }],
  [{ route: OPEN_BATCH, kind: 'session-status', status: 445 }],
  [{ route: CLOSE_BATCH, kind: 'http503' }],
  [{ route: CLOSE_BATCH, kind: 'hang' }],
  [{ route: CLOSE_BATCH, kind: 'drop-after-accept' }],
  [{ route: CLOSE_BATCH, kind: 'http401' }],
  [{ route: CLOSE_BATCH, kind: 'refuse', status: 21208 }],
  [{ route: SESSION, kind: 'hang' }],
  [{ route: SESSION_LIST, kind: 'http503', count: 2 }],
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function monthOf(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(ms)).slice(0, 7);
}

export async function run(): Promise<Record<string, number | string>> {
  const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const count = Number(process.env.SOAK_COUNT ?? 1000);
  const maxWallMs = Number(process.env.SOAK_MAX_MS ?? 15 * 60_000);
  process.stdout.write(`  seed: ${seed} (SOAK_SEED=${seed} repeats this run)\n`);
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const started = performance.now();
  const overTime = () => performance.now() - started > maxWallMs;

  const w = await RealWorld.start({
    dataset: makeDemoDataset(),
    clientLimits: true,
    timeoutMs: 2_000,
    basePerMinute: 1_000_000,
    pipeline: { batchThreshold: 20, batchSize: 100 },
  });
  const simStart = w.now;
  let faults = 0;
  let restarts = 0;
  let midStep = 0;
  const arm = async (list: Fault[][]) => {
    faults++;
    for (const f of pick(list)) await w.fault(f.route, f.kind, f);
  };
  /** Runs a worker step; a death restarts the worker (which resumes). */
  const guarded = async (step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (e) {
      if (!(e instanceof Killed) && !(e instanceof Error && e.name === 'PipelineError')) throw e;
    }
    if (w.life.killer.dead) {
      restarts++;
      await w.restart();
    }
  };
  const maybeKill = () => {
    const r = rnd();
    if (r < 0.02) {
      midStep++;
      w.life.killer.arm(1 + Math.floor(rnd() * 15), rnd() < 0.5 ? 'before' : 'after');
    } else if (r < 0.03) {
      w.life.killer.arm(1); // killed at its next step: a restart between two sends
    }
  };

  try {
    const invoices = await w.addInvoices(count);
    const clicked = invoices.slice(0, Math.round(count * 0.8));

    // 1. Clicks, one by one, with time passing between them.
    for (const [i, inv] of clicked.entries()) {
      if (overTime()) break;
      if (rnd() < 0.1) await arm(ONLINE_FAULTS);
      maybeKill();
      await guarded(async () => {
        if (!(await w.record(inv.id))) await w.pipeline.sendInvoice(inv.id, { trigger: 'manual' });
      });
      // Died before the click was written: the user clicks again.
      if (!(await w.record(inv.id))) await guarded(() => w.pipeline.sendInvoice(inv.id, { trigger: 'manual' }));
      if (i % 10 === 9) await guarded(() => w.live(Math.floor(rnd() * 5 * 60_000), 60_000));
    }

    // 2. The month's export takes the rest (batch sessions), with faults and deaths on the way.
    await guarded(() => w.pipeline.startExport(monthOf(w.now)));
    for (let i = 0; i < 40 && !overTime(); i++) {
      if (rnd() < 0.3) await arm(BATCH_FAULTS);
      maybeKill();
      await guarded(() => w.live(10 * 60_000, 60_000));
      const p = await w.pipeline.exportProgress();
      if (!p || ['done', 'failed'].includes(p.state)) break;
    }

    // 3. Time passes until everything is final (at most 4 simulated days).
    w.life.killer.arm(Number.POSITIVE_INFINITY);
    for (let h = 0; h < 4 * 24 && !overTime(); h++) {
      await guarded(() => w.live(HOUR, 5 * 60_000));
      if (h % 6 !== 5) continue;
      let open = 0;
      for (const inv of invoices) if (!FINAL.has((await w.record(inv.id))?.state ?? '')) open++;
      if (open === 0) break;
    }

    // 4. The figures: the outbox against what KSeF registered.
    const regs = new Map((await w.registrations()).map((r) => [r.invoiceNumber, r]));
    const states = new Map<string, number>();
    let lost = 0;
    let twice = 0;
    let stuck = 0;
    for (const inv of invoices) {
      const rec = await w.record(inv.id);
      const reg = regs.get(inv.number);
      const state = rec?.state ?? 'no record';
      states.set(state, (states.get(state) ?? 0) + 1);
      if ((reg?.registrations ?? 0) > 1) twice++;
      if (!FINAL.has(state)) stuck++;
      // Lost: KSeF does not have it and nobody was told, or the outbox shows a number KSeF
      // does not hold for it.
      const told = state === 'needs-attention' || state === 'rejected';
      if ((!reg || reg.accepted === 0) && !told && state !== 'sending' && state !== 'processing') lost++;
      if (state === 'accepted' && !reg?.ksefNumbers.includes(rec!.ksefNumber ?? '')) lost++;
    }
    const wallS = (performance.now() - started) / 1000;
    return {
      seed,
      invoices: count,
      'clicked / exported': `${clicked.length} / ${count - clicked.length}`,
      'faults armed': faults,
      'worker restarts (of them mid-step)': `${restarts} (${midStep})`,
      'final states': [...states].map(([s, n]) => `${s} ${n}`).join(', '),
      'invoices lost': lost,
      'registered twice': twice,
      'stuck (not final)': stuck,
      'simulated time (h)': ((w.now - simStart) / HOUR).toFixed(1),
      'wall time (s)': wallS.toFixed(1),
      ...(overTime() ? { note: `stopped at the wall-time bound (${maxWallMs / 1000} s)` } : {}),
    };
  } finally {
    await w.close();
    await closeShared();
  }
}
