/**
 * The invoices the panel asks about: the rows on screen (by id or by number), the recent ones for
 * the fallback panel and the popup, and the invoice of an order card. Base is read through the
 * pipeline's Base port (src/background/adapters/base-port.ts), so its errors and summaries are the
 * same as the pipeline's.
 */
import type { InvoiceView } from '../../messaging';
import { sameContext } from '../../outbox';
import { basePort, summarise } from '../adapters/base-port';
import type { Services } from '../services';
import type { Summaries } from '../summaries';
import type { InvoiceViews } from './invoice-views';

/** The fallback panel and the popup list at most this many (and 20 when not told). */
const RECENT_MAX = 100;
const RECENT_DEFAULT = 20;
/** Base invoices of the last month fill a short recent list. */
const RECENT_BASE_DAYS = 31;

export class PanelInvoices {
  constructor(
    private readonly svc: Services,
    private readonly summaries: Summaries,
    private readonly views: InvoiceViews,
  ) {}

  /** The rows on screen; numbers the worker has not learnt, and rows without a number, are looked up in Base later. */
  async rows(invoiceIds: readonly string[], numbers: readonly string[]): Promise<InvoiceView[]> {
    const wanted = [...invoiceIds];
    const unknownNumbers: string[] = [];
    for (const n of numbers) {
      const id = await this.summaries.idForNumber(n);
      if (id) wanted.push(id);
      else unknownNumbers.push(n);
    }
    const items = await this.views.viewsOf([...new Set(wanted)]);
    const unknownIds = items.filter((it) => !it.number).map((it) => it.invoiceId);
    this.summaries.learn(unknownIds, unknownNumbers);
    return items;
  }

  /** The newest records of the settings' context, filled up with Base invoices the extension has not touched. */
  async recent(requested: number | undefined): Promise<InvoiceView[]> {
    const limit = Math.min(Math.max(requested || RECENT_DEFAULT, 1), RECENT_MAX);
    const [store, settings] = await Promise.all([this.svc.outbox(), this.svc.settings()]);
    const records = await store.recent(limit, (r) => sameContext(r, settings));
    const v = await this.views.viewer();
    const items = await Promise.all(records.map((r) => v(r, r.invoiceId)));
    if (items.length >= limit) return items;
    try {
      const since = Math.floor((Date.now() - RECENT_BASE_DAYS * 86_400_000) / 1000);
      const listed = await basePort(() => this.svc.base()).listInvoicesSince({ dateFrom: since }, null);
      const fresh = listed.sort((a, b) => Number(b.id) - Number(a.id));
      await this.summaries.remember(fresh);
      for (const f of fresh) {
        if (items.length >= limit) break;
        if (items.some((i) => i.invoiceId === f.id)) continue;
        items.push(await v(await this.views.recordOf(f.id), f.id));
      }
    } catch {
      // Without Base the list shows what the extension knows.
    }
    return items;
  }

  /** The invoices Base issued for an order (the order card block). */
  async ofOrder(orderId: string): Promise<InvoiceView[]> {
    const client = await this.svc.base();
    const list = (await client.getInvoicesByOrder(Number(orderId), true)).map(summarise);
    await this.summaries.remember(list);
    return this.views.viewsOf(list.map((s) => s.id));
  }
}
