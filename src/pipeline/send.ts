/**
 * Sending one invoice: claim, build, record the bytes, open (or reuse) the context's one online
 * session, record it, ONE POST. Every write comes before the network step it prepares, so a
 * restart resumes from the record; once a POST may have reached KSeF only the session's invoice
 * list settles the record (never a second POST blindly).
 */
import type { Settings } from '../messaging';
import {
  sessionCleared,
  stillUnknown,
  toAttention,
  toBuildFailed,
  toProcessing as toProcessingT,
  toQueued,
  toSending,
  withSession,
} from '../outbox/transitions';
import type { OutboxContext, OutboxRecord, RecordRef } from '../outbox/types';
import { sameContext } from '../outbox/types';
import { buildSafely, summaryFields } from './build-step';
import { isOfflineIssue } from './dates';
import { activeKey, type Engine, errText, kindOf, retryAtOf } from './engine';
import { PipelineError } from './errors';
import { qrLinks } from './links';
import { govStatusName } from './messages';
import type { SendOptions } from './options';
import type { BaseInvoiceSummary, KsefPort, PortError } from './ports';
import { isBaseOwned, isConfigured, isSeriesEnabled } from './rules';
import { escalateIfStale, reject } from './status';
import { WAKE } from './wake';

/** Sends one invoice of the current settings' context (see Pipeline.sendInvoice). */
export async function sendInvoice(e: Engine, invoiceId: string, opts: SendOptions): Promise<OutboxRecord> {
  const settings = await e.settings();
  if (!isConfigured(settings)) throw new PipelineError('not-configured');
  return sendRecord(e, { env: settings.env, nip: settings.nip, invoiceId }, opts, settings);
}

/** Sends (or continues) one record of any context. */
export async function sendRecord(
  e: Engine,
  ref: RecordRef,
  opts: SendOptions,
  settingsArg?: Settings,
): Promise<OutboxRecord> {
  const key = activeKey(ref);
  // A send this worker is driving right now is refused even if its lease ran out (a slow
  // KSeF answer): taking it over could post the invoice while the first POST is still open.
  if (e.active.has(key)) throw new PipelineError('in-progress');
  const settings = settingsArg ?? (await e.settings());
  const claim = await e.d.store.claim(ref, {
    owner: e.d.instanceId,
    now: e.now(),
    leaseMs: e.opts.leaseMs,
    trigger: opts.trigger,
    takeOverForeign: opts.takeOver ?? false,
    number: opts.prefetched?.number,
  });
  if (!claim.ok) {
    const r = claim.record;
    if (claim.reason === 'accepted') throw new PipelineError('already-accepted', { ksefNumber: r.ksefNumber ?? '' });
    if (claim.reason === 'processing') throw new PipelineError('processing-in-ksef');
    if (claim.reason === 'batch') throw new PipelineError('batch-in-progress');
    throw new PipelineError('in-progress');
  }
  e.active.add(key);
  try {
    const rec = claim.record;
    const current = sameContext(ref, { env: settings.env, nip: settings.nip });
    // A record that may already be in KSeF (it has a session): look before sending anything.
    if (rec.hash && rec.xml && rec.sessionRef && !rec.invoiceRef) return await reconcileThenSend(e, rec);
    // Raised to needs-attention with its link (no final status for long): back to checking.
    if (rec.sessionRef && rec.invoiceRef) return await processing(e, rec, rec.sessionRef, rec.invoiceRef, 'relinked');
    if (!current) return await contextChanged(e, rec);
    // Bytes recorded by a worker that died before it opened a session: nothing reached KSeF.
    if (claim.takenOver && rec.hash && rec.xml) return await transmit(e, rec);
    return await prepareAndSend(e, rec, claim.previous, settings, opts);
  } finally {
    e.active.delete(key);
  }
}

/**
 * A record of an environment or NIP that is no longer the settings' one, and nothing of it in
 * KSeF there: it is not sent to the old context behind the user's back; the user decides.
 */
async function contextChanged(e: Engine, rec: OutboxRecord): Promise<OutboxRecord> {
  return e.d.store.apply(
    rec,
    e.now(),
    toAttention({
      reasonCode: 'context-changed',
      reasonParams: { env: rec.env.toUpperCase(), nip: rec.nip },
      event: 'context-changed',
    }),
  );
}

async function prepareAndSend(
  e: Engine,
  rec: OutboxRecord,
  previous: OutboxRecord | undefined,
  settings: Settings,
  opts: SendOptions,
): Promise<OutboxRecord> {
  const id = rec.invoiceId;
  let summary: BaseInvoiceSummary;
  try {
    summary = opts.prefetched ?? (await e.d.base.getInvoice(id));
  } catch (err) {
    if (kindOf(err) === 'not-found') {
      return e.d.store.apply(
        rec,
        e.now(),
        toAttention({ reasonCode: 'base-not-found', reasonParams: { invoiceId: id }, event: 'base-not-found' }),
      );
    }
    return beforeSendFailure(e, rec, err, 'Base');
  }
  if (isBaseOwned(summary)) {
    await e.d.store.release(rec, e.d.instanceId, previous);
    throw new PipelineError('base-owned', { govStatus: govStatusName(summary.govStatus) });
  }
  if (!isSeriesEnabled(settings, summary.seriesId)) {
    await e.d.store.release(rec, e.d.instanceId, previous);
    throw new PipelineError('series-excluded');
  }
  const fields = summaryFields(summary);
  const built = await buildSafely(e.d.fa3, summary, settings);
  if (!built.ok) return e.d.store.apply(rec, e.now(), toBuildFailed(fields, built.errors));
  const now = e.now();
  // §5: an issue date before today's Warsaw day means offline mode (offlineMode: true).
  const offline = isOfflineIssue(built.issueDate, now);
  // An offline invoice carries KOD I ("OFFLINE" label) and KOD II before it has a KSeF number
  // (§5, §6), so the links exist from the start and a missing certificate shows at once.
  const early = offline
    ? await qrLinks(e, rec, { hash: built.hash, issueDate: built.issueDate }, true, settings)
    : undefined;
  const ready = await e.d.store.apply(
    rec,
    now,
    toSending({
      fields: { ...fields, number: built.number || summary.number, issueDate: built.issueDate },
      hash: built.hash,
      xml: built.xml,
      offline,
      leaseUntil: now + e.opts.leaseMs,
      ...(early ? { links: early } : {}),
      detail: rec.correctionOf ? 'technical-correction' : offline ? 'offline' : 'online',
    }),
    { strict: true },
  );
  return transmit(e, ready);
}

/** The record has a session: find the invoice there by its hash; send only if absent. */
async function reconcileThenSend(e: Engine, rec: OutboxRecord): Promise<OutboxRecord> {
  const ksef = await e.ksefOf(rec);
  if (!ksef) return unreachableContext(e, rec);
  let found: { invoiceRef: string } | null;
  try {
    found = await ksef.findInSession(rec.sessionRef!, rec.hash!);
  } catch (err) {
    if (kindOf(err) === 'not-found') {
      // No such session in KSeF (404 / 21173): nothing can have been registered in it.
      const cleared = await e.d.store.apply(rec, e.now(), sessionCleared('session-gone'));
      return transmit(e, cleared);
    }
    // Rate limit, outage, refused token: the invoice MAY be in KSeF. The link stays.
    return outcomeUnknown(e, rec, err);
  }
  if (found) return processing(e, rec, rec.sessionRef!, found.invoiceRef, 'reconciled');
  return transmit(e, rec);
}

/**
 * Records of another context whose credentials are not at hand: they keep their link and wait
 * for the user (needs-attention), or for the credentials to come back.
 */
async function unreachableContext(e: Engine, rec: OutboxRecord): Promise<OutboxRecord> {
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
 * One online session per context at a time: concurrent sends (three quick clicks) wait for the
 * one being opened instead of opening their own.
 */
function ensureSession(e: Engine, ctx: OutboxContext, ksef: KsefPort): Promise<{ sessionRef: string }> {
  const key = `${ctx.env}|${ctx.nip}`;
  const running = e.opening.get(key);
  if (running) return running;
  const p = ksef.ensureSession().finally(() => e.opening.delete(key));
  e.opening.set(key, p);
  return p;
}

/** Opens/reuses a session (recorded), then sends the recorded bytes in ONE POST. */
async function transmit(e: Engine, rec: OutboxRecord, sessionRetry = true): Promise<OutboxRecord> {
  const ksef = await e.ksefOf(rec);
  if (!ksef) return contextChanged(e, rec);
  let current = rec;
  if (!current.sessionRef) {
    let sessionRef: string;
    try {
      ({ sessionRef } = await ensureSession(e, rec, ksef));
    } catch (err) {
      return beforeSendFailure(e, rec, err, 'KSeF');
    }
    // Written before the invoice POST: from here on a restart reconciles in this session.
    current = await e.d.store.apply(rec, e.now(), withSession(sessionRef, e.now() + e.opts.leaseMs), {
      strict: true,
    });
  }
  // The day may have changed since the bytes were built (a retry after midnight, a restart):
  // the offline flag follows the moment of sending (§5).
  const offlineNow =
    (current.offline ?? false) || (current.issueDate ? isOfflineIssue(current.issueDate, e.now()) : false);
  if (offlineNow !== (current.offline ?? false)) {
    current = await e.d.store.patch(current, e.now(), { offline: offlineNow }, { event: 'offline-now' });
  }
  const correctionOf = current.correctionOf;
  let res: { sessionRef: string; invoiceRef: string };
  try {
    res = await ksef.sendOnline({
      sessionRef: current.sessionRef!,
      xml: current.xml!,
      hash: current.hash!,
      // A technical correction is always sent in offline mode (§5).
      offline: (current.offline ?? false) || correctionOf !== undefined,
      ...(correctionOf ? { correctionOf } : {}),
    });
  } catch (err) {
    return postFailed(e, current, err, sessionRetry);
  }
  return processing(e, current, res.sessionRef, res.invoiceRef, 'sent');
}

/** What a failed POST means: refused (nothing registered) or unknown (maybe registered). */
async function postFailed(e: Engine, rec: OutboxRecord, err: unknown, sessionRetry: boolean): Promise<OutboxRecord> {
  const kind = kindOf(err);
  // KSeF answered and refused the POST itself: nothing registered, the session link can go.
  if (kind === 'session-gone' && sessionRetry) {
    const cleared = await e.d.store.apply(rec, e.now(), sessionCleared('session-gone', 'post'));
    return transmit(e, cleared, false);
  }
  if (kind === 'rate-limited' || kind === 'unauthorized' || kind === 'session-gone') {
    return beforeSendFailure(e, rec, err, 'KSeF');
  }
  if (kind === 'rejected' && rec.correctionOf) {
    // KSeF refused the correction itself (21166 already corrected, 21167 the original's status
    // does not allow it, or no such original) and registered nothing: send the invoice as a new
    // one. Should the original be in KSeF after all, its 440 gives the original's number.
    const plain = await e.d.store.patch(
      rec,
      e.now(),
      {},
      { event: 'correction-refused', detail: String((err as PortError).extra.status?.code ?? '') },
      ['correctionOf'],
    );
    return transmit(e, plain, sessionRetry);
  }
  if (kind === 'rejected') {
    const pe = err as PortError;
    return reject(e, rec, pe.extra.status ?? { code: 0, description: pe.message }, pe.message, 'rejected-sync');
  }
  // unknown-outcome, unavailable or anything odd: the invoice MAY be in KSeF.
  return outcomeUnknown(e, rec, err);
}

export async function processing(
  e: Engine,
  rec: RecordRef,
  sessionRef: string,
  invoiceRef: string,
  event: string,
): Promise<OutboxRecord> {
  const now = e.now();
  const first = now + (e.opts.followUpDelaysMs[0] ?? e.opts.pollIntervalMs);
  const saved = await e.d.store.apply(rec, now, toProcessingT({ sessionRef, invoiceRef, retryAt: first, event }));
  await e.schedule(WAKE.check(await e.wakeId(rec)), first);
  return saved;
}

/** Nothing reached KSeF (or Base): back to `queued` on a limit or outage, else needs attention. */
async function beforeSendFailure(
  e: Engine,
  rec: OutboxRecord,
  err: unknown,
  service: 'Base' | 'KSeF',
): Promise<OutboxRecord> {
  const now = e.now();
  const kind = kindOf(err);
  if (kind === 'rate-limited' || kind === 'unavailable' || kind === 'session-gone') {
    const cur = await e.d.store.get(rec);
    const retryAt =
      kind === 'rate-limited' ? retryAtOf(err, now + e.opts.retryDelayMs, now) : now + e.backoff(cur, 'unavailable');
    const code = kind === 'rate-limited' ? 'rate-limited' : 'unavailable';
    const saved = await e.d.store.apply(
      rec,
      now,
      toQueued({
        retryAt,
        reasonCode: code,
        reasonParams: { service, time: new Date(retryAt).toISOString(), message: errText(err) },
        event: code,
        detail: service,
      }),
    );
    await e.schedule(WAKE.send(await e.wakeId(rec)), retryAt);
    return saved;
  }
  return e.d.store.apply(
    rec,
    now,
    toAttention({
      reasonCode: kind === 'unauthorized' ? 'unauthorized' : 'unavailable',
      reasonParams: { message: errText(err) },
      event: kind,
    }),
  );
}

/**
 * The POST may have reached KSeF: keep `sending` with the bytes, hash and session; reconcile
 * later. The wait doubles with each consecutive failure (1, 2, 4 … minutes, at most the hourly
 * poll); too long or too many failures raise it to needs-attention with the link.
 */
export async function outcomeUnknown(e: Engine, rec: OutboxRecord, err: unknown): Promise<OutboxRecord> {
  const now = e.now();
  const cur = (await e.d.store.get(rec)) ?? rec;
  const retryAt = kindOf(err) === 'rate-limited' ? retryAtOf(err, now, now) : now + e.backoff(cur, 'unknown-outcome');
  const saved = await e.d.store.apply(
    cur,
    now,
    // A refused token while looking the invoice up says what to fix; it still may be in KSeF.
    stillUnknown({
      retryAt,
      reasonCode: kindOf(err) === 'unauthorized' ? 'unauthorized' : 'unknown-outcome',
      reasonParams: kindOf(err) === 'unauthorized' ? { message: errText(err) } : {},
      detail: kindOf(err),
      failedChecks: (cur.failedChecks ?? 0) + 1,
    }),
  );
  const raised = await escalateIfStale(e, saved, errText(err));
  if (raised) return raised;
  await e.schedule(WAKE.send(await e.wakeId(rec)), retryAt);
  return saved;
}
