/** Monthly export (seed "Eksportuj dokumenty": not-yet-sent invoices, up to 12 months back). */
import type { Handlers } from '../router';
import type { Services } from '../services';
import { cancelExport, countNotSent, startExport } from '../services/export';

export function exportHandlers(svc: Services): Handlers {
  return {
    'export.count': async ({ month }) => ({ month, notSent: await countNotSent(svc, month) }),
    'export.start': async ({ month }) => ({ progress: await startExport(svc, month) }),
    'export.progress': async () => ({ progress: await (await svc.pipeline()).exportProgress() }),
    'export.cancel': async () => ({ progress: await cancelExport(svc) }),
  };
}
