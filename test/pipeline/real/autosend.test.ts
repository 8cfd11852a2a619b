/**
 * Auto-send after a closed weekend, with the real Base and KSeF clients against the simulators: a
 * Friday invoice found on Monday (its last day) is sent in offline mode and accepted once; one
 * found only on Tuesday is recorded as needing attention and never reaches KSeF.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { warsawDay } from '../../../src/core/warsaw';
import { addDays, offlineDeadline } from '../../../src/time/deadlines';
import { closeShared, RealWorld } from './harness';

let w: RealWorld;
afterEach(async () => {
  await w?.close();
});
afterAll(closeShared);

const DAY = 86_400_000;

/**
 * The latest Friday before today whose last day to send is the next Monday (no holiday on it).
 * Later than the demo Base data (November 2026), so only this test's invoices are above the mark.
 */
function lastFriday(): string {
  let d = warsawDay(Date.now() - DAY);
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 5 || offlineDeadline(d) !== addDays(d, 3)) d = addDays(d, -1);
  return d;
}

describe('auto-send after a closed weekend (real clients, simulators)', { timeout: 180_000 }, () => {
  it('sends the Friday invoice on Monday and records the one found on Tuesday', async () => {
    w = await RealWorld.start();
    w.settings.autoSend = true;
    const friday = lastFriday();
    w.now = Date.parse(`${friday}T08:00:00Z`);
    const morning = await w.addInvoice();
    expect((await w.pipeline.autoSendTick()).sent.map((r) => r.invoiceId)).toEqual([morning.id]);

    // Issued on Friday evening; the browser is closed until Monday.
    w.now = Date.parse(`${friday}T17:00:00Z`);
    const evening = await w.addInvoice();
    w.now = Date.parse(`${addDays(friday, 3)}T07:30:00Z`);
    const monday = await w.pipeline.autoSendTick();
    expect(monday.sent.map((r) => r.invoiceId)).toEqual([evening.id]);
    await w.live(10 * 60_000);
    const sent = await w.record(evening.id);
    expect(sent?.state).toBe('accepted');
    expect(sent?.offline).toBe(true);
    const regs = await w.registeredOnce([morning.number, evening.number]);
    expect(regs.size).toBe(2);

    // Another Friday invoice, found only on Tuesday: past its last day, shown, not sent.
    const lateAt = Date.parse(`${friday}T18:00:00Z`) / 1000;
    const late = await w.addInvoice({ date_add: lateAt, date_sell: lateAt });
    w.now = Date.parse(`${addDays(friday, 4)}T07:30:00Z`);
    const tuesday = await w.pipeline.autoSendTick();
    expect(tuesday.sent).toEqual([]);
    expect(await w.record(late.id)).toMatchObject({
      state: 'needs-attention',
      reasonCode: 'auto-send-overdue',
      reasonParams: { sendBy: addDays(friday, 3) },
      issueDate: friday,
    });
    expect((await w.registrations()).map((r) => r.invoiceNumber).sort()).toEqual(
      [morning.number, evening.number].sort(),
    );
    expect(await w.pipeline.autoSendHighWater()).toBe(Number(late.id));
  });
});
