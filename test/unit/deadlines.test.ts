/** Offline deadlines: Polish working days (weekends, fixed and Easter-based holidays) and announced KSeF failures. */
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  deadlineStatus,
  easterSunday,
  isWorkingDay,
  offlineDeadline,
  polishHolidays,
} from '../../src/time/deadlines';

describe('Polish calendar', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the statutory holidays of 2026, Easter-based ones included', () => {
    expect([...polishHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-03',
      '2026-05-24',
      '2026-06-04',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(polishHolidays(2024).has('2024-12-24')).toBe(false);
  });

  it('weekends and holidays are not working days', () => {
    expect(isWorkingDay('2026-12-04')).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-06')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isWorkingDay('2026-06-04')).toBe(false); // Corpus Christi
    expect(isWorkingDay('2026-11-11')).toBe(false);
  });
});

describe('offline deadline: end of the next working day after the issue date', () => {
  it('is the next day on an ordinary weekday', () => {
    expect(offlineDeadline('2026-12-01')).toBe('2026-12-02');
  });
  it('skips the weekend: issued on Friday, Saturday or Sunday → Monday', () => {
    expect(offlineDeadline('2026-12-04')).toBe('2026-12-07');
    expect(offlineDeadline('2026-12-05')).toBe('2026-12-07');
    expect(offlineDeadline('2026-12-06')).toBe('2026-12-07');
  });
  it('skips holidays: Christmas Eve to Boxing Day, Easter, Corpus Christi, 11 November', () => {
    expect(offlineDeadline('2026-12-23')).toBe('2026-12-28');
    expect(offlineDeadline('2026-04-03')).toBe('2026-04-07');
    expect(offlineDeadline('2026-06-03')).toBe('2026-06-05');
    expect(offlineDeadline('2026-11-10')).toBe('2026-11-12');
    expect(offlineDeadline('2026-12-31')).toBe('2027-01-04');
    expect(offlineDeadline('2027-01-05')).toBe('2027-01-07');
  });
  it('an announced KSeF failure covering the issue date moves it to 7 working days after the failure', () => {
    const outage = { from: '2026-12-01', to: '2026-12-03' };
    expect(addWorkingDays('2026-12-03', 7)).toBe('2026-12-14');
    expect(offlineDeadline('2026-12-02', [outage])).toBe('2026-12-14');
    // Issued outside the failure: the ordinary rule.
    expect(offlineDeadline('2026-12-04', [outage])).toBe('2026-12-07');
    // A malformed entry is ignored rather than trusted.
    expect(offlineDeadline('2026-12-02', [{ from: '2026-12-03', to: '2026-12-01' }])).toBe('2026-12-03');
  });
  it('an announced unavailability moves it to the next working day after it ends', () => {
    const unavailable = { from: '2026-12-03', to: '2026-12-04', kind: 'unavailability' as const };
    // Issued Thursday during it: by Monday (the next working day after Friday), not Friday.
    expect(offlineDeadline('2026-12-03', [unavailable])).toBe('2026-12-07');
    // The same days as a failure: 7 working days after Friday.
    expect(offlineDeadline('2026-12-03', [{ ...unavailable, kind: 'failure' }])).toBe('2026-12-15');
    // An entry without a kind was saved before kinds existed: a failure.
    expect(offlineDeadline('2026-12-03', [{ from: '2026-12-03', to: '2026-12-04' }])).toBe('2026-12-15');
  });
  it('overlapping announcements: the latest deadline wins, and a total failure leaves none', () => {
    const unavailable = { from: '2026-12-01', to: '2026-12-04', kind: 'unavailability' as const };
    const failure = { from: '2026-12-02', to: '2026-12-02', kind: 'failure' as const };
    expect(offlineDeadline('2026-12-02', [unavailable, failure])).toBe('2026-12-11');
    expect(offlineDeadline('2026-12-02', [failure, unavailable])).toBe('2026-12-11');
    const total = { from: '2026-12-02', to: '2026-12-02', kind: 'total' as const };
    expect(offlineDeadline('2026-12-02', [unavailable, total])).toBeUndefined();
    expect(offlineDeadline('2026-12-03', [unavailable, total])).toBe('2026-12-07');
  });
  it('refuses something that is not a date', () => {
    expect(() => offlineDeadline('4.12.2026')).toThrow(RangeError);
  });
  it('tells ahead, the last day and overdue apart', () => {
    expect(deadlineStatus('2026-12-07', '2026-12-04')).toBe('ahead');
    expect(deadlineStatus('2026-12-07', '2026-12-07')).toBe('today');
    expect(deadlineStatus('2026-12-07', '2026-12-08')).toBe('overdue');
  });
});
