import { describe, expect, it } from 'vitest';
import { warsawYearMonth } from '../../src/core/warsaw';
import { exportMonths, monthLabel } from '../../src/ui/components/months';

describe('export months', () => {
  it('are the current month and the 12 before it, newest first', () => {
    const m = exportMonths(Date.parse('2026-11-29T12:00:00Z'));
    expect(m).toEqual([
      '2026-11',
      '2026-10',
      '2026-09',
      '2026-08',
      '2026-07',
      '2026-06',
      '2026-05',
      '2026-04',
      '2026-03',
      '2026-02',
      '2026-01',
      '2025-12',
      '2025-11',
    ]);
  });

  it('follow the Warsaw calendar, not UTC, at the turn of a month', () => {
    // 23:30 UTC on 31 December is already 1 January in Warsaw (UTC+1 in winter).
    expect(warsawYearMonth(Date.parse('2026-12-31T23:30:00Z'))).toEqual([2027, 1]);
    expect(exportMonths(Date.parse('2026-12-31T23:30:00Z'))[0]).toBe('2027-01');
    expect(exportMonths(Date.parse('2026-12-31T23:30:00Z'))[12]).toBe('2026-01');
    // 22:30 UTC on 31 May is 00:30 on 1 June in Warsaw (UTC+2 in summer).
    expect(warsawYearMonth(Date.parse('2026-05-31T22:30:00Z'))).toEqual([2026, 6]);
  });

  it('are named in Polish and English', () => {
    expect(monthLabel('2026-02', 'pl')).toBe('luty 2026');
    expect(monthLabel('2026-02', 'en')).toBe('February 2026');
  });
});
