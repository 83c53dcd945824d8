/**
 * Resident ID numbers (居民身份证号码), GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), and a check character by ISO 7064 MOD 11-2.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * The check character for the first 17 digits.
 *
 * @example
 * idCheckCharacter('11010519491231002'); // 'X'
 */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckCharacter needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'id_format' | 'id_birth_date' | 'id_check_character';

export type IdNumberResult =
  | { ok: true; idNumber: string; regionCode: string; birthDate: string; gender: 'M' | 'F' }
  | { ok: false; problem: IdNumberProblem };

const isRealDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/**
 * Validates an 18-character ID number (already normalised: upper-case X, no spaces) and reads
 * its birth date and gender. `today` (YYYY-MM-DD) bounds the birth date.
 *
 * @example
 * parseIdNumber('11010519491231002X');
 * // { ok: true, idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'F' }
 */
export function parseIdNumber(value: string, today = new Date().toISOString().slice(0, 10)): IdNumberResult {
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'id_format' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (y < 1880 || !isRealDate(y, m, d) || birthDate > today) return { ok: false, problem: 'id_birth_date' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'id_check_character' };
  return { ok: true, idNumber: value, regionCode: value.slice(0, 6), birthDate, gender: Number(value[16]) % 2 === 1 ? 'M' : 'F' };
}

/**
 * Masked for lists and exports: region code and last four kept.
 *
 * @example
 * maskIdNumber('37092119800101123X'); // '370921********123X'
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length !== 18) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
}
