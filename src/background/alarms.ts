/**
 * The worker's alarms, ensured idempotently on install, startup and every wake: a correct alarm
 * is left alone, because re-creating one resets its schedule (docs/architecture.md practice 7).
 * Long waits (polling, Retry-After, Base's blocks) are alarms, never setTimeout: the worker dies
 * after 30 s idle.
 */
import { parseWake, wakeName } from '../core/wake';
import { browser } from '../platform/browser';

/** Hourly poll of invoices "W przetwarzaniu" (seed: "co 60 minut"). */
export const POLL_ALARM = wakeName({ kind: 'poll' });
export const POLL_PERIOD_MIN = 60;
/** Auto-send: asks Base for new invoices often enough to send them the same day. */
export const AUTOSEND_ALARM = wakeName({ kind: 'autoSend' });
export const AUTOSEND_PERIOD_MIN = 2;
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

/**
 * One-shot wake-ups the pipeline asks for (follow-up checks, rate-limit waits, export steps): one
 * per invoice can mean thousands, but Chrome allows an extension at most 500 active alarms (since
 * Chrome 117; alarm creation then fails). So they live in storage.local as `name → time`, and ONE
 * alarm is kept at the earliest of them.
 */
export const WAKE_ALARM = 'ksef-wake';
export const WAKEUPS_KEY = 'wakeups';

type Wakeups = Record<string, number>;

// Read-modify-write of the map, one at a time within this worker (the only writer).
let queue: Promise<unknown> = Promise.resolve();
function withWakeups<T>(change: (w: Wakeups) => T): Promise<T> {
  const run = queue.then(async () => {
    const got = await browser.storage.local.get(WAKEUPS_KEY);
    const w = { ...((got[WAKEUPS_KEY] as Wakeups | undefined) ?? {}) };
    const result = change(w);
    await browser.storage.local.set({ [WAKEUPS_KEY]: w });
    await arm(w);
    return result;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Keeps the single alarm at the earliest wake-up (left alone when already right). */
async function arm(w: Wakeups): Promise<void> {
  const times = Object.values(w);
  if (times.length === 0) {
    await browser.alarms.clear(WAKE_ALARM);
    return;
  }
  const when = Math.max(Math.min(...times), Date.now() + 1000);
  const existing = await browser.alarms.get(WAKE_ALARM);
  if (existing && Math.abs(existing.scheduledTime - when) < 1000) return;
  await browser.alarms.create(WAKE_ALARM, { when });
}

/** Asks for a wake-up at `whenMs`; an earlier request for the same name wins over a later one.
 * Refuses a name the codec (src/core/wake.ts) cannot read back: the dispatcher would drop it. */
export function wakeAt(name: string, whenMs: number): Promise<void> {
  if (!parseWake(name)) return Promise.reject(new RangeError(`unknown wake-up name: ${name}`));
  return withWakeups((w) => {
    const cur = w[name];
    if (cur === undefined || whenMs < cur) w[name] = whenMs;
  });
}

/** Takes the wake-ups that are due (oldest first) and re-arms the alarm for the rest. */
export function takeDueWakeups(now = Date.now()): Promise<string[]> {
  return withWakeups((w) => {
    const due = Object.entries(w)
      .filter(([, t]) => t <= now)
      .sort((a, b) => a[1] - b[1])
      .map(([n]) => n);
    for (const n of due) delete w[n];
    return due;
  });
}

/** Re-arms the wake-up alarm at worker start: Chrome may drop alarms when the browser restarts. */
export function rearmWakeups(): Promise<void> {
  return withWakeups(() => undefined);
}
