/**
 * Writes generated registry rows as an import file: CSV (UTF-8 with BOM, plain UTF-8, or GBK as
 * Excel on Chinese Windows saves it) or XLSX with a merged title row above the header, the way
 * county offices lay out their sheets. Streams: memory does not grow with the row count.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { IMPORT_COLUMNS, type ImportField } from '../../../shared/registry/import-columns.ts';
import type { GeneratedRow } from './generate-households.ts';

export type HouseholdFileFormat = 'csv' | 'xlsx';
export type CsvEncoding = 'utf8-bom' | 'utf8' | 'gbk';

const FIELDS = Object.keys(IMPORT_COLUMNS) as ImportField[];
const HEADERS = FIELDS.map((f) => IMPORT_COLUMNS[f].aliases[0]);

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export interface WriteHouseholdFileOptions {
  path: string;
  format: HouseholdFileFormat;
  encoding?: CsvEncoding;
  title?: string;
  onRow?: (count: number) => void;
}

/** @example await writeHouseholdFile(generateHouseholds({ households: 100 }), { path: 'demo.csv', format: 'csv' }); */
export async function writeHouseholdFile(rows: Iterable<GeneratedRow>, o: WriteHouseholdFileOptions): Promise<number> {
  let count = 0;
  if (o.format === 'xlsx') {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: o.path, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('户籍台账');
    const title = sheet.addRow([o.title ?? '宁阳县户籍台账（演示数据）']);
    sheet.mergeCells(1, 1, 1, HEADERS.length);
    title.commit();
    sheet.addRow(HEADERS).commit();
    for (const row of rows) {
      sheet.addRow(FIELDS.map((f) => row[f])).commit();
      if (++count % 10_000 === 0) o.onRow?.(count);
    }
    await workbook.commit();
    o.onRow?.(count);
    return count;
  }
  const out = fs.createWriteStream(o.path);
  const encoding = o.encoding ?? 'utf8-bom';
  const encode = (text: string) => (encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
  if (encoding === 'utf8-bom') out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  out.write(encode(`${HEADERS.join(',')}\r\n`));
  let chunk = '';
  for (const row of rows) {
    chunk += `${FIELDS.map((f) => csvCell(row[f])).join(',')}\r\n`;
    if (++count % 2000 === 0) {
      if (!out.write(encode(chunk))) await once(out, 'drain');
      chunk = '';
      o.onRow?.(count);
    }
  }
  out.write(encode(chunk));
  out.end();
  await once(out, 'finish');
  o.onRow?.(count);
  return count;
}
