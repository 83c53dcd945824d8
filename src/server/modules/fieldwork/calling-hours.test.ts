import { describe, expect, it } from 'vitest';
import { formatWindow, isCallingTime, nextCallingWindow } from './calling-hours.ts';

const HOURS = [
  { from: '14:00', to: '20:30' },
  { from: '09:00', to: '11:30' },
];
/** An instant given as Shanghai local time. */
const local = (s: string) => new Date(`${s}+08:00`);

describe('calling hours (Asia/Shanghai)', () => {
  it('admits the start of a range and refuses its end', () => {
    expect(isCallingTime(HOURS, local('2026-11-30T09:00:00'))).toBe(true);
    expect(isCallingTime(HOURS, local('2026-11-30T11:29:59'))).toBe(true);
    expect(isCallingTime(HOURS, local('2026-11-30T11:30:00'))).toBe(false);
    expect(isCallingTime(HOURS, local('2026-11-30T13:59:00'))).toBe(false);
    expect(isCallingTime(HOURS, local('2026-11-30T20:29:00'))).toBe(true);
    expect(isCallingTime(HOURS, local('2026-11-30T08:59:00'))).toBe(false);
  });

  it('reads the local day, not the UTC one', () => {
    // 01:30 UTC is 09:30 in Shanghai.
    expect(isCallingTime(HOURS, new Date('2026-11-30T01:30:00Z'))).toBe(true);
    // 23:00 UTC is 07:00 the next morning in Shanghai.
    expect(isCallingTime(HOURS, new Date('2026-11-30T23:00:00Z'))).toBe(false);
  });

  it('24:00 ends at midnight', () => {
    expect(isCallingTime([{ from: '00:00', to: '24:00' }], local('2026-11-30T23:59:59'))).toBe(true);
    expect(formatWindow(nextCallingWindow([{ from: '20:00', to: '24:00' }], local('2026-11-30T21:00:00'))!)).toBe('2026-11-30 20:00–24:00');
  });

  it('names the window in force, the next one today, or the first one tomorrow', () => {
    expect(formatWindow(nextCallingWindow(HOURS, local('2026-11-30T10:00:00'))!)).toBe('2026-11-30 09:00–11:30');
    expect(formatWindow(nextCallingWindow(HOURS, local('2026-11-30T12:00:00'))!)).toBe('2026-11-30 14:00–20:30');
    expect(formatWindow(nextCallingWindow(HOURS, local('2026-11-30T21:00:00'))!)).toBe('2026-12-01 09:00–11:30');
    expect(formatWindow(nextCallingWindow(HOURS, local('2026-11-30T07:00:00'))!)).toBe('2026-11-30 09:00–11:30');
    expect(nextCallingWindow(HOURS, local('2026-11-30T21:00:00'))!.from.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(nextCallingWindow([], local('2026-11-30T21:00:00'))).toBeNull();
  });
});
