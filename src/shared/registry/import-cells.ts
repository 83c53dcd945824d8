/**
 * Cells of a registry row as people type them: cleaning, lists, genders, loose dates, degrees,
 * and the masks an issue shows of an ID number or phone. Pure.
 */
import { INVISIBLE_CHARACTERS } from '../schemas/common.ts';
import { maskIdNumber } from './id-number.ts';
import { normalizeText } from './normalize.ts';
import { maskPhone } from './phone.ts';

/**
 * Most cells need no normalising (printable ASCII or Han characters, no spaces, nothing
 * full-width): they skip normalizeText's regular expressions, which cost more than the rest of
 * a row's validation.
 */
export const PLAIN = /^[!-~\u4e00-\u9fff]*$/;
export const clean = (value: string) => (PLAIN.test(value) ? value : normalizeText(value));

const LIST_SEPARATORS = /[、,，;；/]+/;
/** What Excel makes of a long number it stored as numeric: 3.70921E+17. */
export const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;
export const NAME = /^[\p{L}\p{M}·•.'\- ]+$/u;
export const HOUSEHOLD_NO = /^[\p{L}\p{N}\-_/.#]{1,40}$/u;
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE_CHARACTERS.source, 'gu');
/** Invisible characters written out, so the report shows where they are: '张[U+200B]三'. */
export const showInvisible = (value: string) =>
  value.replace(INVISIBLE_GLOBAL, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);

/**
 * Masks what an issue shows of an ID number, however malformed: never more than the usual mask.
 *
 * @example
 * maskIdForIssue('3709211980010112'); // '370921******0112'
 */
export function maskIdForIssue(raw: string): string {
  const v = normalizeText(raw).replace(/\s+/g, '');
  if (v.length === 18) return maskIdNumber(v);
  if (v.length >= 12) return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
  return '*'.repeat(v.length);
}

/**
 * Masks what an issue shows of a phone number: as lists do (138****5678), or only the last four.
 *
 * @example
 * maskPhoneForIssue('1381234567'); // '******4567'
 */
export function maskPhoneForIssue(raw: string): string {
  const v = normalizeText(raw).replace(/\s+/g, '');
  if (/^1\d{10}$/.test(v) || /^0\d{9,11}$/.test(v)) return maskPhone(v);
  if (v.length > 7) return `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;
  return '*'.repeat(v.length);
}

/**
 * Splits a list cell (困难类别, several phones) on 、,，;；/.
 *
 * @example
 * splitList('低保户、残疾人'); // ['低保户', '残疾人']
 */
export const splitList = (value: string) =>
  value
    .split(LIST_SEPARATORS)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Reads a gender cell: 男/M/male/1 or 女/F/female/2 (GB/T 2261.1 codes).
 *
 * @example
 * parseGender('女'); // 'F'
 */
export function parseGender(value: string): 'M' | 'F' | null {
  const v = clean(value).toLowerCase();
  if (['男', 'm', 'male', '1', '男性'].includes(v)) return 'M';
  if (['女', 'f', 'female', '2', '女性'].includes(v)) return 'F';
  return null;
}

/**
 * Reads a date as people write it: 1980-01-01, 1980/1/1, 1980.1.1, 1980年1月1日, 19800101
 * (a time after it, as Excel adds, is ignored). Null when it is not a real date.
 *
 * @example
 * parseLooseDate('1980年1月2日'); // '1980-01-02'
 */
export function parseLooseDate(value: string): string | null {
  const v = clean(value).replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Decimal degrees as numeric(9, 6) takes them, or null when the cell is not a plain decimal. */
export function parseDegrees(value: string): number | null {
  const v = normalizeText(value).replace(/\s+/g, '').replace(/[°度]$/, '');
  if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(v)) return null;
  return Number(v);
}

// China, generously: the coordinates of a household in the registry must fall in here.
export const LNG = [73, 136] as const;
export const LAT = [3, 54] as const;
export const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;

/** A number typed in a spreadsheet: an apostrophe in front (Excel's "keep as text") dropped. @example numberText("'370921"); // '370921' */
export const numberText = (value: string) => clean(value).replace(/^'/, '');

/** Whether a row holds nothing at all (blank lines between blocks of a sheet are skipped). @example isBlankRow(['', ' ', '\u3000']); // true */
export const isBlankRow = (cells: readonly string[]) => cells.every((c) => !clean(c));
