// Shared set-up for the client's integration tests against the in-process KSeF simulator
// (test/sim/ksef, contract in the issue brief). Not a test file itself.
import { readdirSync, readFileSync } from 'node:fs';
import { createKsefClient, type KsefClient, type KsefClientOptions } from '../../src/ksef/client';
import { KSEF_ENVIRONMENTS, withApiBase } from '../../src/ksef/env';
import { MemoryKvStore } from '../../src/ksef/storage';
import { type KsefSim, type KsefSimOptions, startKsefSim } from '../sim/ksef/index';

export interface SimRequest {
  method: string;
  path: string;
  status: number;
  /** ISO time or ms, depending on the simulator version. */
  at: number | string;
}
export interface SimInvoice {
  ksefNumber: string | null;
  invoiceNumber: string | null;
  invoiceHash: string;
  sessionReferenceNumber: string;
  invoicingMode: string | null;
  status: number;
}

export const SELLER_NIP = '5265877635'; // seller of every official sample invoice

export class SimHarness {
  private constructor(readonly sim: KsefSim) {}

  static async start(opts: KsefSimOptions = {}): Promise<SimHarness> {
    return new SimHarness(await startKsefSim(opts));
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  async ctl<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.sim.origin + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async token(nip = SELLER_NIP): Promise<string> {
    return (await this.ctl<{ token: string }>('POST', '/__sim/tokens', { nip })).token;
  }

  requests(): Promise<SimRequest[]> {
    return this.ctl('GET', '/__sim/requests');
  }

  invoices(nip = SELLER_NIP): Promise<SimInvoice[]> {
    return this.ctl('GET', `/__sim/invoices?nip=${nip}`);
  }

  fault(route: string, kind: string, extra: { count?: number; status?: number } = {}): Promise<unknown> {
    return this.ctl('POST', '/__sim/faults', { route, kind, count: extra.count ?? 1, status: extra.status });
  }

  client(credential: KsefClientOptions['credential'], extra: Partial<KsefClientOptions> = {}): KsefClient {
    return createKsefClient({
      env: withApiBase(KSEF_ENVIRONMENTS.test, this.sim.baseUrl),
      nip: SELLER_NIP,
      credential,
      store: new MemoryKvStore(),
      rateLimits: false,
      pollIntervalMs: 5,
      timeoutMs: 5_000,
      ...extra,
    });
  }
}

const SAMPLES_DIR = new URL('../fixtures/ksef/samples/filled/', import.meta.url);

export function officialSamples(): Array<{ name: string; xml: Uint8Array }> {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((name) => ({ name, xml: new Uint8Array(readFileSync(new URL(name, SAMPLES_DIR))) }));
}

/** A sample with its invoice number (P_2) replaced, to make distinct invoices of the same seller. */
export function withInvoiceNumber(xml: Uint8Array, number: string): Uint8Array {
  const text = new TextDecoder().decode(xml);
  const out = text.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>${number}</P_2>`);
  if (out === text) throw new Error('no P_2 in sample');
  return new TextEncoder().encode(out);
}

export const SIMPLE_SAMPLE = 'csharp-invoice-template-fa-3.filled.xml';

export function sample(name = SIMPLE_SAMPLE): Uint8Array {
  const s = officialSamples().find((x) => x.name === name);
  if (!s) throw new Error(`missing sample ${name}`);
  return s.xml;
}
