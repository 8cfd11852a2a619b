/**
 * The real parts wired as the worker wires them (src/background/services.ts), in Node: the KSeF
 * client (src/ksef) behind the real KSeF adapter, the real Base client behind the Base adapter, the
 * real FA(3) builder + XSD behind the FA(3) adapter, the real QR adapter, the real Pipeline and a
 * real OutboxStore on fake-indexeddb. Outside: the KSeF simulator (one per environment) and the
 * Base fake. One fake clock drives the pipeline, the client and the simulators; wake-ups go to a
 * scheduler the test fires. A "worker kill" drops the Pipeline (and the client's in-memory
 * state) mid-step and builds a new one over the same IndexedDB and the same client key-value
 * store, as a restarted service worker would.
 */
import 'fake-indexeddb/auto';
import { basePort } from '../../../src/background/adapters/base-port';
import { fa3Port } from '../../../src/background/adapters/fa3-port';
import { ksefPort } from '../../../src/background/adapters/ksef-port';
import { qrPort } from '../../../src/background/adapters/qr-port';
import { RateLimiter as BaseLimiter, createBaseClient } from '../../../src/base/api';
import { loadFa3SchemaSetFromDisk } from '../../../src/fa3/schema-node';
import { compileFa3, type Fa3Validator } from '../../../src/fa3/validate';
import { createKsefClient, type KsefClient } from '../../../src/ksef';
import { KSEF_ENVIRONMENTS, withApiBase } from '../../../src/ksef/env';
import { MemoryKvStore } from '../../../src/ksef/storage';
import type { KsefEnv, Settings } from '../../../src/messaging';
import { OutboxStore } from '../../../src/outbox/store';
import type { OutboxContext, OutboxRecord } from '../../../src/outbox/types';
import { Pipeline, type PipelineDeps, type PipelineOptions } from '../../../src/pipeline/pipeline';
import type { BasePort, KsefPort } from '../../../src/pipeline/ports';
import { openSecretStore, type UnlockSession } from '../../../src/secrets';
import { DEFAULT_SETTINGS } from '../../../src/settings/defaults';
import {
  type BaseDataset,
  type BaseSim,
  DEMO_SELLER,
  DEMO_SELLER_SETTINGS,
  makeDemoDataset,
  SIM_TOKEN,
  startBaseSim,
} from '../../sim/base';
import { type KsefSim, startKsefSim } from '../../sim/ksef';
import { Killed, type Killer, killablePort, killableStore } from '../killer';

export { Killed };

/**
 * The worker's death, armed per test step: every store write and every port call is a step; at
 * step `killAt` the life dies (before the step, or after an outside-world step acted, so its
 * answer is lost), and everything it touches afterwards throws Killed. Same contract as
 * test/pipeline/killer.ts, but re-armable within one life.
 */
export class Death implements Pick<Killer, 'count' | 'dead' | 'steps' | 'step' | 'guard'> {
  count = 0;
  dead = false;
  steps: string[] = [];
  killAt = Number.POSITIVE_INFINITY;
  mode: 'before' | 'after' = 'before';

  arm(killAt: number, mode: 'before' | 'after' = 'before'): void {
    this.count = 0;
    this.steps = [];
    this.killAt = killAt;
    this.mode = mode;
  }

  async step<T>(name: string, run: () => Promise<T>, external: boolean): Promise<T> {
    if (this.dead) throw new Killed();
    this.count++;
    this.steps.push(name);
    if (this.count === this.killAt && this.mode === 'before') {
      this.dead = true;
      throw new Killed();
    }
    const result = await run();
    if (this.count === this.killAt && this.mode === 'after' && external) {
      this.dead = true;
      throw new Killed();
    }
    return result;
  }

  guard(): void {
    if (this.dead) throw new Killed();
  }
}
export const NIP = DEMO_SELLER.nip;

export interface SimRegistration {
  sellerNip: string;
  invoiceNumber: string;
  received: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  registrations: number;
  ksefNumbers: string[];
}

export interface RealWorldOptions {
  dataset?: BaseDataset;
  /** Processing delays of the simulators ([100 → 150, 150 → final], ms on the shared clock). */
  delays?: [number, number];
  /** The client's own rate limiter (as in the worker: waits ≤ 2 s, else "retry at"). */
  clientLimits?: boolean;
  /** The simulator enforces KSeF's limits. */
  simLimits?: boolean;
  /** Client timeout (real ms), KSeF's and Base's: how long a hanging request is waited for. */
  timeoutMs?: number;
  pipeline?: Partial<PipelineOptions>;
  settings?: Partial<Settings>;
  /** Base's limiter (calls per minute on the shared clock). */
  basePerMinute?: number;
  /** What answers the NBP rate lookups (default: 404, no rate). */
  nbpFetch?: typeof fetch;
}

let validator: Fa3Validator | undefined;
function fa3Validator(): Fa3Validator {
  validator ??= compileFa3(loadFa3SchemaSetFromDisk());
  return validator;
}

let worldSeq = 0;

/**
 * The simulators and the Base fake of one test file, shared by its tests (starting a KSeF
 * simulator makes RSA keys): each test resets them. One clock for all (tests run one at a time).
 */
const shared = {
  now: 0,
  sims: new Map<KsefEnv, KsefSim>(),
  base: undefined as BaseSim | undefined,
};

/** Stops the shared simulators (a test file's afterAll). */
export async function closeShared(): Promise<void> {
  for (const s of shared.sims.values()) await s.close();
  shared.sims.clear();
  await shared.base?.close();
  shared.base = undefined;
}

/** One life of the worker: its pipeline, store and clients; dead after `kill()`. */
export interface Life {
  pipeline: Pipeline;
  store: OutboxStore;
  killer: Death;
  clients: Map<string, KsefClient>;
  /** The record of a Base invoice in the current settings' context. */
  record(invoiceId: string): Promise<OutboxRecord | undefined>;
}

export class RealWorld {
  readonly sims = new Map<KsefEnv, KsefSim>();
  readonly tokens = new Map<KsefEnv, string>();
  base!: BaseSim;
  get now(): number {
    return shared.now;
  }
  set now(t: number) {
    shared.now = t;
  }
  /** Pending wake-ups: name → time (what chrome.alarms holds; survives a worker kill). */
  readonly alarms = new Map<string, number>();
  /** The client's key-value store (IndexedDB in the worker): survives a worker kill. */
  readonly kv = new MemoryKvStore();
  settings: Settings;
  life!: Life;
  lives = 0;
  private readonly dbName = `real-outbox-${process.pid}-${++worldSeq}`;
  private readonly baseLimiter: BaseLimiter;

  private constructor(readonly opts: RealWorldOptions) {
    // 08:00 UTC of the real day: the same time of day whenever the tests run, so the simulated
    // hours of a test do not depend on the wall clock.
    const today = new Date();
    this.now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 8);
    this.settings = {
      ...DEFAULT_SETTINGS,
      env: 'test',
      ...DEMO_SELLER_SETTINGS,
      rateRules: {
        ...DEFAULT_SETTINGS.rateRules,
        exemption: { kind: 'P_19A', text: 'art. 43 ust. 1 pkt 29 lit. c ustawy o VAT' },
      },
      ...opts.settings,
    } as Settings;
    this.baseLimiter = new BaseLimiter(opts.basePerMinute ?? 50);
  }

  static async start(opts: RealWorldOptions = {}): Promise<RealWorld> {
    const w = new RealWorld(opts);
    if (opts.dataset) w.base = await startBaseSim({ dataset: opts.dataset });
    else {
      shared.base ??= await startBaseSim({ dataset: makeDemoDataset() });
      w.base = shared.base;
    }
    await w.sim('test');
    w.life = await w.newLife();
    return w;
  }

  clock = { now: () => this.now };

  advance(ms: number): void {
    this.now += ms;
  }

  /** The simulator of one environment (started on first use), with a token for the seller. */
  async sim(env: KsefEnv): Promise<KsefSim> {
    let s = this.sims.get(env);
    if (!s) {
      s = shared.sims.get(env);
      if (!s) {
        s = await startKsefSim({ env, now: () => shared.now });
        shared.sims.set(env, s);
      }
      this.sims.set(env, s);
      // A clean KSeF for this test: no sessions, invoices, faults or tokens of the previous one.
      await this.ctl(env, 'POST', '/__sim/reset');
      await this.ctl(env, 'POST', '/__sim/delays', { processingDelaysMs: this.opts.delays ?? [0, 0] });
      await this.ctl(env, 'POST', '/__sim/rate-limits', { enabled: this.opts.simLimits ?? false });
      const { token } = await this.ctl<{ token: string }>(env, 'POST', '/__sim/tokens', { nip: NIP });
      this.tokens.set(env, token);
    }
    return s;
  }

  async ctl<T = unknown>(env: KsefEnv, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const s = this.sims.get(env);
    if (!s) throw new Error(`no simulator for ${env}`);
    const r = await fetch(s.origin + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  /** Arms a simulator fault (test/sim/ksef/README.md, "Control API"). */
  fault(
    route: string,
    kind: string,
    extra: { count?: number; status?: number; ms?: number; env?: KsefEnv } = {},
  ): Promise<unknown> {
    const { env = 'test', count = 1, ...rest } = extra;
    return this.ctl(env, 'POST', '/__sim/faults', { route, kind, count, ...rest });
  }

  /** Arms a fault of the Base fake for the next `count` calls of a method (test/sim/base/server.ts). */
  async baseFault(method: string, kind: 'blocked' | 'http500' | 'down' | 'stall', count = 1): Promise<void> {
    const r = await fetch(`${this.base.origin}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method, kind, count }),
    });
    if (!r.ok) throw new Error(`Base fault ${kind}: ${r.status} ${await r.text()}`);
  }

  registrations(env: KsefEnv = 'test'): Promise<SimRegistration[]> {
    return this.ctl(env, 'GET', `/__sim/registrations?nip=${NIP}`);
  }

  requests(env: KsefEnv = 'test'): Promise<{ method: string; path: string; status: number; at: number }[]> {
    return this.ctl(env, 'GET', '/__sim/requests');
  }

  /** Adds an invoice to the Base fake, issued at the clock's "now" (an online invoice). */
  async addInvoice(partial: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
    const issued = Math.floor(this.now / 1000);
    const r = await fetch(`${this.base.origin}/__sim/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ date_add: issued, date_sell: issued, ...partial }),
    });
    const j = (await r.json()) as { invoice_id: number; number: string };
    return { id: String(j.invoice_id), number: j.number };
  }

  async addInvoices(n: number): Promise<{ id: string; number: string }[]> {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await this.addInvoice());
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Worker lives
  // -------------------------------------------------------------------------------------------

  private client(life: { clients: Map<string, KsefClient>; kv: MemoryKvStore }, ctx: OutboxContext): KsefClient | null {
    const key = `${ctx.env}|${ctx.nip}`;
    let c = life.clients.get(key);
    if (!c) {
      const sim = this.sims.get(ctx.env);
      const token = this.tokens.get(ctx.env);
      if (!sim || !token || ctx.nip !== NIP) return null;
      c = createKsefClient({
        env: withApiBase(KSEF_ENVIRONMENTS[ctx.env], sim.baseUrl),
        nip: ctx.nip,
        credential: token,
        store: life.kv,
        now: () => this.now,
        // Time spent waiting is time on the shared clock (the client's limiter smooths bursts).
        sleep: async (ms) => {
          this.now += ms;
        },
        rateLimits: this.opts.clientLimits ? { maxWaitMs: 2_000 } : false,
        timeoutMs: this.opts.timeoutMs ?? 3_000,
        pollIntervalMs: 10,
      });
      life.clients.set(key, c);
    }
    return c;
  }

  /**
   * Another browser profile on the same Base account and KSeF token: its own outbox, client
   * store and wake-ups (not fired by `live`), the same simulators and clock.
   */
  async otherProfile(): Promise<Life> {
    return this.newLife(Number.POSITIVE_INFINITY, 'before', {
      dbName: `${this.dbName}-other-${++worldSeq}`,
      kv: new MemoryKvStore(),
      alarms: new Map(),
    });
  }

  /** A new worker life over the same IndexedDB, key-value store, alarms and simulators. */
  async newLife(
    killAt = Number.POSITIVE_INFINITY,
    mode: 'before' | 'after' = 'before',
    profile: { dbName: string; kv: MemoryKvStore; alarms: Map<string, number> } = {
      dbName: this.dbName,
      kv: this.kv,
      alarms: this.alarms,
    },
  ): Promise<Life> {
    const killer = new Death();
    killer.arm(killAt, mode);
    const raw = await OutboxStore.open(profile.dbName);
    const store = killableStore(raw, killer);
    const clients = new Map<string, KsefClient>();
    const life = { clients, kv: profile.kv };
    const portFor = (ctx: () => OutboxContext | Promise<OutboxContext>): KsefPort =>
      killablePort<KsefPort>(
        ksefPort(async () => {
          const c = this.client(life, await ctx());
          if (!c) throw new Error('Brak tokenu KSeF dla tego kontekstu.');
          return c;
        }),
        killer,
        'ksef',
      );
    const baseClient = createBaseClient({
      token: SIM_TOKEN,
      fetch: (i, init) => globalThis.fetch(i, init),
      apiUrl: this.base.apiUrl,
      now: () => this.now,
      limiter: this.baseLimiter,
      wait: 'report',
      timeoutMs: this.opts.timeoutMs ?? 3_000,
    });
    const secrets = openSecretStore(`${profile.dbName}-secrets`);
    let unlockBits: string | undefined;
    const memoryUnlock: UnlockSession = {
      get: async () => unlockBits,
      set: async (bits) => {
        unlockBits = bits;
      },
      clear: async () => {
        unlockBits = undefined;
      },
    };
    const deps: PipelineDeps = {
      store,
      base: killablePort<BasePort>(
        basePort(async () => baseClient),
        killer,
        'base',
      ),
      fa3: fa3Port({
        base: async () => baseClient,
        outbox: raw,
        validate: async (xml) => fa3Validator().validate(xml),
        // The builder's "today" (an issue date after it is refused) is the shared clock's.
        now: () => this.now,
        // No NBP unless a test brings one: "no rate" (the builder then uses Base's own rate or refuses clearly).
        fetch: this.opts.nbpFetch ?? (async () => new Response('Not Found', { status: 404 })),
      }),
      ksef: portFor(() => ({ env: this.settings.env, nip: this.settings.nip })),
      ksefFor: (ctx) => (this.client(life, ctx) ? portFor(() => ctx) : null),
      // chrome.storage.session's stand-in: what unlocks the Offline key in this browser session.
      qr: qrPort(
        () => secrets,
        () => memoryUnlock,
      ),
      clock: this.clock,
      scheduler: {
        at: (name, when) => {
          killer.guard();
          profile.alarms.set(name, when);
        },
      },
      settings: async () => structuredClone(this.settings),
      instanceId: `life-${++this.lives}`,
      options: this.opts.pipeline ?? {},
    };
    return { pipeline: new Pipeline(deps), store: raw, killer, clients, record: (id) => raw.get(this.ref(id)) };
  }

  /**
   * Kills the current worker life (whatever it is doing now fails with Killed from its next
   * step on) and starts a new one, which resumes as the worker does on start-up.
   */
  async restart(killAt?: number, mode?: 'before' | 'after'): Promise<void> {
    this.life.killer.dead = true;
    this.life.store.close();
    this.life = await this.newLife(killAt, mode);
    await this.life.pipeline.resume();
  }

  get pipeline(): Pipeline {
    return this.life.pipeline;
  }

  ref(invoiceId: string, env: KsefEnv = this.settings.env) {
    return { env, nip: this.settings.nip, invoiceId };
  }

  record(invoiceId: string, env: KsefEnv = this.settings.env): Promise<OutboxRecord | undefined> {
    return this.life.store.get(this.ref(invoiceId, env));
  }

  /** Every invoice number given was registered in KSeF exactly once (one copy received, accepted). */
  async registeredOnce(numbers: string[], env: KsefEnv = 'test'): Promise<Map<string, SimRegistration>> {
    const regs = new Map((await this.registrations(env)).map((r) => [r.invoiceNumber, r]));
    const wrong = numbers
      .map((n) => ({ n, r: regs.get(n) }))
      .filter(({ r }) => r?.accepted !== 1 || r.registrations !== 1 || r.received !== 1)
      .map(({ n, r }) => `${n}: ${r ? JSON.stringify(r) : 'not in KSeF'}`);
    if (wrong.length) throw new Error(`not registered exactly once on ${env}:\n${wrong.join('\n')}`);
    return regs;
  }

  /** Runs the wake-ups due now (and those they schedule for now), like chrome.alarms would. */
  async fireDue(): Promise<string[]> {
    const fired: string[] = [];
    for (let i = 0; i < 100; i++) {
      const due = [...this.alarms].filter(([, t]) => t <= this.now).map(([n]) => n);
      if (due.length === 0) break;
      for (const n of due) {
        this.alarms.delete(n);
        fired.push(n);
        await this.life.pipeline.wake(n);
      }
    }
    return fired;
  }

  /** Lives `ms` of time in steps, firing due wake-ups and the hourly poll. */
  async live(ms: number, stepMs = 15_000): Promise<void> {
    const end = this.now + ms;
    let nextPoll = this.now + 60 * 60_000;
    while (this.now < end) {
      const next = Math.min(end, this.now + stepMs, ...[...this.alarms.values()].filter((t) => t > this.now));
      this.now = Math.max(next, this.now + 1);
      await this.fireDue();
      if (this.now >= nextPoll) {
        nextPoll += 60 * 60_000;
        await this.life.pipeline.pollPending();
      }
    }
  }

  async close(): Promise<void> {
    this.life.killer.dead = true;
    this.life.store.close();
    if (this.base !== shared.base) await this.base.close();
  }
}

/** Final states: nothing more will happen on its own. */
export const FINAL = new Set(['accepted', 'rejected', 'needs-attention']);
