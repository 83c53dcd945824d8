/**
 * One row of the household-registry spreadsheet, validated into what the import stages, with its
 * issues. The header is read by import-header.ts, the villages and categories a row names are
 * looked up in import-directory.ts, and single cells are read by import-cells.ts. All pure (no
 * I/O, no Node or DOM API): the server's import (`imports/import-households.ts`) and the survey's
 * frame reader use them today; being in `shared/`, a preview in the web app could run the same
 * checks before an upload.
 *
 * Phones: a number is accepted in either phone column and stored with the kind it actually is
 * (people write landlines under 联系电话 and mobiles under 座机); several numbers in one cell are
 * split on 、,，;；/.
 */
import { hasInvisibleCharacters } from '../schemas/common.ts';
import { parseIdNumber } from './id-number.ts';
import { TEMPLATE_EXAMPLE_ID_NUMBER, type ImportField } from './import-columns.ts';
import {
  clean,
  HOUSEHOLD_NO,
  LAT,
  LNG,
  maskIdForIssue,
  maskPhoneForIssue,
  NAME,
  numberText,
  parseDegrees,
  parseGender,
  parseLooseDate,
  PLAIN,
  SCIENTIFIC,
  showInvisible,
  splitList,
  within,
} from './import-cells.ts';
import type { ImportDirectory, ImportVillage } from './import-directory.ts';
import type { HeaderColumn, ImportHeader } from './import-header.ts';
import type { TImportIssueCode } from './import-issues.ts';
import { normalizeDigits, normalizeName } from './normalize.ts';
import { parsePhone, type PhoneKind } from './phone.ts';

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

/** More numbers than this in one phone cell is not a list of the household's phones. */
export const MAX_PHONES_PER_CELL = 5;
const MAX_ISSUE_VALUE = 100;

/** One row's cells as its field readers see them; every problem they find goes on the row's issues. */
interface RowCells {
  cells: readonly string[];
  header: ImportHeader;
  issue(column: HeaderColumn | undefined, value: string, problem: TImportIssueCode): void;
  /** The same, answering null for a reader that gives up on its field. */
  fail(column: HeaderColumn | undefined, value: string, problem: TImportIssueCode): null;
  /** The first column of a field. */
  col(field: ImportField): HeaderColumn | undefined;
  /** A field's cell as written. */
  raw(field: ImportField): string;
  /** A field's cell, cleaned. */
  text(field: ImportField): string;
  /** A field's cleaned cell, or null (and a `too_long` issue) when longer than max. */
  bounded(field: ImportField, max: number): string | null;
}

function rowCells(cells: readonly string[], header: ImportHeader, issues: RowIssue[]): RowCells {
  const issue = (column: HeaderColumn | undefined, value: string, problem: TImportIssueCode) => {
    issues.push({ column: column?.header ?? '', value: value.length > MAX_ISSUE_VALUE ? `${value.slice(0, MAX_ISSUE_VALUE)}…` : value, problem });
  };
  const col = (field: ImportField) => header.byField[field]?.[0];
  const raw = (field: ImportField) => {
    const c = col(field);
    return c ? (cells[c.index] ?? '') : '';
  };
  const text = (field: ImportField) => clean(raw(field));
  return {
    cells,
    header,
    issue,
    fail: (column, value, problem) => {
      issue(column, value, problem);
      return null;
    },
    col,
    raw,
    text,
    bounded: (field, max) => {
      const value = text(field);
      if (value.length <= max) return value;
      issue(col(field), value, 'too_long');
      return null;
    },
  };
}

/**
 * Validates one data row. Never throws: every problem becomes an issue on the row, and every
 * value that could be read is returned, so the import can match even a bad row against the
 * others (same ID number twice, households with a bad row). The fields are read in the order of
 * their issues in the report.
 *
 * @example
 * const row = validateImportRow(cells, 5, { header, directory, today: '2026-05-01' });
 * if (row.issues.length) console.log(row.issues); // [{ column: '身份证号', value: '370921********1234', problem: 'id_check_character' }]
 */
export function validateImportRow(cells: readonly string[], rowNo: number, ctx: RowContext): ImportRow {
  const issues: RowIssue[] = [];
  const r = rowCells(cells, ctx.header, issues);
  const householdNo = readHouseholdNo(r);
  const village = resolveVillage(r, ctx.directory);
  const name = readName(r);
  const relationship = readRelationship(r);
  const identity = readIdentity(r, ctx.today);
  const phones = readPhones(r);
  const hardship = readHardship(r, ctx.directory);
  const location = readLocation(r);
  const address = r.bounded('address', 200) ?? '';
  const notes = r.bounded('notes', 500) ?? '';
  checkExtraCells(r);
  return {
    rowNo,
    issues,
    householdNo,
    village,
    idNumber: identity.idNumber,
    name,
    gender: identity.gender,
    birthDate: identity.birthDate,
    relationship,
    address,
    notes,
    latitude: location.latitude,
    longitude: location.longitude,
    phones,
    hardship,
  };
}

/** 户编号. */
function readHouseholdNo(r: RowCells): string | null {
  const householdNo = numberText(r.raw('householdNo')).replace(/\s+/g, '');
  if (!householdNo) return r.fail(r.col('householdNo'), '', 'required_missing');
  if (SCIENTIFIC.test(householdNo)) return r.fail(r.col('householdNo'), householdNo, 'number_lost_digits');
  if (!HOUSEHOLD_NO.test(householdNo)) return r.fail(r.col('householdNo'), householdNo, 'household_no_invalid');
  return householdNo;
}

/** The row's village: by 村代码 (checked against a 村（社区） name beside it), or by name, inside 乡镇 when given. */
function resolveVillage(r: RowCells, directory: ImportDirectory): ImportVillage | null {
  const codeColumn = r.col('villageCode');
  const nameColumn = r.col('village');
  const townshipColumn = r.col('township');
  const code = numberText(r.raw('villageCode')).replace(/\s+/g, '');
  const villageName = r.text('village');
  const townshipName = r.text('township');
  if (code) {
    const village = /^\d{12}$/.test(code) ? directory.villageByCode(code) : undefined;
    if (!village) return r.fail(codeColumn, code, 'village_not_found');
    if (villageName && !directory.sameVillageName(villageName, village.name)) return r.fail(nameColumn, villageName, 'village_mismatch');
    if (!village.open) return r.fail(codeColumn, code, 'village_closed');
    return village;
  }
  if (!villageName) return r.fail(nameColumn ?? codeColumn, '', 'village_missing');
  const found = directory.villagesNamed(villageName, townshipName || undefined);
  if (!found.townshipFound) return r.fail(townshipColumn, townshipName, 'township_not_found');
  let candidates = found.villages;
  // Inside one township a merged village may share its name with the open one it became.
  if (townshipName && candidates.length > 1) candidates = candidates.filter((v) => v.open);
  if (candidates.length === 0) return r.fail(nameColumn, villageName, 'village_not_found');
  if (candidates.length > 1) return r.fail(nameColumn, villageName, 'village_ambiguous');
  if (!candidates[0]!.open) return r.fail(nameColumn, villageName, 'village_closed');
  return candidates[0]!;
}

/** 姓名. */
function readName(r: RowCells): string | null {
  const nameRaw = r.raw('name');
  const name = PLAIN.test(nameRaw) ? nameRaw : normalizeName(nameRaw);
  // Before normalising, which would turn U+200B and U+FEFF into spaces and hide them.
  if (hasInvisibleCharacters(nameRaw)) return r.fail(r.col('name'), showInvisible(nameRaw), 'name_invisible_character');
  if (!name) return r.fail(r.col('name'), '', 'required_missing');
  if (name.length > 50) return r.fail(r.col('name'), name, 'too_long');
  if (!NAME.test(name)) return r.fail(r.col('name'), name, 'name_invalid');
  return name;
}

/** 与户主关系. */
function readRelationship(r: RowCells): string | null {
  const relationship = r.bounded('relationship', 20);
  if (relationship === '') return r.fail(r.col('relationship'), '', 'required_missing');
  return relationship;
}

/** 身份证号, and the gender and birth date columns checked against it (the ID number's win). */
function readIdentity(r: RowCells, today: string): Pick<ImportRow, 'idNumber' | 'gender' | 'birthDate'> {
  const idRaw = numberText(r.raw('idNumber'));
  let id: ReturnType<typeof parseIdNumber> | null = null;
  if (!idRaw) r.issue(r.col('idNumber'), '', 'required_missing');
  else if (SCIENTIFIC.test(idRaw)) r.issue(r.col('idNumber'), maskIdForIssue(idRaw), 'number_lost_digits');
  else {
    id = parseIdNumber(/^\d{17}[\dXx]$/.test(idRaw) ? idRaw.toUpperCase() : normalizeDigits(idRaw), today);
    if (!id.ok) r.issue(r.col('idNumber'), maskIdForIssue(idRaw), id.problem);
    // The template's example row, left in: never a real person.
    else if (id.idNumber === TEMPLATE_EXAMPLE_ID_NUMBER) r.issue(r.col('idNumber'), maskIdForIssue(idRaw), 'template_example_row');
  }
  const genderText = r.text('gender');
  if (genderText) {
    const gender = parseGender(genderText);
    if (!gender) r.issue(r.col('gender'), genderText, 'gender_invalid');
    else if (id?.ok && gender !== id.gender) r.issue(r.col('gender'), genderText, 'gender_mismatch');
  }
  const birthText = r.text('birthDate');
  if (birthText) {
    const birth = parseLooseDate(birthText);
    if (!birth) r.issue(r.col('birthDate'), birthText, 'birth_date_invalid');
    else if (id?.ok && birth !== id.birthDate) r.issue(r.col('birthDate'), birthText, 'birth_date_mismatch');
  }
  return id?.ok ? { idNumber: id.idNumber, gender: id.gender, birthDate: id.birthDate } : { idNumber: null, gender: null, birthDate: null };
}

/** Phones, in any of the phone columns, each number once. */
function readPhones(r: RowCells): ImportRow['phones'] {
  const phones: ImportRow['phones'] = [];
  const seen = new Set<string>();
  for (const c of [...(r.header.byField.mobile ?? []), ...(r.header.byField.landline ?? [])]) {
    const parts = splitList(r.cells[c.index] ?? '');
    if (parts.length > MAX_PHONES_PER_CELL) {
      r.issue(c, maskPhoneForIssue(parts.join('、')), 'too_many_phones');
      continue;
    }
    for (const part of parts) {
      const value = numberText(part);
      if (SCIENTIFIC.test(value)) {
        r.issue(c, maskPhoneForIssue(value), 'number_lost_digits');
        continue;
      }
      const phone = parsePhone(value);
      if (!phone.ok) r.issue(c, maskPhoneForIssue(value), 'phone_format');
      else if (!seen.has(phone.phone)) {
        seen.add(phone.phone);
        phones.push({ phone: phone.phone, kind: phone.kind });
      }
    }
  }
  return phones;
}

/** 困难类别: names or codes, several per cell. */
function readHardship(r: RowCells, directory: ImportDirectory): string[] {
  const hardship: string[] = [];
  for (const token of splitList(r.text('hardship'))) {
    const code = directory.categoryCode(token);
    if (!code) r.issue(r.col('hardship'), token, 'hardship_unknown');
    else if (!hardship.includes(code)) hardship.push(code);
  }
  return hardship;
}

/** 经度 / 纬度: both or neither, inside China, and not swapped. */
function readLocation(r: RowCells): Pick<ImportRow, 'latitude' | 'longitude'> {
  const none = { latitude: null, longitude: null };
  const lngText = r.text('longitude');
  const latText = r.text('latitude');
  if (!lngText && !latText) return none;
  const lng = parseDegrees(lngText);
  const lat = parseDegrees(latText);
  if (!lngText || !latText) r.issue(r.col(lngText ? 'latitude' : 'longitude'), '', 'gps_incomplete');
  else if (lng === null) r.issue(r.col('longitude'), lngText, 'gps_invalid');
  else if (lat === null) r.issue(r.col('latitude'), latText, 'gps_invalid');
  else if (within(lng, LNG) && within(lat, LAT)) return { latitude: lat.toFixed(6), longitude: lng.toFixed(6) };
  else if (within(lat, LNG) && within(lng, LAT)) r.issue(r.col('longitude'), lngText, 'gps_swapped');
  else r.issue(within(lng, LNG) ? r.col('latitude') : r.col('longitude'), within(lng, LNG) ? latText : lngText, 'gps_out_of_range');
  return none;
}

/** Cells beyond the header's last column: one issue for the row. */
function checkExtraCells(r: RowCells) {
  for (let i = r.header.width; i < r.cells.length; i++) {
    const extra = clean(r.cells[i] ?? '');
    if (extra) {
      r.issue(undefined, extra, 'row_extra_cells');
      break;
    }
  }
}
