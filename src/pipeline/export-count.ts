/**
 * Counting a month: which invoices an export would send. The job counts once when it starts; the
 * Eksport tab asks for the count again and again, so that question reuses Base's month list for a
 * while. Kept apart from export.ts because the reuse is about Base's limit, not about the job.
 */
import type { Settings } from '../messaging';
import type { OutboxContext } from '../outbox/types';
import { waitJob } from './export-failures';
import { candidates, type ExportJob, type JobSteps, SUMMARIES_KEY } from './export-job';
import type { BaseInvoiceSummary, BasePort } from './ports';

/** How long `countMonth` reuses Base's month list (one Base call per minute at most). */
export const COUNT_LIST_TTL_MS = 60_000;

/** Base's month list behind the last count, and when it was asked for. */
export interface CountList {
  key: string;
  at: number;
  list: BaseInvoiceSummary[];
}

/** Lists the month in Base and keeps what is not yet sent. False when it has to wait. */
export async function countJob(
  s: JobSteps,
  base: BasePort,
  job: ExportJob,
  ctx: OutboxContext,
  settings: Settings,
): Promise<boolean> {
  let list: BaseInvoiceSummary[];
  try {
    list = await base.listMonth(job.month, settings.enabledSeries);
  } catch (e) {
    await waitJob(s, job, ctx, e);
    return false;
  }
  const todo = await candidates(s.store, list, ctx, settings);
  await s.store.setMeta(SUMMARIES_KEY, Object.fromEntries(todo.map((c) => [c.id, c])));
  job.ids = todo.map((c) => c.id);
  job.mode = todo.length > s.opts.batchThreshold ? 'batch' : 'online';
  await s.save(job);
  return true;
}

/**
 * How many invoices of `month` an export would send now, given `cache` (the runner's last list,
 * replaced here when stale). Base errors propagate.
 */
export async function countMonth(
  s: Pick<JobSteps, 'store' | 'now'>,
  base: BasePort,
  cache: { last?: CountList },
  month: string,
  settings: Settings,
): Promise<number> {
  // The Eksport tab asks again on every outbox change (hundreds during an export), while Base's
  // limit is shared with the seller's other integrations: Base's month list is asked at most once
  // per COUNT_LIST_TTL_MS; the count comes from it and the outbox, which the extension keeps itself.
  const key = `${month}|${JSON.stringify(settings.enabledSeries)}`;
  const now = s.now();
  const cached = cache.last;
  let list = cached && cached.key === key && now - cached.at < COUNT_LIST_TTL_MS ? cached.list : undefined;
  if (!list) {
    list = await base.listMonth(month, settings.enabledSeries);
    cache.last = { key, at: now, list };
  }
  return (await candidates(s.store, list, { env: settings.env, nip: settings.nip }, settings)).length;
}
