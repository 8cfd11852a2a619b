/** One export's progress (shared by the options page and the popup). */

import type { MessageKey } from '../../i18n/pages';
import type { ExportProgress } from '../../messaging';
import { useLang } from '../use-lang';
import { ProgressBar } from './fields';
import { formatTime } from './format';
import { monthLabel } from './months';

const STATE_KEY: Record<ExportProgress['state'], MessageKey> = {
  idle: 'exportStateIdle',
  counting: 'exportStateCounting',
  running: 'exportStateRunning',
  waiting: 'exportStateWaiting',
  done: 'exportStateDone',
  failed: 'exportStateFailed',
};

export function isExportActive(p: ExportProgress | null): boolean {
  return p !== null && (p.state === 'counting' || p.state === 'running' || p.state === 'waiting');
}

export function ExportProgressView(p: { progress: ExportProgress }) {
  const { lang, t } = useLang();
  const x = p.progress;
  const text = t('exportProgress', {
    sent: x.sent,
    total: x.total,
    accepted: x.accepted,
    rejected: x.rejected,
    failed: x.failed,
  });
  return (
    <section class="export-progress" data-testid="export-progress" data-state={x.state}>
      <h3>
        {t('exportHeading', { month: monthLabel(x.month, lang), state: t(STATE_KEY[x.state]) })}
        {x.mode && ` (${t(x.mode === 'batch' ? 'exportModeBatch' : 'exportModeOnline')})`}
      </h3>
      <ProgressBar label={t('exportProgressLabel')} value={x.sent} max={x.total} text={text} />
      {x.message && <p class={x.state === 'failed' ? 'text-danger' : ''}>{x.message}</p>}
      {x.state === 'waiting' && x.resumeAt && <p>{t('exportResumeAt', { time: formatTime(x.resumeAt, lang) })}</p>}
      {x.problems && x.problems.length > 0 && (
        <div data-testid="export-problems">
          <h4>{t('exportProblems', { n: x.rejected + x.failed })}</h4>
          <ul class="export-problems">
            {x.problems.map((f) => (
              <li key={f.invoiceId}>
                <strong>{f.number || f.invoiceId}</strong>
                {f.reason && <span> — {f.reason}</span>}{' '}
                <a href={`invoices.html?invoice=${encodeURIComponent(f.invoiceId)}`} target="_blank" rel="noopener">
                  {t('exportFixLink')}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
