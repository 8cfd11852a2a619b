/** Results of a batch session applied to its `processing` records (export, §4 step 7). */

import { batchStatusKey } from '../i18n/statuses';
import { note, toAttention } from '../outbox/transitions';
import type { OutboxContext, OutboxRecord } from '../outbox/types';
import { sameContext } from '../outbox/types';
import { type Engine, kindOf, retryAtOf } from './engine';
import { codedParams } from './error-params';
import { message } from './messages';
import type { KsefPort } from './ports';
import { applyStatus, escalateIfStale, reject } from './status';
import { WAKE } from './wake';

/** The batch session's wake-up name: the context is named unless it is the current one. */
export async function batchWake(e: Engine, ctx: OutboxContext, sessionRef: string): Promise<string> {
  const cur = await e.current();
  return WAKE.batch(sameContext(ctx, cur) ? sessionRef : `${sessionRef}@${ctx.env}:${ctx.nip}`);
}

export async function checkBatch(e: Engine, sessionRefArg: string): Promise<number> {
  const at = sessionRefArg.indexOf('@');
  const sessionRef = at < 0 ? sessionRefArg : sessionRefArg.slice(0, at);
  const recs = (await e.d.store.byState('processing')).filter(
    (r) => r.sessionRef === sessionRef && r.channel === 'batch',
  );
  if (recs.length === 0) return 0;
  const ctx: OutboxContext = recs[0]!;
  const now = e.now();
  const since = Math.min(...recs.map((r) => r.stateSince));
  const ksef = await e.ksefOf(ctx);
  if (!ksef) return 0; // another context without credentials: the poll raises them (recovery.ts)
  let res: Awaited<ReturnType<KsefPort['batchResults']>>;
  try {
    res = await ksef.batchResults(sessionRef);
  } catch (err) {
    if (kindOf(err) === 'rate-limited') {
      await e.schedule(await batchWake(e, ctx, sessionRef), retryAtOf(err, now, now));
    } else {
      const next = e.nextFollowUp(since, now);
      if (next !== undefined) await e.schedule(await batchWake(e, ctx, sessionRef), next);
      for (const rec of recs) {
        const counted = await e.d.store.apply(
          rec,
          e.now(),
          note({ failedChecks: (rec.failedChecks ?? 0) + 1 }, { event: 'check-failed', detail: kindOf(err) }),
        );
        await escalateIfStale(e, counted);
      }
    }
    return 0;
  }
  const byHash = new Map(res.invoices.map((i) => [i.hash, i]));
  let changed = 0;
  let pending = 0;
  for (const rec of recs) {
    const hit = rec.hash ? byHash.get(rec.hash) : undefined;
    if (hit && hit.status.kind !== 'pending') {
      const withRef = await e.d.store.apply(rec, e.now(), note({ invoiceRef: hit.invoiceRef }));
      await applyStatus(e, withRef, hit.status);
      changed++;
    } else if (!hit && res.done && res.sessionStatus && res.sessionStatus.code !== 200) {
      // The batch session failed as a whole (e.g. 415, 420, 445): nothing of it is registered and
      // the invoice itself is not at fault. It needs the user, with KSeF's reason, and can go again.
      const text = `${res.sessionStatus.description} (status ${res.sessionStatus.code})`;
      // A status KSeF documents is explained in the pages' language; any other keeps KSeF's words.
      const key = batchStatusKey(res.sessionStatus.code);
      await e.d.store.apply(
        rec,
        e.now(),
        toAttention({
          reasonCode: 'batch-refused',
          reasonParams: { explanation: text, message: text, ...(key ? codedParams({ code: key }) : {}) },
          event: 'batch-session-failed',
          detail: String(res.sessionStatus.code),
        }),
      );
      changed++;
    } else if (!hit && res.done) {
      const status = res.sessionStatus ?? { code: 0, description: '' };
      // Not the invoice's fault: the reason says it never came back from the batch.
      await reject(e, rec, status, message('batch-missing', { explanation: status.description }), 'batch-missing', {
        reasonCode: 'batch-missing',
        params: { explanation: status.description },
      });
      changed++;
    } else {
      pending++;
      const set: Partial<OutboxRecord> = { checks: (rec.checks ?? 0) + 1 };
      if (hit) set.invoiceRef = hit.invoiceRef;
      const saved = await e.d.store.apply(rec, e.now(), note(set, undefined, ['failedChecks']));
      await escalateIfStale(e, saved);
    }
  }
  if (pending > 0) {
    const next = e.nextFollowUp(since, now);
    if (next !== undefined) await e.schedule(await batchWake(e, ctx, sessionRef), next);
  }
  return changed;
}
