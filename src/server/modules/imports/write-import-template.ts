/**
 * The import template (导入模板): an XLSX a township clerk fills in and uploads as it is. The
 * header row names every column as the importer reads it; one example row (the national
 * standard's example ID number, refused if left in: template_example_row) shows the formats;
 * drop-down lists offer the admin's own open villages and townships, the active hardship
 * categories by their Chinese names, gender and common relationships. The number columns are
 * formatted as text, so Excel does not turn ID numbers into 1.1E+17. Names come from the
 * database (admins type them), so they go through safeCell.
 */
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, TEMPLATE_EXAMPLE_ID_NUMBER, type ImportField } from '../../../shared/registry/import-columns.ts';
import { localDate } from '../../../shared/time.ts';
import { inSubtree } from '../../scope/index.ts';
import { safeCell } from '../../export/safe-cell.ts';
import type { ReadContext } from '../../use-case-context.ts';

const FIELDS = Object.keys(IMPORT_COLUMNS) as ImportField[];
/** Rows below the header that get the drop-down lists. */
export const TEMPLATE_ROWS = 5_000;
const TEXT_COLUMNS: ImportField[] = ['villageCode', 'householdNo', 'idNumber', 'mobile', 'landline'];
const RELATIONSHIPS = ['户主', '配偶', '子', '女', '父亲', '母亲', '孙子', '孙女', '儿媳', '女婿', '兄弟姐妹', '其他'];
const LISTS_SHEET = '选项';

/** ExcelJS has range validations (`dataValidations.add('C2:C5001', …)`) but does not declare them. */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

const column = (field: ImportField) => FIELDS.indexOf(field) + 1;
const letter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/**
 * The template for `actor`'s region, as XLSX bytes.
 *
 * @example
 * const bytes = await writeImportTemplate({ db, actor });
 */
export async function writeImportTemplate({ db, actor }: ReadContext): Promise<Buffer> {
  const today = localDate();
  const regions = await db
    .selectFrom('region as v')
    .leftJoin('region as t', 't.id', 'v.parent_id')
    .select(['v.code', 'v.name', 'v.level', 't.name as township'])
    .where((eb) => inSubtree(eb.ref('v.path'), actor.regionPath))
    .where('v.level', 'in', ['township', 'village'])
    .where((eb) => eb.or([eb('v.closed_on', 'is', null), eb('v.closed_on', '>', today)]))
    .orderBy('v.code')
    .execute();
  const villages = regions.filter((r) => r.level === 'village');
  const townships = regions.filter((r) => r.level === 'township');
  const categories = await db.selectFrom('hardship_category').select(['name']).where('active', '=', true).orderBy('sort').orderBy('code').execute();

  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('户籍台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = FIELDS.map((f) => ({
    header: IMPORT_COLUMNS[f].aliases[0],
    key: f,
    width: f === 'address' ? 24 : f === 'idNumber' ? 21 : f === 'hardship' ? 18 : 13,
    ...(TEXT_COLUMNS.includes(f) ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  FIELDS.forEach((f, i) => {
    if (IMPORT_COLUMNS[f].required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFCF1322' } };
  });

  const first = villages[0];
  const example: Record<ImportField, string> = {
    township: first?.township ?? '',
    village: first?.name ?? '',
    villageCode: first?.code ?? '',
    householdNo: first ? `${first.code}0001` : '0001',
    address: first ? `${first.township ?? ''}${first.name}1号` : '',
    name: '张三',
    relationship: '户主',
    idNumber: TEMPLATE_EXAMPLE_ID_NUMBER,
    gender: '女',
    birthDate: '1949-12-31',
    mobile: '13800000000',
    landline: '',
    hardship: categories[0]?.name ?? '',
    longitude: '',
    latitude: '',
    notes: '示例行，导入前请删除 (example row: delete it before importing)',
  };
  const row = sheet.addRow(FIELDS.map((f) => safeCell(example[f])));
  row.font = { italic: true, color: { argb: 'FF8C8C8C' } };

  // The lists live on a sheet of their own: an inline list is limited to 255 characters.
  const lists = book.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const listColumns: [string, string[]][] = [
    ['村（社区）', [...new Set(villages.map((v) => v.name))]],
    ['乡镇', townships.map((t) => t.name)],
    ['困难类别', categories.map((c) => c.name)],
    ['性别', ['男', '女']],
    ['与户主关系', RELATIONSHIPS],
  ];
  listColumns.forEach(([title, values], i) => {
    lists.getCell(1, i + 1).value = title;
    values.forEach((v, j) => (lists.getCell(j + 2, i + 1).value = safeCell(v)));
  });
  const range = (i: number) => {
    const n = Math.max(1, listColumns[i]![1].length);
    return `'${LISTS_SHEET}'!$${letter(i + 1)}$2:$${letter(i + 1)}$${n + 1}`;
  };
  const validate = (field: ImportField, list: number, strict: boolean, prompt: string) => {
    const c = letter(column(field));
    (sheet as WithValidations).dataValidations.add(`${c}2:${c}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range(list)],
      showErrorMessage: true,
      // A stop for values that must come from the list; a warning where a cell may hold several (困难类别: 低保户、残疾人).
      errorStyle: strict ? 'stop' : 'warning',
      errorTitle: IMPORT_COLUMNS[field].aliases[0],
      error: prompt,
    });
  };
  if (villages.length) validate('village', 0, false, '请从列表中选择本辖区的村（社区），同名村请同时填写乡镇。');
  if (townships.length) validate('township', 1, true, '请从列表中选择本辖区的乡镇（街道）。');
  if (categories.length) validate('hardship', 2, false, '请从列表中选择困难类别；多个类别用顿号“、”分隔。');
  validate('gender', 3, true, '性别填写“男”或“女”。');
  validate('relationship', 4, false, '与户主关系，例如：户主、配偶、子、女。');
  return Buffer.from(await book.xlsx.writeBuffer());
}
