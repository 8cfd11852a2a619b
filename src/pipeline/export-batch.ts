/**
 * The export's batch steps (docs/ksef-protocol.md §4): prepare every invoice (claim, build, record the
 * bytes), then per batch open + upload, record the session, close. A batch session registers
 * nothing until it is closed, so a batch never closed (refused, cancelled) leaves nothing in KSeF;
 * a batch whose close may have gone through is settled from KSeF's results, never dropped.
 */
import type { Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import { note, sessionCleared, toAttention, toBatchPrepared, toBuildFailed, toProcessing } from '../outbox/transitions';
import type { OutboxContext, OutboxRecord } from '../outbox/types';
import { refOf } from '../outbox/types';
import { buildSafely, summaryFields } from './build-step';
import { isOfflineIssue } from './dates';
import type { StoredParams } from './error-params';
import type { PipelineOptions } from './options';
import type { BaseInvoiceSummary, Clock, Fa3Port, KsefPort, Scheduler } from './ports';
import { PortError } from './ports';
import { WAKE } from './wake';

export interface ExportBatch {
  offline: boolean;
  ids: string[];
  sessionRef?: string;
  /** open: not opened yet (or to be reopened); opened: parts uploaded, not closed; closed: done. */
  phase: 'open' | 'opened' | 'closed' | 'failed';
  tries: number;
}

export interface BatchStepDeps {
  store: OutboxStore;
  fa3: Fa3Port;
  clock: Clock;
  scheduler: Scheduler;
  instanceId: string;
  opts: PipelineOptions;
  isActive?: (id: string) => boolean;
}

const MAX_BATCH_TRIES = 3;

/** Claims, builds and records one invoice for the batch (state `sending`, bytes and hash). */
export async function prepareForBatch(
  d: BatchStepDeps,
  ctx: OutboxContext,
  jobId: string,
  id: string,
  summary: BaseInvoiceSummary | undefined,
  settings: Settings,
): Promise<'prepared' | 'skipped'> {
  const ref = refOf(ctx, id);
  const claim = await d.store.claim(ref, {
    owner: d.instanceId,
    now: d.clock.now(),
    leaseMs: d.opts.leaseMs,
    trigger: 'export',
    batchJob: jobId,
    takeOverForeign: true,
    number: summary?.number,
  });
  if (!claim.ok) return claim.reason === 'batch' && claim.record.batchJob === jobId ? 'prepared' : 'skipped';
  // Prepared by this job before a restart: keep those bytes (they may be in an opened batch).
  const prev = claim.previous;
  if (prev?.state === 'sending' && prev.batchJob === jobId && prev.channel === 'batch' && prev.hash && prev.xml)
    return 'prepared';
  if (d.isActive?.(id) || !summary) {
    // Being sent online by this worker right now (a click during the export), or unknown.
    await d.store.release(ref, d.instanceId, claim.previous);
    return 'skipped';
  }
  const fields = summaryFields(summary);
  const built = await buildSafely(d.fa3, summary, settings);
  if (!built.ok) {
    await d.store.apply(ref, d.clock.now(), toBuildFailed(fields, built.errors, 'export'));
    return 'prepared';
  }
  await d.store.apply(
    ref,
    d.clock.now(),
    toBatchPrepared({
      fields: { ...fields, number: built.number || summary.number, issueDate: built.issueDate },
      hash: built.hash,
      xml: built.xml,
      offline: isOfflineIssue(built.issueDate, d.clock.now()),
    }),
  );
  return 'prepared';
}

/** The job's records of one batch that are still to be sent in it. */
export async function batchRecords(
  store: OutboxStore,
  ctx: OutboxContext,
  jobId: string,
  ids: readonly string[],
): Promise<OutboxRecord[]> {
  const out: OutboxRecord[] = [];
  for (const id of ids) {
    const rec = await store.get(refOf(ctx, id));
    if (rec?.state === 'sending' && rec.batchJob === jobId && rec.xml && rec.hash) out.push(rec);
  }
  return out;
}

/**
 * The job's invoices of one batch still to be sent in it, as ids and channel only: the bytes stay
 * in the store and are read again one by one while the package is made (`batchXml`), so an export
 * never holds all its invoices at once.
 */
export async function batchMembers(
  store: OutboxStore,
  ctx: OutboxContext,
  jobId: string,
  ids: readonly string[],
): Promise<{ id: string; offline: boolean }[]> {
  const out: { id: string; offline: boolean }[] = [];
  for (const id of ids) {
    const rec = await store.get(refOf(ctx, id));
    if (rec?.state === 'sending' && rec.batchJob === jobId && rec.xml && rec.hash)
      out.push({ id, offline: rec.offline ?? false });
  }
  return out;
}

/**
 * The recorded bytes of a batch's invoices, read from the store one at a time in the given order
 * (the KSeF client reads them once to declare the package and again to upload it: ports.ts
 * `openBatch`). An invoice that left the batch meanwhile stops the package: nothing is uploaded
 * that differs from what was recorded.
 */
export async function* batchXml(
  store: OutboxStore,
  ctx: OutboxContext,
  jobId: string,
  ids: readonly string[],
): AsyncGenerator<{ id: string; xml: Uint8Array }, void, undefined> {
  for (const id of ids) {
    const rec = await store.get(refOf(ctx, id));
    if (rec?.state !== 'sending' || rec.batchJob !== jobId || !rec.xml)
      throw new PortError('unavailable', `faktura ${id} wypadła z paczki w trakcie jej budowania`, {
        text: { code: 'ksef.batch-member-left', params: { id } },
      });
    yield { id, xml: rec.xml };
  }
}

export type SubmitResult =
  | { kind: 'done' }
  /** A temporary failure: wait and try again (the caller backs off). */
  | { kind: 'wait'; error: unknown }
  /** KSeF refused for good (or the token): the batch failed, its invoices need the user. */
  | { kind: 'refused'; error: PortError };

/**
 * Opens (upload) and closes one batch, recording each step first. `save` persists the job after
 * each phase change.
 */
export async function submitBatch(
  d: BatchStepDeps,
  ksef: KsefPort,
  ctx: OutboxContext,
  jobId: string,
  batch: ExportBatch,
  save: () => Promise<void>,
): Promise<SubmitResult> {
  const ids = (await batchMembers(d.store, ctx, jobId, batch.ids)).map((m) => m.id);
  if (ids.length === 0) {
    batch.phase = 'closed';
    await save();
    return { kind: 'done' };
  }
  if (batch.phase === 'open') {
    let opened: Awaited<ReturnType<KsefPort['openBatch']>>;
    try {
      opened = await ksef.openBatch(() => batchXml(d.store, ctx, jobId, ids), { offline: batch.offline });
    } catch (e) {
      // Not closed, so KSeF registered nothing: the same batch can be opened again later.
      return failure(e);
    }
    batch.sessionRef = opened.sessionRef;
    batch.phase = 'opened';
    await save();
    for (const id of ids)
      await d.store.apply(refOf(ctx, id), d.clock.now(), note({ sessionRef: opened.sessionRef }), { strict: true });
  }
  let closed: 'closed' | 'already-closed' | 'incomplete';
  try {
    closed = await ksef.closeBatch(batch.sessionRef!);
  } catch (e) {
    // A refused close leaves the session open, and an open batch session registers nothing.
    return failure(e);
  }
  if (closed === 'incomplete') {
    // The session will be cancelled by KSeF (§4 step 6: 21205/21208): send again in a new one.
    batch.tries++;
    if (batch.tries >= MAX_BATCH_TRIES) {
      return {
        kind: 'refused',
        error: new PortError('rejected', 'KSeF nie przyjął paczki (niekompletne przesyłanie części).', {
          text: { code: 'ksef.batch-incomplete' },
        }),
      };
    }
    delete batch.sessionRef;
    batch.phase = 'open';
    await save();
    for (const id of ids) await d.store.apply(refOf(ctx, id), d.clock.now(), sessionCleared('batch-incomplete'));
    return submitBatch(d, ksef, ctx, jobId, batch, save);
  }
  const now = d.clock.now();
  const first = now + (d.opts.followUpDelaysMs[0] ?? 0);
  for (const id of ids) {
    await d.store.apply(
      refOf(ctx, id),
      now,
      toProcessing({
        sessionRef: batch.sessionRef!,
        channel: 'batch',
        retryAt: first,
        event: 'sent-batch',
        trigger: 'export',
      }),
    );
  }
  batch.phase = 'closed';
  await save();
  await d.scheduler.at(WAKE.batch(batch.sessionRef!), first);
  return { kind: 'done' };
}

function failure(e: unknown): SubmitResult {
  if (e instanceof PortError && (e.kind === 'rejected' || e.kind === 'unauthorized' || e.kind === 'not-found'))
    return { kind: 'refused', error: e };
  return { kind: 'wait', error: e };
}

/** The reasons name the failure as `{message}` or `{explanation}`: both carry it. */
function reasonOf(why: StoredParams): StoredParams {
  return why.message === undefined ? why : { ...why, explanation: why.message };
}

/**
 * The batch cannot be sent: it was never closed, so nothing of it is in KSeF. Its invoices leave
 * `sending` for needs-attention with KSeF's reason and can be sent again by hand.
 */
export async function failBatch(
  d: BatchStepDeps,
  ctx: OutboxContext,
  jobId: string,
  batch: ExportBatch,
  reasonCode: 'batch-refused' | 'export-cancelled' | 'unauthorized',
  /** Why (error-params.ts): the failure's message and, when known, its code. */
  why: StoredParams,
): Promise<void> {
  batch.phase = 'failed';
  for (const r of await batchRecords(d.store, ctx, jobId, batch.ids)) {
    await d.store.apply(
      r,
      d.clock.now(),
      toAttention({
        reasonCode,
        reasonParams: reasonOf(why),
        event: reasonCode === 'export-cancelled' ? 'export-cancelled' : 'batch-failed',
        trigger: 'export',
      }),
    );
  }
}

/** Records prepared by the job but in no batch yet (a failure before batching): released. */
export async function releasePrepared(
  d: BatchStepDeps,
  ctx: OutboxContext,
  jobId: string,
  ids: readonly string[],
  reasonCode: 'batch-refused' | 'export-cancelled' | 'unauthorized',
  /** Why (error-params.ts): the failure's message and, when known, its code. */
  why: StoredParams,
): Promise<void> {
  for (const r of await batchRecords(d.store, ctx, jobId, ids)) {
    if (r.sessionRef) continue; // in an opened batch: its close decides
    await d.store.apply(
      r,
      d.clock.now(),
      toAttention({
        reasonCode,
        reasonParams: reasonOf(why),
        event: reasonCode === 'export-cancelled' ? 'export-cancelled' : 'export-failed',
        trigger: 'export',
      }),
    );
  }
}
