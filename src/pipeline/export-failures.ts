/**
 * How an export job stops short: a temporary failure waits (backing off like the pipeline), a
 * permanent one fails the job, and "Przerwij eksport" closes an uploaded batch before failing it.
 * Kept apart from export.ts because every way of stopping must leave nothing locked and nothing
 * half-known in KSeF, and that is easier to check in one place than between the running steps.
 */
import type { ExportProgress } from '../messaging';
import { toAttention } from '../outbox/transitions';
import type { OutboxContext } from '../outbox/types';
import { errorParams, type StoredParams } from './error-params';
import { batchRecords, type ExportBatch, failBatch, releasePrepared, submitBatch } from './export-batch';
import { CANCEL_KEY, type ExportJob, type JobSteps, setMessage } from './export-job';
import { message } from './messages';
import { PortError } from './ports';
import { WAKE } from './wake';

/** Why a job stopped when the seller stopped it (or the settings moved on): one of our reasons. */
export const CANCELLED: StoredParams = { message: message('export-cancelled', {}), reasonCode: 'export-cancelled' };

/**
 * A temporary failure: wait, doubling the wait with each failure in a row (at most the hourly
 * poll); a job that cannot get on for `escalateAfterMs` fails. A refused token fails at once.
 */
export async function waitJob(s: JobSteps, job: ExportJob, ctx: OutboxContext, e: unknown): Promise<void> {
  const now = s.now();
  const why = errorParams(e);
  if (e instanceof PortError && e.kind === 'unauthorized') return failJob(s, job, ctx, 'unauthorized', why);
  job.waitingSince ??= now;
  if (now - job.waitingSince >= s.opts.escalateAfterMs) return failJob(s, job, ctx, 'batch-refused', why);
  const streak = job.waitStreak ?? 0;
  const backoff = Math.min(s.opts.retryDelayMs * 2 ** streak, s.opts.pollIntervalMs);
  const retryAt =
    e instanceof PortError && e.kind === 'rate-limited'
      ? Math.max(e.retryAt ?? now + s.opts.retryDelayMs, now)
      : now + backoff;
  job.waitStreak = streak + 1;
  job.state = 'waiting';
  job.resumeAt = retryAt;
  setMessage(job, why);
  await s.save(job);
  await s.scheduler.at(WAKE.export, retryAt);
}

/** The job ends as failed; nothing it holds stays locked. */
export async function failJob(
  s: JobSteps,
  job: ExportJob,
  ctx: OutboxContext,
  reason: 'unauthorized' | 'batch-refused' | 'export-cancelled',
  why: StoredParams,
): Promise<void> {
  for (const batch of job.batches) {
    if (batch.phase === 'open') await failBatch(s.batchDeps(), ctx, job.id, batch, reason, why);
    else if (batch.phase === 'opened') await raiseOpened(s, ctx, job, batch, why);
  }
  await releasePrepared(s.batchDeps(), ctx, job.id, job.ids, reason, why);
  job.state = 'failed';
  setMessage(job, why);
  job.finishedAt = s.now();
  delete job.resumeAt;
  await s.save(job);
}

/**
 * An uploaded batch whose close may or may not have gone through: its invoices keep the link
 * and need the user; their checks (or "Sprawdź teraz") find them in the session.
 */
async function raiseOpened(
  s: JobSteps,
  ctx: OutboxContext,
  job: ExportJob,
  batch: ExportBatch,
  why: StoredParams,
): Promise<void> {
  batch.phase = 'failed';
  for (const r of await batchRecords(s.store, ctx, job.id, batch.ids)) {
    await s.store.apply(
      r,
      s.now(),
      toAttention({
        reasonCode: 'stuck-unknown',
        reasonParams: { hours: '0', failures: '0', ...why },
        event: 'export-failed',
        trigger: 'export',
        keepLink: { checkAt: s.now() + s.opts.retryDelayMs },
      }),
    );
  }
}

/** "Przerwij eksport" carried out: the job fails as cancelled and the stop request is cleared. */
export async function stopCancelled(s: JobSteps, job: ExportJob, ctx: OutboxContext): Promise<ExportProgress> {
  // A batch already uploaded is closed first (or found closed): only KSeF knows.
  const ksef = await s.ksefOf(ctx);
  for (const batch of job.batches) {
    if (batch.phase !== 'opened' || !ksef) continue;
    const r = await submitBatch(s.batchDeps(), ksef, ctx, job.id, batch, () => s.save(job));
    if (r.kind === 'wait') {
      await waitJob(s, job, ctx, r.error);
      if (job.state === 'waiting') return s.progressOf(job);
    } else if (r.kind === 'refused') {
      await failBatch(s.batchDeps(), ctx, job.id, batch, 'batch-refused', errorParams(r.error));
    }
  }
  await failJob(s, job, ctx, 'export-cancelled', CANCELLED);
  await s.store.setMeta(CANCEL_KEY, null);
  return s.progressOf(job);
}
