/**
 * KSeF's system warning and current limits for the pages: read from what the KSeF client stored
 * (src/ksef/system-warning.ts, src/ksef/live-limits.ts); nothing here calls KSeF.
 */
import type { LiveLimitsState } from '../../ksef/live-limits';
import { dismissSystemWarning, type SystemWarning, systemWarningKey } from '../../ksef/system-warning';
import type { LiveLimitsView, SystemWarningView } from '../../messaging';
import type { Handlers } from '../router';
import type { Services } from '../services';

export function ksefNoticeHandlers(svc: Services): Pick<Handlers, 'ksef.notices' | 'ksef.dismissWarning'> {
  return {
    'ksef.notices': async () => {
      const [s, kv] = await Promise.all([svc.settings(), svc.kv()]);
      const w = await kv.get<SystemWarning>(systemWarningKey(s.env));
      const warning: SystemWarningView | null =
        w && !w.dismissed ? { env: s.env, text: w.text, at: new Date(w.at).toISOString() } : null;
      const state = /^\d{10}$/.test(s.nip)
        ? await kv.get<LiveLimitsState>(`ksef:${s.env}:${s.nip}:ratelimit:live`)
        : undefined;
      const live = state?.live;
      const limits: LiveLimitsView | null = live
        ? {
            env: s.env,
            fetchedAt: new Date(live.fetchedAt).toISOString(),
            rates: { ...live.rates } as LiveLimitsView['rates'],
            ...(live.context ? { context: live.context } : {}),
          }
        : null;
      return { warning, limits };
    },
    'ksef.dismissWarning': async ({ at }) => {
      const [s, kv] = await Promise.all([svc.settings(), svc.kv()]);
      const ms = Date.parse(at);
      if (Number.isFinite(ms)) await dismissSystemWarning(kv, s.env, ms);
      return {};
    },
  };
}
