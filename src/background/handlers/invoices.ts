/**
 * Invoice commands: what the panel rows and the popup show, sending, printing. Requests arrive
 * checked by the router (REQUEST_CHECKS in src/messaging.ts); each command asks one service and
 * answers with views.
 */
import type { Handlers } from '../router';
import type { Services } from '../services';
import { openPrintPage } from '../services/extension-pages';
import { inFlight } from '../services/in-flight';
import { InvoiceActions } from '../services/invoice-actions';
import { printInvoice, qrPreviews } from '../services/invoice-print';
import { InvoiceViews } from '../services/invoice-views';
import { PanelInvoices } from '../services/panel-invoices';
import { popupSummary } from '../services/popup-summary';
import type { Summaries } from '../summaries';

export function invoiceHandlers(svc: Services, summaries: Summaries): Handlers {
  const views = new InvoiceViews(svc, summaries);
  const panel = new PanelInvoices(svc, summaries, views);
  const actions = new InvoiceActions(svc, views);

  return {
    'invoices.view': async (req) => ({ items: await panel.rows(req.invoiceIds, req.numbers ?? []) }),
    'invoices.recent': async (req) => ({ items: await panel.recent(req.limit) }),
    'invoices.forOrder': async (req) => ({ items: await panel.ofOrder(req.orderId) }),

    'invoice.send': async ({ invoiceId: id }) => ({ item: await views.viewOf(id, await actions.sendNow(id)) }),
    'invoice.resend': async ({ invoiceId: id }) => ({ item: await views.viewOf(id, await actions.sendNow(id)) }),
    'invoice.check': async ({ invoiceId: id }) => ({ item: await views.viewOf(id, await actions.checkNow(id)) }),
    'invoice.markUnsent': async ({ invoiceId: id }) => ({ item: await views.viewOf(id, await actions.markUnsent(id)) }),
    'poll.now': async () => ({ checked: await actions.pollAll() }),

    'invoice.qr': async (req) => qrPreviews(views, req.invoiceId),
    'invoice.openPrint': async (req) => {
      await openPrintPage(req.invoiceId);
      return {};
    },
    'invoice.print': async (req) => printInvoice(svc, views, req.invoiceId),

    'popup.summary': async () => popupSummary(svc, views),
    'outbox.inFlight': async () => inFlight(svc),
  };
}
