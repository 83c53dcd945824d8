import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, localDate } from './time.ts';

describe('Asia/Shanghai dates', () => {
  it('rolls over to the next day at 16:00 UTC', () => {
    expect(localDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(localDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });
  it('formats instants in local time, 24-hour', () => {
    expect(formatLocalDateTime('2026-11-28T17:30:05Z')).toBe('2026-11-29 01:30:05');
    expect(formatLocalDateTime(new Date('2026-01-01T04:00:00Z'))).toBe('2026-01-01 12:00:00');
  });
});
