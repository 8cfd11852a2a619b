// `npm run bench -- peers`: this project's KSeF client side by side with independent KSeF clients
// from npm (test/bench/peers/clients.ts), against one KSeF simulator in a child process (limits
// off, no processing delays), over plain HTTP and over a local TLS terminator with a certificate
// made at run time. Each client runs in its own process (its CPU time is its own) and keeps one
// online session open; after a warm-up the clients take turns in blocks of sends, the order
// rotating every round, so drifts in machine load hit all of them alike. Figures per client:
// median and p95 wall time of one send (client work + the simulator's answer), median client CPU
// per send, TLS handshakes (connection reuse), and the ratio of ours to the best peer. A transport
// floor (a bare fetch repeating one recorded request, test/bench/peers/clients.ts) runs in the same
// turns and shows how much of each figure no fetch-based client can remove.
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { median, percentile, round, simToken, startSimProcess } from '../ksef/bench-support';
import { CLIENTS } from './peers/clients';
import { startTlsTerminator } from './peers/tls-terminator';

const NIP = '5265877635';
const WARMUP = Number(process.env.PEERS_WARMUP ?? 100);
const ROUNDS = Number(process.env.PEERS_ROUNDS ?? 12);
const BLOCK = Number(process.env.PEERS_BLOCK ?? 50);
const NAMES = (process.env.PEERS_CLIENTS ?? Object.keys(CLIENTS).join(',')).split(',');

interface Driver {
  name: string;
  label: string;
  child: ChildProcess;
  wall: number[];
  cpu: number[];
  handshakes: number;
}

function ask<T>(child: ChildProcess, msg: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: T & { error?: string }) => {
      child.off('exit', onExit);
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMsg);
      reject(new Error(`client process exited (${code})`));
    };
    child.once('message', onMsg);
    child.once('exit', onExit);
    child.send(msg as object);
  });
}

async function startDriver(name: string, baseUrl: string, token: string, caFile: string): Promise<Driver> {
  const child = fork(new URL('./peers/driver.ts', import.meta.url).pathname, [name], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let r: { name: string; version: string };
  try {
    r = await ask(child, { connect: { baseUrl, token, nip: NIP } });
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
  return { name, label: [r.name, r.version].filter(Boolean).join(' '), child, wall: [], cpu: [], handshakes: 0 };
}

async function stopDriver(d: Driver): Promise<void> {
  await new Promise<void>((resolve) => {
    d.child.once('exit', () => resolve());
    d.child.kill('SIGTERM');
  });
}

async function measure(
  transport: string,
  baseUrl: string,
  token: string,
  caFile: string,
  handshakes: () => number,
): Promise<Record<string, string | number>> {
  const drivers: Driver[] = [];
  try {
    for (const name of NAMES) drivers.push(await startDriver(name, baseUrl, token, caFile));
    for (const d of drivers) await ask(d.child, { send: WARMUP });
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate and reverse so every client is first, last and in the middle equally often.
      const order = drivers.map((_, i) => drivers[(i + r) % drivers.length]!);
      if (r % 2) order.reverse();
      for (const d of order) {
        const h0 = handshakes();
        const res = await ask<{ wall: number[]; cpu: number[] }>(d.child, { send: BLOCK });
        d.handshakes += handshakes() - h0;
        d.wall.push(...res.wall);
        d.cpu.push(...res.cpu);
      }
    }
  } finally {
    await Promise.all(drivers.map(stopDriver));
  }
  const out: Record<string, string | number> = {};
  const ours = drivers.find((d) => CLIENTS[d.name]?.kind === 'ours');
  const peers = drivers.filter((d) => CLIENTS[d.name]?.kind === 'peer');
  const floor = drivers.find((d) => CLIENTS[d.name]?.kind === 'reference');
  for (const d of drivers) {
    const reuse = transport === 'https' ? `, TLS handshakes during ${d.wall.length} timed sends: ${d.handshakes}` : '';
    out[`${transport} ${d.label}`] =
      `median ${round(median(d.wall), 3)} ms, p95 ${round(percentile(d.wall, 95), 3)} ms, ` +
      `client CPU median ${round(median(d.cpu), 3)} ms (mean ${round(d.cpu.reduce((a, b) => a + b, 0) / d.cpu.length, 3)})${reuse}`;
  }
  if (ours && peers.length) {
    const best = peers.reduce((a, b) => (median(a.wall) <= median(b.wall) ? a : b));
    const bestCpu = peers.reduce((a, b) => (median(a.cpu) <= median(b.cpu) ? a : b));
    out[`${transport} ratio ours / best peer (${best.label}), median wall`] = round(
      median(ours.wall) / median(best.wall),
      3,
    );
    out[`${transport} ratio ours / best peer (${bestCpu.label}), median client CPU`] = round(
      median(ours.cpu) / median(bestCpu.cpu),
      3,
    );
    if (floor) {
      out[`${transport} ratio transport floor / best peer, median wall; client CPU`] =
        `${round(median(floor.wall) / median(best.wall), 3)}; ${round(median(floor.cpu) / median(bestCpu.cpu), 3)}`;
    }
  }
  return out;
}

export async function run(): Promise<Record<string, number | string>> {
  const load0 = loadavg()[0]!;
  const sim = await startSimProcess();
  const tls = await startTlsTerminator(sim.origin);
  try {
    const token = await simToken(sim, NIP);
    const figures: Record<string, number | string> = {
      'timed sends per client and transport': ROUNDS * BLOCK,
      'warm-up sends per client': WARMUP,
      'order of turns': `${ROUNDS} rounds of ${BLOCK} sends, rotating`,
    };
    Object.assign(figures, await measure('http', sim.baseUrl, token, tls.caFile, tls.handshakes));
    Object.assign(figures, await measure('https', `${tls.origin}/v2`, token, tls.caFile, tls.handshakes));
    figures['load average (1 min) before / after'] = `${load0.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}`;
    return figures;
  } finally {
    await tls.stop();
    await sim.stop();
  }
}
