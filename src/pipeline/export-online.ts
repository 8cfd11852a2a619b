/**
 * The export's online way, for a month with few invoices: one invoice at a time through the
 * pipeline's own online send (its claim, session and reconciliation), the job only keeping its
 * place. Kept apart from export.ts as the counterpart of export-batch.ts, the way for many.
 */
import type { OutboxContext, OutboxRecord } from '../outbox/types';
import { refOf } from '../outbox/types';
import { PipelineError } from './errors';
import { cancelRequested, type ExportJob, type JobSteps, readSummaries } from './export-job';
import type { BaseInvoiceSummary } from './ports';
import { WAKE } from './wake';

/** Sends the job's invoices from its cursor on. False when the job has to wait for a limit. */
export async function runOnline(
  s: JobSteps,
  sendOne: (id: string, summary: BaseInvoiceSummary | undefined) => Promise<OutboxRecord>,
  job: ExportJob,
  ctx: OutboxContext,
): Promise<boolean> {
  const summaries = await readSummaries(s.store);
  while (job.cursor < job.ids.length) {
    if (await cancelRequested(s.store, job)) return true;
    const id = job.ids[job.cursor]!;
    let rec: OutboxRecord | undefined;
    try {
      rec = await sendOne(id, summaries[id]);
    } catch (e) {
      if (!(e instanceof PipelineError)) throw e;
      const cur = await s.store.get(refOf(ctx, id));
      if (!cur || !['sending', 'processing', 'accepted'].includes(cur.state)) job.skipped.push(id);
    }
    if (rec?.state === 'queued' && rec.retryAt !== undefined) {
      // A limit: the invoice keeps its own wake-up; the job waits for the same moment.
      job.state = 'waiting';
      job.resumeAt = rec.retryAt;
      await s.save(job);
      await s.scheduler.at(WAKE.export, rec.retryAt);
      return false;
    }
    job.cursor++;
    await s.save(job);
  }
  return true;
}
