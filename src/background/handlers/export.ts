/** Monthly export (seed "Eksportuj dokumenty": not-yet-sent invoices, up to 12 months back). */
import { isBaseOwned, isMonth, isSeriesEnabled, monthsBetween, warsawMonth } from '../../pipeline';
import { basePort } from '../adapters/base-port';
import type { Handlers } from '../router';
import { UserError } from '../router';
import type { Services } from '../services';
import { refusals } from './invoices';

export function exportHandlers(svc: Services): Handlers {
  return {
    'export.count': async (req) => {
      const month = String(req.month);
      const back = isMonth(month) ? monthsBetween(month, warsawMonth(Date.now())) : -1;
      if (back < 0 || back > 12) throw new UserError((await svc.t())('monthInvalid'), 'bad-request');
      const [settings, store] = await Promise.all([svc.settings(), svc.outbox()]);
      const list = await basePort(() => svc.base()).listMonth(month, settings.enabledSeries);
      let notSent = 0;
      for (const s of list) {
        if (isBaseOwned(s) || !isSeriesEnabled(settings, s.seriesId)) continue;
        const rec = await store.get(s.id);
        if (rec && (rec.state === 'accepted' || rec.state === 'processing' || rec.state === 'sending')) continue;
        notSent++;
      }
      return { month, notSent };
    },
    'export.start': async (req) => {
      const pipeline = await svc.pipeline();
      return { progress: await refusals(svc, () => pipeline.startExport(String(req.month))) };
    },
    'export.progress': async () => ({ progress: await (await svc.pipeline()).exportProgress() }),
  };
}
