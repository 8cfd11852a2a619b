/**
 * "Sprawdź teraz" also retries, now, the invoices waiting because Base or KSeF could not be
 * reached (queued with `unavailable`): the seller asks because the service is back. Waits for a
 * rate limit are left to their time, since asking earlier would only be refused again.
 */
import type { OutboxRecord } from '../outbox';
import { sameContext } from '../outbox/types';
import type { Services } from './services';

export function retriesNow(rec: OutboxRecord): boolean {
  return rec.state === 'queued' && rec.reasonCode === 'unavailable' && !rec.batchJob;
}

/** Retries every such invoice of the settings' environment and NIP; returns how many were tried. */
export async function retryQueuedNow(svc: Services): Promise<number> {
  const [store, settings, pipeline] = await Promise.all([svc.outbox(), svc.settings(), svc.pipeline()]);
  let tried = 0;
  for (const rec of await store.byState('queued')) {
    if (!retriesNow(rec) || !sameContext(rec, settings)) continue;
    tried++;
    // A refusal (sent meanwhile, skipped…) leaves the record as the pipeline keeps it.
    await pipeline.sendInvoice(rec.invoiceId, { trigger: rec.trigger ?? 'manual' }).catch(() => undefined);
  }
  return tried;
}
