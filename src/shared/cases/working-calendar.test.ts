import { describe, expect, it } from 'vitest';
import { WEEKENDS_ONLY, addWorkingDays, addWorkingHours, calendarFromDays, isWorkingDay, workingHoursBetween } from './working-calendar.ts';

// 国庆节 2026 as the State Council's notice has it (also the chinese-days data): 10-01 … 10-07 off,
// Sunday 09-20 and Saturday 10-10 worked in lieu.
const national = calendarFromDays([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2026-10-${d}`, kind: 'holiday' as const })),
  { day: '2026-09-20', kind: 'workday' },
  { day: '2026-10-10', kind: 'workday' },
]);
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe('working days', () => {
  it('knows weekends, holidays and make-up working days', () => {
    expect(isWorkingDay('2026-12-04', WEEKENDS_ONLY)).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05', WEEKENDS_ONLY)).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-01', national)).toBe(false);
    expect(isWorkingDay('2026-10-10', national)).toBe(true);
    expect(isWorkingDay('2026-09-20', national)).toBe(true);
  });

  it('ends N working days at midnight after the Nth working day, not counting the day of dispatch', () => {
    expect(addWorkingDays(at('2026-12-03T10:00:00'), 1, WEEKENDS_ONLY)).toEqual(at('2026-12-05T00:00:00')); // Thu → end of Fri
    expect(addWorkingDays(at('2026-12-04T23:30:00'), 1, WEEKENDS_ONLY)).toEqual(at('2026-12-08T00:00:00')); // Fri night → end of Mon
    expect(addWorkingDays(at('2026-12-05T09:00:00'), 3, WEEKENDS_ONLY)).toEqual(at('2026-12-10T00:00:00')); // Sat → Mon, Tue, Wed
    expect(addWorkingDays(at('2026-12-03T10:00:00'), 0, WEEKENDS_ONLY)).toEqual(at('2026-12-04T00:00:00'));
  });

  it('skips the National Day holiday and counts the Saturday worked in lieu', () => {
    // Wed 09-30: 10-01…10-07 off, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 worked (3)
    expect(addWorkingDays(at('2026-09-30T16:00:00'), 3, national)).toEqual(at('2026-10-11T00:00:00'));
    // the same without the calendar lands inside the holiday
    expect(addWorkingDays(at('2026-09-30T16:00:00'), 3, WEEKENDS_ONLY)).toEqual(at('2026-10-06T00:00:00'));
  });

  it('treats a Shanghai date, not the UTC date, as the day of dispatch', () => {
    // 2026-12-03 23:30 UTC is Friday 07:30 in Shanghai
    expect(addWorkingDays(new Date('2026-12-03T23:30:00Z'), 1, WEEKENDS_ONLY)).toEqual(at('2026-12-08T00:00:00'));
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(at('2026-12-03T10:00:00'), -1, WEEKENDS_ONLY)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-12-03T10:00:00'), 1.5, WEEKENDS_ONLY)).toThrow(RangeError);
  });
});

describe('working hours', () => {
  it('counts office hours 09:00–17:00 on working days', () => {
    expect(addWorkingHours(at('2026-12-04T15:00:00'), 4, WEEKENDS_ONLY)).toEqual(at('2026-12-07T11:00:00'));
    expect(addWorkingHours(at('2026-12-03T20:00:00'), 4, WEEKENDS_ONLY)).toEqual(at('2026-12-04T13:00:00'));
    expect(addWorkingHours(at('2026-12-03T06:00:00'), 8, WEEKENDS_ONLY)).toEqual(at('2026-12-03T17:00:00'));
    expect(addWorkingHours(at('2026-12-03T10:00:00'), 0.5, WEEKENDS_ONLY)).toEqual(at('2026-12-03T10:30:00'));
  });

  it('skips holidays', () => {
    expect(addWorkingHours(at('2026-09-30T16:00:00'), 2, national)).toEqual(at('2026-10-08T10:00:00'));
  });

  it('measures the working hours left before a deadline', () => {
    expect(workingHoursBetween(at('2026-12-04T15:00:00'), at('2026-12-07T11:00:00'), WEEKENDS_ONLY)).toBe(4);
    expect(workingHoursBetween(at('2026-12-07T11:00:00'), at('2026-12-04T15:00:00'), WEEKENDS_ONLY)).toBe(0);
    expect(workingHoursBetween(at('2026-09-30T16:00:00'), at('2026-10-08T10:00:00'), national)).toBe(2);
  });

  it('is the inverse of addWorkingHours', () => {
    for (const start of ['2026-12-04T08:10:00', '2026-12-04T16:59:00', '2026-12-05T12:00:00', '2026-09-29T13:00:00']) {
      for (const hours of [1, 3.5, 8, 17, 40]) {
        const from = at(start);
        expect(workingHoursBetween(from, addWorkingHours(from, hours, national), national)).toBeCloseTo(hours, 9);
      }
    }
  });
});
