/**
 * The send pipeline (issue 7): Base → FA(3) → outbox → KSeF → status → accepted/rejected.
 *
 * Rules it keeps:
 * - The outbox record is written BEFORE every network step (architecture.md "Every step can be
 *   resumed"), so a worker killed anywhere resumes from the record: a record in `sending` with a
 *   hash and a session is reconciled through the session's invoice list, never re-sent blindly
 *   (architecture.md practice 6; CIRFMF/ksef-api#277, #380).
 * - Never twice: the send starts with an atomic check-and-set in IndexedDB (OutboxStore.claim).
 * - Waits (rate limits, follow-up checks) become Scheduler wake-ups (chrome.alarms in the worker),
 *   never long timers: the worker dies after 30 s idle.
 */
import type { ExportProgress, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import type { OutboxRecord, SendTrigger } from '../outbox/types';
import { readSkipList } from '../skip/store';
import { autoSendHighWater, autoSendTick } from './auto-send';
import { buildFailedPatch, buildSafely, summaryFields } from './build-step';
import { isOfflineIssue } from './dates';
import { PipelineError } from './errors';
import { type ExportDeps, ExportRunner } from './export';
import { govStatusName, message, type ReasonCode } from './messages';
import {
  type BaseInvoiceSummary,
  type BasePort,
  type Clock,
  type Fa3Port,
  type KsefInvoiceStatus,
  type KsefPort,
  PortError,
  type QrPort,
  type Scheduler,
} from './ports';
import { isBaseOwned, isConfigured, isSeriesEnabled, isSkipped } from './rules';
import { WAKE } from './wake';

export { WAKE };

export interface PipelineOptions {
  /** Quick follow-up checks after a send, from the moment of sending (issue 7: first minutes). */
  followUpDelaysMs: readonly number[];
  /** After the follow-ups, the hourly poll takes over (seed: "co 60 minut"). */
  pollIntervalMs: number;
  /** How long a claim holds before another caller may take a `sending` record over. */
  leaseMs: number;
  /** Next reconciliation attempt after an unknown outcome or an unavailable service. */
  retryDelayMs: number;
  /** Export: more invoices than this go through a batch session (issue 7). */
  batchThreshold: number;
  /** Export: at most this many invoices per batch session (KSeF allows 10 000, §0). */
  batchSize: number;
  /** Auto-send: at most this many Base pages per tick (Base allows ~100 requests/min, base.md §1.1). */
  autoSendMaxPages: number;
}

/** 440-adopted invoices: how often and how long to ask KSeF for the stored file (its KOD I). */
const KOD1_RETRY_MS = 60 * 60_000;
const KOD1_RETRY_FOR_MS = 7 * 24 * 60 * 60_000;

export const DEFAULT_OPTIONS: PipelineOptions = {
  followUpDelaysMs: [15_000, 60_000, 3 * 60_000, 10 * 60_000],
  pollIntervalMs: 60 * 60_000,
  leaseMs: 2 * 60_000,
  retryDelayMs: 60_000,
  batchThreshold: 20,
  batchSize: 1000,
  autoSendMaxPages: 10,
};

export interface PipelineDeps {
  store: OutboxStore;
  base: BasePort;
  fa3: Fa3Port;
  ksef: KsefPort;
  qr: QrPort;
  clock: Clock;
  scheduler: Scheduler;
  /** Current settings (chrome.storage.local in the worker). */
  settings(): Promise<Settings>;
  /** Identifies this worker life (crypto.randomUUID()); claims of other lives count as dead. */
  instanceId: string;
  options?: Partial<PipelineOptions>;
  /** Export job state changes (the worker's "export finished" notification, page refresh). */
  onExport?: (progress: ExportProgress) => void;
}

export interface SendOptions {
  trigger: SendTrigger;
  /** The invoice as listed by Base already (auto-send, export): saves a Base request. */
  prefetched?: BaseInvoiceSummary;
  /** Worker start-up and wake-ups: continue a `sending` record claimed by a dead worker life. */
  takeOver?: boolean;
}

function kindOf(e: unknown): PortError['kind'] {
  return e instanceof PortError ? e.kind : 'unavailable';
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Fields that tie a record to one attempt in KSeF; cleared when the link is cleared. */
const LINK_FIELDS = ['sessionRef', 'invoiceRef', 'hash', 'xml'] as const satisfies readonly (keyof OutboxRecord)[];
/**
 * Invoice statuses a technical correction may answer (ksef-protocol.md §3.4, §5: "XSD, size,
 * duplicate…", not permissions): 430 file verification, 435 decryption, 450 semantics. A 440
 * duplicate is adopted, never rejected (accept).
 */
const TECHNICAL_REJECTIONS = new Set([430, 435, 450]);
const PROBLEM_FIELDS = [
  'reasonCode',
  'reason',
  'reasonParams',
  'problems',
  'ksefStatus',
] as const satisfies readonly (keyof OutboxRecord)[];

export class Pipeline {
  readonly opts: PipelineOptions;
  private readonly exportRunner: ExportRunner;
  /** Invoices this worker life is sending at this moment (module state is a cache only). */
  private readonly active = new Set<string>();
  private readonly checking = new Map<string, Promise<OutboxRecord | undefined>>();

  constructor(private readonly d: PipelineDeps) {
    this.opts = { ...DEFAULT_OPTIONS, ...d.options };
    const exportDeps: ExportDeps = {
      store: d.store,
      base: d.base,
      fa3: d.fa3,
      ksef: d.ksef,
      clock: d.clock,
      scheduler: d.scheduler,
      settings: d.settings,
      instanceId: d.instanceId,
      opts: this.opts,
      sendOne: (id, summary) => this.sendInvoice(id, { trigger: 'export', prefetched: summary }),
      checkBatch: (ref) => this.checkBatch(ref),
      isActive: (id) => this.active.has(id),
      ...(d.onExport ? { onProgress: d.onExport } : {}),
    };
    this.exportRunner = new ExportRunner(exportDeps);
  }

  private now(): number {
    return this.d.clock.now();
  }

  /**
   * The next quick follow-up after `since` (the send), or undefined once they are all past.
   * Measured from the send, not from the last check, so a late check does not stretch them.
   */
  private nextFollowUp(since: number, now: number): number | undefined {
    for (const d of this.opts.followUpDelaysMs) if (since + d > now) return since + d;
    return undefined;
  }

  private async schedule(name: string, when: number): Promise<void> {
    await this.d.scheduler.at(name, when);
  }

  // -------------------------------------------------------------------------------------------
  // Sending one invoice
  // -------------------------------------------------------------------------------------------

  /**
   * Sends one Base invoice. Throws PipelineError when the send is refused (in progress, already in
   * KSeF, Base-owned, excluded series, not configured); otherwise returns the record as it stands
   * when this call ends (usually `processing`; `needs-attention`/`queued`/`rejected` with a reason).
   */
  async sendInvoice(invoiceId: string, opts: SendOptions): Promise<OutboxRecord> {
    // A send this worker is driving right now is refused even if its lease ran out (a slow
    // KSeF answer): taking it over could post the invoice while the first POST is still open.
    if (this.active.has(invoiceId)) throw new PipelineError('in-progress');
    const settings = await this.d.settings();
    if (!isConfigured(settings)) throw new PipelineError('not-configured');
    if (isSkipped(await readSkipList(this.d.store), invoiceId)) throw new PipelineError('skipped');
    const claim = await this.d.store.claim(invoiceId, {
      owner: this.d.instanceId,
      now: this.now(),
      leaseMs: this.opts.leaseMs,
      trigger: opts.trigger,
      takeOverForeign: opts.takeOver ?? false,
      number: opts.prefetched?.number,
    });
    if (!claim.ok) {
      const r = claim.record;
      if (claim.reason === 'accepted') throw new PipelineError('already-accepted', { ksefNumber: r.ksefNumber ?? '' });
      if (claim.reason === 'processing') throw new PipelineError('processing-in-ksef');
      if (claim.reason === 'batch') throw new PipelineError('batch-in-progress');
      throw new PipelineError('in-progress');
    }
    this.active.add(invoiceId);
    try {
      const rec = claim.record;
      // A record that may already be in KSeF (it has a session): look before sending anything.
      if (rec.hash && rec.xml && rec.sessionRef && !rec.invoiceRef) return await this.reconcileThenSend(rec);
      // Bytes recorded by a worker that died before it opened a session: nothing reached KSeF.
      if (claim.takenOver && rec.hash && rec.xml) return await this.transmit(rec);
      return await this.prepareAndSend(rec, claim.previous, settings, opts);
    } finally {
      this.active.delete(invoiceId);
    }
  }

  /**
   * "Wyślij ponownie" (`invoice.resend`): only for an invoice that is not in KSeF and not on its
   * way there (rejected, needing attention, or waiting); the rejection already cleared the link.
   */
  async resendInvoice(invoiceId: string): Promise<OutboxRecord> {
    return this.sendInvoice(invoiceId, { trigger: 'manual' });
  }

  private async prepareAndSend(
    rec: OutboxRecord,
    previous: OutboxRecord | undefined,
    settings: Settings,
    opts: SendOptions,
  ): Promise<OutboxRecord> {
    const id = rec.invoiceId;
    let summary: BaseInvoiceSummary;
    try {
      summary = opts.prefetched ?? (await this.d.base.getInvoice(id));
    } catch (e) {
      if (kindOf(e) === 'not-found') {
        return this.attention(id, 'base-not-found', { invoiceId: id }, 'base-not-found');
      }
      return this.beforeSendFailure(id, e, 'Base');
    }
    if (isBaseOwned(summary)) {
      await this.d.store.release(id, this.d.instanceId, previous);
      throw new PipelineError('base-owned', { govStatus: govStatusName(summary.govStatus) });
    }
    if (!isSeriesEnabled(settings, summary.seriesId)) {
      await this.d.store.release(id, this.d.instanceId, previous);
      throw new PipelineError('series-excluded');
    }
    const fields = summaryFields(summary);
    const built = await buildSafely(this.d.fa3, summary, settings);
    if (!built.ok) {
      return this.d.store.patch(
        id,
        this.now(),
        buildFailedPatch(fields, built.errors),
        { event: 'build-failed', detail: built.errors.map((p) => p.code).join(',') },
        ['owner', 'leaseUntil', 'reason', 'ksefStatus', ...LINK_FIELDS],
      );
    }
    const now = this.now();
    // §5: an issue date before today's Warsaw day means offline mode (offlineMode: true).
    const offline = isOfflineIssue(built.issueDate, now);
    // An offline invoice carries KOD I ("OFFLINE" label) and KOD II before it has a KSeF number
    // (§5, §6), so the links exist from the start and a missing certificate shows at once.
    const early = offline
      ? await this.qrLinks({ hash: built.hash, issueDate: built.issueDate }, true, settings)
      : undefined;
    const ready = await this.d.store.patch(
      id,
      now,
      {
        ...fields,
        number: built.number || summary.number,
        issueDate: built.issueDate,
        state: 'sending',
        hash: built.hash,
        xml: built.xml,
        offline,
        channel: 'online',
        leaseUntil: now + this.opts.leaseMs,
        ...(early?.kod1Url ? { kod1Url: early.kod1Url } : {}),
        ...(early?.kod2Url ? { kod2Url: early.kod2Url } : {}),
        ...(early ? { offlineWithoutCertificate: early.withoutCert } : {}),
      },
      { event: 'built', detail: rec.correctionOf ? 'technical-correction' : offline ? 'offline' : 'online' },
      [
        'sessionRef',
        'invoiceRef',
        'batchJob',
        'ksefNumber',
        'processedAt',
        'invoicingMode',
        'duplicateAdopted',
        'kod1Url',
        'kod2Url',
        'offlineWithoutCertificate',
        'upo',
        'upoMissing',
        ...PROBLEM_FIELDS,
      ],
    );
    return this.transmit(ready);
  }

  /** The record has a session: find the invoice there by its hash; send only if absent. */
  private async reconcileThenSend(rec: OutboxRecord): Promise<OutboxRecord> {
    let found: { invoiceRef: string } | null;
    try {
      found = await this.d.ksef.findInSession(rec.sessionRef!, rec.hash!);
    } catch (e) {
      if (kindOf(e) === 'not-found') {
        // No such session in KSeF: nothing can have been registered in it.
        const cleared = await this.d.store.patch(rec.invoiceId, this.now(), {}, { event: 'session-gone' }, [
          'sessionRef',
        ]);
        return this.transmit(cleared);
      }
      return this.outcomeUnknown(rec.invoiceId, e);
    }
    if (found) return this.toProcessing(rec.invoiceId, rec.sessionRef!, found.invoiceRef, 'reconciled');
    return this.transmit(rec);
  }

  /** Opens/reuses a session (recorded), then sends the recorded bytes. */
  private async transmit(rec: OutboxRecord): Promise<OutboxRecord> {
    const id = rec.invoiceId;
    let current = rec;
    if (!current.sessionRef) {
      let sessionRef: string;
      try {
        ({ sessionRef } = await this.d.ksef.ensureSession());
      } catch (e) {
        return this.beforeSendFailure(id, e, 'KSeF');
      }
      // Written before the invoice POST: from here on a restart reconciles in this session.
      current = await this.d.store.patch(
        id,
        this.now(),
        { sessionRef, leaseUntil: this.now() + this.opts.leaseMs },
        {
          event: 'session',
        },
      );
    }
    // The day may have changed since the bytes were built (a retry after midnight, a restart):
    // the offline flag follows the moment of sending (§5).
    const offlineNow =
      (current.offline ?? false) || (current.issueDate ? isOfflineIssue(current.issueDate, this.now()) : false);
    if (offlineNow !== (current.offline ?? false)) {
      current = await this.d.store.patch(id, this.now(), { offline: offlineNow }, { event: 'offline-now' });
    }
    let res: { sessionRef: string; invoiceRef: string };
    const correctionOf = current.correctionOf;
    try {
      res = await this.d.ksef.sendOnline({
        sessionRef: current.sessionRef!,
        xml: current.xml!,
        hash: current.hash!,
        // A technical correction is always sent in offline mode (§5).
        offline: (current.offline ?? false) || correctionOf !== undefined,
        ...(correctionOf ? { correctionOf } : {}),
      });
    } catch (e) {
      const kind = kindOf(e);
      // KSeF answered and registered nothing: the link can go.
      if (kind === 'rate-limited' || kind === 'unauthorized') return this.beforeSendFailure(id, e, 'KSeF');
      if (kind === 'rejected' && correctionOf) {
        // KSeF refused the correction itself (21166 already corrected, 21167 the original's status
        // does not allow it, or no such original) and registered nothing: send the invoice as a
        // new one. Should the original be in KSeF after all, its 440 gives the original's number.
        const plain = await this.d.store.patch(
          id,
          this.now(),
          {},
          { event: 'correction-refused', detail: String((e as PortError).extra.status?.code ?? '') },
          ['correctionOf'],
        );
        return this.transmit(plain);
      }
      if (kind === 'rejected') return this.rejectedSync(id, e as PortError);
      // unknown-outcome, unavailable or anything odd: the invoice MAY be in KSeF.
      return this.outcomeUnknown(id, e);
    }
    return this.toProcessing(id, res.sessionRef, res.invoiceRef, 'sent');
  }

  private async toProcessing(id: string, sessionRef: string, invoiceRef: string, event: string): Promise<OutboxRecord> {
    const now = this.now();
    const first = now + (this.opts.followUpDelaysMs[0] ?? this.opts.pollIntervalMs);
    const rec = await this.d.store.patch(
      id,
      now,
      { state: 'processing', sessionRef, invoiceRef, checks: 0, retryAt: first },
      { event },
      ['owner', 'leaseUntil', ...PROBLEM_FIELDS],
    );
    await this.schedule(WAKE.check(id), first);
    return rec;
  }

  /**
   * Wait before the next automatic attempt after `event` failures in a row: 1, 2, 4 … minutes,
   * at most the hourly poll, so an outage of hours does not mean a request a minute per invoice.
   */
  private async backoff(id: string, event: string): Promise<number> {
    const cur = await this.d.store.get(id);
    let streak = 0;
    for (const a of [...(cur?.attempts ?? [])].reverse()) {
      if (a.event === 'resumed' || a.event === 'claimed' || a.event === 'built' || a.event === 'session') continue;
      if (a.event !== event) break;
      streak++;
    }
    return Math.min(this.opts.retryDelayMs * 2 ** streak, this.opts.pollIntervalMs);
  }

  /** Nothing reached KSeF (or Base): back to `queued` on a limit or outage, else needs attention. */
  private async beforeSendFailure(id: string, e: unknown, service: 'Base' | 'KSeF'): Promise<OutboxRecord> {
    const now = this.now();
    const kind = kindOf(e);
    if (kind === 'rate-limited' || kind === 'unavailable') {
      const retryAt =
        kind === 'rate-limited'
          ? Math.max((e as PortError).retryAt ?? now + this.opts.retryDelayMs, now)
          : now + (await this.backoff(id, 'unavailable'));
      const rec = await this.d.store.patch(
        id,
        now,
        {
          state: 'queued',
          retryAt,
          reasonCode: kind,
          reasonParams: { service, time: new Date(retryAt).toISOString(), message: errText(e) },
        },
        { event: kind, detail: service },
        ['owner', 'leaseUntil', 'sessionRef', 'invoiceRef'],
      );
      await this.schedule(WAKE.send(id), retryAt);
      return rec;
    }
    return this.attention(id, kind === 'unauthorized' ? 'unauthorized' : 'unavailable', { message: errText(e) }, kind);
  }

  private async attention(
    id: string,
    code: ReasonCode,
    params: Record<string, string>,
    event: string,
  ): Promise<OutboxRecord> {
    return this.d.store.patch(
      id,
      this.now(),
      { state: 'needs-attention', reasonCode: code, reasonParams: params },
      { event },
      ['owner', 'leaseUntil', 'retryAt', ...LINK_FIELDS],
    );
  }

  /**
   * The POST may have reached KSeF: keep `sending` with the link, reconcile later. The wait
   * doubles with each consecutive failure (1, 2, 4 … minutes, at most the hourly poll), so a long
   * KSeF outage does not turn into a request every minute per invoice.
   */
  private async outcomeUnknown(id: string, e: unknown): Promise<OutboxRecord> {
    const now = this.now();
    const backoff = await this.backoff(id, 'unknown-outcome');
    const retryAt = kindOf(e) === 'rate-limited' ? Math.max((e as PortError).retryAt ?? now, now) : now + backoff;
    const rec = await this.d.store.patch(
      id,
      now,
      // A refused token while looking the invoice up says what to fix; it still may be in KSeF.
      kindOf(e) === 'unauthorized'
        ? { state: 'sending', retryAt, reasonCode: 'unauthorized', reasonParams: { message: errText(e) } }
        : { state: 'sending', retryAt, reasonCode: 'unknown-outcome', reasonParams: {} },
      { event: 'unknown-outcome', detail: kindOf(e) },
      ['owner', 'leaseUntil'],
    );
    await this.schedule(WAKE.send(id), retryAt);
    return rec;
  }

  private async rejectedSync(id: string, e: PortError): Promise<OutboxRecord> {
    const status = e.extra.status ?? { code: 0, description: e.message };
    return this.reject(id, status, e.message, 'rejected-sync');
  }

  /** Rejection: keep the reason, clear the link to KSeF so the invoice can be fixed and re-sent. */
  private async reject(
    id: string,
    status: NonNullable<OutboxRecord['ksefStatus']>,
    explanation: string,
    event: string,
  ): Promise<OutboxRecord> {
    const cur = await this.d.store.get(id);
    // An offline invoice KSeF received and then rejected for a technical reason is re-sent as a
    // technical correction of that file (§5). A correction rejected in turn still corrects the
    // first file: the one whose KOD I the buyer holds.
    const correctable =
      event === 'rejected' && cur?.offline === true && cur.hash !== undefined && TECHNICAL_REJECTIONS.has(status.code);
    return this.d.store.patch(
      id,
      this.now(),
      {
        state: 'rejected',
        ksefStatus: status,
        reason: explanation,
        reasonCode: 'rejected',
        reasonParams: { explanation },
        ...(cur?.hash ? { rejectedHash: cur.hash } : {}),
        ...(correctable && !cur?.correctionOf ? { correctionOf: cur.hash } : {}),
      },
      { event, detail: String(status.code) },
      ['owner', 'leaseUntil', 'retryAt', 'checks', 'problems', 'batchJob', ...LINK_FIELDS],
    );
  }

  // -------------------------------------------------------------------------------------------
  // Status checks
  // -------------------------------------------------------------------------------------------

  /** One status check of a `processing` invoice (follow-up wake-up, hourly poll, "Sprawdź teraz"). */
  checkOne(invoiceId: string): Promise<OutboxRecord | undefined> {
    // The hourly poll and a follow-up wake-up may meet: one status request, shared.
    const running = this.checking.get(invoiceId);
    if (running) return running;
    const p = this.checkOneNow(invoiceId).finally(() => this.checking.delete(invoiceId));
    this.checking.set(invoiceId, p);
    return p;
  }

  private async checkOneNow(invoiceId: string): Promise<OutboxRecord | undefined> {
    const rec = await this.d.store.get(invoiceId);
    if (!rec) return undefined;
    if (rec.state === 'accepted' && rec.upoMissing) return this.fetchUpo(rec);
    if (rec.state !== 'processing' || !rec.sessionRef) return rec;
    if (rec.channel === 'batch') {
      // One result list per batch session instead of one status request per invoice (§8.1 limits).
      await this.checkBatch(rec.sessionRef);
      return this.d.store.get(invoiceId);
    }
    if (!rec.invoiceRef) return rec;
    let st: KsefInvoiceStatus;
    try {
      st = await this.d.ksef.status(rec.sessionRef, rec.invoiceRef);
    } catch (e) {
      return this.checkFailed(rec, e);
    }
    return this.applyStatus(rec, st);
  }

  private async checkFailed(rec: OutboxRecord, e: unknown): Promise<OutboxRecord> {
    const now = this.now();
    if (kindOf(e) === 'rate-limited') {
      const retryAt = Math.max((e as PortError).retryAt ?? now + this.opts.retryDelayMs, now);
      const saved = await this.d.store.patch(
        rec.invoiceId,
        now,
        { retryAt },
        { event: 'rate-limited', detail: 'status' },
      );
      await this.schedule(WAKE.check(rec.invoiceId), retryAt);
      return saved;
    }
    // Anything else: the hourly poll tries again; the invoice stays "W przetwarzaniu".
    return this.d.store.patch(rec.invoiceId, now, {}, { event: 'check-failed', detail: kindOf(e) });
  }

  private async applyStatus(rec: OutboxRecord, st: KsefInvoiceStatus): Promise<OutboxRecord> {
    const id = rec.invoiceId;
    const now = this.now();
    switch (st.kind) {
      case 'pending': {
        const checks = (rec.checks ?? 0) + 1;
        const followUp = this.nextFollowUp(rec.stateSince, now);
        // After the quick follow-ups, the hourly poll takes over (seed: "co 60 minut").
        const retryAt = followUp ?? now + this.opts.pollIntervalMs;
        const saved = await this.d.store.patch(
          id,
          now,
          { checks, retryAt },
          { event: 'status-pending', detail: String(st.code) },
        );
        if (followUp !== undefined) await this.schedule(WAKE.check(id), followUp);
        return saved;
      }
      case 'accepted':
        return this.accept(rec, {
          ksefNumber: st.ksefNumber,
          processedAt: st.acquisitionDate,
          invoicingMode: st.invoicingMode,
          event: 'accepted',
        });
      case 'duplicate':
        if (st.originalKsefNumber) {
          return this.accept(rec, {
            ksefNumber: st.originalKsefNumber,
            event: 'duplicate-adopted',
            duplicate: st.status,
          });
        }
        return this.reject(id, st.status, st.explanation ?? st.status.description, 'duplicate-without-number');
      case 'rejected':
        return this.reject(id, st.status, st.explanation ?? st.status.description, 'rejected');
    }
  }

  /** Accepted (or 440 adopted): KSeF number, date, KOD I (+ KOD II when offline), then the UPO. */
  private async accept(
    rec: OutboxRecord,
    a: {
      ksefNumber: string;
      processedAt?: string;
      invoicingMode?: 'Online' | 'Offline';
      event: string;
      duplicate?: NonNullable<OutboxRecord['ksefStatus']>;
    },
  ): Promise<OutboxRecord> {
    const settings = await this.d.settings();
    // KSeF may mark an invoice Offline on its own (§5 "Automatic offline"); then it needs KOD II too.
    const offline = (rec.offline ?? false) || a.invoicingMode === 'Offline';
    // 440: the invoice in KSeF is the ORIGINAL file (a rebuilt file differs at least in
    // DataWytworzeniaFa), so KOD I must carry the stored file's hash, asked from KSeF; links made
    // from our hash would verify nothing. KOD II belongs to the original's issuer: none here.
    const links = a.duplicate
      ? await this.adoptedLinks(rec, a.ksefNumber, settings)
      : await this.qrLinks(rec, offline, settings);
    const kod1Url = links.kod1Url;
    const kod2Url = links.kod2Url;
    const withoutCert = links.withoutCert;
    const patch: Partial<OutboxRecord> = {
      state: 'accepted',
      ksefNumber: a.ksefNumber,
      offline,
      ...(a.duplicate ? {} : { offlineWithoutCertificate: withoutCert }),
      upoMissing: 1,
      ...(a.processedAt ? { processedAt: a.processedAt } : {}),
      ...(a.invoicingMode ? { invoicingMode: a.invoicingMode } : {}),
      ...(kod1Url ? { kod1Url } : {}),
      ...(kod2Url ? { kod2Url } : {}),
    };
    if (a.duplicate) {
      patch.duplicateAdopted = true;
      patch.ksefStatus = a.duplicate;
      patch.reasonCode = 'duplicate-adopted';
      patch.reasonParams = { ksefNumber: a.ksefNumber };
    } else if (withoutCert) {
      patch.reasonCode = 'offline-no-certificate';
      patch.reasonParams = {};
    }
    const remove: (keyof OutboxRecord)[] = ['owner', 'leaseUntil', 'retryAt', 'problems', 'correctionOf'];
    if (a.duplicate) remove.push(...(kod1Url ? [] : (['kod1Url'] as const)), 'kod2Url', 'offlineWithoutCertificate');
    if (!a.duplicate) remove.push('ksefStatus', 'reason');
    if (!a.duplicate && !withoutCert) remove.push('reasonCode', 'reasonParams');
    const saved = await this.d.store.patch(rec.invoiceId, this.now(), patch, { event: a.event }, remove);
    // KSeF serves the stored file only after permanent storage: ask again later for KOD I.
    if (a.duplicate && !kod1Url) await this.schedule(WAKE.kod1(rec.invoiceId), this.now() + KOD1_RETRY_MS);
    return this.fetchUpo(saved);
  }

  /** Another try at the KOD I of a 440-adopted invoice; hourly, for a week at most. */
  private async retryAdoptedKod1(id: string): Promise<void> {
    const rec = await this.d.store.get(id);
    if (rec?.state !== 'accepted' || !rec.duplicateAdopted || rec.kod1Url || !rec.ksefNumber) return;
    const links = await this.adoptedLinks(rec, rec.ksefNumber, await this.d.settings());
    if (links.kod1Url) {
      await this.d.store.patch(id, this.now(), { kod1Url: links.kod1Url }, { event: 'kod1-from-stored-file' });
    } else if (this.now() - rec.stateSince < KOD1_RETRY_FOR_MS) {
      await this.schedule(WAKE.kod1(id), this.now() + KOD1_RETRY_MS);
    }
  }

  /** KOD I of an invoice adopted from 440, from the hash of the file KSeF stores (§6.1). */
  private async adoptedLinks(
    rec: Pick<OutboxRecord, 'issueDate'>,
    ksefNumber: string,
    settings: Settings,
  ): Promise<{ kod1Url?: string; kod2Url?: string; withoutCert: boolean }> {
    const hash = await this.d.ksef.storedHash?.(ksefNumber).catch(() => null);
    if (!hash || !rec.issueDate) return { withoutCert: false };
    try {
      return {
        kod1Url: this.d.qr.kod1({ env: settings.env, sellerNip: settings.nip, issueDate: rec.issueDate, hash }),
        withoutCert: false,
      };
    } catch {
      return { withoutCert: false };
    }
  }

  /**
   * KOD I for the invoice (§6.1) and, when offline, KOD II (§6.2) if an Offline certificate key
   * is configured; `withoutCert` when an offline invoice cannot get KOD II (the UI warns).
   */
  private async qrLinks(
    rec: Pick<OutboxRecord, 'hash' | 'issueDate'>,
    offline: boolean,
    settings: Settings,
  ): Promise<{ kod1Url?: string; kod2Url?: string; withoutCert: boolean }> {
    if (!rec.hash || !rec.issueDate) return { withoutCert: false };
    const out: { kod1Url?: string; kod2Url?: string; withoutCert: boolean } = { withoutCert: false };
    try {
      out.kod1Url = this.d.qr.kod1({
        env: settings.env,
        sellerNip: settings.nip,
        issueDate: rec.issueDate,
        hash: rec.hash,
      });
    } catch {
      // A link that cannot be made is left out; the print page shows the invoice without it.
    }
    if (offline) {
      try {
        const kod2 = await this.d.qr.kod2({ env: settings.env, sellerNip: settings.nip, hash: rec.hash, settings });
        if (kod2) out.kod2Url = kod2;
      } catch {
        // Same as no key: the warning below tells the user to fix the certificate.
      }
      out.withoutCert = out.kod2Url === undefined;
    }
    return out;
  }

  private async fetchUpo(rec: OutboxRecord): Promise<OutboxRecord> {
    // A 440-adopted invoice's UPO belongs to the original session, which we do not know.
    if (!rec.sessionRef || !rec.invoiceRef || !rec.ksefNumber || rec.duplicateAdopted) {
      if (!rec.upoMissing) return rec;
      return this.d.store.patch(rec.invoiceId, this.now(), {}, undefined, ['upoMissing']);
    }
    try {
      const upo = await this.d.ksef.upo(rec.sessionRef, rec.invoiceRef, rec.ksefNumber);
      return this.d.store.patch(rec.invoiceId, this.now(), { upo }, { event: 'upo' }, ['upoMissing']);
    } catch (e) {
      // The UPO can come later (hourly poll); the acceptance itself is already recorded.
      return this.d.store.patch(rec.invoiceId, this.now(), {}, { event: 'upo-failed', detail: kindOf(e) });
    }
  }

  /** Results of a batch session applied to its `processing` records (export, §4 step 7). */
  async checkBatch(sessionRef: string): Promise<number> {
    const recs = (await this.d.store.byState('processing')).filter(
      (r) => r.sessionRef === sessionRef && r.channel === 'batch',
    );
    if (recs.length === 0) return 0;
    const now = this.now();
    const since = Math.min(...recs.map((r) => r.stateSince));
    let res: Awaited<ReturnType<KsefPort['batchResults']>>;
    try {
      res = await this.d.ksef.batchResults(sessionRef);
    } catch (e) {
      if (kindOf(e) === 'rate-limited') {
        await this.schedule(WAKE.batch(sessionRef), Math.max((e as PortError).retryAt ?? now, now));
      } else {
        const next = this.nextFollowUp(since, now);
        if (next !== undefined) await this.schedule(WAKE.batch(sessionRef), next);
      }
      return 0;
    }
    const byHash = new Map(res.invoices.map((i) => [i.hash, i]));
    let changed = 0;
    let pending = 0;
    for (const rec of recs) {
      const hit = rec.hash ? byHash.get(rec.hash) : undefined;
      if (hit && hit.status.kind !== 'pending') {
        const withRef = await this.d.store.patch(rec.invoiceId, this.now(), { invoiceRef: hit.invoiceRef });
        await this.applyStatus(withRef, hit.status);
        changed++;
      } else if (!hit && res.done) {
        const status = res.sessionStatus ?? { code: 0, description: 'brak faktury w wynikach sesji' };
        await this.reject(
          rec.invoiceId,
          status,
          message('batch-missing', { explanation: status.description }),
          'batch-missing',
        );
        changed++;
      } else {
        pending++;
        const patch: Partial<OutboxRecord> = { checks: (rec.checks ?? 0) + 1 };
        if (hit) patch.invoiceRef = hit.invoiceRef;
        await this.d.store.patch(rec.invoiceId, this.now(), patch);
      }
    }
    if (pending > 0) {
      const next = this.nextFollowUp(since, now);
      if (next !== undefined) await this.schedule(WAKE.batch(sessionRef), next);
    }
    return changed;
  }

  /**
   * Checks every `processing` invoice now (the hourly alarm and "Sprawdź teraz"), fetches missing
   * UPOs, and restarts what waits for a wake-up that may have been lost. Returns how many
   * processing invoices were checked.
   */
  async pollPending(): Promise<{ checked: number; changed: OutboxRecord[] }> {
    const changed: OutboxRecord[] = [];
    const processing = await this.d.store.byState('processing');
    const batchSessions = new Set<string>();
    let checked = 0;
    for (const rec of processing) {
      if (rec.channel === 'batch' && rec.sessionRef) {
        batchSessions.add(rec.sessionRef);
        checked++;
        continue;
      }
      const after = await this.checkOne(rec.invoiceId);
      checked++;
      if (after && after.state !== 'processing') changed.push(after);
      if (after?.state === 'processing' && after.attempts.at(-1)?.event === 'rate-limited' && after.retryAt) {
        // KSeF's status limit is hit (§8.1 invoiceStatus): the rest would only collect 429s.
        // One wake-up finishes the round when the limit lets us.
        await this.schedule(WAKE.poll, after.retryAt);
        break;
      }
    }
    for (const ref of batchSessions) {
      await this.checkBatch(ref);
    }
    for (const rec of await this.d.store.withoutUpo()) {
      if (rec.state === 'accepted') await this.fetchUpo(rec);
    }
    await this.retryWaiting();
    await this.exportRunner.resume();
    return { checked, changed };
  }

  /** `queued` and `sending` records whose wait is over (their alarm may have been lost). */
  private async retryWaiting(): Promise<void> {
    const now = this.now();
    const waiting = [...(await this.d.store.byState('queued')), ...(await this.d.store.byState('sending'))];
    for (const rec of waiting) {
      if (rec.batchJob) continue; // the export job moves its own batch
      if ((rec.retryAt ?? 0) > now) continue;
      if (rec.state === 'sending' && rec.owner === this.d.instanceId && (rec.leaseUntil ?? 0) > now) continue;
      await this.trySend(rec.invoiceId, rec.trigger ?? 'manual', true);
    }
  }

  /** sendInvoice for automatic callers: a refusal is an answer, not an error. */
  private async trySend(id: string, trigger: SendTrigger, takeOver: boolean): Promise<OutboxRecord | undefined> {
    try {
      return await this.sendInvoice(id, { trigger, takeOver });
    } catch (e) {
      if (e instanceof PipelineError) return this.d.store.get(id);
      throw e;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Worker start-up and wake-ups
  // -------------------------------------------------------------------------------------------

  /**
   * Worker start-up: continue everything a previous worker life left half-done. `sending`
   * records are reconciled or re-sent (never blindly), follow-up checks re-scheduled, a running
   * export resumed.
   */
  async resume(): Promise<void> {
    const now = this.now();
    for (const rec of await this.d.store.byState('sending')) {
      if (rec.batchJob) continue;
      if (rec.retryAt && rec.retryAt > now) {
        await this.schedule(WAKE.send(rec.invoiceId), rec.retryAt);
        continue;
      }
      await this.trySend(rec.invoiceId, rec.trigger ?? 'manual', true);
    }
    for (const rec of await this.d.store.byState('queued')) {
      await this.schedule(WAKE.send(rec.invoiceId), Math.max(rec.retryAt ?? now, now));
    }
    for (const rec of await this.d.store.byState('processing')) {
      const when = Math.max(rec.retryAt ?? now, now);
      if (rec.channel === 'batch' && rec.sessionRef) await this.schedule(WAKE.batch(rec.sessionRef), when);
      else if (when <= now) await this.checkOne(rec.invoiceId);
      else if (this.nextFollowUp(rec.stateSince, now) !== undefined)
        await this.schedule(WAKE.check(rec.invoiceId), when);
    }
    for (const rec of await this.d.store.withoutUpo()) {
      if (rec.state === 'accepted') await this.fetchUpo(rec);
    }
    await this.exportRunner.resume();
  }

  /** Dispatches a Scheduler wake-up (the worker's chrome.alarms.onAlarm). False: not ours. */
  async wake(name: string): Promise<boolean> {
    if (name.startsWith('ksef-check:')) {
      const rec = await this.checkOne(name.slice('ksef-check:'.length));
      if (rec?.trigger === 'export' && rec.state !== 'processing') await this.exportRunner.resume();
    } else if (name.startsWith('ksef-send:')) {
      const id = name.slice('ksef-send:'.length);
      const rec = await this.d.store.get(id);
      if (rec && (rec.state === 'queued' || rec.state === 'sending') && !rec.batchJob) {
        await this.trySend(id, rec.trigger ?? 'manual', true);
      }
    } else if (name.startsWith('ksef-batch:')) {
      await this.checkBatch(name.slice('ksef-batch:'.length));
      await this.exportRunner.resume();
    } else if (name.startsWith('ksef-kod1:')) {
      await this.retryAdoptedKod1(name.slice('ksef-kod1:'.length));
    } else if (name === WAKE.autoSend) {
      await this.autoSendTick();
    } else if (name === WAKE.export) {
      await this.exportRunner.resume();
    } else if (name === WAKE.poll) {
      await this.pollPending();
    } else {
      return false;
    }
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Auto-send
  // -------------------------------------------------------------------------------------------

  /** "Przekazuj faktury automatycznie": see auto-send.ts. */
  autoSendTick(settings?: Settings): Promise<{ seen: number; sent: OutboxRecord[] }> {
    return autoSendTick(
      {
        store: this.d.store,
        base: this.d.base,
        clock: this.d.clock,
        scheduler: this.d.scheduler,
        settings: this.d.settings,
        maxPages: this.opts.autoSendMaxPages,
        send: (id, summary) => this.sendInvoice(id, { trigger: 'auto', prefetched: summary }),
      },
      settings,
    );
  }

  autoSendHighWater(): Promise<number | undefined> {
    return autoSendHighWater(this.d.store);
  }

  // -------------------------------------------------------------------------------------------
  // Export
  // -------------------------------------------------------------------------------------------

  startExport(month: string) {
    return this.exportRunner.start(month);
  }

  resumeExport() {
    return this.exportRunner.resume();
  }

  exportProgress() {
    return this.exportRunner.progress();
  }

  /** `export.count`: how many invoices of the month are not yet sent. */
  exportCount(month: string) {
    return this.exportRunner.count(month);
  }
}
