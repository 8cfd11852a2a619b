/**
 * KSeF's system warning and current limits for the pages: read from what the KSeF client stored
 * (src/ksef/system-warning.ts, src/ksef/live-limits.ts); nothing here calls KSeF.
 */
import { clientKeyPrefix } from '../../ksef/context';
import { type LiveLimitsState, liveLimitsKey } from '../../ksef/live-limits';
import { dismissSystemWarning, type SystemWarning, systemWarningKey } from '../../ksef/system-warning';
import type { LiveLimitsView, Res, SystemWarningView } from '../../messaging';
import type { Services } from '../services';

export async function ksefNotices(svc: Services): Promise<Res<'ksef.notices'>> {
  const [s, kv] = await Promise.all([svc.settings(), svc.kv()]);
  const w = await kv.get<SystemWarning>(systemWarningKey(s.env));
  const warning: SystemWarningView | null =
    w && !w.dismissed ? { env: s.env, text: w.text, at: new Date(w.at).toISOString() } : null;
  const state = /^\d{10}$/.test(s.nip)
    ? await kv.get<LiveLimitsState>(liveLimitsKey(clientKeyPrefix(s.env, s.nip)))
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
}

/** Hides the warning first seen at `at` until KSeF sends a different one; an unreadable time changes nothing. */
export async function dismissWarning(svc: Services, at: string): Promise<void> {
  const [s, kv] = await Promise.all([svc.settings(), svc.kv()]);
  const ms = Date.parse(at);
  if (Number.isFinite(ms)) await dismissSystemWarning(kv, s.env, ms);
}
