/**
 * Monthly export (seed "Eksportuj dokumenty"): every not-yet-sent invoice of a month,
 * at most 12 months back, in the enabled series. Few invoices go one by one through the online
 * session; many go through a batch session (export-batch.ts). The job lives in the outbox's
 * `meta` store and every step is written before it runs, so a restarted worker resumes it.
 *
 * The job belongs to the environment and NIP it was started in. Temporary failures back off like
 * the pipeline (1, 2, 4 … minutes, at most the hourly poll); a permanent refusal fails the batch
 * (its invoices need the user, with KSeF's reason); "Przerwij eksport" stops it safely.
 */
import type { ExportProgress, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import { toAttention } from '../outbox/transitions';
import type { OutboxContext, OutboxRecord } from '../outbox/types';
import { refOf, sameContext } from '../outbox/types';
import { errorParams, type StoredParams } from './error-params';
import { PipelineError } from './errors';
import {
  type BatchStepDeps,
  batchMembers,
  batchRecords,
  type ExportBatch,
  failBatch,
  prepareForBatch,
  releasePrepared,
  submitBatch,
} from './export-batch';
import {
  CANCEL_KEY,
  candidates,
  checkMonth,
  type ExportJob,
  isFinished,
  JOB_KEY,
  progressOf,
  SUMMARIES_KEY,
  setMessage,
} from './export-job';
import { message } from './messages';
import type { PipelineOptions } from './options';
import {
  type BaseInvoiceSummary,
  type BasePort,
  type Clock,
  type Fa3Port,
  type KsefPort,
  PortError,
  type Scheduler,
} from './ports';
import { isConfigured } from './rules';
import { WAKE } from './wake';

/** Why a job stopped when the seller stopped it (or the settings moved on): one of our reasons. */
const CANCELLED: StoredParams = { message: message('export-cancelled', {}), reasonCode: 'export-cancelled' };

/** How long `count` reuses Base's month list (one Base call per minute at most). */
export const COUNT_LIST_TTL_MS = 60_000;

export type { ExportBatch, ExportJob };

export interface ExportDeps {
  store: OutboxStore;
  base: BasePort;
  fa3: Fa3Port;
  /** KSeF of a context (the settings' one, or another one's, or null). */
  ksefOf(ctx: OutboxContext): Promise<KsefPort | null>;
  clock: Clock;
  scheduler: Scheduler;
  settings(): Promise<Settings>;
  instanceId: string;
  opts: PipelineOptions;
  /** The pipeline's online send of one invoice. */
  sendOne(id: string, summary: BaseInvoiceSummary | undefined): Promise<OutboxRecord>;
  /** True while the pipeline is sending this invoice online in this worker. */
  isActive?: (id: string) => boolean;
  /** Called when the job changes state (running, waiting, done, failed). */
  onProgress?: (progress: ExportProgress) => void;
}

export class ExportRunner {
  /** One run at a time inside this worker life (alarm and a page click may meet). */
  private running: Promise<ExportProgress | null> | undefined;
  private lastState: string | undefined;
  /** Base's month list behind the last `count` (see `count`). */
  private countList: { key: string; at: number; list: BaseInvoiceSummary[] } | undefined;

  constructor(private readonly d: ExportDeps) {}

  private now(): number {
    return this.d.clock.now();
  }

  private get batchDeps(): BatchStepDeps {
    return { ...this.d, ...(this.d.isActive ? { isActive: this.d.isActive } : {}) };
  }

  private async job(): Promise<ExportJob | undefined> {
    return this.d.store.getMeta<ExportJob>(JOB_KEY);
  }

  private async ctxOf(job: ExportJob): Promise<OutboxContext> {
    if (job.env && job.nip !== undefined) return { env: job.env, nip: job.nip };
    const s = await this.d.settings();
    return { env: s.env, nip: s.nip };
  }

  private async save(job: ExportJob): Promise<void> {
    await this.d.store.setMeta(JOB_KEY, job);
    const key = `${job.id}:${job.state}`;
    if (this.d.onProgress && key !== this.lastState) {
      this.lastState = key;
      // The worker notifies on 'done'/'failed' and refreshes the pages on any change.
      const progress = await this.progressOf(job);
      try {
        this.d.onProgress(progress);
      } catch {
        // A listener's bug must not stop the export.
      }
    }
  }

  async start(month: string): Promise<ExportProgress> {
    checkMonth(month, this.now());
    const settings = await this.d.settings();
    if (!isConfigured(settings)) throw new PipelineError('not-configured');
    const existing = await this.job();
    if (existing && !isFinished(existing.state)) {
      throw new PipelineError('export-running', { month: existing.month });
    }
    const job: ExportJob = {
      id: `${month}@${this.now()}`,
      month,
      env: settings.env,
      nip: settings.nip,
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
    if (!job || isFinished(job.state)) return job ? this.progressOf(job) : null;
    return this.run();
  }

  /**
   * "Przerwij eksport": nothing new is prepared or sent. Invoices not yet in a batch session
   * (or not yet sent online) are released to needs-attention; a batch already uploaded is closed
   * or settled first, because only KSeF can say whether its close went through.
   */
  async cancel(): Promise<ExportProgress | null> {
    const job = await this.job();
    if (!job || isFinished(job.state)) throw new PipelineError('export-not-running');
    await this.d.store.setMeta(CANCEL_KEY, job.id);
    await this.running?.catch(() => undefined);
    const fresh = await this.job();
    if (!fresh || isFinished(fresh.state)) return fresh ? this.progressOf(fresh) : null;
    fresh.cancelled = true;
    await this.save(fresh);
    return this.run();
  }

  private async cancelRequested(job: ExportJob): Promise<boolean> {
    return job.cancelled === true || (await this.d.store.getMeta<string>(CANCEL_KEY)) === job.id;
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
    const ctx = await this.ctxOf(job);
    if (!sameContext(ctx, settings)) job.cancelled = true; // the settings moved on: stop safely
    if (await this.cancelRequested(job)) return this.stopCancelled(job, ctx);
    if (job.state === 'counting' || (job.state === 'waiting' && job.mode === undefined)) {
      if (!(await this.countJob(job, ctx, settings))) return this.progressOf(job);
    }
    job.state = 'running';
    delete job.resumeAt;
    delete job.message;
    delete job.messageParams;
    await this.save(job);
    const ok = job.mode === 'online' ? await this.runOnline(job, ctx) : await this.runBatch(job, ctx, settings);
    if (!ok) return this.progressOf(job);
    if (await this.cancelRequested(job)) return this.stopCancelled(job, ctx);
    return this.finishIfDone(job);
  }

  /** Lists the month in Base and keeps what is not yet sent. False when it has to wait. */
  private async countJob(job: ExportJob, ctx: OutboxContext, settings: Settings): Promise<boolean> {
    let list: BaseInvoiceSummary[];
    try {
      list = await this.d.base.listMonth(job.month, settings.enabledSeries);
    } catch (e) {
      await this.wait(job, ctx, e);
      return false;
    }
    const todo = await candidates(this.d.store, list, ctx, settings);
    await this.d.store.setMeta(SUMMARIES_KEY, Object.fromEntries(todo.map((c) => [c.id, c])));
    job.ids = todo.map((c) => c.id);
    job.mode = todo.length > this.d.opts.batchThreshold ? 'batch' : 'online';
    await this.save(job);
    return true;
  }

  /** How many invoices of `month` an export would send now (`export.count`). Base errors propagate. */
  async count(month: string): Promise<number> {
    checkMonth(month, this.now());
    const settings = await this.d.settings();
    // The Eksport tab asks again on every outbox change (hundreds during an export), while Base's
    // limit is shared with the seller's other integrations: Base's month list is asked at most once
    // per COUNT_LIST_TTL_MS; the count comes from it and the outbox, which the extension keeps itself.
    const key = `${month}|${JSON.stringify(settings.enabledSeries)}`;
    const now = this.now();
    const cached = this.countList;
    let list = cached && cached.key === key && now - cached.at < COUNT_LIST_TTL_MS ? cached.list : undefined;
    if (!list) {
      list = await this.d.base.listMonth(month, settings.enabledSeries);
      this.countList = { key, at: now, list };
    }
    return (await candidates(this.d.store, list, { env: settings.env, nip: settings.nip }, settings)).length;
  }

  private async summaries(): Promise<Record<string, BaseInvoiceSummary>> {
    return (await this.d.store.getMeta<Record<string, BaseInvoiceSummary>>(SUMMARIES_KEY)) ?? {};
  }

  /**
   * A temporary failure: wait, doubling the wait with each failure in a row (at most the hourly
   * poll); a job that cannot get on for `escalateAfterMs` fails. A refused token fails at once.
   */
  private async wait(job: ExportJob, ctx: OutboxContext, e: unknown): Promise<void> {
    const now = this.now();
    const why = errorParams(e);
    if (e instanceof PortError && e.kind === 'unauthorized') return this.fail(job, ctx, 'unauthorized', why);
    job.waitingSince ??= now;
    if (now - job.waitingSince >= this.d.opts.escalateAfterMs) return this.fail(job, ctx, 'batch-refused', why);
    const streak = job.waitStreak ?? 0;
    const backoff = Math.min(this.d.opts.retryDelayMs * 2 ** streak, this.d.opts.pollIntervalMs);
    const retryAt =
      e instanceof PortError && e.kind === 'rate-limited'
        ? Math.max(e.retryAt ?? now + this.d.opts.retryDelayMs, now)
        : now + backoff;
    job.waitStreak = streak + 1;
    job.state = 'waiting';
    job.resumeAt = retryAt;
    setMessage(job, why);
    await this.save(job);
    await this.d.scheduler.at(WAKE.export, retryAt);
  }

  /** The job ends as failed; nothing it holds stays locked. */
  private async fail(
    job: ExportJob,
    ctx: OutboxContext,
    reason: 'unauthorized' | 'batch-refused' | 'export-cancelled',
    why: StoredParams,
  ): Promise<void> {
    for (const batch of job.batches) {
      if (batch.phase === 'open') await failBatch(this.batchDeps, ctx, job.id, batch, reason, why);
      else if (batch.phase === 'opened') await this.raiseOpened(ctx, job, batch, why);
    }
    await releasePrepared(this.batchDeps, ctx, job.id, job.ids, reason, why);
    job.state = 'failed';
    setMessage(job, why);
    job.finishedAt = this.now();
    delete job.resumeAt;
    await this.save(job);
  }

  /**
   * An uploaded batch whose close may or may not have gone through: its invoices keep the link
   * and need the user; their checks (or "Sprawdź teraz") find them in the session.
   */
  private async raiseOpened(ctx: OutboxContext, job: ExportJob, batch: ExportBatch, why: StoredParams): Promise<void> {
    batch.phase = 'failed';
    for (const r of await batchRecords(this.d.store, ctx, job.id, batch.ids)) {
      await this.d.store.apply(
        r,
        this.now(),
        toAttention({
          reasonCode: 'stuck-unknown',
          reasonParams: { hours: '0', failures: '0', ...why },
          event: 'export-failed',
          trigger: 'export',
          keepLink: { checkAt: this.now() + this.d.opts.retryDelayMs },
        }),
      );
    }
  }

  private async stopCancelled(job: ExportJob, ctx: OutboxContext): Promise<ExportProgress> {
    // A batch already uploaded is closed first (or found closed): only KSeF knows.
    const ksef = await this.d.ksefOf(ctx);
    for (const batch of job.batches) {
      if (batch.phase !== 'opened' || !ksef) continue;
      const r = await submitBatch(this.batchDeps, ksef, ctx, job.id, batch, () => this.save(job));
      if (r.kind === 'wait') {
        await this.wait(job, ctx, r.error);
        if (job.state === 'waiting') return this.progressOf(job);
      } else if (r.kind === 'refused') {
        await failBatch(this.batchDeps, ctx, job.id, batch, 'batch-refused', errorParams(r.error));
      }
    }
    await this.fail(job, ctx, 'export-cancelled', CANCELLED);
    await this.d.store.setMeta(CANCEL_KEY, null);
    return this.progressOf(job);
  }

  // ---- online: one invoice at a time through the interactive session

  private async runOnline(job: ExportJob, ctx: OutboxContext): Promise<boolean> {
    const summaries = await this.summaries();
    while (job.cursor < job.ids.length) {
      if (await this.cancelRequested(job)) return true;
      const id = job.ids[job.cursor]!;
      let rec: OutboxRecord | undefined;
      try {
        rec = await this.d.sendOne(id, summaries[id]);
      } catch (e) {
        if (!(e instanceof PipelineError)) throw e;
        const cur = await this.d.store.get(refOf(ctx, id));
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

  private async runBatch(job: ExportJob, ctx: OutboxContext, settings: Settings): Promise<boolean> {
    const summaries = await this.summaries();
    while (job.cursor < job.ids.length) {
      if (await this.cancelRequested(job)) return true;
      const id = job.ids[job.cursor]!;
      const r = await prepareForBatch(this.batchDeps, ctx, job.id, id, summaries[id], settings);
      if (r === 'skipped') job.skipped.push(id);
      job.cursor++;
      await this.save(job);
    }
    if (job.batches.length === 0) {
      const ready = await batchMembers(this.d.store, ctx, job.id, job.ids);
      for (const offline of [false, true]) {
        const ids = ready.filter((r) => r.offline === offline).map((r) => r.id);
        for (let i = 0; i < ids.length; i += this.d.opts.batchSize) {
          job.batches.push({ offline, ids: ids.slice(i, i + this.d.opts.batchSize), phase: 'open', tries: 0 });
        }
      }
      await this.save(job);
    }
    const ksef = await this.d.ksefOf(ctx);
    if (!ksef) {
      await this.fail(job, ctx, 'export-cancelled', CANCELLED);
      return false;
    }
    for (const batch of job.batches) {
      if (batch.phase === 'closed' || batch.phase === 'failed') continue;
      if (await this.cancelRequested(job)) return true;
      const r = await submitBatch(this.batchDeps, ksef, ctx, job.id, batch, () => this.save(job));
      if (r.kind === 'wait') {
        await this.wait(job, ctx, r.error);
        return false;
      }
      if (r.kind === 'refused') {
        if (r.error.kind === 'unauthorized') {
          await this.fail(job, ctx, 'unauthorized', errorParams(r.error));
          return false;
        }
        await failBatch(this.batchDeps, ctx, job.id, batch, 'batch-refused', errorParams(r.error));
        await this.save(job);
      }
      delete job.waitStreak;
      delete job.waitingSince;
    }
    return true;
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
    return progressOf(this.d.store, await this.ctxOf(job), job, await this.d.settings());
  }
}
