// Set-up for the purchase-sync tests: the KSeF simulator in process, the real client and the real
// store over fake-indexeddb (one database per test). Not a test file.
import 'fake-indexeddb/auto';
import type { KsefEnv } from '../../src/core/env';
import type { KsefClient } from '../../src/ksef/client';
import { purchaseKsefPort } from '../../src/purchase/ksef-port';
import type { PurchaseKsefPort } from '../../src/purchase/ports';
import { PurchaseStore } from '../../src/purchase/store';
import { PurchaseSync } from '../../src/purchase/sync';
import { SimHarness } from '../ksef/sim-helpers';

export const BUYER_NIP = '5265877635';
export const OTHER_NIP = '7251266236'; // also a seeded supplier's NIP is never this one

let dbCounter = 0;
export const freshDbName = () => `purchases-test-${process.pid}-${++dbCounter}-${Date.now()}`;

export interface Seeded {
  ksefNumber: string;
  invoiceNumber: string;
  invoiceHash: string;
}

export class PurchaseWorld {
  wakeups: number[] = [];
  clients = new Map<string, KsefClient>();

  private constructor(
    readonly sim: SimHarness,
    readonly store: PurchaseStore,
  ) {}

  static async start(delays: [number, number] = [0, 0]): Promise<PurchaseWorld> {
    const sim = await SimHarness.start({ processingDelaysMs: delays });
    return new PurchaseWorld(sim, await PurchaseStore.open(freshDbName()));
  }

  async close(): Promise<void> {
    this.store.close();
    await this.sim.close();
  }

  /** Seeds received invoices and waits until they are all in permanent storage (1 ms apart). */
  async seed(count: number, extra: Record<string, unknown> = {}, buyerNip = BUYER_NIP): Promise<Seeded[]> {
    const r = await this.sim.ctl<{ invoices: Seeded[] }>('POST', '/__sim/incoming', { buyerNip, count, ...extra });
    await new Promise((res) => setTimeout(res, count + 5));
    return r.invoices;
  }

  limits(l: Record<string, number>): Promise<unknown> {
    return this.sim.ctl('POST', '/__sim/purchase-limits', l);
  }

  async client(nip = BUYER_NIP, permissions?: string[]): Promise<KsefClient> {
    const key = `${nip}|${permissions?.join(',') ?? ''}`;
    let c = this.clients.get(key);
    if (!c) {
      const token = (await this.sim.ctl<{ token: string }>('POST', '/__sim/tokens', { nip, permissions })).token;
      c = this.sim.client(token, { nip });
      this.clients.set(key, c);
    }
    return c;
  }

  async port(nip = BUYER_NIP, permissions?: string[]): Promise<PurchaseKsefPort> {
    return purchaseKsefPort(await this.client(nip, permissions));
  }

  sync(
    opts: {
      nip?: string;
      env?: KsefEnv;
      port?: () => Promise<PurchaseKsefPort>;
      store?: PurchaseStore;
      inlineWaitMs?: number;
      permissions?: string[];
    } = {},
  ): PurchaseSync {
    const nip = opts.nip ?? BUYER_NIP;
    return new PurchaseSync({
      store: opts.store ?? this.store,
      env: opts.env ?? 'test',
      nip,
      ksef: opts.port ?? (() => this.port(nip, opts.permissions)),
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
      scheduleAt: async (when) => {
        this.wakeups.push(when);
      },
      inlineWaitMs: opts.inlineWaitMs ?? 2_000,
      pollMs: 5,
    });
  }

  requests(): Promise<{ method: string; path: string; status: number }[]> {
    return this.sim.requests();
  }
}

export async function countCalls(w: PurchaseWorld, method: string, prefix: string): Promise<number> {
  return (await w.requests()).filter((r) => r.method === method && r.path.startsWith(prefix)).length;
}
