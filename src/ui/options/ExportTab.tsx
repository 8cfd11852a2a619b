/** "Eksport dokumentów": month picker, not-yet-sent count, "Wyślij" and live progress. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExportProgress } from '../../messaging';
import { ExportProgressView, isExportActive } from '../components/ExportProgressView';
import { errorText } from '../components/errors';
import { Notice, SelectField } from '../components/fields';
import { exportMonths, monthLabel } from '../components/months';
import { usePlatform } from '../components/platform';
import { useOutboxRevision } from '../components/use-revision';
import { useLang } from '../use-lang';

/** While an export runs the page asks for progress every second. */
export const EXPORT_POLL_MS = 1000;

export function ExportTab() {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const months = exportMonths(platform.now());
  const [month, setMonth] = useState(months[0] ?? '');
  const [count, setCount] = useState<number | null>(null);
  const [countError, setCountError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const countSeq = useRef(0);

  /** A recount after an outbox change keeps the last count on screen (and "Wyślij" usable) until
   * the new one comes; only a new month starts from "Liczenie…". */
  const refreshCount = (m: string, keep = false) => {
    const seq = ++countSeq.current;
    if (!keep) setCount(null);
    setCountError(null);
    platform.send('export.count', { month: m }).then(
      (r) => {
        // Only the answer for the month still selected counts (the user may click fast).
        if (seq === countSeq.current) setCount(r.notSent);
      },
      (e: unknown) => {
        if (seq === countSeq.current) setCountError(errorText(e, t));
      },
    );
  };

  const refreshProgress = () =>
    platform.send('export.progress', {}).then(
      (r) => setProgress(r.progress),
      () => undefined, // a failed poll is retried on the next tick; the last state stays shown
    );

  // Deliberate dependencies: re-count only when the month changes
  useEffect(() => refreshCount(month), [month, platform]);
  // Deliberate dependencies: first progress on open
  useEffect(() => void refreshProgress(), [platform]);

  const active = isExportActive(progress);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => void refreshProgress(), EXPORT_POLL_MS);
    return () => clearInterval(id);
    // Deliberate dependencies: the timer follows only the running state
  }, [active, platform]);

  useOutboxRevision(() => {
    void refreshProgress();
    refreshCount(month, true);
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await platform.send('export.start', { month });
      setProgress(r.progress);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await platform.send('export.cancel', {});
      setProgress(r.progress);
      setCancelled(true);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
      setConfirmingCancel(false);
    }
  };

  return (
    <div>
      <p>{t('exportIntro')}</p>
      <SelectField
        id="exportMonth"
        label={t('exportMonthLabel')}
        value={month}
        options={months.map((m) => ({ value: m, label: monthLabel(m, lang) }))}
        onChange={setMonth}
      />
      <p data-testid="export-count">
        {count === null ? (countError ? '' : t('exportCounting')) : t('exportNotSent', { n: count })}
      </p>
      {countError && <Notice kind="danger">{countError}</Notice>}
      <div class="form-actions">
        <button
          type="button"
          class="btn primary"
          disabled={busy || active || count === null || count === 0}
          onClick={() => void start()}
        >
          {t('exportStart')}
        </button>
        {active && !confirmingCancel && (
          <button
            type="button"
            class="btn"
            disabled={busy}
            data-testid="export-cancel"
            onClick={() => setConfirmingCancel(true)}
          >
            {t('exportCancel')}
          </button>
        )}
      </div>
      {confirmingCancel && (
        <div class="confirm" role="alertdialog" data-testid="export-cancel-confirm">
          <p>{t('exportCancelConfirm')}</p>
          <button
            type="button"
            class="btn danger"
            disabled={busy}
            data-testid="export-cancel-yes"
            onClick={() => void cancel()}
          >
            {t('exportCancelYes')}
          </button>{' '}
          <button type="button" class="btn" onClick={() => setConfirmingCancel(false)}>
            {t('confirmCancel')}
          </button>
        </div>
      )}
      {cancelled && !active && <Notice kind="info">{t('exportCancelled')}</Notice>}
      {error && <Notice kind="danger">{error}</Notice>}
      {progress && progress.state !== 'idle' && <ExportProgressView progress={progress} />}
    </div>
  );
}
