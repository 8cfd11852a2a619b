/**
 * Raw DEFLATE of whole files with zlib compiled to WebAssembly (src/ksef/zlib: raw-deflate.c, built
 * by build.sh), for the entries of a batch package. One zlib stream per instance, set up once and
 * reset between files, so a 3 KB invoice costs its compression and not a compressor's set-up; the
 * CRC-32 the ZIP entry needs comes from the same call. Synchronous once loaded, and the same code in
 * the service worker (its CSP allows `wasm-unsafe-eval`), in pages and in Node.
 *
 * Why not the platform's `CompressionStream` or fflate's deflate: both build a new compressor per
 * file; with 10,000 small entries that set-up, not the compression, was most of the package's time
 * (test/bench/RESULTS.md, "zlib in WebAssembly").
 */
import { InternalError } from '../i18n/internal';
import { fromBase64 } from './encoding';
import { RAW_DEFLATE_WASM_BASE64 } from './raw-deflate-wasm';

/**
 * zlib level 4: on 10,000 invoices of 3.3 KB it deflates in two thirds of level 6's time (zlib's
 * default, what `CompressionStream` uses) for an archive 1.1% larger (test/bench/RESULTS.md, "zlib in
 * WebAssembly"); level 1 would save about 70 ms more but add 4% (0.6 MB) to upload, which takes
 * longer than that on any link slower than about 65 Mbit/s.
 */
export const RAW_DEFLATE_LEVEL = 4;
const PAGE = 65_536;

interface Exports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  rd_init(level: number): number;
  rd_bound(len: number): number;
  rd_deflate(inPtr: number, len: number, outPtr: number, cap: number, crcPtr: number): number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

export interface DeflatedFile {
  /** The complete raw deflate stream (a fresh array the caller may keep). */
  data: Uint8Array<ArrayBuffer>;
  /** CRC-32 of the input, as the ZIP entry records it (unsigned). */
  crc: number;
}

export class RawDeflater {
  private constructor(private readonly x: Exports) {}

  /** A deflater with its own zlib stream (one per package stream: they are not shared). */
  static async create(level = RAW_DEFLATE_LEVEL): Promise<RawDeflater> {
    compiled ??= WebAssembly.compile(fromBase64(RAW_DEFLATE_WASM_BASE64));
    const instance = await WebAssembly.instantiate(await compiled, {});
    const x = instance.exports as unknown as Exports;
    const rc = x.rd_init(level);
    if (rc !== 0) throw new InternalError('compression', `zlib: nie udało się przygotować kompresji (kod ${rc})`);
    return new RawDeflater(x);
  }

  /** Deflates `input` as one whole file. */
  deflate(input: Uint8Array): DeflatedFile {
    const { x } = this;
    const len = input.byteLength;
    const cap = x.rd_bound(len);
    // Layout above the heap base: the CRC word, then the input, then room for the output.
    const crcPtr = align8(Number(x.__heap_base.value));
    const inPtr = crcPtr + 8;
    const outPtr = align8(inPtr + len);
    const end = outPtr + cap;
    if (end > x.memory.buffer.byteLength) x.memory.grow(Math.ceil((end - x.memory.buffer.byteLength) / PAGE));
    const heap = new Uint8Array(x.memory.buffer);
    heap.set(input, inPtr);
    const n = x.rd_deflate(inPtr, len, outPtr, cap, crcPtr);
    if (n < 0) throw new InternalError('compression', `zlib: kompresja pliku nie powiodła się (kod ${n})`);
    return { data: heap.slice(outPtr, outPtr + n), crc: new DataView(x.memory.buffer).getUint32(crcPtr, true) };
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
