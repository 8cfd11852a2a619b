/**
 * The worker's alarms, ensured idempotently on install, startup and every wake: a correct alarm
 * is left alone, because re-creating one resets its schedule (architecture.md practice 7).
 * Long waits (polling, Retry-After, Base's blocks) are alarms, never setTimeout: the worker dies
 * after 30 s idle.
 */
import { browser } from '../platform/browser';

/** Hourly poll of invoices "W przetwarzaniu" (seed: "co 60 minut"). */
export const POLL_ALARM = 'ksef-poll';
export const POLL_PERIOD_MIN = 60;
/** Auto-send: asks Base for new invoices often enough to send them the same day (issue 7). */
export const AUTOSEND_ALARM = 'ksef-autosend';
export const AUTOSEND_PERIOD_MIN = 2;
/** One-shot wake-ups the pipeline asks for (follow-up checks, rate-limit waits, export steps). */
export const WAKE_PREFIX = 'ksef-wake:';

async function ensurePeriodic(name: string, periodInMinutes: number, wanted: boolean): Promise<void> {
  const existing = await browser.alarms.get(name);
  if (!wanted) {
    if (existing) await browser.alarms.clear(name);
    return;
  }
  if (existing && existing.periodInMinutes === periodInMinutes) return;
  await browser.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });
}

export async function ensureAlarms(opts: { autoSend: boolean }): Promise<void> {
  await ensurePeriodic(POLL_ALARM, POLL_PERIOD_MIN, true);
  await ensurePeriodic(AUTOSEND_ALARM, AUTOSEND_PERIOD_MIN, opts.autoSend);
}

/** Asks for a wake-up at `whenMs`; an earlier request for the same name wins over a later one. */
export async function wakeAt(name: string, whenMs: number): Promise<void> {
  const full = WAKE_PREFIX + name;
  const existing = await browser.alarms.get(full);
  if (existing && existing.scheduledTime <= whenMs) return;
  await browser.alarms.create(full, { when: Math.max(whenMs, Date.now() + 1000) });
}
