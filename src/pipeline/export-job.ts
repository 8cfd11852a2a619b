/**
 * The export job as stored in the outbox's `meta` store, and what is computed from it and the
 * records: which invoices of a month are still to send, and the progress the pages show. Also
 * what every export step reads of the store and shares with the runner (`JobSteps`), so the step
 * modules depend on this file and not on export.ts, which imports them.
 */
import type { Lang } from '../core/lang';
import { EXPORT_PROBLEMS_SHOWN, type ExportProblem, type ExportProgress, type Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import type { OutboxContext } from '../outbox/types';
import { refOf } from '../outbox/types';
import { readSkipList } from '../skip/store';
import { isMonth, monthsBetween, warsawMonth } from './dates';
import { type StoredParams, storedErrorText } from './error-params';
import { PipelineError } from './errors';
import type { BatchStepDeps, ExportBatch } from './export-batch';
import { isReasonCode, message } from './messages';
import type { PipelineOptions } from './options';
import type { BaseInvoiceSummary, KsefPort, Scheduler } from './ports';
import { isBaseOwned, isSeriesEnabled, isSkipped } from './rules';
import { toView } from './view';

export const JOB_KEY = 'export.job';
export const SUMMARIES_KEY = 'export.summaries';
export const CANCEL_KEY = 'export.cancel';

export interface ExportJob {
  id: string;
  month: string;
  /** The context the job sends in (absent in jobs saved before contexts: the current one). */
  env?: OutboxContext['env'];
  nip?: string;
  state: ExportProgress['state'];
  mode?: 'batch' | 'online';
  ids: string[];
  /** Online: next invoice to send. Batch: next invoice to prepare (build and record). */
  cursor: number;
  /** Invoices refused on the way (sent meanwhile, Base-owned…): not counted. */
  skipped: string[];
  batches: ExportBatch[];
  /** Why the job waits or failed, in Polish (for logs and readers older than `messageParams`). */
  message?: string;
  /** The same by code (error-params.ts, or `reasonCode` for one of our reasons): for the pages. */
  messageParams?: StoredParams;
  resumeAt?: number;
  /** Temporary failures in a row (the back-off) and since when the job waits. */
  waitStreak?: number;
  waitingSince?: number;
  cancelled?: boolean;
  startedAt: number;
  finishedAt?: number;
}

/**
 * What the job's steps share with `ExportRunner`: its ports, its clock and the runner's own
 * `save` (which notifies the pages) and progress, so these steps write the job exactly as it does.
 */
export interface JobSteps {
  store: OutboxStore;
  opts: PipelineOptions;
  scheduler: Scheduler;
  ksefOf(ctx: OutboxContext): Promise<KsefPort | null>;
  now(): number;
  batchDeps(): BatchStepDeps;
  save(job: ExportJob): Promise<void>;
  progressOf(job: ExportJob): Promise<ExportProgress>;
}

/** True once "Przerwij eksport" was asked for this job (by a flag on it or the stored request). */
export async function cancelRequested(store: OutboxStore, job: ExportJob): Promise<boolean> {
  return job.cancelled === true || (await store.getMeta<string>(CANCEL_KEY)) === job.id;
}

/** Base's summaries of the job's invoices, kept when it counted (so sending asks Base no more). */
export async function readSummaries(store: OutboxStore): Promise<Record<string, BaseInvoiceSummary>> {
  return (await store.getMeta<Record<string, BaseInvoiceSummary>>(SUMMARIES_KEY)) ?? {};
}

/** Records why the job waits or failed. */
export function setMessage(job: ExportJob, why: StoredParams): void {
  if (why.message !== undefined) job.message = why.message;
  else delete job.message;
  job.messageParams = why;
}

/** Why the job waits or failed, in `lang`; a job stored before codes keeps its message. */
export function jobMessage(job: ExportJob, lang: Lang): string | undefined {
  const reason = job.messageParams?.reasonCode;
  if (isReasonCode(reason)) return message(reason, {}, lang);
  return storedErrorText(job.messageParams, lang) ?? job.message;
}

export function isFinished(state: ExportProgress['state']): boolean {
  return state === 'done' || state === 'failed' || state === 'idle';
}

export function checkMonth(month: string, now: number): void {
  if (!isMonth(month)) throw new PipelineError('bad-month', { month });
  const back = monthsBetween(month, warsawMonth(now));
  if (back < 0 || back > 12) throw new PipelineError('month-out-of-range', { month });
}

/**
 * Not yet sent in this context (no record, or rejected / needing attention / queued without a
 * session link), enabled series, not Base's.
 */
export async function candidates(
  store: OutboxStore,
  list: readonly BaseInvoiceSummary[],
  ctx: OutboxContext,
  settings: Settings,
): Promise<BaseInvoiceSummary[]> {
  const out: BaseInvoiceSummary[] = [];
  const skips = await readSkipList(store, ctx);
  for (const inv of list) {
    if (!isSeriesEnabled(settings, inv.seriesId) || isBaseOwned(inv) || isSkipped(skips, inv.id)) continue;
    const rec = await store.get(refOf(ctx, inv.id));
    if (rec && ['accepted', 'processing', 'sending'].includes(rec.state)) continue;
    if (rec?.sessionRef) continue; // may be in KSeF: settled by its own checks, not resent
    out.push(inv);
  }
  return out;
}

/** The progress the pages show (messaging.ts ExportProgress), counted from the records. */
export async function progressOf(
  store: OutboxStore,
  ctx: OutboxContext,
  job: ExportJob,
  /** For the reasons of the failed invoices, in the user's language. */
  settings?: Settings,
): Promise<ExportProgress> {
  const skipped = new Set(job.skipped);
  let sent = 0;
  let accepted = 0;
  let rejected = 0;
  let failed = 0;
  const problems: ExportProblem[] = [];
  for (const id of job.ids) {
    if (skipped.has(id)) continue;
    const rec = await store.get(refOf(ctx, id));
    if (!rec) continue;
    if (rec.state === 'processing' || rec.state === 'accepted' || rec.state === 'rejected') sent++;
    if (rec.state === 'accepted') accepted++;
    else if (rec.state === 'rejected') rejected++;
    else if (rec.state === 'needs-attention') failed++;
    if ((rec.state === 'rejected' || rec.state === 'needs-attention') && problems.length < EXPORT_PROBLEMS_SHOWN) {
      const reason = settings ? toView(rec, settings, settings.uiLang).reason : rec.reason;
      problems.push({ invoiceId: id, number: rec.number, state: rec.state, ...(reason ? { reason } : {}) });
    }
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
  const shown = settings ? jobMessage(job, settings.uiLang) : job.message;
  if (shown) progress.message = shown;
  if (job.resumeAt !== undefined) progress.resumeAt = new Date(job.resumeAt).toISOString();
  if (job.cancelled) progress.cancelled = true;
  if (problems.length) progress.problems = problems;
  return progress;
}
