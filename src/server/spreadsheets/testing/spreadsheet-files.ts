/**
 * Fixture files for the import tests: CSV in any encoding, XLSX with a merged title row, built
 * in the test from rows of cells.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A CSV as Excel writes it (CRLF), with an optional title line above the header. */
export function csvFile(header: readonly string[], rows: readonly (readonly string[])[], o: { encoding?: CsvEncoding; title?: string } = {}): Buffer {
  const lines = [...(o.title ? [`${csvCell(o.title)}${','.repeat(header.length - 1)}`] : []), header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  const text = `${lines.join('\r\n')}\r\n`;
  if (o.encoding === 'gbk') return iconv.encode(text, 'gbk');
  const bytes = Buffer.from(text, 'utf8');
  return o.encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

/** An XLSX whose first sheet has a title merged across the columns, then the header, then the rows. */
export async function xlsxFile(header: readonly string[], rows: readonly (readonly (string | number | Date)[])[], o: { title?: string } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('户籍台账');
  sheet.addRow([o.title ?? '宁阳县堽城镇户籍台账（2026年）']);
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Bytes in chunks, as a file or upload stream delivers them. */
export async function* chunked(bytes: Buffer, size = 16 * 1024): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Digits as people type them on a Chinese keyboard in full-width mode. */
export const fullWidth = (text: string) => text.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
