import { describe, expect, it } from 'vitest';
import { idCheckCharacter, maskIdNumber, parseIdNumber } from './id-number.ts';

describe('GB 11643 check character (ISO 7064 MOD 11-2)', () => {
  it('matches the published examples', () => {
    // The standard's own example, and the classic 1880 example.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44052418800101001')).toBe('4');
  });
  it('covers every remainder 0–10 with its check character', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200 && seen.size < 11; seq++) {
      const first17 = `37092119800101${String(seq).padStart(3, '0')}`;
      const check = idCheckCharacter(first17);
      let sum = 0;
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
      expect(check).toBe('10X98765432'[sum % 11]);
      seen.add(check);
    }
    expect(seen.size).toBe(11);
  });
  it('refuses input that is not 17 digits', () => {
    expect(() => idCheckCharacter('1234')).toThrow();
  });
});

describe('parseIdNumber', () => {
  it('reads birth date and gender (odd sequence = male)', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'F' });
    expect(parseIdNumber('440524188001010014')).toMatchObject({ ok: true, birthDate: '1880-01-01', gender: 'M' });
  });
  it.each([
    ['', 'id_format'],
    ['11010519491231002x', 'id_format'],
    ['1101051949123100', 'id_format'],
    ['11010519491231002XX', 'id_format'],
    ['A1010519491231002X', 'id_format'],
    ['110105194902300025', 'id_birth_date'], // 30 February
    ['110105194913010025', 'id_birth_date'], // month 13
    ['110105187912310028', 'id_birth_date'], // before 1880
    ['110105203012310023', 'id_birth_date'], // in the future
    ['110105194912310021', 'id_check_character'],
  ])('%s → %s', (value, problem) => {
    expect(parseIdNumber(value, '2026-11-29')).toEqual({ ok: false, problem });
  });
  it('accepts 29 February of a leap year only', () => {
    const leap = `11010520000229001`;
    expect(parseIdNumber(leap + idCheckCharacter(leap)).ok).toBe(true);
    const notLeap = `11010519000229001`;
    expect(parseIdNumber(notLeap + idCheckCharacter(notLeap))).toEqual({ ok: false, problem: 'id_birth_date' });
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and the last four', () => {
    expect(maskIdNumber('37092119800101123X')).toBe('370921********123X');
  });
  it('masks anything malformed entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});
