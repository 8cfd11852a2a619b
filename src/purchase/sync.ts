/**
 * Incremental sync of received invoices (the seller's NIP as the buyer, `Subject2`), following
 * KSeF's incremental scenario (OpenAPI, `POST /invoices/query/metadata` and `POST /invoices/exports`):
 * windows by PermanentStorage date, ascending, restricted to `permanentStorageHwmDate`.
 *
 * - First sync, or more than a few new invoices: an export package (one request for up to 10,000
 *   invoices); a truncated package continues from its `lastPermanentStorageDate`.
 * - A few new invoices: the metadata page, then `GET /invoices/ksef/{n}` for each one not stored.
 *
 * The high-water mark lives with the invoices (store.ts): a batch and the mark past it are written
 * in one transaction, records are keyed by KSeF number, and a running export (its key included)
 * is in the state, so a worker killed anywhere resumes with no gap and no duplicate.
 */
import { sha256Base64 } from '../ksef/encoding';
import { type ExportPackage, PackageIntegrityError } from '../ksef/invoice-export';
import type { InvoiceMetadata, InvoiceQueryFilters } from '../ksef/invoice-query';
import { failureOf, IntegrityError, isBeyondHwm } from './errors';
import type { PurchaseKsefPort, PurchaseSyncDeps } from './ports';
import { toRecord } from './record';
import type { StoredBatchItem } from './store';
import { type PendingExport, type Scope, type SyncError, type SyncState, scopeOf } from './types';
import { firstSyncFrom, windowEnd } from './window';

export type SyncOutcome =
  | { state: 'done'; added: number; notify: number }
  | { state: 'waiting'; added: number; retryAt: number }
  | { state: 'failed'; added: number; error: SyncError };

type Step = { kind: 'continue' | 'done'; added: number } | { kind: 'wait'; added: number; at: number };

/** More new invoices than this go by export (the download group allows 16 a minute, 64 an hour). */
export const SMALL_INCREMENT = 10;
const PAGE_SIZE = 250;
const MAX_EXPORT_RETRIES = 3;
const MAX_ROUNDS = 200;
const EXPORT_RECHECK_MS = 30_000;

export class PurchaseSync {
  readonly scope: Scope;
  private running: Promise<SyncOutcome> | undefined;
  private monthsBack: number | undefined;

  constructor(private readonly d: PurchaseSyncDeps) {
    this.scope = scopeOf(d.env, d.nip);
  }

  /**
   * One sync run (the hourly poll, a wake-up, "Synchronizuj teraz"); concurrent calls share it.
   * `monthsBack` (how far a first sync reaches) overrides the default for this run.
   */
  run(monthsBack?: number): Promise<SyncOutcome> {
    if (monthsBack !== undefined && !this.running) this.monthsBack = monthsBack;
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private patch(next: (cur: SyncState) => SyncState, items: StoredBatchItem[] = []): Promise<number> {
    return this.d.store.saveBatch(this.scope, items, (cur, added) => {
      const n = next(cur);
      return { ...n, unnotified: n.unnotified + added };
    });
  }

  private async runOnce(): Promise<SyncOutcome> {
    let added = 0;
    try {
      const ksef = await this.d.ksef();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const st = await this.d.store.state(this.scope);
        const step = st.export ? await this.exportStep(ksef, st.export) : await this.nextWindow(ksef, st);
        added += step.added;
        if (step.kind === 'continue') continue;
        if (step.kind === 'wait') return await this.waitUntil(step.at, added);
        let notify = 0;
        await this.patch((cur) => {
          notify = cur.unnotified;
          return { ...cur, unnotified: 0, lastSyncAt: this.d.now(), lastError: undefined, retryAt: undefined };
        });
        return { state: 'done', added, notify };
      }
      return await this.waitUntil(this.d.now() + 1000, added);
    } catch (e) {
      const f = failureOf(e, this.d.now());
      await this.patch((cur) => ({ ...cur, lastError: f.waiting ? cur.lastError : f.error, retryAt: f.retryAt }));
      if (f.retryAt !== undefined) await this.d.scheduleAt(f.retryAt);
      if (f.waiting && f.retryAt !== undefined) return { state: 'waiting', added, retryAt: f.retryAt };
      return { state: 'failed', added, error: f.error };
    }
  }

  private async waitUntil(at: number, added: number): Promise<SyncOutcome> {
    await this.patch((cur) => ({ ...cur, retryAt: at }));
    await this.d.scheduleAt(at);
    return { state: 'waiting', added, retryAt: at };
  }

  private filters(from: string, to?: string): InvoiceQueryFilters {
    return {
      subjectType: 'Subject2',
      dateRange: { dateType: 'PermanentStorage', from, ...(to ? { to } : {}), restrictToPermanentStorageHwmDate: true },
    };
  }

  /** No export running: look at what is new since the mark and pick the way to fetch it. */
  private async nextWindow(ksef: PurchaseKsefPort, st: SyncState): Promise<Step> {
    const now = this.d.now();
    if (!st.hwm)
      return this.beginExport(ksef, firstSyncFrom(now, this.monthsBack ?? this.d.monthsBack ?? 2), undefined);
    const from = st.hwm;
    const to = windowEnd(from, now);
    let page: Awaited<ReturnType<PurchaseKsefPort['query']>>;
    try {
      page = await ksef.query(this.filters(from, to), { pageOffset: 0, pageSize: PAGE_SIZE, sortOrder: 'Asc' });
    } catch (e) {
      if (isBeyondHwm(e)) return { kind: 'done', added: 0 }; // nothing stored past our mark yet
      throw e;
    }
    if (page.hasMore || page.invoices.length > SMALL_INCREMENT) return this.beginExport(ksef, from, to);
    let added = 0;
    for (const meta of page.invoices) {
      if (await this.d.store.has(this.scope, meta.ksefNumber)) continue;
      const file = await ksef.download(meta.ksefNumber);
      await checkHash(meta, file.bytes);
      added += await this.patch(
        (cur) => cur,
        [{ record: toRecord(this.scope, meta, file.bytes, this.d.now()), xml: file.bytes }],
      );
    }
    const next = page.permanentStorageHwmDate ?? page.invoices.at(-1)?.permanentStorageDate ?? from;
    await this.patch((cur) => ({ ...cur, hwm: next }));
    return { kind: to ? 'continue' : 'done', added };
  }

  private async beginExport(ksef: PurchaseKsefPort, from: string, to: string | undefined): Promise<Step> {
    const h = await ksef.startExport(this.filters(from, to));
    const pending: PendingExport = {
      referenceNumber: h.referenceNumber,
      key: h.key,
      iv: h.iv,
      from,
      ...(to ? { to } : {}),
      startedAt: this.d.now(),
    };
    await this.patch((cur) => ({ ...cur, export: pending }));
    return { kind: 'continue', added: 0 };
  }

  private async exportStep(ksef: PurchaseKsefPort, ex: PendingExport): Promise<Step> {
    const t0 = this.d.now();
    let status = await ksef.exportStatus(ex.referenceNumber);
    while (status.code === 100 && this.d.now() - t0 < (this.d.inlineWaitMs ?? 20_000)) {
      await this.d.sleep(this.d.pollMs ?? 2000);
      status = await ksef.exportStatus(ex.referenceNumber);
    }
    if (status.code === 100) return { kind: 'wait', added: 0, at: this.d.now() + EXPORT_RECHECK_MS };
    if (status.code === 200 && status.package) {
      try {
        return await this.storePackage(ksef, ex, status.package);
      } catch (e) {
        if (e instanceof IntegrityError || e instanceof PackageIntegrityError) return this.redo(e.message);
        throw e;
      }
    }
    if (status.code === 420) {
      // The window starts past KSeF's mark: nothing new is stored yet.
      await this.patch((cur) => ({ ...cur, export: undefined, exportRetries: 0 }));
      return { kind: 'done', added: 0 };
    }
    // 210 (expired), 415, 500, 550: the package is unusable; ask for it again.
    return this.redo(`${status.code} ${status.description}`);
  }

  private async redo(reason: string): Promise<Step> {
    let retries = 0;
    await this.patch((cur) => {
      retries = (cur.exportRetries ?? 0) + 1;
      return { ...cur, export: undefined, exportRetries: retries > MAX_EXPORT_RETRIES ? 0 : retries };
    });
    if (retries > MAX_EXPORT_RETRIES) throw new IntegrityError(reason);
    return { kind: 'continue', added: 0 };
  }

  private async storePackage(ksef: PurchaseKsefPort, ex: PendingExport, pkg: ExportPackage): Promise<Step> {
    const contents = await ksef.readPackage({ referenceNumber: ex.referenceNumber, key: ex.key, iv: ex.iv }, pkg);
    const now = this.d.now();
    const items: StoredBatchItem[] = [];
    for (const meta of contents.metadata) {
      const xml = contents.files.get(meta.ksefNumber);
      if (!xml) throw new IntegrityError(`w paczce brak pliku faktury ${meta.ksefNumber}`);
      items.push({ record: toRecord(this.scope, meta, xml, now), xml });
    }
    // Hashes in slices of parallel digests: WebCrypto works off the main thread.
    for (let i = 0; i < items.length; i += 256) {
      await Promise.all(items.slice(i, i + 256).map((it) => checkHash(it.record.meta, it.xml)));
    }
    const last = contents.metadata.at(-1)?.permanentStorageDate;
    const next = pkg.isTruncated
      ? (pkg.lastPermanentStorageDate ?? last ?? ex.from)
      : (pkg.permanentStorageHwmDate ?? ex.to ?? last ?? ex.from);
    if (
      pkg.isTruncated &&
      next === ex.from &&
      items.length > 0 &&
      contents.metadata.every((m) => m.permanentStorageDate === ex.from)
    ) {
      throw new IntegrityError('paczka nie przesuwa okna synchronizacji');
    }
    const added = await this.patch((cur) => ({ ...cur, hwm: next, export: undefined, exportRetries: 0 }), items);
    return { kind: pkg.isTruncated || ex.to ? 'continue' : 'done', added };
  }
}

async function checkHash(meta: InvoiceMetadata, xml: Uint8Array): Promise<void> {
  if ((await sha256Base64(xml)) !== meta.invoiceHash) {
    throw new IntegrityError(`skrót pliku faktury ${meta.ksefNumber} nie zgadza się z metadanymi KSeF`);
  }
}
