import { describe, expect, it } from 'vitest';
import { maskPhone, parsePhone } from './phone.ts';

describe('parsePhone', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['8619912345678', '19912345678', 'mobile'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
    ['0538-5621234', '05385621234', 'landline'],
    ['(0538)56212345', '053856212345', 'landline'],
    ['010-62345678', '01062345678', 'landline'],
    ['021 5123 4567', '02151234567', 'landline'],
  ])('%s → %s (%s)', (input, phone, kind) => {
    expect(parsePhone(input)).toEqual({ ok: true, phone, kind });
  });
  it.each(['', '12812345678', '1381234567', '138123456789', '5621234', '0538-0621234', '0538-562123', 'abc', '138-1234-567X'])('%j is not a phone number', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, problem: 'phone_format' });
  });
});

describe('maskPhone', () => {
  it('mobile: first three and last four; landline: area code and last four', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('05385621234')).toBe('0538****1234');
    expect(maskPhone('01062345678')).toBe('010****5678');
  });
});
