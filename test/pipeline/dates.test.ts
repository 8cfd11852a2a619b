import { describe, expect, it } from 'vitest';
import {
  isMonth,
  isOfflineIssue,
  monthsBetween,
  warsawDay,
  warsawMidnight,
  warsawMonth,
} from '../../src/pipeline/dates';

const at = (iso: string) => Date.parse(iso);

describe('Warsaw calendar days', () => {
  it('winter (CET, UTC+1): the day turns at 23:00 UTC', () => {
    expect(warsawDay(at('2026-11-29T22:59:59.999Z'))).toBe('2026-11-29');
    expect(warsawDay(at('2026-11-29T23:00:00Z'))).toBe('2026-11-30');
  });

  it('summer (CEST, UTC+2): the day turns at 22:00 UTC', () => {
    expect(warsawDay(at('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(warsawDay(at('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('DST start (2026-03-29, 23-hour day) and end (2026-10-25, 25-hour day)', () => {
    expect(warsawMidnight('2026-03-29')).toBe(at('2026-03-28T23:00:00Z'));
    expect(warsawMidnight('2026-03-30')).toBe(at('2026-03-29T22:00:00Z'));
    expect(warsawMidnight('2026-03-30') - warsawMidnight('2026-03-29')).toBe(23 * 3600_000);
    expect(warsawMidnight('2026-10-25')).toBe(at('2026-10-24T22:00:00Z'));
    expect(warsawMidnight('2026-10-26')).toBe(at('2026-10-25T23:00:00Z'));
    expect(warsawMidnight('2026-10-26') - warsawMidnight('2026-10-25')).toBe(25 * 3600_000);
    // 02:30 local does not exist on 29 March; 02:30 local happens twice on 25 October.
    expect(warsawDay(at('2026-03-29T01:30:00Z'))).toBe('2026-03-29');
    expect(warsawDay(at('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
    expect(warsawDay(at('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
  });

  it('months', () => {
    expect(warsawMonth(at('2026-11-30T23:30:00Z'))).toBe('2026-12');
    expect(monthsBetween('2025-11', '2026-11')).toBe(12);
    expect(monthsBetween('2026-11', '2026-10')).toBe(-1);
    expect(isMonth('2026-11')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
  });
});

describe('offline mode = issue date earlier than the Warsaw day of sending (docs/ksef-protocol.md §5)', () => {
  it('around midnight in winter', () => {
    expect(isOfflineIssue('2026-11-29', at('2026-11-29T22:59:59Z'))).toBe(false);
    expect(isOfflineIssue('2026-11-29', at('2026-11-29T23:00:00Z'))).toBe(true);
    // The example of the protocol doc: P_1 = 03, sent on the 4th at 00:00:01 → offline.
    expect(isOfflineIssue('2025-10-03', at('2025-10-03T22:00:01Z'))).toBe(true);
  });

  it('around midnight in summer', () => {
    expect(isOfflineIssue('2026-07-01', at('2026-07-01T21:59:59Z'))).toBe(false);
    expect(isOfflineIssue('2026-07-01', at('2026-07-01T22:00:00Z'))).toBe(true);
  });

  it('on the DST change nights', () => {
    // Night of 28/29 March: midnight is 23:00 UTC (still CET).
    expect(isOfflineIssue('2026-03-28', at('2026-03-28T22:59:59Z'))).toBe(false);
    expect(isOfflineIssue('2026-03-28', at('2026-03-28T23:00:00Z'))).toBe(true);
    // The 23-hour day: still the 29th at 21:59:59 UTC (23:59:59 CEST).
    expect(isOfflineIssue('2026-03-29', at('2026-03-29T21:59:59Z'))).toBe(false);
    expect(isOfflineIssue('2026-03-29', at('2026-03-29T22:00:00Z'))).toBe(true);
    // The 25-hour day: still the 25th at 22:59:59 UTC (23:59:59 CET).
    expect(isOfflineIssue('2026-10-25', at('2026-10-25T22:59:59Z'))).toBe(false);
    expect(isOfflineIssue('2026-10-25', at('2026-10-25T23:00:00Z'))).toBe(true);
  });

  it('an issue date in the future (or today) is not offline', () => {
    expect(isOfflineIssue('2026-11-30', at('2026-11-29T12:00:00Z'))).toBe(false);
  });
});
