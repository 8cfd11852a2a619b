/**
 * Where a send ends when it does not end in KSeF's hands yet: registered (processing, with its
 * follow-up checks), nothing registered (queued for a retry, or needing attention), or unknown
 * (still `sending` with its link until KSeF's session list settles it).
 */
import { stillUnknown, toAttention, toProcessing as toProcessingT, toQueued } from '../outbox/transitions';
import type { OutboxRecord, RecordRef } from '../outbox/types';
import { type Engine, kindOf, retryAtOf } from './engine';
import { errorParams } from './error-params';
import { PORT_REASON } from './errors';
import { escalateIfStale } from './status';
import { WAKE } from './wake';

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
export async function beforeSendFailure(
  e: Engine,
  rec: OutboxRecord,
  err: unknown,
  service: 'Base' | 'KSeF' | 'NBP',
): Promise<OutboxRecord> {
  const now = e.now();
  const kind = kindOf(err);
  if (kind === 'rate-limited' || kind === 'unavailable' || kind === 'session-gone') {
    const cur = await e.d.store.get(rec);
    const retryAt =
      kind === 'rate-limited' ? retryAtOf(err, now + e.opts.retryDelayMs, now) : now + e.backoff(cur, 'unavailable');
    const code = PORT_REASON[kind];
    const saved = await e.d.store.apply(
      rec,
      now,
      toQueued({
        retryAt,
        reasonCode: code,
        reasonParams: { service, time: new Date(retryAt).toISOString(), ...errorParams(err) },
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
      reasonCode: PORT_REASON[kind],
      reasonParams: errorParams(err),
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
      reasonParams: kindOf(err) === 'unauthorized' ? errorParams(err) : {},
      detail: kindOf(err),
      failedChecks: (cur.failedChecks ?? 0) + 1,
    }),
  );
  const raised = await escalateIfStale(e, saved, errorParams(err));
  if (raised) return raised;
  await e.schedule(WAKE.send(await e.wakeId(rec)), retryAt);
  return saved;
}
