/**
 * Monthly export (seed "Eksportuj dokumenty"; issue 7): every not-yet-sent invoice of a month,
 * at most 12 months back, in the enabled series. Few invoices go one by one through the online
 * session; many go through a batch session (ksef-protocol.md §4). The job lives in the outbox's
 * `meta` store and every step is written before it runs, so a restarted worker resumes it.
 *
 * Batch safety: a batch session registers nothing until it is closed (§4 step 6), so the job
 * records the session BEFORE closing it. After a restart, a session recorded as opened is
 * closed again: KSeF then says "closed" (it was not), "already closed" (21180: it was), or
 * "incomplete" (parts missing: it will be cancelled, so the invoices are sent in a new one).
 */
import type { ExportProgress, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import type { OutboxRecord } from '../outbox/types';
import { readSkipList } from '../skip/store';
import { buildFailedPatch, buildSafely, summaryFields } from './build-step';
import { isMonth, isOfflineIssue, monthsBetween, warsawMonth } from './dates';
import { PipelineError } from './errors';
import type { PipelineOptions } from './pipeline';
import {
  type BaseInvoiceSummary,
  type BasePort,
  type Clock,
  type Fa3Port,
  type KsefPort,
  PortError,
  type Scheduler,
} from './ports';
import { isBaseOwned, isConfigured, isSeriesEnabled, isSkipped } from './rules';
import { WAKE } from './wake';

const JOB_KEY = 'export.job';
const SUMMARIES_KEY = 'export.summaries';
const MAX_BATCH_TRIES = 3;
/** How long `count` reuses Base's month list (one Base call per minute at most). */
export const COUNT_LIST_TTL_MS = 60_000;

export interface ExportBatch {
  offline: boolean;
  ids: string[];
  sessionRef?: string;
  /** open: not opened yet (or to be reopened); opened: parts uploaded, not closed; closed: done. */
  phase: 'open' | 'opened' | 'closed' | 'failed';
  tries: number;
}

export interface ExportJob {
  id: string;
  month: string;
  state: ExportProgress['state'];
  mode?: 'batch' | 'online';
  ids: string[];
  /** Online: next invoice to send. Batch: next invoice to prepare (build and record). */
  cursor: number;
  /** Invoices refused on the way (sent meanwhile, Base-owned…): not counted. */
  skipped: string[];
  batches: ExportBatch[];
  message?: string;
  resumeAt?: number;
  startedAt: number;
  finishedAt?: number;
}

export interface ExportDeps {
  store: OutboxStore;
  base: BasePort;
  fa3: Fa3Port;
  ksef: KsefPort;
  clock: Clock;
  scheduler: Scheduler;
  settings(): Promise<Settings>;
  instanceId: string;
  opts: PipelineOptions;
  /** The pipeline's online send of one invoice. */
  sendOne(id: string, summary: BaseInvoiceSummary | undefined): Promise<OutboxRecord>;
  /** The pipeline's batch-result check. */
  checkBatch(sessionRef: string): Promise<number>;
  /** True while the pipeline is sending this invoice online in this worker. */
  isActive?: (id: string) => boolean;
  /** Called when the job changes state (running, waiting, done, failed). */
  onProgress?: (progress: ExportProgress) => void;
}

export class ExportRunner {
  /** One run at a time inside this worker life (alarm and a page click may meet). */
  private running: Promise<ExportProgress | null> | undefined;

  constructor(private readonly d: ExportDeps) {}

  private now(): number {
    return this.d.clock.now();
  }

  private async job(): Promise<ExportJob | undefined> {
    return this.d.store.getMeta<ExportJob>(JOB_KEY);
  }

  private lastState: string | undefined;
  /** Base's month list behind the last `count` (see `count`). */
  private countList: { key: string; at: number; list: BaseInvoiceSummary[] } | undefined;

  private async save(job: ExportJob): Promise<void> {
    await this.d.store.setMeta(JOB_KEY, job);
    const key = `${job.id}:${job.state}`;
    if (this.d.onProgress && key !== this.lastState) {
      this.lastState = key;
      // The worker notifies on 'done'/'failed' (issue 7) and refreshes the pages on any change.
      const progress = await this.progressOf(job);
      try {
        this.d.onProgress(progress);
      } catch {
        // A listener's bug must not stop the export.
      }
    }
  }

  async start(month: string): Promise<ExportProgress> {
    this.checkMonth(month);
    const settings = await this.d.settings();
    if (!isConfigured(settings)) throw new PipelineError('not-configured');
    const existing = await this.job();
    if (existing && !['done', 'failed', 'idle'].includes(existing.state)) {
      throw new PipelineError('export-running', { month: existing.month });
    }
    const job: ExportJob = {
      id: `${month}@${this.now()}`,
      month,
      state: 'counting',
      ids: [],
      cursor: 0,
      skipped: [],
      batches: [],
      startedAt: this.now(),
    };
    await this.save(job);
    return (await this.run()) ?? this.progressOf(job);
  }

  /** After a restart or a wake-up: carry on with the job, if there is one to carry on. */
  async resume(): Promise<ExportProgress | null> {
    const job = await this.job();
    if (!job || job.state === 'done' || job.state === 'failed' || job.state === 'idle')
      return job ? this.progressOf(job) : null;
    return this.run();
  }

  private run(): Promise<ExportProgress | null> {
    if (!this.running) {
      this.running = this.step().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async step(): Promise<ExportProgress | null> {
    const job = await this.job();
    if (!job) return null;
    const settings = await this.d.settings();
    if (job.state === 'counting' || (job.state === 'waiting' && job.mode === undefined)) {
      if (!(await this.countJob(job, settings))) return this.progressOf(job);
    }
    job.state = 'running';
    delete job.resumeAt;
    delete job.message;
    await this.save(job);
    const ok = job.mode === 'online' ? await this.runOnline(job) : await this.runBatch(job, settings);
    if (!ok) return this.progressOf(job);
    return this.finishIfDone(job);
  }

  /** Lists the month in Base and keeps what is not yet sent. False when it has to wait. */
  private async countJob(job: ExportJob, settings: Settings): Promise<boolean> {
    let list: BaseInvoiceSummary[];
    try {
      list = await this.d.base.listMonth(job.month, settings.enabledSeries);
    } catch (e) {
      await this.wait(job, e);
      return false;
    }
    const candidates = await this.candidates(list, settings);
    await this.d.store.setMeta(SUMMARIES_KEY, Object.fromEntries(candidates.map((c) => [c.id, c])));
    job.ids = candidates.map((c) => c.id);
    job.mode = candidates.length > this.d.opts.batchThreshold ? 'batch' : 'online';
    await this.save(job);
    return true;
  }

  /** Not yet sent (no record, or rejected / needing attention / queued), enabled series, not Base's. */
  private async candidates(list: readonly BaseInvoiceSummary[], settings: Settings): Promise<BaseInvoiceSummary[]> {
    const out: BaseInvoiceSummary[] = [];
    const skips = await readSkipList(this.d.store);
    for (const inv of list) {
      if (!isSeriesEnabled(settings, inv.seriesId) || isBaseOwned(inv) || isSkipped(skips, inv.id)) continue;
      const rec = await this.d.store.get(inv.id);
      if (rec && ['accepted', 'processing', 'sending'].includes(rec.state)) continue;
      out.push(inv);
    }
    return out;
  }

  private checkMonth(month: string): void {
    if (!isMonth(month)) throw new PipelineError('bad-month', { month });
    const back = monthsBetween(month, warsawMonth(this.now()));
    if (back < 0 || back > 12) throw new PipelineError('month-out-of-range', { month });
  }

  /**
   * How many invoices of `month` an export would send now (`export.count`). Base errors propagate.
   * The Eksport tab asks again on every outbox change (hundreds during an export), while Base's
   * limit is shared with the seller's other integrations: Base's month list is asked at most once
   * per COUNT_LIST_TTL_MS, and the count is worked out from it and the outbox, which the
   * extension keeps up to date itself.
   */
  async count(month: string): Promise<number> {
    this.checkMonth(month);
    const settings = await this.d.settings();
    const key = `${month}|${JSON.stringify(settings.enabledSeries)}`;
    const now = this.now();
    const cached = this.countList;
    let list = cached && cached.key === key && now - cached.at < COUNT_LIST_TTL_MS ? cached.list : undefined;
    if (!list) {
      list = await this.d.base.listMonth(month, settings.enabledSeries);
      this.countList = { key, at: now, list };
    }
    return (await this.candidates(list, settings)).length;
  }

  private async summaries(): Promise<Record<string, BaseInvoiceSummary>> {
    return (await this.d.store.getMeta<Record<string, BaseInvoiceSummary>>(SUMMARIES_KEY)) ?? {};
  }

  private async wait(job: ExportJob, e: unknown): Promise<void> {
    const now = this.now();
    if (e instanceof PortError && e.kind === 'unauthorized') {
      job.state = 'failed';
      job.message = e.message;
      job.finishedAt = now;
      await this.save(job);
      await this.releaseJobRecords(job, e.message);
      return;
    }
    const retryAt =
      e instanceof PortError && e.kind === 'rate-limited'
        ? Math.max(e.retryAt ?? now + this.d.opts.retryDelayMs, now)
        : now + this.d.opts.retryDelayMs;
    job.state = 'waiting';
    job.resumeAt = retryAt;
    job.message = e instanceof Error ? e.message : String(e);
    await this.save(job);
    await this.d.scheduler.at(WAKE.export, retryAt);
  }

  // ---- online: one invoice at a time through the interactive session

  private async runOnline(job: ExportJob): Promise<boolean> {
    const summaries = await this.summaries();
    while (job.cursor < job.ids.length) {
      const id = job.ids[job.cursor]!;
      let rec: OutboxRecord | undefined;
      try {
        rec = await this.d.sendOne(id, summaries[id]);
      } catch (e) {
        if (!(e instanceof PipelineError)) throw e;
        const cur = await this.d.store.get(id);
        if (!cur || !['sending', 'processing', 'accepted'].includes(cur.state)) job.skipped.push(id);
      }
      if (rec?.state === 'queued' && rec.retryAt !== undefined) {
        // A limit: the invoice keeps its own wake-up; the job waits for the same moment.
        job.state = 'waiting';
        job.resumeAt = rec.retryAt;
        await this.save(job);
        await this.d.scheduler.at(WAKE.export, rec.retryAt);
        return false;
      }
      job.cursor++;
      await this.save(job);
    }
    return true;
  }

  // ---- batch: prepare every invoice, then open/upload, record, close

  private async runBatch(job: ExportJob, settings: Settings): Promise<boolean> {
    const summaries = await this.summaries();
    while (job.cursor < job.ids.length) {
      await this.prepare(job, job.ids[job.cursor]!, summaries[job.ids[job.cursor]!], settings);
      job.cursor++;
      await this.save(job);
    }
    if (job.batches.length === 0) {
      const ready: OutboxRecord[] = [];
      for (const id of job.ids) {
        const rec = await this.d.store.get(id);
        if (rec?.state === 'sending' && rec.batchJob === job.id && rec.xml && rec.hash) ready.push(rec);
      }
      for (const offline of [false, true]) {
        const ids = ready.filter((r) => (r.offline ?? false) === offline).map((r) => r.invoiceId);
        for (let i = 0; i < ids.length; i += this.d.opts.batchSize) {
          job.batches.push({ offline, ids: ids.slice(i, i + this.d.opts.batchSize), phase: 'open', tries: 0 });
        }
      }
      await this.save(job);
    }
    for (const batch of job.batches) {
      if (batch.phase === 'closed' || batch.phase === 'failed') continue;
      if (!(await this.submit(job, batch))) return false;
    }
    return true;
  }

  /** Claims, builds and records one invoice for the batch (state `sending`, bytes and hash). */
  private async prepare(
    job: ExportJob,
    id: string,
    summary: BaseInvoiceSummary | undefined,
    settings: Settings,
  ): Promise<void> {
    const now = this.now();
    const claim = await this.d.store.claim(id, {
      owner: this.d.instanceId,
      now,
      leaseMs: this.d.opts.leaseMs,
      trigger: 'export',
      batchJob: job.id,
      takeOverForeign: true,
      number: summary?.number,
    });
    if (!claim.ok) {
      if (!(claim.reason === 'batch' && claim.record.batchJob === job.id)) job.skipped.push(id);
      return;
    }
    // Prepared by this job before a restart: keep those bytes (they may be in an opened batch).
    const prev = claim.previous;
    if (prev?.state === 'sending' && prev.batchJob === job.id && prev.channel === 'batch' && prev.hash && prev.xml)
      return;
    if (this.d.isActive?.(id)) {
      // Being sent online by this worker right now (a click during the export).
      await this.d.store.release(id, this.d.instanceId, claim.previous);
      job.skipped.push(id);
      return;
    }
    if (!summary) {
      await this.d.store.release(id, this.d.instanceId, claim.previous);
      job.skipped.push(id);
      return;
    }
    const fields = summaryFields(summary);
    const built = await buildSafely(this.d.fa3, summary, settings);
    if (!built.ok) {
      await this.d.store.patch(
        id,
        this.now(),
        buildFailedPatch(fields, built.errors),
        { event: 'build-failed', trigger: 'export' },
        ['owner', 'leaseUntil', 'batchJob', 'hash', 'xml', 'sessionRef', 'invoiceRef'],
      );
      return;
    }
    await this.d.store.patch(
      id,
      this.now(),
      {
        ...fields,
        number: built.number || summary.number,
        issueDate: built.issueDate,
        hash: built.hash,
        xml: built.xml,
        offline: isOfflineIssue(built.issueDate, this.now()),
        channel: 'batch',
      },
      { event: 'built', trigger: 'export' },
      ['sessionRef', 'invoiceRef', 'reasonCode', 'reasonParams', 'reason', 'problems', 'ksefStatus'],
    );
  }

  /** Opens (upload) and closes one batch, recording each step first. False when it must wait. */
  private async submit(job: ExportJob, batch: ExportBatch): Promise<boolean> {
    const records: OutboxRecord[] = [];
    for (const id of batch.ids) {
      const rec = await this.d.store.get(id);
      if (rec?.state === 'sending' && rec.batchJob === job.id && rec.xml && rec.hash) records.push(rec);
    }
    if (records.length === 0) {
      batch.phase = 'closed';
      await this.save(job);
      return true;
    }
    if (batch.phase === 'open') {
      let opened: Awaited<ReturnType<KsefPort['openBatch']>>;
      try {
        opened = await this.d.ksef.openBatch(
          records.map((r) => ({ id: r.invoiceId, xml: r.xml! })),
          { offline: batch.offline },
        );
      } catch (e) {
        // Not closed, so KSeF registered nothing: the same batch can be opened again later.
        await this.wait(job, e);
        if (job.state === 'failed') await this.abandon(job, batch, records, e);
        return false;
      }
      batch.sessionRef = opened.sessionRef;
      batch.phase = 'opened';
      await this.save(job);
      for (const r of records) await this.d.store.patch(r.invoiceId, this.now(), { sessionRef: opened.sessionRef });
    }
    let closed: 'closed' | 'already-closed' | 'incomplete';
    try {
      closed = await this.d.ksef.closeBatch(batch.sessionRef!);
    } catch (e) {
      await this.wait(job, e);
      return false;
    }
    if (closed === 'incomplete') {
      // The session will be cancelled by KSeF (§4 step 6: 21205/21208): send again in a new one.
      batch.tries++;
      if (batch.tries >= MAX_BATCH_TRIES) {
        await this.abandon(
          job,
          batch,
          records,
          new Error('KSeF nie przyjął paczki (niekompletne przesyłanie części).'),
        );
        return true;
      }
      delete batch.sessionRef;
      batch.phase = 'open';
      await this.save(job);
      for (const r of records) await this.d.store.patch(r.invoiceId, this.now(), {}, undefined, ['sessionRef']);
      return this.submit(job, batch);
    }
    const now = this.now();
    for (const r of records) {
      await this.d.store.patch(
        r.invoiceId,
        now,
        {
          state: 'processing',
          channel: 'batch',
          sessionRef: batch.sessionRef!,
          checks: 0,
          retryAt: now + (this.d.opts.followUpDelaysMs[0] ?? 0),
        },
        { event: 'sent-batch', trigger: 'export' },
        ['owner', 'leaseUntil', 'invoiceRef'],
      );
    }
    batch.phase = 'closed';
    await this.save(job);
    await this.d.scheduler.at(WAKE.batch(batch.sessionRef!), now + (this.d.opts.followUpDelaysMs[0] ?? 0));
    return true;
  }

  /**
   * A failed job must not keep invoices locked in `sending` (claims refuse a job's records to
   * everyone else): they go to needs-attention and can be sent by hand once the cause is fixed.
   */
  private async releaseJobRecords(job: ExportJob, text: string): Promise<void> {
    for (const id of job.ids) {
      const rec = await this.d.store.get(id);
      if (rec?.state !== 'sending' || rec.batchJob !== job.id) continue;
      await this.d.store.patch(
        id,
        this.now(),
        { state: 'needs-attention', reasonCode: 'unauthorized', reasonParams: { message: text } },
        { event: 'export-failed', trigger: 'export' },
        ['owner', 'leaseUntil', 'batchJob', 'hash', 'xml', 'sessionRef', 'invoiceRef'],
      );
    }
  }

  /** The batch cannot be sent: its invoices leave `sending` (nothing reached KSeF). */
  private async abandon(job: ExportJob, batch: ExportBatch, records: OutboxRecord[], e: unknown): Promise<void> {
    batch.phase = 'failed';
    await this.save(job);
    const text = e instanceof Error ? e.message : String(e);
    for (const r of records) {
      await this.d.store.patch(
        r.invoiceId,
        this.now(),
        { state: 'needs-attention', reasonCode: 'unavailable', reasonParams: { message: text } },
        { event: 'batch-failed', trigger: 'export' },
        ['owner', 'leaseUntil', 'batchJob', 'hash', 'xml', 'sessionRef', 'invoiceRef'],
      );
    }
  }

  private async finishIfDone(job: ExportJob): Promise<ExportProgress> {
    const p = await this.progressOf(job);
    const pending = p.total - p.accepted - p.rejected - p.failed;
    if (pending <= 0 && job.cursor >= job.ids.length) {
      job.state = 'done';
      job.finishedAt = this.now();
      await this.save(job);
      return { ...p, state: 'done' };
    }
    // Results still to come: the batch/online checks (and the hourly poll) will call resume().
    return p;
  }

  /** The progress the pages show (messaging.ts ExportProgress), counted from the records. */
  async progress(): Promise<ExportProgress | null> {
    const job = await this.job();
    if (!job) return null;
    const p = await this.progressOf(job);
    if (job.state === 'running' && p.total - p.accepted - p.rejected - p.failed <= 0 && job.cursor >= job.ids.length) {
      return this.finishIfDone(job);
    }
    return p;
  }

  private async progressOf(job: ExportJob): Promise<ExportProgress> {
    const skipped = new Set(job.skipped);
    let sent = 0;
    let accepted = 0;
    let rejected = 0;
    let failed = 0;
    for (const id of job.ids) {
      if (skipped.has(id)) continue;
      const rec = await this.d.store.get(id);
      if (!rec) continue;
      if (rec.state === 'processing' || rec.state === 'accepted' || rec.state === 'rejected') sent++;
      if (rec.state === 'accepted') accepted++;
      else if (rec.state === 'rejected') rejected++;
      else if (rec.state === 'needs-attention') failed++;
    }
    const progress: ExportProgress = {
      month: job.month,
      state: job.state,
      total: job.ids.length - skipped.size,
      sent,
      accepted,
      rejected,
      failed,
    };
    if (job.mode) progress.mode = job.mode;
    if (job.message) progress.message = job.message;
    if (job.resumeAt !== undefined) progress.resumeAt = new Date(job.resumeAt).toISOString();
    return progress;
  }
}
