/**
 * Commands of the "Faktury w KSeF" page: the whole list, the skip mark, the stored UPO and invoice
 * XML, and bulk send / re-check on a selection. Requests arrive checked by the router
 * (REQUEST_CHECKS in src/messaging.ts); each command asks one service and answers with views.
 */
import type { Handlers } from '../router';
import type { Services } from '../services';
import { eachInvoice } from '../services/bulk';
import { InvoiceActions } from '../services/invoice-actions';
import { invoiceFile } from '../services/invoice-files';
import { invoiceList } from '../services/invoice-list';
import { InvoiceViews } from '../services/invoice-views';
import { skipInvoice, unskipInvoice } from '../services/skip-marks';
import type { Summaries } from '../summaries';

export function invoicePageHandlers(svc: Services, summaries: Summaries): Handlers {
  const views = new InvoiceViews(svc, summaries);
  const actions = new InvoiceActions(svc, views);
  const send = async (id: string) => views.viewOf(id, await actions.sendOne(id));
  const check = async (id: string) => views.viewOf(id, await actions.checkNow(id));

  return {
    'invoices.list': async () => ({ items: await invoiceList(svc) }),
    'invoice.skip': async (req) => {
      await skipInvoice(svc, summaries, req);
      return { item: await views.viewOf(req.invoiceId) };
    },
    'invoice.unskip': async (req) => {
      await unskipInvoice(svc, req.invoiceId);
      return { item: await views.viewOf(req.invoiceId) };
    },
    'invoice.file': async (req) => invoiceFile(svc, req.invoiceId, req.kind),
    'invoices.sendMany': async (req) => ({ results: await eachInvoice(req.invoiceIds, views, send, await svc.lang()) }),
    'invoices.checkMany': async (req) => ({
      results: await eachInvoice(req.invoiceIds, views, check, await svc.lang()),
    }),
  };
}
