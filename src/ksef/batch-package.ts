/**
 * The batch package, built as a stream (docs/ksef-protocol.md §4 steps 1–3): the invoices are zipped one
 * by one (fflate's streaming `Zip` writes the container; each entry is deflated by zlib in
 * WebAssembly, raw-deflate.ts), the archive is cut into parts of at most `maxPartSize` bytes
 * BEFORE encryption, and each part is AES-256-CBC encrypted on its own with the session key and IV
 * (CBC restarted per part, no IV prefix) window by window (`CbcEncryptStream`). At no point is the
 * whole archive or more than one encrypted part held: the SHA-256 of the whole archive is computed
 * incrementally (@noble/hashes: WebCrypto digests only whole messages), and so is each part's.
 *
 * KSeF wants every part's size and hash when the session is opened, before any upload, so the
 * package is streamed twice when it has more than one part: once to learn the hashes (keeping only
 * the last part), and again, part by part, while uploading. ZIP (fixed timestamps), zlib's
 * deflate (same input, same level, same output) and CBC (same key and IV) are deterministic, so the
 * second pass gives the same bytes; each regenerated part's hash is checked against the one
 * declared anyway.
 *
 * The invoices come from a source the caller reads afresh on every pass (`PackageReader`): an array,
 * or an async iterable that fetches them one by one (the export reads them from its store), so no
 * more than the invoices in flight are held, whatever the package's size.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { deflateSync, Zip, type ZipInputFile, ZipPassThrough } from 'fflate';
import { InternalError } from '../i18n/internal';
import { CbcEncryptStream } from './cbc-stream';
import { toBase64 } from './encoding';
import { type DeflatedFile, RawDeflater } from './raw-deflate';

export interface PackageInvoice {
  fileName: string;
  xml: Uint8Array;
}

/** Invoices, one by one; sync or async (the export reads them from IndexedDB). */
export type PackageSource = Iterable<PackageInvoice> | AsyncIterable<PackageInvoice>;
/**
 * Reads the invoices from the start, in the same order each time it is called (one call per pass
 * over the package).
 */
export type PackageReader = () => PackageSource;

export interface EncryptedPart {
  /** 1-based, as KSeF numbers parts. */
  ordinalNumber: number;
  /** The part's ciphertext. */
  body: Blob;
  fileSize: number;
  /** Base64 SHA-256 of the ciphertext. */
  fileHash: string;
}

export interface PackageSummary {
  /** Size and Base64 SHA-256 of the whole (unencrypted) ZIP archive. */
  zipSize: number;
  zipHash: string;
  partCount: number;
}

export interface PackageStreamOptions {
  key: CryptoKey;
  iv: Uint8Array;
  maxPartSize: number;
  /** ZIP entry time; the same value must be given to every pass over one package. */
  mtime: number;
  /** Plaintext bytes gathered before they go on to encryption (default 1 MiB). */
  windowBytes?: number;
}

/** XML compresses well; level 6 is fflate's speed/size balance (what `zipSync` used before). */
const DEFLATE_LEVEL = 6;
const WINDOW_BYTES = 1 << 20;

/**
 * A ZIP entry deflated synchronously by fflate (for `zipInMemory`, which must stay synchronous):
 * fflate computes CRC and size from the pushed bytes and this subclass deflates them in one call.
 */
class WholeFileDeflate extends ZipPassThrough {
  constructor(fileName: string, mtime: number) {
    super(fileName);
    this.compression = 8;
    this.mtime = mtime;
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.ondata(null, deflateSync(chunk, { level: DEFLATE_LEVEL }), final);
  }
}

/**
 * Adds an entry whose deflated bytes and CRC are already known: fflate's `ZipInputFile` takes them
 * as they are (its documented alternative to `ZipPassThrough`, which would compute the CRC again).
 */
function addDeflated(zip: Zip, fileName: string, size: number, deflated: DeflatedFile, mtime: number): void {
  const file: ZipInputFile = { filename: fileName, size, crc: deflated.crc, compression: 8, mtime };
  zip.add(file);
  file.ondata!(null, deflated.data, true);
}

/**
 * The ciphertext of one part, kept as Blobs as it comes out of the encryptor (each window's bytes
 * are handed to the Blob store at once and the Blob of the part only refers to them: no joined
 * copy is ever made), with its SHA-256 computed along the way.
 */
class PartChunks {
  private readonly blobs: Blob[] = [];
  private readonly hash = nobleSha256.create();
  length = 0;

  append(bytes: Uint8Array<ArrayBuffer>): void {
    this.hash.update(bytes);
    this.blobs.push(new Blob([bytes]));
    this.length += bytes.byteLength;
  }

  digest(): string {
    return toBase64(this.hash.digest());
  }

  /** The part as the body of its upload (fetch sends a Blob as it is). */
  body(): Blob {
    return new Blob(this.blobs);
  }
}

/**
 * Streams the package once, yielding the encrypted parts in order; `summary` is set before the
 * last part is yielded. Stopping early (`break`) is fine: nothing is left running.
 */
export class PackageStream {
  summary: PackageSummary | undefined;

  constructor(
    private readonly invoices: PackageSource,
    private readonly opts: PackageStreamOptions,
  ) {}

  async *parts(): AsyncGenerator<EncryptedPart, void, undefined> {
    const { opts } = this;
    const windowBytes = opts.windowBytes ?? WINDOW_BYTES;
    const zipHash = nobleSha256.create();
    let zipSize = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let zipError: Error | undefined;
    const zip = new Zip((err, chunk) => {
      if (err) {
        zipError = err;
        return;
      }
      zipSize += chunk.byteLength;
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
    });

    // Parts completed by the last drain (several only when parts are smaller than the window).
    const ready: EncryptedPart[] = [];
    let ordinal = 0;
    let partPlain = 0;
    let part: PartChunks | undefined;
    let cbc: CbcEncryptStream | undefined;
    const finishPart = async () => {
      await cbc!.end();
      const done = part!;
      cbc = undefined;
      part = undefined;
      partPlain = 0;
      ordinal++;
      ready.push({ ordinalNumber: ordinal, body: done.body(), fileSize: done.length, fileHash: done.digest() });
    };
    const drain = async () => {
      const chunks = pending;
      pending = [];
      pendingBytes = 0;
      for (const chunk of chunks) {
        for (let off = 0; off < chunk.byteLength; ) {
          if (!cbc) {
            const buffer = new PartChunks();
            part = buffer;
            // Every archive byte passes through one window, in order: the archive's hash is fed
            // whole windows (fflate emits three small chunks per entry).
            cbc = new CbcEncryptStream(
              opts.key,
              opts.iv,
              (c) => buffer.append(c),
              windowBytes,
              (p) => zipHash.update(p),
            );
          }
          const n = Math.min(chunk.byteLength - off, opts.maxPartSize - partPlain);
          await cbc.write(chunk.subarray(off, off + n));
          partPlain += n;
          off += n;
          if (partPlain === opts.maxPartSize) await finishPart();
        }
      }
    };

    const deflater = await RawDeflater.create();
    for await (const inv of this.invoices) {
      addDeflated(zip, inv.fileName, inv.xml.byteLength, deflater.deflate(inv.xml), opts.mtime);
      if (zipError) throw zipError;
      if (pendingBytes >= windowBytes) {
        await drain();
        while (ready.length) yield ready.shift()!;
      }
    }
    zip.end();
    if (zipError) throw zipError;
    await drain();
    if (partPlain > 0) await finishPart();
    this.summary = { zipSize, zipHash: toBase64(zipHash.digest()), partCount: ordinal };
    while (ready.length) yield ready.shift()!;
  }
}

export interface DeclaredPart {
  ordinalNumber: number;
  fileSize: number;
  fileHash: string;
}

/**
 * A package whose part sizes and hashes are known (first pass) and whose parts can be had one at a
 * time for upload: the last part is kept from the first pass, the others are produced again in
 * order. Ask for the last part first, then the others in ascending order, and only one part is
 * held at a time; any other order still works (it restarts the stream).
 */
export class PreparedPackage {
  private replay: AsyncIterator<EncryptedPart> | undefined;
  private replayNext = 1;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly read: PackageReader,
    private readonly opts: PackageStreamOptions,
    readonly summary: PackageSummary,
    readonly parts: readonly DeclaredPart[],
    private last: Blob | undefined,
  ) {}

  static async prepare(read: PackageReader, opts: PackageStreamOptions): Promise<PreparedPackage> {
    const stream = new PackageStream(read(), opts);
    const parts: DeclaredPart[] = [];
    let last: Blob | undefined;
    for await (const p of stream.parts()) {
      parts.push({ ordinalNumber: p.ordinalNumber, fileSize: p.fileSize, fileHash: p.fileHash });
      last = p.body;
    }
    return new PreparedPackage(read, opts, stream.summary!, parts, last);
  }

  /** The ciphertext of part `ordinalNumber` (1-based), byte for byte what was declared. */
  body(ordinalNumber: number): Promise<Blob> {
    // One caller at a time: the replay stream is shared.
    const next = this.queue.then(() => this.produce(ordinalNumber));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async produce(ordinalNumber: number): Promise<Blob> {
    const declared = this.parts[ordinalNumber - 1];
    if (!declared) throw new InternalError('batch-package', `paczka nie ma części ${ordinalNumber}`);
    if (ordinalNumber === this.parts.length && this.last) {
      const kept = this.last;
      this.last = undefined;
      return kept;
    }
    if (!this.replay || ordinalNumber < this.replayNext) {
      await this.replay?.return?.();
      this.replay = new PackageStream(this.read(), this.opts).parts();
      this.replayNext = 1;
    }
    for (;;) {
      const r = await this.replay.next();
      if (r.done) throw new InternalError('batch-package', `paczka skończyła się przed częścią ${ordinalNumber}`);
      this.replayNext = r.value.ordinalNumber + 1;
      if (r.value.ordinalNumber !== ordinalNumber) continue;
      if (r.value.fileHash !== declared.fileHash)
        throw new InternalError('batch-package', `część ${ordinalNumber} paczki wyszła inna niż zadeklarowana`);
      if (this.replayNext > this.parts.length - 1) {
        await this.replay.return?.();
        this.replay = undefined;
      }
      return r.value.body;
    }
  }

  /** Upload order that keeps one part in memory: the kept last part first, then the rest ascending. */
  uploadOrder<T extends { ordinalNumber: number }>(requests: readonly T[]): T[] {
    const n = this.parts.length;
    return [...requests].sort((a, b) =>
      a.ordinalNumber === n ? -1 : b.ordinalNumber === n ? 1 : a.ordinalNumber - b.ordinalNumber,
    );
  }
}

/**
 * The whole ZIP archive in memory (small packages and tests only: the send path streams). Deflated
 * by fflate, so its bytes differ from the streamed package's; its entries are the same.
 */
export function zipInMemory(invoices: readonly PackageInvoice[], mtime: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let zipError: Error | undefined;
  const zip = new Zip((err, chunk) => {
    if (err) zipError = err;
    else {
      chunks.push(chunk);
      size += chunk.byteLength;
    }
  });
  for (const inv of invoices) {
    const entry = new WholeFileDeflate(inv.fileName, mtime);
    zip.add(entry);
    entry.push(inv.xml, true);
  }
  zip.end();
  if (zipError) throw zipError;
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}
