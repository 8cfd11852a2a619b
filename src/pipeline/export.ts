/**
 * Monthly export (seed "Eksportuj dokumenty"): every not-yet-sent invoice of a month,
 * at most 12 months back, in the enabled series. Few invoices go one by one through the online
 * session; many go through a batch session (export-batch.ts). The job lives in the outbox's
 * `meta` store and every step is written before it runs, so a restarted worker resumes it.
 *
 * The job belongs to the environment and NIP it was started in. Temporary failures back off like
 * the pipeline (1, 2, 4 … minutes, at most the hourly poll); a permanent refusal fails the batch
 * (its invoices need the user, with KSeF's reason); "Przerwij eksport" stops it safely.
 *
 * This file is the runner: it owns the stored job, its one run at a time and the order of the
 * steps. The steps themselves live beside it: counting (export-count.ts), the online way
 * (export-online.ts), the batch steps (export-batch.ts) and waiting, failing and stopping
 * (export-failures.ts); they get what they need of the runner as `JobSteps` (export-job.ts).
 */
import type { ExportProgress, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import type { OutboxContext, OutboxRecord } from '../outbox/types';
import { sameContext } from '../outbox/types';
import { errorParams } from './error-params';
import { PipelineError } from './errors';
import {
  type BatchStepDeps,
  batchMembers,
  type ExportBatch,
  failBatch,
  prepareForBatch,
  submitBatch,
} from './export-batch';
import { COUNT_LIST_TTL_MS, type CountList, countJob, countMonth } from './export-count';
import { CANCELLED, failJob, stopCancelled, waitJob } from './export-failures';
import {
  CANCEL_KEY,
  cancelRequested,
  checkMonth,
  type ExportJob,
  isFinished,
  JOB_KEY,
  type JobSteps,
  progressOf,
  readSummaries,
} from './export-job';
import { runOnline } from './export-online';
import type { PipelineOptions } from './options';
import type { BaseInvoiceSummary, BasePort, Clock, Fa3Port, KsefPort, Scheduler } from './ports';
import { isConfigured } from './rules';

export type { ExportBatch, ExportJob };
export { COUNT_LIST_TTL_MS };

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
  /** Base's month list behind the last `count` (see export-count.ts). */
  private readonly countCache: { last?: CountList } = {};
  /** What the steps in the other export-*.ts files use of this runner (export-job.ts `JobSteps`). */
  private readonly steps: JobSteps;

  constructor(private readonly d: ExportDeps) {
    this.steps = {
      store: d.store,
      opts: d.opts,
      scheduler: d.scheduler,
      ksefOf: (ctx) => d.ksefOf(ctx),
      now: () => this.now(),
      batchDeps: () => this.batchDeps,
      save: (job) => this.save(job),
      progressOf: (job) => this.progressOf(job),
    };
  }

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
    if (await cancelRequested(this.d.store, job)) return stopCancelled(this.steps, job, ctx);
    if (job.state === 'counting' || (job.state === 'waiting' && job.mode === undefined)) {
      if (!(await countJob(this.steps, this.d.base, job, ctx, settings))) return this.progressOf(job);
    }
    job.state = 'running';
    delete job.resumeAt;
    delete job.message;
    delete job.messageParams;
    await this.save(job);
    const ok =
      job.mode === 'online'
        ? await runOnline(this.steps, (id, summary) => this.d.sendOne(id, summary), job, ctx)
        : await this.runBatch(job, ctx, settings);
    if (!ok) return this.progressOf(job);
    if (await cancelRequested(this.d.store, job)) return stopCancelled(this.steps, job, ctx);
    return this.finishIfDone(job);
  }

  /** How many invoices of `month` an export would send now (`export.count`). Base errors propagate. */
  async count(month: string): Promise<number> {
    checkMonth(month, this.now());
    const settings = await this.d.settings();
    return countMonth(this.steps, this.d.base, this.countCache, month, settings);
  }

  // ---- batch: prepare every invoice, then open/upload, record, close

  private async runBatch(job: ExportJob, ctx: OutboxContext, settings: Settings): Promise<boolean> {
    const summaries = await readSummaries(this.d.store);
    while (job.cursor < job.ids.length) {
      if (await cancelRequested(this.d.store, job)) return true;
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
      await failJob(this.steps, job, ctx, 'export-cancelled', CANCELLED);
      return false;
    }
    for (const batch of job.batches) {
      if (batch.phase === 'closed' || batch.phase === 'failed') continue;
      if (await cancelRequested(this.d.store, job)) return true;
      const r = await submitBatch(this.batchDeps, ksef, ctx, job.id, batch, () => this.save(job));
      if (r.kind === 'wait') {
        await waitJob(this.steps, job, ctx, r.error);
        return false;
      }
      if (r.kind === 'refused') {
        if (r.error.kind === 'unauthorized') {
          await failJob(this.steps, job, ctx, 'unauthorized', errorParams(r.error));
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
