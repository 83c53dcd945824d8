/**
 * Reading the household-registry spreadsheet, one row at a time: finding the header under any
 * title rows, mapping header names (Chinese or English) to fields, and validating a row into
 * what the import stages, with its issues. Pure functions: no I/O, so the server and the web
 * page (a preview before upload) can share them.
 *
 * Phones: a number is accepted in either phone column and stored with the kind it actually is
 * (people write landlines under 联系电话 and mobiles under 座机); several numbers in one cell are
 * split on 、,，;；/.
 */
import { hasInvisibleCharacters, INVISIBLE_CHARACTERS } from '../schemas/common.ts';
import { maskIdNumber, parseIdNumber } from './id-number.ts';
import { headerKey, IMPORT_COLUMNS, TEMPLATE_EXAMPLE_ID_NUMBER, type ImportField } from './import-columns.ts';
import type { TImportIssueCode } from './import-issues.ts';
import { normalizeDigits, normalizeName, normalizeText } from './normalize.ts';
import { maskPhone, parsePhone, type PhoneKind } from './phone.ts';

/** How far down the sheet the header may be (title rows, notes, blank lines above it). */
export const HEADER_SEARCH_ROWS = 20;
/** More header cells than this is not a registry sheet (or a broken one). */
export const MAX_IMPORT_COLUMNS = 200;
export const MAX_PHONES_PER_CELL = 5;

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

// ---------------------------------------------------------------------------------------------
// Villages and hardship categories: what a row may name, within the importer's scope.

export interface ImportVillage {
  id: string;
  code: string;
  name: string;
  countyCode: string;
  path: string;
  townshipId: string;
  /** Closed (merged, 撤并) villages are known so that the issue can say so. */
  open: boolean;
}

export interface ImportTownship {
  id: string;
  name: string;
}

export interface ImportCategory {
  code: string;
  name: string;
  nameEn: string;
}

/**
 * Most cells need no normalising (printable ASCII or Han characters, no spaces, nothing
 * full-width): they skip normalizeText's regular expressions, which cost more than the rest of
 * a row's validation.
 */
const PLAIN = /^[!-~\u4e00-\u9fff]*$/;
const clean = (value: string) => (PLAIN.test(value) ? value : normalizeText(value));

/** A name compared loosely: normalised, without spaces, and without the usual suffix. */
const placeKey = (name: string, suffixes: RegExp) => clean(name).replace(/\s+/g, '').replace(suffixes, '').toLowerCase();
/** Every row names its village (and township): their keys are computed once per name. */
function memo(fn: (name: string) => string, max = 10_000) {
  const cache = new Map<string, string>();
  return (name: string) => {
    let key = cache.get(name);
    if (key === undefined) {
      if (cache.size >= max) cache.clear();
      key = fn(name);
      cache.set(name, key);
    }
    return key;
  };
}
const villageKey = memo((name) => placeKey(name, /(村民委员会|村委会|居民委员会|居委会|社区|村)$/));
const townshipKey = memo((name) => placeKey(name, /(街道办事处|街道|镇|乡)$/));
const categoryKey = (name: string) => headerKey(normalizeText(name)).replace(/[()（）]/g, '');

/**
 * What the rows of one import may refer to: the villages and townships inside the importer's
 * scope (a few hundred per county; nothing outside it, so an issue cannot reveal what exists
 * elsewhere) and the active hardship categories.
 *
 * @example
 * const directory = new ImportDirectory(villages, townships, categories);
 * directory.villagesNamed('东庄', '堽城镇').villages; // the 东庄村 of 堽城镇
 * directory.categoryCode('特困供养(五保)'); // 'tekun'
 */
export class ImportDirectory {
  readonly #byCode = new Map<string, ImportVillage>();
  readonly #byName = new Map<string, ImportVillage[]>();
  readonly #townships = new Map<string, string[]>();
  readonly #categories = new Map<string, string>();

  constructor(villages: readonly ImportVillage[], townships: readonly ImportTownship[], categories: readonly ImportCategory[]) {
    for (const v of villages) {
      this.#byCode.set(v.code, v);
      const key = villageKey(v.name);
      this.#byName.set(key, [...(this.#byName.get(key) ?? []), v]);
    }
    for (const t of townships) {
      const key = townshipKey(t.name);
      this.#townships.set(key, [...(this.#townships.get(key) ?? []), t.id]);
    }
    for (const c of categories) for (const name of [c.code, c.name, c.nameEn]) this.#categories.set(categoryKey(name), c.code);
    // Offices write the short forms too: 低保 for 低保户, 残疾 for 残疾人, 特困供养 or 五保 for
    // 特困供养（五保）. A short form two categories share is left out rather than guessed.
    const loose = new Map<string, string | null>();
    for (const c of categories) {
      const bracket = /^(.+?)[(（](.+)[)）]$/.exec(normalizeText(c.name).trim());
      const forms = bracket ? [bracket[1]!, bracket[2]!] : [c.name];
      for (const form of forms) for (const f of [form, form.replace(/(户|人|对象)$/, '')]) {
        const key = categoryKey(f);
        if (!key || this.#categories.has(key)) continue;
        loose.set(key, loose.has(key) && loose.get(key) !== c.code ? null : c.code);
      }
    }
    for (const [key, code] of loose) if (code) this.#categories.set(key, code);
  }

  villageByCode(code: string) {
    return this.#byCode.get(code);
  }

  villagesNamed(name: string, township?: string): { townshipFound: boolean; villages: ImportVillage[] } {
    const villages = this.#byName.get(villageKey(name)) ?? [];
    if (township === undefined) return { townshipFound: true, villages };
    const ids = this.#townships.get(townshipKey(township));
    if (!ids) return { townshipFound: false, villages: [] };
    return { townshipFound: true, villages: villages.filter((v) => ids.includes(v.townshipId)) };
  }

  sameVillageName(a: string, b: string) {
    return villageKey(a) === villageKey(b);
  }

  categoryCode(token: string) {
    return this.#categories.get(categoryKey(token));
  }
}

// ---------------------------------------------------------------------------------------------
// One row.

export interface RowIssue {
  /** The header as written in the file ('' for cells beyond the header). */
  column: string;
  /** The cell as written, masked for ID numbers and phones (issues are stored). */
  value: string;
  problem: TImportIssueCode;
}

/**
 * A row as read: every value that could be read (so that the set-based checks can still match
 * a bad row's ID number and household), and its issues. `idNumber` and `phones` are plaintext
 * here; the server encrypts them before anything is stored.
 */
export interface ImportRow {
  rowNo: number;
  issues: RowIssue[];
  householdNo: string | null;
  village: ImportVillage | null;
  idNumber: string | null;
  name: string | null;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  relationship: string | null;
  address: string;
  notes: string;
  latitude: string | null;
  longitude: string | null;
  phones: { phone: string; kind: PhoneKind }[];
  hardship: string[];
}

export interface RowContext {
  header: ImportHeader;
  directory: ImportDirectory;
  /** Today in Asia/Shanghai (YYYY-MM-DD): bounds birth dates. */
  today: string;
}

const MAX_ISSUE_VALUE = 100;
const LIST_SEPARATORS = /[、,，;；/]+/;
/** What Excel makes of a long number it stored as numeric: 3.70921E+17. */
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;
const NAME = /^[\p{L}\p{M}·•.'\- ]+$/u;
const HOUSEHOLD_NO = /^[\p{L}\p{N}\-_/.#]{1,40}$/u;
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE_CHARACTERS.source, 'gu');
/** Invisible characters written out, so the report shows where they are: '张[U+200B]三'. */
const showInvisible = (value: string) =>
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
function parseDegrees(value: string): number | null {
  const v = normalizeText(value).replace(/\s+/g, '').replace(/[°度]$/, '');
  if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(v)) return null;
  return Number(v);
}

// China, generously: the coordinates of a household in the registry must fall in here.
const LNG = [73, 136] as const;
const LAT = [3, 54] as const;
const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;

/**
 * Validates one data row. Never throws: every problem becomes an issue on the row, and every
 * value that could be read is returned, so the import can match even a bad row against the
 * others (same ID number twice, households with a bad row).
 *
 * @example
 * const row = validateImportRow(cells, 5, { header, directory, today: '2026-05-01' });
 * if (row.issues.length) console.log(row.issues); // [{ column: '身份证号', value: '370921********1234', problem: 'id_check_character' }]
 */
export function validateImportRow(cells: readonly string[], rowNo: number, ctx: RowContext): ImportRow {
  const { header, directory, today } = ctx;
  const issues: RowIssue[] = [];
  const issue = (column: HeaderColumn | undefined, value: string, problem: TImportIssueCode) =>
    issues.push({ column: column?.header ?? '', value: value.length > MAX_ISSUE_VALUE ? `${value.slice(0, MAX_ISSUE_VALUE)}…` : value, problem });
  const col = (field: ImportField) => header.byField[field]?.[0];
  const raw = (field: ImportField) => {
    const c = col(field);
    return c ? (cells[c.index] ?? '') : '';
  };
  const text = (field: ImportField) => clean(raw(field));
  const bounded = (field: ImportField, max: number) => {
    const value = text(field);
    if (value.length <= max) return value;
    issue(col(field), value, 'too_long');
    return null;
  };
  /** A number typed in a spreadsheet: an apostrophe in front (Excel's "keep as text") dropped. */
  const numberText = (value: string) => clean(value).replace(/^'/, '');

  const row: ImportRow = {
    rowNo,
    issues,
    householdNo: null,
    village: null,
    idNumber: null,
    name: null,
    gender: null,
    birthDate: null,
    relationship: null,
    address: '',
    notes: '',
    latitude: null,
    longitude: null,
    phones: [],
    hardship: [],
  };

  // 户编号
  const householdNo = numberText(raw('householdNo')).replace(/\s+/g, '');
  if (!householdNo) issue(col('householdNo'), '', 'required_missing');
  else if (SCIENTIFIC.test(householdNo)) issue(col('householdNo'), householdNo, 'number_lost_digits');
  else if (!HOUSEHOLD_NO.test(householdNo)) issue(col('householdNo'), householdNo, 'household_no_invalid');
  else row.householdNo = householdNo;

  row.village = resolveVillage();

  // 姓名, 与户主关系
  const nameRaw = raw('name');
  const name = PLAIN.test(nameRaw) ? nameRaw : normalizeName(nameRaw);
  // Before normalising, which would turn U+200B and U+FEFF into spaces and hide them.
  if (hasInvisibleCharacters(nameRaw)) issue(col('name'), showInvisible(nameRaw), 'name_invisible_character');
  else if (!name) issue(col('name'), '', 'required_missing');
  else if (name.length > 50) issue(col('name'), name, 'too_long');
  else if (!NAME.test(name)) issue(col('name'), name, 'name_invalid');
  else row.name = name;
  const relationship = bounded('relationship', 20);
  if (relationship === '') issue(col('relationship'), '', 'required_missing');
  else if (relationship) row.relationship = relationship;

  // 身份证号, and the gender and birth date columns against it
  const idRaw = numberText(raw('idNumber'));
  let id: ReturnType<typeof parseIdNumber> | null = null;
  if (!idRaw) issue(col('idNumber'), '', 'required_missing');
  else if (SCIENTIFIC.test(idRaw)) issue(col('idNumber'), maskIdForIssue(idRaw), 'number_lost_digits');
  else {
    id = parseIdNumber(/^\d{17}[\dXx]$/.test(idRaw) ? idRaw.toUpperCase() : normalizeDigits(idRaw), today);
    if (id.ok) row.idNumber = id.idNumber;
    else issue(col('idNumber'), maskIdForIssue(idRaw), id.problem);
    // The template's example row, left in: never a real person.
    if (id.ok && id.idNumber === TEMPLATE_EXAMPLE_ID_NUMBER) issue(col('idNumber'), maskIdForIssue(idRaw), 'template_example_row');
  }
  const genderText = text('gender');
  if (genderText) {
    const gender = parseGender(genderText);
    if (!gender) issue(col('gender'), genderText, 'gender_invalid');
    else if (id?.ok && gender !== id.gender) issue(col('gender'), genderText, 'gender_mismatch');
  }
  const birthText = text('birthDate');
  if (birthText) {
    const birth = parseLooseDate(birthText);
    if (!birth) issue(col('birthDate'), birthText, 'birth_date_invalid');
    else if (id?.ok && birth !== id.birthDate) issue(col('birthDate'), birthText, 'birth_date_mismatch');
  }
  if (id?.ok) {
    row.gender = id.gender;
    row.birthDate = id.birthDate;
  }

  // Phones, in any of the phone columns
  const seen = new Set<string>();
  for (const c of [...(header.byField.mobile ?? []), ...(header.byField.landline ?? [])]) {
    const parts = splitList(cells[c.index] ?? '');
    if (parts.length > MAX_PHONES_PER_CELL) {
      issue(c, maskPhoneForIssue(parts.join('、')), 'too_many_phones');
      continue;
    }
    for (const part of parts) {
      const value = numberText(part);
      if (SCIENTIFIC.test(value)) {
        issue(c, maskPhoneForIssue(value), 'number_lost_digits');
        continue;
      }
      const phone = parsePhone(value);
      if (!phone.ok) issue(c, maskPhoneForIssue(value), 'phone_format');
      else if (!seen.has(phone.phone)) {
        seen.add(phone.phone);
        row.phones.push({ phone: phone.phone, kind: phone.kind });
      }
    }
  }

  // 困难类别: names or codes, several per cell
  for (const token of splitList(text('hardship'))) {
    const code = directory.categoryCode(token);
    if (!code) issue(col('hardship'), token, 'hardship_unknown');
    else if (!row.hardship.includes(code)) row.hardship.push(code);
  }

  // 经度 / 纬度
  const lngText = text('longitude');
  const latText = text('latitude');
  if (lngText || latText) {
    const lng = parseDegrees(lngText);
    const lat = parseDegrees(latText);
    if (!lngText || !latText) issue(col(lngText ? 'latitude' : 'longitude'), '', 'gps_incomplete');
    else if (lng === null) issue(col('longitude'), lngText, 'gps_invalid');
    else if (lat === null) issue(col('latitude'), latText, 'gps_invalid');
    else if (within(lng, LNG) && within(lat, LAT)) {
      row.longitude = lng.toFixed(6);
      row.latitude = lat.toFixed(6);
    } else if (within(lat, LNG) && within(lng, LAT)) issue(col('longitude'), lngText, 'gps_swapped');
    else issue(within(lng, LNG) ? col('latitude') : col('longitude'), within(lng, LNG) ? latText : lngText, 'gps_out_of_range');
  }

  row.address = bounded('address', 200) ?? '';
  row.notes = bounded('notes', 500) ?? '';

  for (let i = header.width; i < cells.length; i++) {
    const extra = clean(cells[i] ?? '');
    if (extra) {
      issue(undefined, extra, 'row_extra_cells');
      break;
    }
  }
  return row;

  function fail(column: HeaderColumn | undefined, value: string, problem: TImportIssueCode): null {
    issue(column, value, problem);
    return null;
  }

  function resolveVillage(): ImportVillage | null {
    const codeColumn = col('villageCode');
    const nameColumn = col('village');
    const townshipColumn = col('township');
    const code = numberText(raw('villageCode')).replace(/\s+/g, '');
    const villageName = text('village');
    const townshipName = text('township');
    if (code) {
      const village = /^\d{12}$/.test(code) ? directory.villageByCode(code) : undefined;
      if (!village) return fail(codeColumn, code, 'village_not_found');
      if (villageName && !directory.sameVillageName(villageName, village.name)) return fail(nameColumn, villageName, 'village_mismatch');
      if (!village.open) return fail(codeColumn, code, 'village_closed');
      return village;
    }
    if (!villageName) return fail(nameColumn ?? codeColumn, '', 'village_missing');
    const found = directory.villagesNamed(villageName, townshipName || undefined);
    if (!found.townshipFound) return fail(townshipColumn, townshipName, 'township_not_found');
    let candidates = found.villages;
    // Inside one township a merged village may share its name with the open one it became.
    if (townshipName && candidates.length > 1) candidates = candidates.filter((v) => v.open);
    if (candidates.length === 0) return fail(nameColumn, villageName, 'village_not_found');
    if (candidates.length > 1) return fail(nameColumn, villageName, 'village_ambiguous');
    if (!candidates[0]!.open) return fail(nameColumn, villageName, 'village_closed');
    return candidates[0]!;
  }
}

/** Whether a row holds nothing at all (blank lines between blocks of a sheet are skipped). @example isBlankRow(['', ' ', '\u3000']); // true */
export const isBlankRow = (cells: readonly string[]) => cells.every((c) => !clean(c));
