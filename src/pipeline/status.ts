/**
 * Status answers applied to a record: pending (follow-ups, then the hourly poll), accepted, 440
 * adopted, rejected; failed checks counted; and the escalation of a record that stays without a
 * final answer for too long (needs-attention, link kept, still checked now and then).
 */

import { isDocumentedStatus, type KsefStatusKey } from '../i18n/errors';
import { note, toAttention, toRejected } from '../outbox/transitions';
import type { OutboxRecord } from '../outbox/types';
import { type Engine, kindOf, retryAtOf } from './engine';
import { codedParams, errorParams, type StoredParams } from './error-params';
import { accept } from './links';
import type { KsefInvoiceStatus } from './ports';
import { WAKE } from './wake';

/**
 * Invoice statuses a technical correction may answer (docs/ksef-protocol.md §3.4, §5: "XSD, size,
 * duplicate…", not permissions): 430 file verification, 435 decryption, 450 semantics. A 440
 * duplicate is adopted, never rejected (accept).
 */
const TECHNICAL_REJECTIONS = new Set([430, 435, 450]);

/** Rejection: keep the reason, clear the link to KSeF so the invoice can be fixed and re-sent. */
export async function reject(
  e: Engine,
  rec: OutboxRecord,
  status: NonNullable<OutboxRecord['ksefStatus']>,
  explanation: string,
  event: string,
  /**
   * The explanation by code (error-params.ts), for the pages' language; a reason other than
   * 'rejected' when the invoice itself was not at fault.
   */
  more: { params?: StoredParams; reasonCode?: 'batch-missing' } = {},
): Promise<OutboxRecord> {
  const cur = (await e.d.store.get(rec)) ?? rec;
  // An offline invoice KSeF received and then rejected for a technical reason is re-sent as a
  // technical correction of that file (§5). A correction rejected in turn still corrects the
  // first file: the one whose KOD I the buyer holds.
  const correctable =
    event === 'rejected' && cur.offline === true && cur.hash !== undefined && TECHNICAL_REJECTIONS.has(status.code);
  const t = toRejected({
    status,
    explanation,
    ...(cur.hash ? { rejectedHash: cur.hash } : {}),
    ...(correctable && !cur.correctionOf ? { correctionOf: cur.hash } : {}),
    event,
  });
  t.set = {
    ...t.set,
    ...(more.reasonCode ? { reasonCode: more.reasonCode } : {}),
    reasonParams: { ...t.set.reasonParams, ...more.params },
  };
  return e.d.store.apply(cur, e.now(), t);
}

/** An invoice status KSeF gave, by code: the pages explain it in their language. */
function statusParams(code: number): StoredParams {
  return codedParams(
    isDocumentedStatus(code)
      ? { code: `ksefStatus.${code}` as `ksefStatus.${KsefStatusKey}` }
      : { code: 'ksefStatus.other', params: { code: String(code) } },
  );
}

/** Applies one status answer to a record waiting for it. */
export async function applyStatus(e: Engine, rec: OutboxRecord, st: KsefInvoiceStatus): Promise<OutboxRecord> {
  const now = e.now();
  switch (st.kind) {
    case 'pending': {
      const checks = (rec.checks ?? 0) + 1;
      const followUp = e.nextFollowUp(rec.stateSince, now);
      // After the quick follow-ups, the hourly poll takes over (seed: "co 60 minut").
      const retryAt = followUp ?? now + e.opts.pollIntervalMs;
      const saved = await e.d.store.apply(
        rec,
        now,
        note({ checks, retryAt }, { event: 'status-pending', detail: String(st.code) }, ['failedChecks']),
      );
      if (followUp !== undefined) await e.schedule(WAKE.check(await e.wakeId(rec)), followUp);
      return (await escalateIfStale(e, saved)) ?? saved;
    }
    case 'accepted':
      return accept(e, rec, {
        ksefNumber: st.ksefNumber,
        ...(st.acquisitionDate ? { processedAt: st.acquisitionDate } : {}),
        ...(st.invoicingMode ? { invoicingMode: st.invoicingMode } : {}),
        event: 'accepted',
      });
    case 'duplicate':
      if (st.originalKsefNumber) {
        // accept() fetches the original's UPO, which also gives the processing date (adopted-date.ts).
        return accept(e, rec, {
          ksefNumber: st.originalKsefNumber,
          event: 'duplicate-adopted',
          duplicate: {
            status: st.status,
            ...(st.originalSessionRef ? { originalSessionRef: st.originalSessionRef } : {}),
          },
        });
      }
      return reject(e, rec, st.status, st.explanation ?? st.status.description, 'duplicate-without-number', {
        params: statusParams(st.status.code),
      });
    case 'rejected':
      return reject(e, rec, st.status, st.explanation ?? st.status.description, 'rejected', {
        params: statusParams(st.status.code),
      });
  }
}

/** A status check that got no answer: a limit waits for its time, anything else is counted. */
export async function checkFailed(e: Engine, rec: OutboxRecord, err: unknown): Promise<OutboxRecord> {
  const now = e.now();
  if (kindOf(err) === 'rate-limited') {
    const retryAt = retryAtOf(err, now + e.opts.retryDelayMs, now);
    const saved = await e.d.store.apply(rec, now, note({ retryAt }, { event: 'rate-limited', detail: 'status' }));
    await e.schedule(WAKE.check(await e.wakeId(rec)), retryAt);
    return saved;
  }
  // Anything else: the hourly poll tries again; the invoice stays "W przetwarzaniu" until the
  // failures are too many (escalation below).
  const saved = await e.d.store.apply(
    rec,
    now,
    note({ failedChecks: (rec.failedChecks ?? 0) + 1 }, { event: 'check-failed', detail: kindOf(err) }),
  );
  const raised = await escalateIfStale(e, saved, errorParams(err));
  if (raised) return raised;
  const followUp = rec.state === 'processing' ? e.nextFollowUp(rec.stateSince, now) : undefined;
  if (followUp !== undefined) await e.schedule(WAKE.check(await e.wakeId(rec)), followUp);
  return saved;
}

/**
 * A record without a final answer for `escalateAfterMs`, or after `escalateAfterFailedChecks`
 * failed checks in a row, is raised to needs-attention with the reason; the link, bytes and
 * hash stay, and it is still checked every `escalatedCheckMs` (and by "Sprawdź teraz").
 */
export async function escalateIfStale(
  e: Engine,
  rec: OutboxRecord,
  /** The failure that raised it (error-params.ts), kept for support. */
  lastError?: StoredParams,
): Promise<OutboxRecord | undefined> {
  if (rec.state !== 'processing' && rec.state !== 'sending') return undefined;
  if (rec.state === 'sending' && !rec.sessionRef) return undefined;
  const now = e.now();
  const tooLong = now - rec.stateSince >= e.opts.escalateAfterMs;
  const tooManyFailures = (rec.failedChecks ?? 0) >= e.opts.escalateAfterFailedChecks;
  if (!tooLong && !tooManyFailures) return undefined;
  const hours = String(Math.max(1, Math.round((now - rec.stateSince) / 3_600_000)));
  const reasonCode = rec.state === 'processing' ? 'stuck-processing' : 'stuck-unknown';
  return e.d.store.apply(
    rec,
    now,
    toAttention({
      reasonCode,
      reasonParams: {
        hours,
        failures: String(rec.failedChecks ?? 0),
        ...lastError,
      },
      event: 'escalated',
      detail: tooManyFailures ? 'failed-checks' : 'time',
      keepLink: { checkAt: now + e.opts.escalatedCheckMs },
    }),
  );
}
