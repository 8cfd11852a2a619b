// Used by build.sh --check when a rebuild is not byte-identical to the committed module (another
// clang release lays out the same code differently): the two modules must then deflate a set of
// inputs to the same bytes with the same CRC-32, i.e. be the same compressor. Usage:
//   node same-output.mjs <committed.wasm> <rebuilt.wasm>
import { readFileSync } from 'node:fs';

const PAGE = 65_536;

async function load(file) {
  const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
  const x = instance.exports;
  if (x.rd_init(4) !== 0) throw new Error(`${file}: rd_init failed`);
  return (input) => {
    const cap = x.rd_bound(input.byteLength);
    const crcPtr = (Number(x.__heap_base.value) + 7) & ~7;
    const inPtr = crcPtr + 8;
    const outPtr = (inPtr + input.byteLength + 7) & ~7;
    const end = outPtr + cap;
    if (end > x.memory.buffer.byteLength) x.memory.grow(Math.ceil((end - x.memory.buffer.byteLength) / PAGE));
    new Uint8Array(x.memory.buffer).set(input, inPtr);
    const n = x.rd_deflate(inPtr, input.byteLength, outPtr, cap, crcPtr);
    if (n < 0) throw new Error(`${file}: rd_deflate failed (${n})`);
    const crc = new DataView(x.memory.buffer).getUint32(crcPtr, true);
    return Buffer.concat([
      Buffer.from(new Uint8Array(x.memory.buffer, outPtr, n)),
      Buffer.from([crc >>> 24, crc & 255]),
    ]);
  };
}

// Text like an invoice's, a run, and pseudo-random bytes (a fixed generator: the same each run).
const text = Buffer.from(
  Array.from(
    { length: 400 },
    (_, i) => `<Pozycja nr="${i}"><Nazwa>Towar ${i * 7}</Nazwa><Cena>${i}.99</Cena></Pozycja>`,
  ).join(''),
);
let seed = 12345;
const noise = Buffer.alloc(300_000, 0).map(() => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed >>> 24;
});
const inputs = [Buffer.alloc(0), Buffer.from('a'), text, text.subarray(0, 3000), Buffer.alloc(500_000, 32), noise];

const [a, b] = await Promise.all([load(process.argv[2]), load(process.argv[3])]);
for (const [i, input] of inputs.entries()) {
  if (!a(input).equals(b(input))) {
    console.error(`input ${i} (${input.byteLength} bytes) deflates differently`);
    process.exit(1);
  }
}
console.log(`same output on ${inputs.length} inputs`);
