// One KSeF client in its own process (forked by test/bench/peers.ts), so its CPU time and memory
// are its own. Messages: {connect: target} → {ready}; {send: count} → {wall: ms[], cpu: ms[]}.
// Each invoice is the official sample with a unique invoice number (P_2), so none is a duplicate.
import { readFileSync } from 'node:fs';
import { CLIENTS, type PeerTarget, type SendOne } from './clients';

type Msg = { connect: PeerTarget } | { send: number } | { stop: true };

const name = process.argv[2] ?? '';
const adapter = CLIENTS[name];
if (!adapter) throw new Error(`unknown client ${name}`);
const sample = readFileSync(
  new URL('../../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url),
  'utf8',
);
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
let sent = 0;
let send: SendOne | undefined;

const reply = (m: unknown) => process.send?.(m);

async function sendMany(count: number): Promise<{ wall: number[]; cpu: number[] }> {
  // Invoices are made before timing: the XML bytes are the caller's input, not the client's work.
  const xmls = Array.from({ length: count }, () =>
    new TextEncoder().encode(sample.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>PEER/${runId}/${sent++}</P_2>`)),
  );
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const xml of xmls) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ref = await send!(xml);
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (typeof ref !== 'string' || ref.length < 10) throw new Error(`${name}: no reference number`);
    wall.push(t1 - t0);
    cpu.push((c1.user + c1.system) / 1000);
  }
  return { wall, cpu };
}

process.on('message', (m: Msg) => {
  void (async () => {
    try {
      if ('connect' in m) {
        send = await adapter.connect(m.connect);
        reply({ ready: true, name: adapter.name, version: adapter.version });
      } else if ('send' in m) {
        reply(await sendMany(m.send));
      } else {
        process.disconnect?.();
      }
    } catch (e) {
      reply({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
