/**
 * Auto-send (seed "Przekazuj faktury automatycznie: TAK").
 *
 * "Przekazuj faktury automatycznie": sends invoices newer than the last one seen, in enabled
 * series. The high-water mark (last Base invoice id seen) is persisted after each invoice. The
 * first tick starts from today's Warsaw midnight: switching auto-send on does not flood KSeF with
 * history (that is the export's job).
 *
 * The browser may have been closed for days, so what decides is the invoice's own offline deadline
 * (src/time/deadlines.ts), not a fixed window: every invoice found above the mark that may still
 * be sent is sent (a Friday invoice found on Monday is on its last day). One whose deadline has
 * passed is not sent behind the seller's back but recorded as needing attention, so the popup, the
 * badge and the deadline scan show it. The mark never moves past an invoice that was neither sent
 * nor recorded (nor left out on purpose: another series, Base's own integration, "Pomiń").
 */
import type { Settings } from '../messaging';
import { appendAttempt, newRecord, type OutboxStore } from '../outbox/store';
import type { OutboxRecord, RecordRef } from '../outbox/types';
import { readSkipList } from '../skip/store';
import { offlineDeadline } from '../time/deadlines';
import { summaryFields } from './build-step';
import { warsawDay, warsawMidnight } from './dates';
import { PipelineError, type RefusalCode } from './errors';
import { type BaseInvoiceSummary, type BasePort, type Clock, PortError, type Scheduler } from './ports';
import { isBaseOwned, isConfigured, isSeriesEnabled, isSkipped } from './rules';
import { WAKE } from './wake';

const AUTO_SEND_MARK = 'autoSend.highWater';
const AUTO_SEND_SINCE = 'autoSend.since';

/** The reason of an invoice auto-send found only after its last day to be sent. */
export const AUTO_SEND_OVERDUE = 'auto-send-overdue';

/** Refusals that mean "not ours to send" (a decision, not a failure): the mark may pass them. */
const LEFT_OUT: ReadonlySet<RefusalCode> = new Set<RefusalCode>(['base-owned', 'series-excluded', 'skipped']);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export interface AutoSendDeps {
  store: OutboxStore;
  base: BasePort;
  clock: Clock;
  scheduler: Scheduler;
  settings(): Promise<Settings>;
  maxPages: number;
  /** The pipeline's send (trigger 'auto', with the listed invoice). */
  send(id: string, summary: BaseInvoiceSummary): Promise<OutboxRecord>;
}

export async function autoSendTick(
  deps: AutoSendDeps,
  settingsArg?: Settings,
): Promise<{ seen: number; sent: OutboxRecord[] }> {
  const settings = settingsArg ?? (await deps.settings());
  const sent: OutboxRecord[] = [];
  let seen = 0;
  if (!settings.autoSend || !isConfigured(settings)) return { seen, sent };
  let mark = await deps.store.getMeta<number>(AUTO_SEND_MARK);
  let since = await deps.store.getMeta<number>(AUTO_SEND_SINCE);
  if (mark === undefined && since === undefined) {
    // Remembered, so a first tick that finds nothing still covers the rest of that day later.
    since = Math.floor(warsawMidnight(warsawDay(deps.clock.now())) / 1000);
    await deps.store.setMeta(AUTO_SEND_SINCE, since);
  }
  for (let page = 0; page < deps.maxPages; page++) {
    const from = mark === undefined ? { dateFrom: since ?? 0 } : { idFrom: mark + 1 };
    let list: BaseInvoiceSummary[];
    try {
      list = await deps.base.listInvoicesSince(from, settings.enabledSeries);
    } catch (e) {
      if (e instanceof PortError && e.kind === 'rate-limited') {
        await deps.scheduler.at(WAKE.autoSend, Math.max(e.retryAt ?? 0, deps.clock.now()));
      }
      break;
    }
    if (list.length === 0) break;
    const ordered = [...list].sort((a, b) => Number(a.id) - Number(b.id));
    for (const inv of ordered) {
      seen++;
      const r = await takeOne(deps, settings, inv);
      if (r.sent) sent.push(r.sent);
      // Not sent, not recorded, not left out on purpose: the next tick starts from this invoice.
      if (!r.handled) return { seen, sent };
      mark = Math.max(mark ?? 0, Number(inv.id));
      await deps.store.setMeta(AUTO_SEND_MARK, mark);
    }
    if (mark === undefined) break;
  }
  return { seen, sent };
}

/** One listed invoice: left out, recorded as too late, or sent. */
async function takeOne(
  deps: AutoSendDeps,
  settings: Settings,
  inv: BaseInvoiceSummary,
): Promise<{ handled: boolean; sent?: OutboxRecord }> {
  if (!isSeriesEnabled(settings, inv.seriesId) || isBaseOwned(inv)) return { handled: true };
  const ref: RecordRef = { env: settings.env, nip: settings.nip, invoiceId: inv.id };
  const sendBy = lastDayToSend(inv, settings);
  if (sendBy !== undefined && warsawDay(deps.clock.now()) > sendBy) {
    // "Pomiń" wins here too: the seller said it is not for KSeF, so it is no problem either.
    if (isSkipped(await readSkipList(deps.store, ref), inv.id)) return { handled: true };
    await recordOverdue(deps, ref, inv, sendBy);
    return { handled: true };
  }
  try {
    return { handled: true, sent: await deps.send(inv.id, inv) };
  } catch (e) {
    if (!(e instanceof PipelineError)) throw e;
    // The other refusals (being sent, in KSeF already, in an export batch) come with a record.
    return { handled: LEFT_OUT.has(e.code) || (await deps.store.get(ref)) !== undefined };
  }
}

/** The offline deadline of the invoice's issue date, or undefined when it has no usable date. */
function lastDayToSend(inv: BaseInvoiceSummary, settings: Settings): string | undefined {
  if (!DATE_RE.test(inv.issueDate)) return undefined; // the send's build step says what is wrong
  return offlineDeadline(inv.issueDate, settings.ksefOutages ?? []);
}

/**
 * A needs-attention record for an invoice found after its last day: nothing of it went to KSeF, and
 * the user decides (send it late by hand, or mark it "Pomiń"). An existing record is left alone: it
 * already shows the invoice (or says KSeF has it).
 */
async function recordOverdue(
  deps: AutoSendDeps,
  ref: RecordRef,
  inv: BaseInvoiceSummary,
  sendBy: string,
): Promise<OutboxRecord | undefined> {
  const now = deps.clock.now();
  return deps.store.update(ref, now, (cur) => {
    if (cur) return undefined;
    const rec: OutboxRecord = {
      ...newRecord(ref, 'needs-attention', now, inv.number),
      ...summaryFields(inv),
      trigger: 'auto',
      reasonCode: AUTO_SEND_OVERDUE,
      reasonParams: { sendBy },
    };
    rec.attempts = appendAttempt([], { at: now, trigger: 'auto', event: AUTO_SEND_OVERDUE, detail: sendBy });
    return rec;
  });
}

/** The last Base invoice id auto-send has seen (undefined before the first invoice). */
export function autoSendHighWater(store: OutboxStore): Promise<number | undefined> {
  return store.getMeta<number>(AUTO_SEND_MARK);
}
