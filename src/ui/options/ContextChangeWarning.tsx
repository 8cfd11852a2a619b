/**
 * Shown while the environment or the NIP is being changed: what is in flight in the current
 * settings and what will happen to it (settled in its own environment, never lost, never sent
 * to the new one behind the user's back).
 */
import { useEffect, useState } from 'preact/hooks';
import type { InFlightSummary, Settings } from '../../messaging';
import { Notice } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';

export function ContextChangeWarning(p: { saved: Settings; envChanged: boolean; nipChanged: boolean }) {
  const platform = usePlatform();
  const { t } = useLang();
  const changing = (p.envChanged || p.nipChanged) && /^\d{10}$/.test(p.saved.nip);
  const [f, setF] = useState<InFlightSummary | null>(null);
  useEffect(() => {
    if (!changing) return;
    let live = true;
    platform.send('outbox.inFlight', {}).then(
      (r) => live && setF(r),
      () => live && setF(null),
    );
    return () => {
      live = false;
    };
    // Deliberate dependencies: asked again only when a change of context starts or ends
  }, [changing, platform]);
  if (!changing || !f) return null;
  if (f.sending + f.processing + f.queued + f.linked === 0 && !f.exportRunning) return null;
  const what = t(p.envChanged && p.nipChanged ? 'contextWhatBoth' : p.envChanged ? 'contextWhatEnv' : 'contextWhatNip');
  const env = f.env.toUpperCase();
  return (
    <div data-testid="context-change-warning">
      <Notice kind="warning">
        {t('contextChangeWarning', {
          what,
          env,
          nip: f.nip,
          sending: f.sending,
          processing: f.processing,
          queued: f.queued,
          linked: f.linked,
        })}{' '}
        {t('contextChangeSettle', { env })}
        {f.exportRunning && ` ${t('contextChangeExport')}`}
      </Notice>
    </div>
  );
}
