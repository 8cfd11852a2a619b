/**
 * "Numer KSeF w Base" (optional, off by default): after KSeF accepts an invoice of an order, its
 * KSeF number is written into the order extra field the seller picked (setOrderFields), so Base's
 * e-mail templates and order list can show it. Never addOrderInvoiceFile (it would overwrite the
 * invoice number the buyer sees).
 *
 * It never blocks the KSeF flow: acceptance only adds an entry to a small queue in the outbox's
 * `meta` store; a separate alarm writes the entries through the same Base client (so the calls
 * count against the extension's Base limiter) and retries failures with a growing wait.
 */
import { BaseRetryLaterError, setOrderExtraField } from '../base/api';
import type { OutboxRecord } from '../outbox';
import { sameContext } from '../outbox/types';
import { browser } from '../platform/browser';
import type { Services } from './services';

export const WRITEBACK_ALARM = 'ksef-base-writeback';
const QUEUE_KEY = 'base.writeback';
/** After this many failed tries an entry is kept with its last error and no longer retried. */
const MAX_TRIES = 12;

export interface WriteBackEntry {
  invoiceId: string;
  orderId: string;
  ksefNumber: string;
  tries: number;
  nextAt: number;
  lastError?: string;
}

type Queue = Record<string, WriteBackEntry>;

async function change(svc: Services, mutate: (q: Queue) => void): Promise<Queue> {
  const store = await svc.outbox();
  const tx = store.db.transaction('meta', 'readwrite');
  const q = { ...(((await tx.store.get(QUEUE_KEY)) as Queue | undefined) ?? {}) };
  mutate(q);
  await tx.store.put(q, QUEUE_KEY);
  await tx.done;
  return q;
}

export async function writeBackQueue(svc: Services): Promise<Queue> {
  return (await (await svc.outbox()).getMeta<Queue>(QUEUE_KEY)) ?? {};
}

async function armAlarm(q: Queue): Promise<void> {
  const due = Object.values(q).filter((e) => e.tries < MAX_TRIES);
  if (due.length === 0) return;
  await browser.alarms.create(WRITEBACK_ALARM, { when: Math.max(Date.now(), Math.min(...due.map((e) => e.nextAt))) });
}

/** Called on every outbox change: an invoice of an order that has just been accepted is queued. */
export async function onAccepted(svc: Services, rec: OutboxRecord, prev: OutboxRecord | undefined): Promise<void> {
  if (rec.state !== 'accepted' || prev?.state === 'accepted' || !rec.ksefNumber || !rec.orderId) return;
  const settings = await svc.settings();
  if (!settings.ksefNumberToBase || !sameContext(rec, settings)) return;
  const entry: WriteBackEntry = {
    invoiceId: rec.invoiceId,
    orderId: rec.orderId,
    ksefNumber: rec.ksefNumber,
    tries: 0,
    nextAt: Date.now(),
  };
  const q = await change(svc, (queue) => {
    queue[rec.invoiceId] = entry;
  });
  await armAlarm(q);
}

/** Writes the due entries; each failure waits longer (1, 2, 4 … 60 minutes). */
export async function runWriteBack(svc: Services): Promise<void> {
  const settings = await svc.settings();
  const target = settings.ksefNumberToBase;
  const now = Date.now();
  const due = Object.values(await writeBackQueue(svc)).filter((e) => e.tries < MAX_TRIES && e.nextAt <= now);
  if (!target || due.length === 0) return;
  const client = await svc.base();
  for (const e of due) {
    try {
      await setOrderExtraField(client, Number(e.orderId), target.fieldId, e.ksefNumber);
      await change(svc, (q) => {
        delete q[e.invoiceId];
      });
    } catch (err) {
      const limited = err instanceof BaseRetryLaterError;
      const tries = limited ? e.tries : e.tries + 1;
      const nextAt = limited ? err.retryAt : Date.now() + Math.min(60, 2 ** tries) * 60_000;
      const lastError = err instanceof Error ? err.message : String(err);
      await change(svc, (q) => {
        if (q[e.invoiceId]) q[e.invoiceId] = { ...e, tries, nextAt, lastError };
      });
      // Base's limit applies to the rest as well: they wait for the next run.
      if (limited) break;
    }
  }
  await armAlarm(await writeBackQueue(svc));
}

/** Wires the queue to the outbox and the alarm (the worker's main calls this once). */
export function watchWriteBack(svc: Services): void {
  void svc
    .outbox()
    .then((store) => store.onChange((rec, prev) => void onAccepted(svc, rec, prev).catch(() => undefined)));
}
