/**
 * The pipeline's Base port over the real Base API client (src/base/api). The client is built in
 * 'report' mode: a limit or a block becomes a typed "retry at" the pipeline turns into an alarm,
 * never a sleep inside a worker event.
 */
import {
  BaseApiError,
  type BaseClient,
  type BaseInvoice,
  BaseRetryLaterError,
  BaseTransportError,
  warsawMonthRange,
} from '../../base/api';
import { invoiceDayOfUnix } from '../../fa3';
import { type BaseInvoiceSummary, type BasePort, PortError } from '../../pipeline';

export function summarise(inv: BaseInvoice): BaseInvoiceSummary {
  const buyer = inv.invoiceCompany.trim() || inv.invoiceFullname.trim();
  return {
    id: String(inv.invoiceId),
    number: inv.number,
    seriesId: String(inv.seriesId),
    issueDate: inv.dateAdd > 0 ? invoiceDayOfUnix(inv.dateAdd) : '',
    ...(inv.orderId ? { orderId: String(inv.orderId) } : {}),
    ...(buyer ? { buyerName: buyer } : {}),
    ...(inv.invoiceNip.trim() ? { buyerNip: inv.invoiceNip.trim() } : {}),
    totalGross: inv.totalPriceBrutto.toFixed(2),
    currency: inv.currency,
    ...(inv.gov ? { govStatus: inv.gov.govStatus, govId: inv.gov.govId } : {}),
    raw: inv,
  };
}

/** Translates Base client errors into the pipeline's kinds (Polish messages kept). */
export async function asPort<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PortError) throw e;
    if (e instanceof BaseRetryLaterError) throw new PortError('rate-limited', e.message, { retryAt: e.retryAt });
    if (e instanceof BaseApiError) {
      const kind = /TOKEN|AUTH|PERMISSION/i.test(e.code) ? 'unauthorized' : 'unavailable';
      throw new PortError(kind, e.message);
    }
    if (e instanceof BaseTransportError) throw new PortError('unavailable', e.message);
    throw e;
  }
}

export function basePort(client: () => Promise<BaseClient>): BasePort {
  const idList = (seriesIds: readonly string[] | null) => (seriesIds ? new Set(seriesIds) : null);
  return {
    getInvoice: (id) =>
      asPort(async () => {
        const inv = await (await client()).getInvoice(Number(id), true);
        if (!inv) throw new PortError('not-found', `Nie znaleziono faktury ${id} w Base.`);
        return summarise(inv);
      }),
    listInvoicesSince: (from, seriesIds) =>
      asPort(async () => {
        const c = await client();
        const list = await c.getInvoices({
          // `dateFrom` is Unix seconds, as Base's date_from (the pipeline's auto-send mark).
          ...('idFrom' in from ? { id_from: from.idFrom } : { date_from: from.dateFrom }),
          get_government_data: true,
        });
        const only = idList(seriesIds);
        return list
          .filter((i) => !only || only.has(String(i.seriesId)))
          .sort((a, b) => a.invoiceId - b.invoiceId)
          .map(summarise);
      }),
    listMonth: (month, seriesIds) =>
      asPort(async () => {
        warsawMonthRange(month); // throws a Polish error for a malformed month
        const list = await (await client()).getMonthInvoices(month, { governmentData: true });
        const only = idList(seriesIds);
        return list.filter((i) => !only || only.has(String(i.seriesId))).map(summarise);
      }),
  };
}
