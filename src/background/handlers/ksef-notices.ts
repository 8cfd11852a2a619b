/** KSeF's system warning and current limits for the pages (src/background/services/ksef-notices.ts). */
import type { Handlers } from '../router';
import type { Services } from '../services';
import { dismissWarning, ksefNotices } from '../services/ksef-notices';

export function ksefNoticeHandlers(svc: Services): Pick<Handlers, 'ksef.notices' | 'ksef.dismissWarning'> {
  return {
    'ksef.notices': async () => ksefNotices(svc),
    'ksef.dismissWarning': async ({ at }) => {
      await dismissWarning(svc, at);
      return {};
    },
  };
}
