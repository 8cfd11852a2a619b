/**
 * "Numer KSeF w Base" (optional, off by default): after KSeF accepts an invoice of an order, its
 * KSeF number is written into the order extra field the seller picked (setOrderFields), so Base's
 * e-mail templates and order list can show it. Optionally (also off by default) the stamped PDF, the
 * same one "Pobierz PDF z KSeF" gives (Base's PDF with the KSeF number and KOD I), goes into an
 * order *file* extra field the seller picked (docs/base.md §1.5: a file up to 2 MB, given as
 * `{title, file}`, https://api.baselinker.com/index.php?method=setOrderFields). Never
 * addOrderInvoiceFile (it would overwrite the invoice number the buyer sees).
 *
 * It never blocks the KSeF flow: acceptance only adds an entry to a small queue in the outbox's
 * `meta` store; a separate alarm writes the entries through the same Base client (so the calls
 * count against the extension's Base limiter) and retries failures with a growing wait.
 */
import { BaseApiError, type BaseClient, BaseRetryLaterError, setOrderExtraField, setOrderFileField } from '../base/api';
import type { Settings } from '../messaging';
import type { OutboxRecord } from '../outbox';
import { sameContext } from '../outbox/types';
import { browser } from '../platform/browser';
import { stampInvoicePdf } from '../print';
import type { Services } from './services';

export const WRITEBACK_ALARM = 'ksef-base-writeback';
const QUEUE_KEY = 'base.writeback';
/** After this many failed tries an entry is kept with its last error and no longer retried. */
export const MAX_TRIES = 12;

/** What goes back to the order: the KSeF number (text field), the stamped PDF (file field). */
export type WriteBackPart = 'number' | 'pdf';

export interface WriteBackEntry {
  invoiceId: string;
  orderId: string;
  ksefNumber: string;
  tries: number;
  nextAt: number;
  lastError?: string;
  /** Still to write, in this order; absent in entries queued before the PDF option: the number only. */
  parts?: WriteBackPart[];
  /** What the stamp needs, taken from the accepted record. */
  stamp?: { number: string; kod1Url: string; kod2Url?: string; processedAt?: string };
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

const targetOf = (settings: Settings, part: WriteBackPart) =>
  (part === 'number' ? settings.ksefNumberToBase : settings.stampedPdfToBase) ?? null;

/** Called on every outbox change: an invoice of an order that has just been accepted is queued. */
export async function onAccepted(svc: Services, rec: OutboxRecord, prev: OutboxRecord | undefined): Promise<void> {
  if (rec.state !== 'accepted' || prev?.state === 'accepted' || !rec.ksefNumber || !rec.orderId) return;
  const settings = await svc.settings();
  if (!sameContext(rec, settings)) return;
  const parts = (['number', 'pdf'] as const).filter((p) => targetOf(settings, p) && (p === 'number' || rec.kod1Url));
  if (parts.length === 0) return;
  const entry: WriteBackEntry = {
    invoiceId: rec.invoiceId,
    orderId: rec.orderId,
    ksefNumber: rec.ksefNumber,
    tries: 0,
    nextAt: Date.now(),
    parts,
    ...(rec.kod1Url
      ? {
          stamp: {
            number: rec.number || rec.invoiceId,
            kod1Url: rec.kod1Url,
            ...(rec.kod2Url ? { kod2Url: rec.kod2Url } : {}),
            ...(rec.processedAt ? { processedAt: rec.processedAt } : {}),
          },
        }
      : {}),
  };
  const q = await change(svc, (queue) => {
    queue[rec.invoiceId] = entry;
  });
  await armAlarm(q);
}

/** Base's invoice PDF stamped as for "Pobierz PDF z KSeF", named like the file that button saves. */
async function stampedPdf(client: BaseClient, e: WriteBackEntry): Promise<{ title: string; bytes: Uint8Array }> {
  const s = e.stamp;
  if (!s) throw new BaseApiError('NO_STAMP', 'Brak danych do pieczęci KSeF (kod QR) dla tej faktury.');
  const file = await client.getInvoiceFile(Number(e.invoiceId));
  const bytes = await stampInvoicePdf({
    pdf: file.pdf,
    kod1Url: s.kod1Url,
    ...(s.kod2Url ? { kod2Url: s.kod2Url } : {}),
    ksefNumber: e.ksefNumber,
    processingDate: s.processedAt ?? null,
    status: 'accepted',
  });
  return { title: `${s.number.replace(/[^\w.-]+/g, '_')}-KSeF.pdf`, bytes };
}

async function writePart(client: BaseClient, settings: Settings, e: WriteBackEntry, part: WriteBackPart) {
  const target = targetOf(settings, part)!;
  if (part === 'number') await setOrderExtraField(client, Number(e.orderId), target.fieldId, e.ksefNumber);
  else await setOrderFileField(client, Number(e.orderId), target.fieldId, await stampedPdf(client, e));
}

/** The wait after the n-th failed try in a row: 1, 2, 4 … 32, then 60 minutes. */
export const retryDelayMs = (tries: number) => Math.min(60, 2 ** (tries - 1)) * 60_000;

/** Writes the due entries, part by part; each failure waits longer (retryDelayMs). */
export async function runWriteBack(svc: Services): Promise<void> {
  const settings = await svc.settings();
  const now = Date.now();
  const due = Object.values(await writeBackQueue(svc)).filter((e) => e.tries < MAX_TRIES && e.nextAt <= now);
  if (due.length === 0) return;
  const client = await svc.base();
  for (const e of due) {
    // A part whose option was switched off since is dropped.
    const left = (e.parts ?? ['number']).filter((p) => targetOf(settings, p));
    try {
      while (left.length > 0) {
        await writePart(client, settings, e, left[0]!);
        left.shift();
        // Written parts are not written again when a later one fails.
        if (left.length > 0)
          await change(svc, (q) => {
            const cur = q[e.invoiceId];
            if (cur) q[e.invoiceId] = { ...cur, parts: [...left] };
          });
      }
      await change(svc, (q) => {
        delete q[e.invoiceId];
      });
    } catch (err) {
      const limited = err instanceof BaseRetryLaterError;
      // A file over Base's limit will not get smaller: kept with its reason, not retried.
      const hopeless = err instanceof BaseApiError && err.code === 'BASE_FILE_TOO_BIG';
      const tries = limited ? e.tries : hopeless ? MAX_TRIES : e.tries + 1;
      const nextAt = limited ? err.retryAt : Date.now() + retryDelayMs(tries);
      const lastError = err instanceof Error ? err.message : String(err);
      await change(svc, (q) => {
        if (q[e.invoiceId]) q[e.invoiceId] = { ...e, parts: left, tries, nextAt, lastError };
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
