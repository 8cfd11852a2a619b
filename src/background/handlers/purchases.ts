/** Received invoices (Faktury zakupowe): summary, sync now, page seen. The list itself is read by the page. */
import type { PurchaseService } from '../purchases';
import type { Handlers } from '../router';
import type { Services } from '../services';

export function purchaseHandlers(svc: Services, purchases: PurchaseService): Handlers {
  return {
    'purchases.summary': async () => purchases.summary(await svc.lang()),
    'purchases.sync': async (req) => {
      // The router's check lets through only 1 to 12 months back, or none.
      await purchases.run(req.monthsBack);
      return purchases.summary(await svc.lang());
    },
    'purchases.seen': async () => {
      await purchases.markSeen();
      return purchases.summary(await svc.lang());
    },
  };
}
