/**
 * Status checks of one record (follow-up wake-ups, the hourly poll) and the per-record commands
 * "Sprawdź teraz" (check now) and "Oznacz jako niewysłaną" (mark as not sent).
 */
import { note, toAttention, toMarkedUnsent } from '../outbox/transitions';
import type { OutboxRecord, RecordRef } from '../outbox/types';
import { checkBatch } from './batch-results';
import { activeKey, type Engine, kindOf } from './engine';
import { PipelineError } from './errors';
import { fetchUpo } from './links';
import type { KsefInvoiceStatus } from './ports';
import { sendRecord } from './send';
import { processing } from './send-outcomes';
import { applyStatus, checkFailed, escalateIfStale } from './status';

/** One status check of a `processing` invoice; concurrent callers share one request. */
export function checkOne(e: Engine, ref: RecordRef): Promise<OutboxRecord | undefined> {
  const key = activeKey(ref);
  const running = e.checking.get(key);
  if (running) return running;
  const p = checkOneNow(e, ref).finally(() => e.checking.delete(key));
  e.checking.set(key, p);
  return p;
}

async function checkOneNow(e: Engine, ref: RecordRef): Promise<OutboxRecord | undefined> {
  const rec = await e.d.store.get(ref);
  if (!rec) return undefined;
  if (rec.state === 'accepted' && rec.upoMissing) return fetchUpo(e, rec);
  // Confirmed by its batch session's UPO: "check now" fetches the invoice's own UPO on demand.
  if (rec.state === 'accepted' && rec.sessionUpo && !rec.upo) return fetchUpo(e, rec, { own: true });
  const linkedAttention = rec.state === 'needs-attention' && rec.sessionRef !== undefined;
  if ((rec.state !== 'processing' && !linkedAttention) || !rec.sessionRef) return rec;
  if (rec.channel === 'batch' && rec.state === 'processing') {
    // One result list per batch session instead of one status request per invoice (§8.1 limits).
    await checkBatch(e, rec.sessionRef);
    return e.d.store.get(ref);
  }
  if (!rec.invoiceRef) return linkedAttention ? lookUp(e, rec) : rec;
  const ksef = await e.ksefOf(rec);
  if (!ksef) return raiseUnreachable(e, rec);
  let st: KsefInvoiceStatus;
  try {
    st = await ksef.status(rec.sessionRef, rec.invoiceRef);
  } catch (err) {
    return checkFailed(e, rec, err);
  }
  if (linkedAttention && st.kind === 'pending') {
    // Still no final status: it stays raised, with the answer noted and the next slow check.
    return e.d.store.apply(
      rec,
      e.now(),
      note({ retryAt: e.now() + e.opts.escalatedCheckMs }, { event: 'status-pending', detail: String(st.code) }),
    );
  }
  return applyStatus(e, rec, st);
}

/** A raised record of another context with no credentials at hand. */
async function raiseUnreachable(e: Engine, rec: OutboxRecord): Promise<OutboxRecord> {
  if (rec.state === 'needs-attention') return rec;
  return e.d.store.apply(
    rec,
    e.now(),
    toAttention({
      reasonCode: 'context-changed-linked',
      reasonParams: { env: rec.env.toUpperCase(), nip: rec.nip },
      event: 'context-changed',
      keepLink: { checkAt: e.now() + e.opts.escalatedCheckMs },
    }),
  );
}

/**
 * A raised record that has a session but no invoice reference (the POST's answer was lost): look
 * it up in the session's list. Found: back to processing. Absent: KSeF confirms it is not
 * registered, noted, so the user may mark it as not sent.
 */
async function lookUp(e: Engine, rec: OutboxRecord): Promise<OutboxRecord> {
  const found = await findInSession(e, rec);
  if (found.kind === 'found') return processing(e, rec, rec.sessionRef!, found.invoiceRef, 'reconciled');
  if (found.kind === 'absent') {
    return e.d.store.apply(
      rec,
      e.now(),
      note(
        { reasonCode: 'not-registered', reasonParams: {}, retryAt: e.now() + e.opts.escalatedCheckMs },
        { event: 'not-registered' },
      ),
    );
  }
  return e.d.store.apply(
    rec,
    e.now(),
    note({ failedChecks: (rec.failedChecks ?? 0) + 1 }, { event: 'check-failed', detail: found.why }),
  );
}

type Found = { kind: 'found'; invoiceRef: string } | { kind: 'absent' } | { kind: 'no-answer'; why: string };

/** The session list's answer for the record's hash: found, confirmed absent, or no answer. */
async function findInSession(e: Engine, rec: OutboxRecord): Promise<Found> {
  const ksef = await e.ksefOf(rec);
  if (!ksef || !rec.sessionRef || !rec.hash) return { kind: 'no-answer', why: 'no-credentials' };
  try {
    const hit = await ksef.findInSession(rec.sessionRef, rec.hash);
    return hit ? { kind: 'found', invoiceRef: hit.invoiceRef } : { kind: 'absent' };
  } catch (err) {
    // A session KSeF does not know (404 / 21173) holds no invoice either.
    return kindOf(err) === 'not-found' ? { kind: 'absent' } : { kind: 'no-answer', why: kindOf(err) };
  }
}

/**
 * "Sprawdź teraz" on one invoice: whatever it waits for is asked now: its status, its place in
 * the session (a lost answer), or its UPO. Refused while this worker is sending it.
 */
export async function checkNow(e: Engine, ref: RecordRef): Promise<OutboxRecord | undefined> {
  if (e.active.has(activeKey(ref))) throw new PipelineError('in-progress');
  const rec = await e.d.store.get(ref);
  if (!rec) return undefined;
  if (rec.state === 'sending' && rec.sessionRef && rec.hash && !rec.invoiceRef && !rec.batchJob) {
    const live = rec.owner === e.d.instanceId && (rec.leaseUntil ?? 0) > e.now();
    if (live) throw new PipelineError('in-progress');
    // A lost answer: the reconciliation it waits for, now (found: processing; absent: sent once
    // more in the same session; no answer: it keeps waiting with its link).
    return sendRecord(e, rec, { trigger: rec.trigger ?? 'manual', takeOver: true });
  }
  const after = await checkOne(e, ref);
  if (after && (after.state === 'processing' || after.state === 'sending')) {
    return (await escalateIfStale(e, after)) ?? after;
  }
  return after;
}

/**
 * "Oznacz jako niewysłaną": only when KSeF's session list confirms, right now, that the invoice is
 * not registered in the recorded session. Then the attempt is forgotten and the invoice may be
 * sent again. Anything else is refused with the reason.
 */
export async function markUnsent(e: Engine, ref: RecordRef): Promise<OutboxRecord> {
  const key = activeKey(ref);
  if (e.active.has(key)) throw new PipelineError('in-progress');
  // Held while KSeF is asked, so a send or check of the same invoice (another tab, the popup, an
  // alarm) is refused meanwhile instead of being wiped by this answer when it arrives.
  e.active.add(key);
  try {
    return await markUnsentHeld(e, ref);
  } finally {
    e.active.delete(key);
  }
}

async function markUnsentHeld(e: Engine, ref: RecordRef): Promise<OutboxRecord> {
  const rec = await e.d.store.get(ref);
  if (!rec) throw new PipelineError('not-linked');
  if (rec.state === 'accepted') throw new PipelineError('already-accepted', { ksefNumber: rec.ksefNumber ?? '' });
  if (rec.batchJob && rec.state === 'sending') throw new PipelineError('batch-in-progress');
  if (rec.invoiceRef) throw new PipelineError('registered-in-ksef');
  if (!rec.sessionRef || !rec.hash) throw new PipelineError('not-linked');
  if (rec.state === 'sending' && rec.owner === e.d.instanceId && (rec.leaseUntil ?? 0) > e.now())
    throw new PipelineError('in-progress');
  const found = await findInSession(e, rec);
  if (found.kind === 'found') {
    await processing(e, rec, rec.sessionRef, found.invoiceRef, 'reconciled');
    throw new PipelineError('registered-in-ksef');
  }
  if (found.kind !== 'absent') throw new PipelineError('cannot-confirm');
  // "Absent" speaks only for the record as it was when KSeF was asked; if it changed since (a
  // worker restart's resume, a poll), the answer may be stale and nothing is forgotten.
  const marked = await e.d.store.applyIfUnchanged(rec, e.now(), toMarkedUnsent());
  if (!marked) throw new PipelineError('in-progress');
  return marked;
}
