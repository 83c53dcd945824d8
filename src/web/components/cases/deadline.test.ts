import { describe, expect, it } from 'vitest';
import { addWorkingDays, addWorkingHours, WEEKENDS_ONLY } from '../../../shared/cases/index.ts';
import { deadlineTime, hoursText } from './deadline.ts';

describe('how a deadline reads', () => {
  it('shows an instant in Shanghai to the minute', () => {
    // Friday 15:00 + 4 working hours = Monday 11:00 (Shanghai).
    expect(deadlineTime(addWorkingHours(new Date('2026-12-04T07:00:00Z'), 4, WEEKENDS_ONLY).toISOString())).toBe('2026-12-07 11:00');
  });

  it('names the last working day of a "within N working days" deadline, not the midnight after it', () => {
    // Thursday → 1 working day ends at midnight after Friday: shown as Friday 24:00.
    const due = addWorkingDays(new Date('2026-12-03T02:00:00Z'), 1, WEEKENDS_ONLY);
    expect(due.toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(deadlineTime(due.toISOString())).toBe('2026-12-04 24:00');
  });

  it('rounds working hours down for display', () => {
    expect(hoursText(3)).toBe('3');
    expect(hoursText(2.96)).toBe('2.9');
    expect(hoursText(27.5)).toBe('27');
  });
});
