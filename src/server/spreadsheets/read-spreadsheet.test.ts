import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cellText, detectDelimiter, openSpreadsheet, SpreadsheetError, type SheetRow } from './read-spreadsheet.ts';

/** The bytes in small chunks, as a network or file stream delivers them (and splitting multibyte characters). */
async function* chunks(bytes: Buffer, size = 7) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Buffer, size?: number) {
  const sheet = await openSpreadsheet(chunks(bytes, size));
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { ...sheet, rows };
}

async function problemOf(bytes: Buffer): Promise<{ code: string; issues: { path: string; message: string }[] }> {
  try {
    await readAll(bytes, 4096);
  } catch (error) {
    if (error instanceof SpreadsheetError) return { code: error.code, issues: error.issues };
    throw error;
  }
  return { code: 'none', issues: [] };
}

const TITLE = '宁阳县堽城镇户籍台账（2026年）';
const CSV = `${TITLE},,,,\r\n\r\n户编号,村代码,姓名,与户主关系,身份证号\r\nG-1,370921104201,张三,户主,370921198001011234\r\n\r\n"G-2",370921104201,"李""四,妹",配偶,"x\r\ny"\r\n`;
const ROWS = [
  { rowNo: 4, cells: ['G-1', '370921104201', '张三', '户主', '370921198001011234'] },
  { rowNo: 6, cells: ['G-2', '370921104201', '李"四,妹', '配偶', 'x\r\ny'] },
];

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void) {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('户籍台账'));
  book.addWorksheet('说明').addRow(['这一页不读']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading spreadsheets', () => {
  it('reads CSV in UTF-8, UTF-8 with BOM, GBK and UTF-16, skipping the title and blank rows', async () => {
    const variants: [string, Buffer][] = [
      ['utf-8', Buffer.from(CSV)],
      ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
      ['gbk', iconv.encode(CSV, 'gbk')],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(CSV, 'utf-16le')])],
    ];
    for (const [encoding, bytes] of variants) {
      // One-byte chunks split every multibyte character across two chunks.
      for (const size of [1, 7, 65536]) {
        const sheet = await readAll(bytes, size);
        expect({ encoding: sheet.encoding, headerRowNo: sheet.headerRowNo, rows: sheet.rows }, `${encoding} in ${size}-byte chunks`).toEqual({ encoding, headerRowNo: 3, rows: ROWS });
      }
    }
  });

  it('tells tabs and semicolons from commas', async () => {
    expect(detectDelimiter('户编号\t姓名\t身份证号\nG-1\t张三,李四\t1')).toBe('\t');
    expect(detectDelimiter('户编号;姓名;身份证号\nG-1;张三;1')).toBe(';');
    expect(detectDelimiter('户编号,地址\nG-1,"东街;1号"')).toBe(',');
    const sheet = await readAll(Buffer.from('户编号\t村代码\t姓名\t与户主关系\t身份证号\nG-1\t370921104201\t张三\t户主\t1\n'));
    expect(sheet.rows[0]!.cells).toEqual(['G-1', '370921104201', '张三', '户主', '1']);
  });

  it('reads the first sheet of an XLSX with a merged title row; dates as dates, long numbers as lost', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow([TITLE]);
      sheet.mergeCells('A1:F1');
      sheet.addRow(['户编号', '村代码', '姓名', '与户主关系', '身份证号', '出生日期']);
      sheet.addRow(['G-1', '370921104201', { richText: [{ text: '张' }, { text: '三' }] }, '户主', '370921198001011234', new Date(Date.UTC(1980, 0, 1))]);
      sheet.addRow([]);
      sheet.addRow(['G-2', 370921104201, '李四', { formula: '"配"&"偶"', result: '配偶' }, Number('370921198001011234'), '1980/1/1']);
    });
    const sheet = await readAll(bytes, 1000);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.headerRowNo).toBe(2);
    expect(sheet.rows).toEqual([
      { rowNo: 3, cells: ['G-1', '370921104201', '张三', '户主', '370921198001011234', '1980-01-01'] },
      // An 18-digit number is beyond a double's precision: it comes out in scientific notation, which validation refuses.
      { rowNo: 5, cells: ['G-2', '370921104201', '李四', '配偶', '3.7092119800101126e+17', '1980/1/1'] },
    ]);
    expect(cellText(35.77)).toBe('35.77');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
  });

  it('refuses files it cannot import, with a file-level problem', async () => {
    const header = '户编号,村代码,姓名,与户主关系,身份证号\r\n';
    const row = 'G-1,370921104201,张三,户主,370921198001011234\r\n';
    const good = await xlsx((sheet) => {
      sheet.addRow(header.trim().split(','));
      for (let i = 0; i < 2000; i++) sheet.addRow(row.trim().split(','));
    });
    const cases: [string, Buffer, string][] = [
      ['empty', Buffer.alloc(0), 'import_file_empty'],
      ['blank lines', Buffer.from('\r\n \r\n,,,\r\n'), 'import_file_empty'],
      ['a BOM only', Buffer.from([0xef, 0xbb, 0xbf]), 'import_file_empty'],
      ['binary garbage', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x00, 0x41, 0x42]), 'import_file_unreadable'],
      ['old .xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]), 'import_file_xls'],
      ['UTF-16 without BOM', iconv.encode(header + row, 'utf-16le'), 'import_file_encoding'],
      ['Latin-1', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x0d, 0x0a]), 'import_file_encoding'],
      ['invalid UTF-8 after the sample', Buffer.concat([Buffer.from(header + row.repeat(2000)), iconv.encode('G-2,370921104201,李四,户主,1\r\n', 'gbk')]), 'import_file_encoding'],
      ['UTF-8 cut inside a character', Buffer.from(header + row + 'G-2,370921104201,李').subarray(0, -1), 'import_file_truncated'],
      ['a quote never closed', Buffer.from(`${header}${row}G-2,"370921104201,李四\r\n`), 'import_file_truncated'],
      ['no header', Buffer.from('甲,乙,丙\r\n1,2,3\r\n'), 'import_header_missing'],
      ['header without the ID column', Buffer.from('户编号,村代码,姓名,与户主关系\r\nG-1,370921104201,张三,户主\r\n'), 'import_header_missing'],
      ['too many columns', Buffer.from(`${header.trim()},${Array.from({ length: 300 }, (_, i) => `列${i}`).join(',')}\r\n${row}`), 'import_too_many_columns'],
      ['a cut XLSX', good.subarray(0, Math.floor(good.length / 2)), 'import_file_unreadable'],
      ['a zip that is not a workbook', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'import_file_unreadable'],
    ];
    for (const [label, bytes, code] of cases) expect((await problemOf(bytes)).code, label).toBe(code);
    expect((await problemOf(Buffer.from('户编号,村代码,姓名,与户主关系\r\nG-1,1,张三,户主\r\n'))).issues).toEqual([{ path: 'header', message: '身份证号 (id number)' }]);
  });
});
