/**
 * The header of a household-registry spreadsheet: found under any title rows, its names (Chinese
 * or English, see import-columns.ts) mapped to fields, the required columns checked. Pure.
 */
import { headerKey, IMPORT_COLUMNS, type ImportField } from './import-columns.ts';
import { normalizeText } from './normalize.ts';

/** How far down the sheet the header may be (title rows, notes, blank lines above it). */
export const HEADER_SEARCH_ROWS = 20;
/** More header cells than this is not a registry sheet (or a broken one). */
export const MAX_IMPORT_COLUMNS = 200;

const FIELDS = Object.keys(IMPORT_COLUMNS) as ImportField[];
/** Fields that may appear in several columns (手机 and 联系电话 side by side): their values are all read. */
const MULTI_COLUMN_FIELDS: readonly ImportField[] = ['mobile', 'landline'];

const ALIAS_FIELD = new Map<string, ImportField>();
for (const field of FIELDS) for (const alias of IMPORT_COLUMNS[field].aliases) ALIAS_FIELD.set(headerKey(alias), field);

/**
 * The name of a field for messages: its Chinese header and its English one.
 *
 * @example
 * fieldLabel('idNumber'); // '身份证号 (id number)'
 */
export function fieldLabel(field: ImportField): string {
  const aliases: readonly string[] = IMPORT_COLUMNS[field].aliases;
  const english = aliases.find((a) => /^[a-z]+( [a-z]+)+$/i.test(a)) ?? aliases.find((a) => /^[a-z]+$/i.test(a));
  return english ? `${aliases[0]} (${english})` : aliases[0]!;
}

export interface HeaderColumn {
  field: ImportField;
  /** 0-based position in the row. */
  index: number;
  /** The header as written in the file (trimmed): issues name the column this way. */
  header: string;
}

export interface ImportHeader {
  columns: HeaderColumn[];
  byField: Partial<Record<ImportField, HeaderColumn[]>>;
  /** Headers that name no known column; their cells are not read. */
  ignored: string[];
  /** Number of cells up to the last non-empty header cell. */
  width: number;
}

export type HeaderResult =
  | { ok: true; header: ImportHeader }
  | { ok: false; problem: 'missing'; missing: string[] }
  | { ok: false; problem: 'duplicate'; duplicates: string[] }
  | { ok: false; problem: 'too_many_columns'; width: number };

/** How many cells of a row are known header names. @example headerMatches(['户编号', '备注', '合计']); // 2 */
export const headerMatches = (cells: readonly string[]) => cells.filter((c) => ALIAS_FIELD.has(headerKey(c))).length;

/**
 * The index of the header among the first rows of a sheet: the row naming the most known
 * columns (at least two), so that a title row above it ("宁阳县堽城镇户籍台账（2026年）") is
 * skipped; -1 when there is none.
 *
 * @example
 * findHeaderRow([['宁阳县户籍台账'], ['户编号', '姓名', '身份证号']]); // 1
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  let best = -1;
  let bestCount = 1;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, i) => {
    const count = headerMatches(cells);
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}

/**
 * Maps a header row to fields, and says which required columns are missing: 户编号, 姓名,
 * 与户主关系, 身份证号, and the village (村代码, or 村（社区） with 乡镇 when names repeat).
 *
 * @example
 * readHeader(['户编号', '村代码', '姓名', '与户主关系', '身份证号']).ok; // true
 */
export function readHeader(cells: readonly string[]): HeaderResult {
  // Kept as written (trimmed): issues name the column the way the file does, 村（社区） not 村(社区).
  const trimmed = cells.map((c) => (normalizeText(c) ? c.trim() : ''));
  let width = trimmed.length;
  while (width > 0 && !trimmed[width - 1]) width--;
  if (width > MAX_IMPORT_COLUMNS) return { ok: false, problem: 'too_many_columns', width };
  const columns: HeaderColumn[] = [];
  const ignored: string[] = [];
  const byField: Partial<Record<ImportField, HeaderColumn[]>> = {};
  for (let index = 0; index < width; index++) {
    const header = trimmed[index]!;
    if (!header) continue;
    const field = ALIAS_FIELD.get(headerKey(header));
    if (!field) {
      ignored.push(header);
      continue;
    }
    const column = { field, index, header };
    columns.push(column);
    (byField[field] ??= []).push(column);
  }
  const duplicates = FIELDS.filter((f) => !MULTI_COLUMN_FIELDS.includes(f) && (byField[f]?.length ?? 0) > 1).flatMap((f) => byField[f]!.map((c) => c.header));
  if (duplicates.length) return { ok: false, problem: 'duplicate', duplicates };
  const missing = FIELDS.filter((f) => IMPORT_COLUMNS[f].required && !byField[f]).map(fieldLabel);
  if (!byField.villageCode && !byField.village) missing.push(`${fieldLabel('villageCode')} | ${fieldLabel('village')}`);
  if (missing.length) return { ok: false, problem: 'missing', missing };
  return { ok: true, header: { columns, byField, ignored, width } };
}
