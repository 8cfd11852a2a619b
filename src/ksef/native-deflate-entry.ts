/**
 * A ZIP entry compressed by the platform's own DEFLATE: `CompressionStream('deflate-raw')`, which
 * Chrome and Firefox offer in service workers (and Node as a global), runs the browser's native zlib.
 * fflate still writes the ZIP container: this is its documented way to plug a compressor in
 * (subclass `ZipPassThrough`, which computes the CRC-32 and size of the pushed bytes, set
 * `compression = 8` and hand the compressed bytes to `ondata`). fflate's `Zip` accepts entries that
 * finish later and emits them in the order they were added, so several can be compressed at once.
 *
 * Why not fflate's own deflate: it allocates about 180 KB of fresh typed arrays per call (its symbol
 * buffer and hash chains), garbage that piles up until the next collection, and a fixed per-call
 * cost that dwarfs the work on a 3 KB invoice (test/bench/RESULTS.md, "Batch export").
 */
import { ZipPassThrough } from 'fflate';

async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>[]> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const written = writer.write(bytes).then(() => writer.close());
  // Consume the written side's outcome here too: a failure surfaces through the reader as well.
  written.catch(() => undefined);
  const reader = stream.readable.getReader();
  const out: Uint8Array<ArrayBuffer>[] = [];
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    out.push(r.value);
  }
  await written;
  return out;
}

export class NativeDeflateEntry extends ZipPassThrough {
  /** Settles once the compressed bytes are in the archive; rejects if compression failed. */
  readonly done: Promise<void>;
  private settle!: (err?: unknown) => void;

  constructor(fileName: string, mtime: number) {
    super(fileName);
    this.compression = 8;
    this.mtime = mtime;
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    // The owner awaits `done` in order; a failure of a later entry must not go unhandled meanwhile.
    this.done.catch(() => undefined);
  }

  /** The whole file must come in one push (`push(xml, true)`): one deflate stream per entry. */
  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (!final) {
      this.settle(new Error('NativeDeflateEntry: push the whole file at once'));
      return;
    }
    deflateRaw(chunk).then(
      (pieces) => {
        if (pieces.length === 0) pieces.push(new Uint8Array(0));
        for (const [i, p] of pieces.entries()) this.ondata(null, p, i === pieces.length - 1);
        this.settle();
      },
      (err: unknown) => this.settle(err ?? new Error('deflate failed')),
    );
  }
}
