/** Monthly export (seed "Eksportuj dokumenty": not-yet-sent invoices, up to 12 months back). */
import { portRefusals } from '../port-errors';
import type { Handlers } from '../router';
import type { Services } from '../services';
import { refusals } from './invoices';

export function exportHandlers(svc: Services): Handlers {
  return {
    'export.count': async (req) => {
      const month = String(req.month);
      const pipeline = await svc.pipeline();
      const count = () =>
        portRefusals(
          () => svc.t(),
          () => pipeline.exportCount(month),
        );
      return { month, notSent: await refusals(svc, count) };
    },
    'export.start': async (req) => {
      const pipeline = await svc.pipeline();
      return { progress: await refusals(svc, () => pipeline.startExport(String(req.month))) };
    },
    'export.progress': async () => ({ progress: await (await svc.pipeline()).exportProgress() }),
    'export.cancel': async () => {
      const pipeline = await svc.pipeline();
      return { progress: await refusals(svc, () => pipeline.cancelExport()) };
    },
  };
}
