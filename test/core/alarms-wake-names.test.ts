import { describe, expect, it, vi } from 'vitest';
import { parseWake, wakeName } from '../../src/core/wake';

// The worker's alarms module over an in-memory stand-in for storage.local and chrome.alarms
// (Node has no extension APIs).
const stored: Record<string, unknown> = {};
const alarms = new Map<string, { name: string; scheduledTime: number; periodInMinutes?: number | undefined }>();

vi.mock('../../src/platform/browser', () => ({
  browser: {
    storage: {
      local: {
        get: async (key: string) => (key in stored ? { [key]: structuredClone(stored[key]) } : {}),
        set: async (items: Record<string, unknown>) => Object.assign(stored, structuredClone(items)),
      },
    },
    alarms: {
      get: async (name: string) => alarms.get(name),
      clear: async (name: string) => alarms.delete(name),
      create: async (name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }) => {
        alarms.set(name, {
          name,
          scheduledTime: info.when ?? Date.now() + (info.delayInMinutes ?? 0) * 60_000,
          periodInMinutes: info.periodInMinutes,
        });
      },
    },
  },
}));

const { AUTOSEND_ALARM, ensureAlarms, POLL_ALARM, POLL_PERIOD_MIN, takeDueWakeups, WAKE_ALARM, WAKEUPS_KEY, wakeAt } =
  await import('../../src/background/alarms');

describe('alarms and the wake-up name codec', () => {
  it('names the periodic alarms so the dispatcher reads them as the poll and auto-send wake-ups', async () => {
    await ensureAlarms({ autoSend: true });
    expect(parseWake(POLL_ALARM)).toEqual({ kind: 'poll' });
    expect(parseWake(AUTOSEND_ALARM)).toEqual({ kind: 'autoSend' });
    expect([...alarms.keys()].sort()).toEqual([AUTOSEND_ALARM, POLL_ALARM].sort());
  });

  it('polls the invoices "W przetwarzaniu" every 60 minutes, and resets an alarm left at another period', async () => {
    expect(POLL_PERIOD_MIN).toBe(60);
    alarms.clear();
    alarms.set(POLL_ALARM, { name: POLL_ALARM, scheduledTime: Date.now(), periodInMinutes: 5 });
    await ensureAlarms({ autoSend: false });
    expect(alarms.get(POLL_ALARM)?.periodInMinutes).toBe(60);
    expect(alarms.get(POLL_ALARM)!.scheduledTime).toBeGreaterThanOrEqual(Date.now() + 59 * 60_000);
    expect(alarms.has(AUTOSEND_ALARM)).toBe(false);
  });

  it('keeps wake-ups with names the codec reads back, and refuses any other name untouched', async () => {
    const now = Date.now();
    const check = wakeName({ kind: 'check', key: 'r1' });
    const batch = wakeName({ kind: 'batch', key: 's1@prod:5260250274' });
    await wakeAt(check, now - 2000);
    await wakeAt(batch, now - 1000);
    await expect(wakeAt('ksef-chekc:r1', now - 3000)).rejects.toThrow(RangeError);
    expect(Object.keys(stored[WAKEUPS_KEY] as object).sort()).toEqual([batch, check].sort());
    expect(alarms.has(WAKE_ALARM)).toBe(true);

    const due = await takeDueWakeups(now);
    expect(due).toEqual([check, batch]);
    expect(due.map(parseWake)).toEqual([
      { kind: 'check', key: 'r1' },
      { kind: 'batch', key: 's1@prod:5260250274' },
    ]);
    expect(alarms.has(WAKE_ALARM)).toBe(false);
  });
});
