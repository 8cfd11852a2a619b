/**
 * Auto-send (seed "Przekazuj faktury automatycznie: TAK").
 *
 * "Przekazuj faktury automatycznie": sends invoices newer than the last one seen, in enabled
 * series, promptly (the same day, so they stay online). The high-water mark (last Base invoice
 * id seen) is persisted after each invoice. The first tick starts from today's Warsaw midnight:
 * switching auto-send on does not flood KSeF with history (that is the export's job).
 */
import type { Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import type { OutboxRecord } from '../outbox/types';
import { warsawDay, warsawMidnight } from './dates';
import { PipelineError } from './errors';
import { type BaseInvoiceSummary, type BasePort, type Clock, PortError, type Scheduler } from './ports';
import { isBaseOwned, isConfigured, isSeriesEnabled } from './rules';
import { WAKE } from './wake';

const AUTO_SEND_MARK = 'autoSend.highWater';
const AUTO_SEND_SINCE = 'autoSend.since';

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
  // Auto-send is for fresh invoices (seed: "natychmiast po ich utworzeniu"). Older ones found
  // above the mark (auto-send was off for a while, a back-dated invoice) wait for a manual
  // send or the export; yesterday's still go (issued late, picked up after midnight).
  const today = warsawDay(deps.clock.now());
  const yesterday = warsawDay(warsawMidnight(today) - 1);
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
      if (isSeriesEnabled(settings, inv.seriesId) && !isBaseOwned(inv) && inv.issueDate >= yesterday) {
        let rec: OutboxRecord | undefined;
        try {
          rec = await deps.send(inv.id, inv);
        } catch (e) {
          if (!(e instanceof PipelineError)) throw e;
        }
        if (rec) sent.push(rec);
      }
      mark = Math.max(mark ?? 0, Number(inv.id));
      await deps.store.setMeta(AUTO_SEND_MARK, mark);
    }
    if (mark === undefined) break;
  }
  return { seen, sent };
}

/** The last Base invoice id auto-send has seen (undefined before the first invoice). */
export function autoSendHighWater(store: OutboxStore): Promise<number | undefined> {
  return store.getMeta<number>(AUTO_SEND_MARK);
}
