import { describe, expect, it } from 'vitest';
import { safeCell } from './safe-cell.ts';

describe('safeCell', () => {
  it.each(['=1+1', '+86', '-2', '@SUM(A1)', '\t=x', '\r=x', '=HYPERLINK("http://evil","x")'])('neutralises %j', (value) => {
    expect(safeCell(value)).toBe(`'${value}`);
  });
  it.each(['张三', '138****5678', '370921********123X', '', 'a=b'])('leaves %j alone', (value) => {
    expect(safeCell(value)).toBe(value);
  });
  it('passes numbers and empties through', () => {
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(null)).toBeNull();
    expect(safeCell(undefined)).toBeNull();
  });
});
