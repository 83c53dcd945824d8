/**
 * Reading an uploaded list of numbers for a wave's frame: CSV (UTF-8 or GBK) or XLSX, a header
 * row (under any title rows) naming the phone column (电话/手机/phone …) and the township
 * column (乡镇/township: its code or its name). Every row is checked; the caller writes nothing
 * unless every row is good.
 */
import type { TLocale } from '../../../shared/locale.ts';
import { headerKey } from '../../../shared/registry/import-columns.ts';
import { isBlankRow, maskPhoneForIssue } from '../../../shared/registry/import-cells.ts';
import { HEADER_SEARCH_ROWS } from '../../../shared/registry/import-header.ts';
import { normalizeText } from '../../../shared/registry/normalize.ts';
import { parsePhone, type PhoneKind } from '../../../shared/registry/phone.ts';
import type { ProblemIssue } from '../../http/errors.ts';
import { readSheetRows, SpreadsheetError, type SheetRow } from '../../spreadsheets/index.ts';

const PHONE_HEADERS = ['电话', '电话号码', '手机', '手机号', '手机号码', '联系电话', '号码', '固定电话', '座机', 'phone', 'phonenumber', 'mobile', 'tel', 'telephone'];
const TOWNSHIP_HEADERS = ['乡镇', '乡镇（街道）', '乡镇街道', '镇街', '乡镇代码', '乡镇名称', '街道', 'township', 'townshipcode', 'township_code', 'townshipname'];
const PHONE_KEYS = new Set(PHONE_HEADERS.map(headerKey));
const TOWNSHIP_KEYS = new Set(TOWNSHIP_HEADERS.map(headerKey));

/** A county's frame is ~500k numbers; a list twice that is not a frame. */
export const MAX_FRAME_ROWS = 1_000_000;
/** Issues listed in the answer; the rest are counted. */
export const MAX_LISTED_ISSUES = 200;

export interface FrameTownship {
  id: string;
  code: string;
  name: string;
}

export interface FrameRow {
  rowNo: number;
  phone: string;
  kind: PhoneKind;
  townshipId: string;
}

export type FrameFileResult = { ok: true; rows: FrameRow[] } | { ok: false; issues: ProblemIssue[] };

const say = (locale: TLocale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);

/** The header's phone and township columns, or null when the row is not the header. */
export function frameHeader(cells: readonly string[]): { phone: number; township: number } | null {
  const keys = cells.map((c) => headerKey(c ?? ''));
  const phone = keys.findIndex((k) => PHONE_KEYS.has(k));
  const township = keys.findIndex((k) => TOWNSHIP_KEYS.has(k));
  return phone >= 0 && township >= 0 ? { phone, township } : null;
}

/**
 * Checks one row: a phone number (mobile or landline, as phone.ts accepts them) and a township
 * of the wave (its 9-digit code or its name).
 *
 * @example
 * checkFrameRow({ cells: ['138 1234 5678', '堽城镇'], rowNo: 5 }, { phone: 0, township: 1 }, { townships, locale: 'en' });
 * // { ok: true, row: { rowNo: 5, phone: '13812345678', kind: 'mobile', townshipId: '17' } }
 */
export function checkFrameRow(
  { cells, rowNo }: { cells: readonly string[]; rowNo: number },
  columns: { phone: number; township: number },
  { townships, locale }: { townships: ReadonlyMap<string, FrameTownship>; locale: TLocale },
): { ok: true; row: FrameRow } | { ok: false; issues: ProblemIssue[] } {
  const issues: ProblemIssue[] = [];
  const rawPhone = normalizeText(cells[columns.phone] ?? '');
  const rawTownship = normalizeText(cells[columns.township] ?? '');
  const phone = parsePhone(rawPhone);
  if (!rawPhone) issues.push({ path: `rows.${rowNo}.phone`, message: say(locale, '缺少电话号码', 'no phone number') });
  else if (!phone.ok) issues.push({ path: `rows.${rowNo}.phone`, message: say(locale, `电话号码格式不正确：${maskPhoneForIssue(rawPhone)}`, `not a valid phone number: ${maskPhoneForIssue(rawPhone)}`) });
  const township = townships.get(rawTownship);
  if (!rawTownship) issues.push({ path: `rows.${rowNo}.township`, message: say(locale, '缺少乡镇', 'no township') });
  else if (!township) issues.push({ path: `rows.${rowNo}.township`, message: say(locale, `本县没有这个乡镇（或它不在本轮调查中）：${rawTownship}`, `no such township in this county's wave: ${rawTownship}`) });
  if (issues.length || !phone.ok || !township) return { ok: false, issues };
  return { ok: true, row: { rowNo, phone: phone.phone, kind: phone.kind, townshipId: township.id } };
}

/**
 * Reads and checks a whole list. File-level problems (unreadable, no header, too many rows)
 * throw a SpreadsheetError; row problems come back together, in the caller's language.
 *
 * @example
 * const result = await readFrameFile(upload.open(), { townships, locale: 'zh-CN' });
 * if (!result.ok) console.log(result.issues); // [{ path: 'rows.7.phone', message: '电话号码格式不正确：138****' }]
 */
export async function readFrameFile(input: AsyncIterable<Buffer | Uint8Array>, o: { townships: readonly FrameTownship[]; locale: TLocale }): Promise<FrameFileResult> {
  const byKey = new Map<string, FrameTownship>();
  for (const t of o.townships) {
    byKey.set(t.code, t);
    byKey.set(normalizeText(t.name), t);
  }
  const sheet = await readSheetRows(input);
  const rows = sheet.rows;
  try {
    const before: SheetRow[] = [];
    let columns: { phone: number; township: number } | null = null;
    while (before.length < HEADER_SEARCH_ROWS && !columns) {
      const next = await rows.next();
      if (next.done) break;
      before.push(next.value);
      columns = frameHeader(next.value.cells);
    }
    if (before.every((r) => isBlankRow(r.cells))) throw new SpreadsheetError('import_file_empty');
    if (!columns) {
      throw new SpreadsheetError('import_header_missing', [
        { path: 'header', message: '电话 (phone)' },
        { path: 'header', message: '乡镇 (township)' },
      ]);
    }
    const good: FrameRow[] = [];
    const issues: ProblemIssue[] = [];
    let problems = 0;
    let count = 0;
    for await (const row of { [Symbol.asyncIterator]: () => rows }) {
      if (isBlankRow(row.cells)) continue;
      if (++count > MAX_FRAME_ROWS) throw new SpreadsheetError('import_too_many_rows', [{ path: 'rows', message: String(MAX_FRAME_ROWS) }]);
      const checked = checkFrameRow(row, columns, { townships: byKey, locale: o.locale });
      if (checked.ok) {
        if (!problems) good.push(checked.row);
        continue;
      }
      problems += checked.issues.length;
      for (const issue of checked.issues) if (issues.length < MAX_LISTED_ISSUES) issues.push(issue);
    }
    if (count === 0) throw new SpreadsheetError('import_no_rows');
    if (problems > issues.length) {
      issues.push({ path: 'rows', message: say(o.locale, `另有 ${problems - issues.length} 处错误未列出`, `${problems - issues.length} more problems not listed`) });
    }
    return problems ? { ok: false, issues } : { ok: true, rows: good };
  } finally {
    await rows.return(undefined).catch(() => {});
  }
}
