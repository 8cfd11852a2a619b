/**
 * The send pipeline: Base → FA(3) → outbox → KSeF → status → accepted/rejected.
 * `Pipeline` is a thin facade over the step modules:
 *
 * - send.ts: claim, build, record, the context's one online session, ONE POST, what a failure means
 * - status.ts: status answers, rejections, escalation of records without an answer for too long
 * - links.ts: acceptance, KOD I / KOD II, UPO (also from a 440 original's session)
 * - batch-results.ts: results of a batch session; checks.ts: checks and per-record commands
 * - recovery.ts: worker start-up, the hourly poll, wake-ups
 * - export.ts / export-batch.ts: the monthly export; auto-send.ts: auto-send
 *
 * Rules it keeps:
 * - The outbox record is written BEFORE every network step (docs/architecture.md "Every step can be
 *   resumed"); once a POST may have reached KSeF, only KSeF's session list settles the record.
 * - Never twice: the send starts with an atomic check-and-set in IndexedDB (OutboxStore.claim).
 * - Records belong to an environment and a NIP; each is settled in its own context.
 * - Waits become Scheduler wake-ups (chrome.alarms in the worker), never long timers.
 */
import type { Settings } from '../messaging';
import type { OutboxRecord, RecordRef } from '../outbox/types';
import { autoSendHighWater, autoSendTick } from './auto-send';
import { checkBatch } from './batch-results';
import { checkNow, checkOne, markUnsent } from './checks';
import { Engine } from './engine';
import { ExportRunner } from './export';
import { DEFAULT_OPTIONS, type PipelineDeps, type PipelineOptions, type SendOptions } from './options';
import { pollPending, resume, wake } from './recovery';
import { sendInvoice } from './send';
import { WAKE } from './wake';

export { DEFAULT_OPTIONS, type PipelineDeps, type PipelineOptions, type SendOptions, WAKE };

export class Pipeline {
  readonly opts: PipelineOptions;
  private readonly e: Engine;
  private readonly exportRunner: ExportRunner;

  constructor(private readonly d: PipelineDeps) {
    this.opts = { ...DEFAULT_OPTIONS, ...d.options };
    this.e = new Engine(d, this.opts);
    this.exportRunner = new ExportRunner({
      store: d.store,
      base: d.base,
      fa3: d.fa3,
      ksefOf: (ctx) => this.e.ksefOf(ctx),
      clock: d.clock,
      scheduler: d.scheduler,
      settings: d.settings,
      instanceId: d.instanceId,
      opts: this.opts,
      sendOne: (id, summary) =>
        this.sendInvoice(id, { trigger: 'export', ...(summary ? { prefetched: summary } : {}) }),
      isActive: (id) => this.isActive(id),
      ...(d.onExport ? { onProgress: d.onExport } : {}),
    });
  }

  private async ref(invoiceId: string): Promise<RecordRef> {
    return { ...(await this.e.current()), invoiceId };
  }

  private isActive(invoiceId: string): boolean {
    for (const k of this.e.active) if (k.endsWith(`|${invoiceId}`)) return true;
    return false;
  }

  /**
   * Sends one Base invoice in the settings' context. Throws PipelineError when the send is
   * refused (in progress, already in KSeF, Base-owned, excluded series, not configured);
   * otherwise returns the record as it stands when this call ends.
   */
  sendInvoice(invoiceId: string, opts: SendOptions): Promise<OutboxRecord> {
    return sendInvoice(this.e, invoiceId, opts);
  }

  /** "Wyślij ponownie": only for an invoice that is not in KSeF and not on its way there. */
  resendInvoice(invoiceId: string): Promise<OutboxRecord> {
    return this.sendInvoice(invoiceId, { trigger: 'manual' });
  }

  /** One status check of an invoice of the settings' context. */
  async checkOne(invoiceId: string): Promise<OutboxRecord | undefined> {
    return checkOne(this.e, await this.ref(invoiceId));
  }

  /** "Sprawdź teraz" on one invoice (status, place in the session, or UPO, whatever it waits for). */
  async checkNow(invoiceId: string, ref?: RecordRef): Promise<OutboxRecord | undefined> {
    return checkNow(this.e, ref ?? (await this.ref(invoiceId)));
  }

  /** "Oznacz jako niewysłaną": only when KSeF's session list confirms it is not registered. */
  async markUnsent(invoiceId: string, ref?: RecordRef): Promise<OutboxRecord> {
    return markUnsent(this.e, ref ?? (await this.ref(invoiceId)));
  }

  /** Results of a batch session applied to its `processing` records. */
  checkBatch(sessionRef: string): Promise<number> {
    return checkBatch(this.e, sessionRef);
  }

  /** The hourly alarm: every waiting record of every context, missing UPOs, lost wake-ups. */
  pollPending(): Promise<{ checked: number; changed: OutboxRecord[] }> {
    return pollPending(this.e, this.exportRunner);
  }

  /** Worker start-up: continue everything a previous worker life left half-done. */
  resume(): Promise<void> {
    return resume(this.e, this.exportRunner);
  }

  /** Dispatches a Scheduler wake-up (the worker's chrome.alarms.onAlarm). False: not ours. */
  async wake(name: string): Promise<boolean> {
    if (name === WAKE.autoSend) await this.autoSendTick();
    else if (name === WAKE.export) await this.exportRunner.resume();
    else if (name === WAKE.poll) await this.pollPending();
    else return wake(this.e, this.exportRunner, name);
    return true;
  }

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

  startExport(month: string) {
    return this.exportRunner.start(month);
  }

  resumeExport() {
    return this.exportRunner.resume();
  }

  /** "Przerwij eksport". */
  cancelExport() {
    return this.exportRunner.cancel();
  }

  exportProgress() {
    return this.exportRunner.progress();
  }

  /** `export.count`: how many invoices of the month are not yet sent. */
  exportCount(month: string) {
    return this.exportRunner.count(month);
  }
}
