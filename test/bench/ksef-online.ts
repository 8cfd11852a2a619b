// Client-side time per online invoice (bench): hashing, AES encryption, JSON/Base64 and the
// HTTP round trip of POST /sessions/online/{ref}/invoices, against the KSeF simulator in a child
// process (limits off, zero processing delay). Target: median < 5 ms on 2 cores.
import { readFileSync } from 'node:fs';
import { buildFa3 } from '../../src/fa3/build';
import { loadFa3SchemaSetFromDisk } from '../../src/fa3/schema-node';
import { compileFa3 } from '../../src/fa3/validate';
import { aesCbcEncrypt } from '../../src/ksef/crypto';
import { fromBase64, sha256Base64, toBase64 } from '../../src/ksef/encoding';
import { demo, inputFor } from '../fa3/helpers';
import { benchClient, median, percentile, round, simToken, startSimProcess } from '../ksef/bench-support';

/** FA(3) build + XSD validation per invoice (src/fa3), over the Base demo dataset. */
function fa3Figures(): Record<string, number | string> {
  const validator = compileFa3(loadFa3SchemaSetFromDisk());
  try {
    const { byId, cases } = demo();
    const inputs = cases.map((c) => inputFor(c, byId));
    const build: number[] = [];
    const validate: number[] = [];
    let built = 0;
    for (let pass = 0; pass < 5; pass++) {
      for (const input of inputs) {
        const b0 = performance.now();
        const r = buildFa3(input);
        const b1 = performance.now();
        if (!r.ok) continue;
        const v = validator.validate(r.xml);
        const v1 = performance.now();
        if (!v.valid) continue;
        built++;
        if (pass > 0) {
          build.push(b1 - b0);
          validate.push(v1 - b1);
        }
      }
    }
    return {
      'FA(3) demo invoices built + valid (5 rounds)': built,
      'FA(3) build median ms': round2(median(build)),
      'FA(3) XSD validation median ms': round2(median(validate)),
      'FA(3) build + validation median ms': round2(median(build.map((b, i) => b + validate[i]!))),
    };
  } finally {
    validator.dispose();
  }
}

const round2 = (x: number) => round(x, 3);

const NIP = '5265877635';
const WARMUP = 20;
const N = 300;

export async function run(): Promise<Record<string, number | string>> {
  const base = readFileSync(
    new URL('../fixtures/ksef/samples/filled/csharp-invoice-template-fa-3.filled.xml', import.meta.url),
    'utf8',
  );
  const invoices = Array.from({ length: WARMUP + N }, (_, i) =>
    new TextEncoder().encode(base.replace(/<P_2>[^<]*<\/P_2>/, `<P_2>BENCH/${i}</P_2>`)),
  );
  const sim = await startSimProcess();
  try {
    const client = benchClient(sim, NIP, await simToken(sim, NIP));
    const session = await client.online.ensureOpen();
    const wall: number[] = [];
    const cpu: number[] = [];
    const prep: number[] = [];
    for (let i = 0; i < invoices.length; i++) {
      const xml = invoices[i]!;
      // The client's own work alone (what sendInvoice does before the network).
      const p0 = performance.now();
      const ct = await aesCbcEncrypt(session.aesKey, fromBase64(session.ivB64), xml);
      JSON.stringify({ h: await sha256Base64(xml), e: await sha256Base64(ct), c: toBase64(ct) });
      const p1 = performance.now();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await client.sendInvoice(xml);
      const t1 = performance.now();
      const c1 = process.cpuUsage(c0);
      if (i >= WARMUP) {
        wall.push(t1 - t0);
        cpu.push((c1.user + c1.system) / 1000);
        prep.push(p1 - p0);
      }
    }
    let fa3: Record<string, number | string>;
    try {
      fa3 = fa3Figures();
    } catch (e) {
      fa3 = { 'FA(3) figures': `unavailable: ${e instanceof Error ? e.message : String(e)}` };
    }
    return {
      invoices: N,
      invoiceBytes: invoices[0]!.byteLength,
      'sendInvoice wall median ms (incl. simulator answer)': round(median(wall)),
      'sendInvoice wall p95 ms': round(percentile(wall, 95)),
      'client CPU per invoice median ms (this process only)': round(median(cpu)),
      'hash+encrypt+base64 median ms': round(median(prep), 3),
      ...fa3,
    };
  } finally {
    await sim.stop();
  }
}
