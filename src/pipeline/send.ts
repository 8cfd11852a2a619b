/**
 * Sending one invoice: claim, build, record the bytes, open (or reuse) the context's one online
 * session, record it, ONE POST. Every write comes before the network step it prepares, so a
 * restart resumes from the record; once a POST may have reached KSeF only the session's invoice
 * list settles the record (never a second POST blindly).
 */
import type { Settings } from '../messaging';
import {
  correctionDropped,
  note,
  sessionCleared,
  toAttention,
  toBuildFailed,
  toSending,
  withSession,
} from '../outbox/transitions';
import type { OutboxContext, OutboxRecord, RecordRef } from '../outbox/types';
import { sameContext } from '../outbox/types';
import { readSkipList } from '../skip/store';
import { buildSafely, rateLookupOutage, summaryFields } from './build-step';
import { isOfflineIssue } from './dates';
import { activeKey, type Engine, kindOf } from './engine';
import { errorParams } from './error-params';
import { PipelineError } from './errors';
import { qrLinks } from './links';
import { govStatusName } from './messages';
import type { SendOptions } from './options';
import type { BaseInvoiceSummary, KsefPort, PortError } from './ports';
import { isBaseOwned, isConfigured, isSeriesEnabled, isSkipped } from './rules';
import { beforeSendFailure, outcomeUnknown, processing } from './send-outcomes';
import { reject } from './status';

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
  // Marked "Pomiń / wystawiona poza KSeF" by the seller (src/skip/store.ts): never sent, whatever started it.
  if (isSkipped(await readSkipList(e.d.store, rec), rec.invoiceId)) {
    await e.d.store.release(rec, e.d.instanceId, previous);
    throw new PipelineError('skipped');
  }
  const fields = summaryFields(summary);
  const built = await buildSafely(e.d.fa3, summary, settings);
  if (!built.ok) {
    const outage = rateLookupOutage(built.errors);
    if (outage) return beforeSendFailure(e, rec, outage, 'NBP');
    return e.d.store.apply(rec, e.now(), toBuildFailed(fields, built.errors));
  }
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
    current = await e.d.store.apply(current, e.now(), note({ offline: offlineNow }, { event: 'offline-now' }));
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
    const code = String((err as PortError).extra.status?.code ?? '');
    const plain = await e.d.store.apply(rec, e.now(), correctionDropped(code));
    return transmit(e, plain, sessionRetry);
  }
  if (kind === 'rejected') {
    const pe = err as PortError;
    const status = pe.extra.status ?? { code: 0, description: pe.message };
    return reject(e, rec, status, pe.message, 'rejected-sync', { params: errorParams(pe) });
  }
  // unknown-outcome, unavailable or anything odd: the invoice MAY be in KSeF.
  return outcomeUnknown(e, rec, err);
}
