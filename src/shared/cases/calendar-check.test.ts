import { describe, expect, it } from 'vitest';
import { checkCalendarEdits, longHolidayBlocks } from './calendar-check.ts';
import { calendarFromDays } from './working-calendar.ts';

const official = { source: 'chinese-days@1.5.7' };

describe('checkCalendarEdits', () => {
  it('accepts holidays on any day and make-up working days at weekends', () => {
    const { issues, days } = checkCalendarEdits({
      year: 2027,
      existing: [],
      set: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-02-06', kind: 'workday', name: '春节' },
      ],
      remove: [],
    });
    expect(issues).toEqual([]);
    expect(days.map((d) => [d.day, d.kind, d.source])).toEqual([
      ['2027-01-01', 'holiday', 'manual'],
      ['2027-02-06', 'workday', 'manual'],
    ]);
  });

  it('names every day that contradicts the calendar', () => {
    const { issues } = checkCalendarEdits({
      year: 2027,
      existing: [{ day: '2027-05-01', kind: 'holiday', name: '劳动节', ...official }],
      set: [
        { day: '2027-02-08', kind: 'workday', name: '春节' },
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-10-09', kind: 'holiday', name: '国庆节' },
        { day: '2027-10-09', kind: 'workday', name: '国庆节' },
        { day: '2026-12-31', kind: 'holiday', name: '元旦' },
      ],
      remove: ['2027-05-01', '2027-06-01', '2027-01-01'],
    });
    expect(issues).toEqual([
      { path: 'set.0.day', message: '2027-02-08 is a weekday: a make-up working day must fall on a Saturday or Sunday' },
      { path: 'set.2.day', message: '2027-01-01 is listed twice' },
      { path: 'set.4.day', message: '2027-10-09 is listed both as a holiday and as a working day' },
      { path: 'set.5.day', message: '2026-12-31 is not in 2027' },
      { path: 'remove.0', message: '2027-05-01 is not a manual day: official days change by reloading the official data' },
      { path: 'remove.1', message: '2027-06-01 is not in the calendar' },
      { path: 'remove.2', message: '2027-01-01 is listed twice' },
    ]);
  });

  it('lets a manual day override an official one and removes manual days', () => {
    const { issues, days } = checkCalendarEdits({
      year: 2026,
      existing: [
        { day: '2026-10-01', kind: 'holiday', name: '国庆节', ...official },
        { day: '2026-11-02', kind: 'holiday', name: '县庆', source: 'manual' },
      ],
      set: [{ day: '2026-10-01', kind: 'holiday', name: '国庆节（本县）' }],
      remove: ['2026-11-02'],
    });
    expect(issues).toEqual([]);
    expect(days).toEqual([{ day: '2026-10-01', kind: 'holiday', name: '国庆节（本县）', source: 'manual' }]);
  });
});

describe('longHolidayBlocks', () => {
  it('warns on rest-day runs with a holiday longer than ten days, weekends included', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => ({ day: `2027-02-${String(i + 1).padStart(2, '0')}`, kind: 'holiday' as const }));
    expect(longHolidayBlocks(2027, calendarFromDays(twelve))).toEqual([{ code: 'long_holiday_block', from: '2027-01-30', to: '2027-02-14', days: 16 }]);
    const spring = Array.from({ length: 9 }, (_, i) => ({ day: `2026-02-${String(i + 15).padStart(2, '0')}`, kind: 'holiday' as const }));
    expect(longHolidayBlocks(2026, calendarFromDays(spring))).toEqual([]);
    expect(longHolidayBlocks(2027, calendarFromDays([]))).toEqual([]);
  });
});
