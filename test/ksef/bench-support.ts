// Support for the KSeF client benchmarks (test/bench/ksef-*.ts): the simulator runs in a CHILD
// process, so the figures measured in this process are the client's own (CPU, memory), not the
// simulator's. Not a test file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createKsefClient, type KsefClient } from '../../src/ksef/client';
import { KSEF_ENVIRONMENTS, withApiBase } from '../../src/ksef/env';
import type { FetchLike } from '../../src/ksef/http';
import { MemoryKvStore } from '../../src/ksef/storage';

export interface SimProcess {
  baseUrl: string;
  origin: string;
  stop(): Promise<void>;
}

export async function startSimProcess(): Promise<SimProcess> {
  const root = new URL('../../', import.meta.url).pathname;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/sim/ksef/main.ts', '--port', '0', '--delays', '0,0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /KSeF simulator: (\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
  return {
    baseUrl,
    origin: baseUrl.replace(/\/v2$/, ''),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function simToken(sim: SimProcess, nip: string): Promise<string> {
  const res = await fetch(`${sim.origin}/__sim/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nip }),
  });
  return ((await res.json()) as { token: string }).token;
}

export function benchClient(sim: SimProcess, nip: string, token: string, fetchFn?: FetchLike): KsefClient {
  return createKsefClient({
    fetch: fetchFn,
    env: withApiBase(KSEF_ENVIRONMENTS.test, sim.baseUrl),
    nip,
    credential: token,
    store: new MemoryKvStore(),
    rateLimits: false,
    pollIntervalMs: 50,
    timeoutMs: 120_000,
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
