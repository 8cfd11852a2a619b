/**
 * Worker start-up, the hourly poll and wake-ups: everything a previous worker life (or a lost
 * alarm) left half-done is continued from the records, in every context (environment + NIP).
 */
import { parseWake } from '../core/wake';
import type { OutboxRecord, RecordRef, SendTrigger } from '../outbox/types';
import { batchWake, checkBatch } from './batch-results';
import { checkOne } from './checks';
import type { Engine } from './engine';
import { PipelineError } from './errors';
import type { ExportRunner } from './export';
import { fetchUpo, retryAdoptedKod1 } from './links';
import { sendRecord } from './send';
import { WAKE } from './wake';

/** sendRecord for automatic callers: a refusal is an answer, not an error. */
export async function trySend(
  e: Engine,
  ref: RecordRef,
  trigger: SendTrigger,
  takeOver: boolean,
): Promise<OutboxRecord | undefined> {
  try {
    return await sendRecord(e, ref, { trigger, takeOver });
  } catch (err) {
    if (err instanceof PipelineError) return e.d.store.get(ref);
    throw err;
  }
}

/** `queued` and `sending` records whose wait is over (their alarm may have been lost). */
async function retryWaiting(e: Engine): Promise<void> {
  const now = e.now();
  const waiting = [...(await e.d.store.byState('queued')), ...(await e.d.store.byState('sending'))];
  for (const rec of waiting) {
    if (rec.batchJob) continue; // the export job moves its own batch
    if ((rec.retryAt ?? 0) > now) continue;
    if (rec.state === 'sending' && rec.owner === e.d.instanceId && (rec.leaseUntil ?? 0) > now) continue;
    await trySend(e, rec, rec.trigger ?? 'manual', true);
  }
}

/** Raised records that kept their link: checked again when their slow check is due. */
async function checkRaised(e: Engine): Promise<void> {
  const now = e.now();
  for (const rec of await e.d.store.byState('needs-attention')) {
    if (!rec.sessionRef || (rec.retryAt ?? 0) > now) continue;
    await checkOne(e, rec);
  }
}

export async function pollPending(
  e: Engine,
  exportRunner: ExportRunner,
): Promise<{ checked: number; changed: OutboxRecord[] }> {
  const changed: OutboxRecord[] = [];
  const batchSessions = new Set<string>();
  let checked = 0;
  for (const rec of await e.d.store.byState('processing')) {
    if (rec.channel === 'batch' && rec.sessionRef) {
      batchSessions.add(rec.sessionRef);
      checked++;
      continue;
    }
    const after = await checkOne(e, rec);
    checked++;
    if (after && after.state !== 'processing') changed.push(after);
    if (after?.state === 'processing' && after.attempts.at(-1)?.event === 'rate-limited' && after.retryAt) {
      // KSeF's status limit is hit (§8.1 invoiceStatus): the rest would only collect 429s.
      // One wake-up finishes the round when the limit lets us.
      await e.schedule(WAKE.poll, after.retryAt);
      break;
    }
  }
  for (const ref of batchSessions) await checkBatch(e, ref);
  for (const rec of await e.d.store.withoutUpo()) {
    if (rec.state === 'accepted') await fetchUpo(e, rec);
  }
  await retryWaiting(e);
  await checkRaised(e);
  await exportRunner.resume();
  return { checked, changed };
}

export async function resume(e: Engine, exportRunner: ExportRunner): Promise<void> {
  const now = e.now();
  for (const rec of await e.d.store.byState('sending')) {
    if (rec.batchJob) continue;
    if (rec.retryAt && rec.retryAt > now) {
      await e.schedule(WAKE.send(await e.wakeId(rec)), rec.retryAt);
      continue;
    }
    await trySend(e, rec, rec.trigger ?? 'manual', true);
  }
  for (const rec of await e.d.store.byState('queued')) {
    await e.schedule(WAKE.send(await e.wakeId(rec)), Math.max(rec.retryAt ?? now, now));
  }
  for (const rec of await e.d.store.byState('processing')) {
    const when = Math.max(rec.retryAt ?? now, now);
    if (rec.channel === 'batch' && rec.sessionRef) {
      await e.schedule(await batchWake(e, rec, rec.sessionRef), when);
    } else if (when <= now) await checkOne(e, rec);
    else if (e.nextFollowUp(rec.stateSince, now) !== undefined) await e.schedule(WAKE.check(await e.wakeId(rec)), when);
  }
  for (const rec of await e.d.store.withoutUpo()) {
    if (rec.state === 'accepted') await fetchUpo(e, rec);
  }
  await exportRunner.resume();
}

/**
 * The record a wake-up is for. A plain id names the settings' context at the time it was asked
 * for; if the settings moved on since, the record waiting in that state is found in its own
 * context instead (the wake-up is not wasted).
 */
async function wakeRef(
  e: Engine,
  id: string,
  states: OutboxRecord['state'][],
  elsewhere: OutboxRecord['state'][] = states,
): Promise<RecordRef | undefined> {
  const ref = await e.refFromWake(id);
  if (id.includes('@')) return ref;
  const here = await e.d.store.get(ref);
  if (here && states.includes(here.state)) return ref;
  for (const state of elsewhere) {
    const other = (await e.d.store.byState(state)).find((r) => r.invoiceId === ref.invoiceId);
    if (other) return other;
  }
  return here ? ref : undefined;
}

/** Dispatches a Scheduler wake-up (the worker's chrome.alarms.onAlarm). False: not ours. */
export async function wake(e: Engine, exportRunner: ExportRunner, name: string): Promise<boolean> {
  const w = parseWake(name);
  if (w?.kind === 'check') {
    const ref = await wakeRef(e, w.key, ['processing', 'accepted'], ['processing']);
    const rec = ref ? await checkOne(e, ref) : undefined;
    if (rec?.trigger === 'export' && rec.state !== 'processing') await exportRunner.resume();
  } else if (w?.kind === 'send') {
    const ref = await wakeRef(e, w.key, ['queued', 'sending']);
    const rec = ref ? await e.d.store.get(ref) : undefined;
    if (ref && rec && (rec.state === 'queued' || rec.state === 'sending') && !rec.batchJob) {
      await trySend(e, ref, rec.trigger ?? 'manual', true);
    }
  } else if (w?.kind === 'batch') {
    await checkBatch(e, w.key);
    await exportRunner.resume();
  } else if (w?.kind === 'kod1') {
    const ref = await wakeRef(e, w.key, ['accepted']);
    if (ref) await retryAdoptedKod1(e, ref);
  } else {
    return false; // not ours, or one the facade handles (auto-send, export, poll)
  }
  return true;
}
