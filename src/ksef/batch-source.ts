/**
 * The invoices of a batch session as a stream (docs/ksef-protocol.md §4 step 1): the caller hands in
 * either an array or a reader that fetches them one by one (the export reads them from its store,
 * page by page), and the package (batch-package.ts) reads them once or twice. The first pass names
 * each invoice's file in the archive and computes its SHA-256 (how KSeF's per-invoice results are
 * mapped back); a second pass, needed when the package has more than one part, gives each invoice
 * the name it got in the first and checks it is the same invoice.
 */
import { InternalError } from '../i18n/internal';
import type { PackageInvoice, PackageSource } from './batch-package';
import { sha256Base64 } from './encoding';

export interface BatchInvoice {
  /** The caller's id (e.g. the outbox id); results come back keyed by it. */
  id: string;
  /** Exact XML bytes of the invoice. */
  xml: Uint8Array;
}

/**
 * The invoices of one session: an array, or a function that reads them from the start, in the same
 * order and with the same bytes, each time it is called (it may be called twice: see batch-package.ts).
 */
export type BatchInvoiceSource = readonly BatchInvoice[] | (() => Iterable<BatchInvoice> | AsyncIterable<BatchInvoice>);

export interface BatchFileEntry {
  id: string;
  fileName: string;
  invoiceHash: string;
}

/** §0 limits: at most 10 000 invoices per session. */
export const MAX_INVOICES_PER_SESSION = 10_000;
/**
 * Invoice digests in flight at once: WebCrypto works off the main thread, but each call in flight
 * holds a copy of its input, so the window bounds that memory while keeping the digests overlapped.
 */
const HASH_AHEAD = 32;

function safeName(id: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return s.length > 0 ? s : 'faktura';
}

/** The export cuts batches to the limit, so a bigger one is a fault of ours, not the seller's. */
export function tooManyInvoices(count?: number): InternalError {
  const what = count === undefined ? 'więcej' : String(count);
  return new InternalError(
    'batch-too-large',
    `Paczka może zawierać najwyżej ${MAX_INVOICES_PER_SESSION} faktur (jest ${what}). Podziel ją.`,
    { max: String(MAX_INVOICES_PER_SESSION) },
  );
}

/**
 * First pass: yields the invoices as archive entries with unique file names (in the caller's order)
 * and appends each one's entry (id, file name, hash) to `files` as it goes. Throws once the source
 * gives more than MAX_INVOICES_PER_SESSION invoices.
 */
export async function* namedAndHashed(
  source: Iterable<BatchInvoice> | AsyncIterable<BatchInvoice>,
  files: BatchFileEntry[],
): AsyncGenerator<PackageInvoice, void, undefined> {
  const names = new Set<string>();
  const ahead: { id: string; fileName: string; xml: Uint8Array; hash: Promise<string> }[] = [];
  const settleOldest = async (): Promise<PackageInvoice> => {
    const a = ahead.shift()!;
    files.push({ id: a.id, fileName: a.fileName, invoiceHash: await a.hash });
    return { fileName: a.fileName, xml: a.xml };
  };
  let index = 0;
  for await (const inv of source) {
    if (index >= MAX_INVOICES_PER_SESSION) throw tooManyInvoices();
    let fileName = `${safeName(inv.id)}.xml`;
    if (names.has(fileName)) fileName = `${index + 1}-${fileName}`;
    names.add(fileName);
    index++;
    const hash = sha256Base64(inv.xml);
    // Awaited in order below; a failure of a later digest must not go unhandled meanwhile.
    hash.catch(() => undefined);
    ahead.push({ id: inv.id, fileName, xml: inv.xml, hash });
    if (ahead.length >= HASH_AHEAD) yield await settleOldest();
  }
  while (ahead.length) yield await settleOldest();
}

/** Later passes: the same invoices under the names the first pass gave them. */
export async function* renamed(
  source: Iterable<BatchInvoice> | AsyncIterable<BatchInvoice>,
  files: readonly BatchFileEntry[],
): AsyncGenerator<PackageInvoice, void, undefined> {
  let index = 0;
  for await (const inv of source) {
    const f = files[index++];
    // The parts' hashes are checked too (batch-package.ts); this names the cause.
    if (f?.id !== inv.id)
      throw new InternalError('batch-source', 'źródło faktur paczki podało przy ponownym odczycie inne faktury');
    yield { fileName: f.fileName, xml: inv.xml };
  }
}

/**
 * The package's reader (batch-package.ts `PackageReader`) over a batch source: the first call names
 * and hashes into `files`, every later one replays under those names.
 */
export function packageReader(source: BatchInvoiceSource, files: BatchFileEntry[]): () => PackageSource {
  const read = typeof source === 'function' ? source : () => source;
  let passes = 0;
  return () => (passes++ === 0 ? namedAndHashed(read(), files) : renamed(read(), files));
}
