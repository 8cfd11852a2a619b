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
import { SecretStoreError } from '../../secrets/store';
import { clientErrorCode } from './client-errors';

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

/**
 * Base error codes that mean "the token is missing or refused": fixed in the settings, not by
 * waiting. Base does not document its `error_code` list (docs/base.md §1.1); these are the codes
 * the client knows (src/base/api/errors.ts). Any other Base error is treated as temporary.
 */
export const BASE_UNAUTHORIZED_CODES: ReadonlySet<string> = new Set([
  'BASE_NO_TOKEN',
  'ERROR_BAD_TOKEN',
  'ERROR_USER_TOKEN',
]);

/**
 * The only translator from Base client errors to the port taxonomy (`PortErrorKind`). Anything
 * else (a `PortError` thrown inside `run`, a programming error) passes through unchanged.
 */
export function toBasePortError(e: unknown): unknown {
  // The Base API token no longer decrypts in this profile: the seller has to enter it again.
  if (e instanceof SecretStoreError) {
    const text = clientErrorCode(e);
    return new PortError('unauthorized', e.message, text ? { text } : {}, { cause: e });
  }
  if (!(e instanceof BaseApiError)) return e;
  const text = clientErrorCode(e);
  const extra = text ? { text } : {};
  if (e instanceof BaseRetryLaterError)
    return new PortError('rate-limited', e.message, { ...extra, retryAt: e.retryAt }, { cause: e });
  if (e instanceof BaseTransportError) return new PortError('unavailable', e.message, extra, { cause: e });
  const kind = BASE_UNAUTHORIZED_CODES.has(e.code) ? 'unauthorized' : 'unavailable';
  return new PortError(kind, e.message, extra, { cause: e });
}

export async function asPort<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toBasePortError(e);
  }
}

export function basePort(client: () => Promise<BaseClient>): BasePort {
  const idList = (seriesIds: readonly string[] | null) => (seriesIds ? new Set(seriesIds) : null);
  return {
    getInvoice: (id) =>
      asPort(async () => {
        const inv = await (await client()).getInvoice(Number(id), true);
        if (!inv)
          throw new PortError('not-found', `Nie znaleziono faktury ${id} w Base.`, {
            text: { code: 'base.invoice-not-found' },
          });
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
