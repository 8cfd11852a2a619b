/**
 * Batch session (docs/ksef-protocol.md §4): the invoices are zipped and encrypted as a stream into
 * ≤ 100 MB parts (batch-package.ts: never the whole archive in memory), the session is opened with
 * the archive's and the parts' hashes/sizes, every part is PUT to its pre-signed URL WITHOUT
 * Authorization, the session is closed and polled, and per-invoice results (including the failed
 * list) are mapped back to the caller's invoices by file name (then by hash).
 */
import { batchStatusKey, STATUSES } from '../i18n/statuses';
import type { KsefAuth } from './auth';
import { PreparedPackage, zipInMemory } from './batch-package';
import {
  type BatchFileEntry,
  type BatchInvoice,
  type BatchInvoiceSource,
  MAX_INVOICES_PER_SESSION,
  namedAndHashed,
  packageReader,
  tooManyInvoices,
} from './batch-source';
import type { KsefContext } from './context';
import { createSessionKey } from './crypto';
import { isKsefUploadUrl } from './env';
import { NetworkError, ProtocolError, UnavailableError, UntrustedUploadHostError } from './errors';
import {
  type InvoiceOutcome,
  interpretInvoiceStatus,
  listSessionInvoices,
  type SessionInvoiceStatus,
} from './invoice-status';
import { FA3_FORM_CODE } from './online-session';

/** §4 step 2: each part ≤ 100 000 000 bytes before encryption; ≤ 50 parts. */
export const MAX_BATCH_PART_SIZE = 100_000_000;
export const MAX_BATCH_PARTS = 50;
export type { BatchFileEntry, BatchInvoice, BatchInvoiceSource };
export { MAX_INVOICES_PER_SESSION };

export interface BatchSubmitOptions {
  offlineMode?: boolean;
  /** Smaller parts (tests); never above MAX_BATCH_PART_SIZE. */
  maxPartSize?: number;
  /** Parallel part uploads (default 1: one encrypted part in memory; each more adds one). */
  uploadConcurrency?: number;
}

/** What the caller should persist to resume after a worker restart. */
export interface BatchHandle {
  referenceNumber: string;
  files: BatchFileEntry[];
  partCount: number;
  archiveSize: number;
}

export interface SessionStatus {
  status: { code: number; description: string; details?: string[] | null };
  dateCreated?: string;
  dateUpdated?: string;
  invoiceCount?: number | null;
  successfulInvoiceCount?: number | null;
  failedInvoiceCount?: number | null;
}

export type BatchInvoiceResult = BatchFileEntry & {
  outcome: InvoiceOutcome | { state: 'missing'; explanation: string };
};

export interface BatchResult {
  referenceNumber: string;
  sessionStatus: SessionStatus['status'];
  /** Polish explanation of a failed session status (§4 step 7), if it failed as a whole. */
  sessionExplanation: string | undefined;
  invoices: BatchInvoiceResult[];
}

/** Polish explanation of a batch session's failed status (src/i18n/statuses.ts), if KSeF documents it. */
export function batchSessionStatusPl(code: number): string | undefined {
  const key = batchStatusKey(code);
  return key ? STATUSES.pl[key] : undefined;
}

function hostOf(url: unknown): string {
  try {
    return new URL(String(url)).host;
  } catch {
    return String(url).slice(0, 60);
  }
}

export class BatchSessions {
  constructor(
    private readonly ctx: KsefContext,
    private readonly auth: KsefAuth,
  ) {}

  /** Unique file names and invoice hashes, in the caller's order. */
  async fileEntries(invoices: readonly BatchInvoice[]): Promise<BatchFileEntry[]> {
    const files: BatchFileEntry[] = [];
    for await (const _ of namedAndHashed(invoices, files));
    return files;
  }

  /** The entries and the whole ZIP in memory: for small archives and tests (sending streams it). */
  async buildArchive(invoices: readonly BatchInvoice[]): Promise<{ files: BatchFileEntry[]; zip: Uint8Array }> {
    const files = await this.fileEntries(invoices);
    const zip = zipInMemory(
      files.map((f, i) => ({ fileName: f.fileName, xml: invoices[i]!.xml })),
      this.ctx.now(),
    );
    return { files, zip };
  }

  /** ZIP, encrypt, open, upload, close. Returns what is needed to collect results later. */
  async submit(invoices: BatchInvoiceSource, opts: BatchSubmitOptions = {}): Promise<BatchHandle> {
    const handle = await this.openAndUpload(invoices, opts);
    await this.close(handle.referenceNumber);
    return handle;
  }

  /**
   * ZIP, encrypt, open, upload — but NOT close. Until the close, KSeF registers nothing (§4), so a
   * caller that records the handle before closing can never have its invoices registered twice: a
   * worker killed before the close leaves an open session that expires unused.
   *
   * `invoices` may be a reader that fetches them one by one (batch-source.ts): then only the
   * invoices in flight, one encrypted part and the file list are held, never all the invoices.
   */
  async openAndUpload(invoices: BatchInvoiceSource, opts: BatchSubmitOptions = {}): Promise<BatchHandle> {
    if (Array.isArray(invoices)) {
      if (invoices.length === 0) throw new ProtocolError('pusta paczka faktur');
      if (invoices.length > MAX_INVOICES_PER_SESSION) throw tooManyInvoices(invoices.length);
    }
    const maxPart = Math.min(opts.maxPartSize ?? MAX_BATCH_PART_SIZE, MAX_BATCH_PART_SIZE);
    // Filled by the package's first pass, before the session is opened.
    const files: BatchFileEntry[] = [];
    const mtime = this.ctx.now();

    const opened = await this.ctx.publicKeys.withKey('SymmetricKeyEncryption', async (pk) => {
      const key = await createSessionKey(pk.key, this.ctx.random);
      const pkg = await PreparedPackage.prepare(packageReader(invoices, files), {
        key: key.aesKey,
        iv: key.iv,
        maxPartSize: maxPart,
        mtime,
      });
      if (files.length === 0) throw new ProtocolError('pusta paczka faktur');
      if (pkg.parts.length > MAX_BATCH_PARTS) throw new ProtocolError('paczka przekracza 50 części; podziel ją');
      const { zipSize, zipHash } = pkg.summary;
      const res = await this.auth.withAccess((bearer) =>
        this.ctx.http.request<{
          referenceNumber: string;
          partUploadRequests: Array<{
            ordinalNumber: number;
            method: string;
            url: string;
            headers: Record<string, string>;
          }>;
        }>({
          route: 'batchSessionOpen',
          bearer,
          json: {
            formCode: FA3_FORM_CODE,
            batchFile: { fileSize: zipSize, fileHash: zipHash, compressionType: 'Zip', fileParts: pkg.parts },
            encryption: {
              encryptedSymmetricKey: key.encryptedSymmetricKeyB64,
              initializationVector: key.ivB64,
              ...(pk.publicKeyId ? { publicKeyId: pk.publicKeyId } : {}),
            },
            offlineMode: opts.offlineMode ?? false,
          },
          expect: [201],
        }),
      );
      if (!res.data?.referenceNumber || !Array.isArray(res.data.partUploadRequests))
        throw new ProtocolError('brak danych sesji wsadowej', res.status);
      return { data: res.data, pkg };
    });

    const { referenceNumber, partUploadRequests } = opened.data;
    // Invoice data goes only to KSeF's hosts; every URL is checked before the first part leaves.
    for (const req of partUploadRequests) {
      if (!isKsefUploadUrl(String(req.url), this.ctx.env)) throw new UntrustedUploadHostError(hostOf(req.url));
    }
    const queue = opened.pkg.uploadOrder(partUploadRequests);
    const worker = async (): Promise<void> => {
      for (let req = queue.shift(); req; req = queue.shift()) {
        if (!opened.pkg.parts[req.ordinalNumber - 1]) throw new ProtocolError(`nieznana część ${req.ordinalNumber}`);
        await this.uploadPart(req, await opened.pkg.body(req.ordinalNumber));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.uploadConcurrency ?? 1) }, worker));

    return {
      referenceNumber,
      files,
      partCount: opened.pkg.parts.length,
      archiveSize: opened.pkg.summary.zipSize,
    };
  }

  /** Closes an uploaded batch session: KSeF then starts processing it (§4 step 6). */
  async close(referenceNumber: string): Promise<void> {
    await this.auth.withAccess((bearer) =>
      this.ctx.http.request({
        route: 'batchSessionClose',
        params: { referenceNumber },
        bearer,
        expect: [204, 200],
        read: 'none',
      }),
    );
  }

  /**
   * PUT of one encrypted part to its pre-signed URL, exactly with the given method and headers and
   * no Authorization (§4 step 5). A PUT of the same bytes to the same blob is idempotent, so a
   * transport failure or 5xx is retried once.
   */
  private async uploadPart(
    req: { ordinalNumber: number; method: string; url: string; headers: Record<string, string> },
    body: Blob,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.ctx.http.send(
          req.url,
          { method: req.method, headers: { ...req.headers }, body },
          { method: 'PUT', timeoutMs: 20 * 60_000 },
        );
        if (res.status >= 500) throw new UnavailableError(res.status, false, undefined);
        if (!res.ok) throw new ProtocolError(`wysyłka części ${req.ordinalNumber}: HTTP ${res.status}`, res.status);
        return;
      } catch (e) {
        if (attempt >= 2 || !(e instanceof NetworkError || e instanceof UnavailableError)) throw e;
      }
    }
  }

  async status(referenceNumber: string): Promise<SessionStatus> {
    const res = await this.auth.withAccess((bearer) =>
      this.ctx.http.request<SessionStatus>({
        route: 'sessionStatus',
        params: { referenceNumber },
        bearer,
        expect: [200],
      }),
    );
    if (!res.data?.status) throw new ProtocolError('brak statusu sesji', res.status);
    return res.data;
  }

  /** Per-invoice results of a processed batch, mapped back to the caller's ids. */
  async results(handle: BatchHandle, sessionStatus?: SessionStatus): Promise<BatchResult> {
    const st = sessionStatus ?? (await this.status(handle.referenceNumber));
    const all = await listSessionInvoices(this.ctx, this.auth, handle.referenceNumber, 'all');
    const failed = await listSessionInvoices(this.ctx, this.auth, handle.referenceNumber, 'failed');
    const byName = new Map<string, SessionInvoiceStatus>();
    const byHash = new Map<string, SessionInvoiceStatus>();
    // Failed entries last, so a final failure wins over an older listing of the same invoice.
    for (const inv of [...all, ...failed]) {
      if (inv.invoiceFileName) byName.set(inv.invoiceFileName, inv);
      byHash.set(inv.invoiceHash, inv);
    }
    const sessionExplanation = st.status.code === 200 ? undefined : batchSessionStatusPl(st.status.code);
    return {
      referenceNumber: handle.referenceNumber,
      sessionStatus: st.status,
      sessionExplanation,
      invoices: handle.files.map((f) => {
        const s = byName.get(f.fileName) ?? byHash.get(f.invoiceHash);
        return {
          ...f,
          outcome: s
            ? interpretInvoiceStatus(s)
            : {
                state: 'missing' as const,
                explanation: sessionExplanation ?? 'KSeF nie zwrócił wyniku dla tej faktury.',
              },
        };
      }),
    };
  }

  /**
   * Polls the session until it leaves 100/150/170 or `maxWaitMs` passes; returns the last status.
   * For long waits in a service worker prefer `status()` from an alarm.
   */
  async waitForProcessing(referenceNumber: string, maxWaitMs = 10 * 60_000): Promise<SessionStatus> {
    const maxAttempts = Math.ceil(maxWaitMs / Math.max(this.ctx.pollIntervalMs, 1)) + 1;
    for (let attempt = 1; ; attempt++) {
      let st: SessionStatus | undefined;
      try {
        st = await this.status(referenceNumber);
      } catch (e) {
        if (!(e instanceof NetworkError || e instanceof UnavailableError) || attempt >= maxAttempts) throw e;
      }
      if (st && ![100, 150, 170].includes(st.status.code)) return st;
      if (attempt >= maxAttempts) return st!;
      await this.ctx.sleep(this.ctx.pollIntervalMs);
    }
  }

  /** submit + wait + results, for callers that can afford to wait (CLI, tests, bench). */
  async send(
    invoices: BatchInvoiceSource,
    opts: BatchSubmitOptions & { maxWaitMs?: number } = {},
  ): Promise<BatchResult> {
    const handle = await this.submit(invoices, opts);
    const st = await this.waitForProcessing(handle.referenceNumber, opts.maxWaitMs);
    return this.results(handle, st);
  }
}
