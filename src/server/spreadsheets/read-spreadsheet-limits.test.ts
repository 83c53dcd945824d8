import { describe, expect, it } from 'vitest';
import { SPREADSHEET_LIMITS } from '../../shared/registry/spreadsheet-limits.ts';
import { endlessCsvLine, manyStringsSheet, sharedStringsBomb, xfdSheet } from './testing/hostile-spreadsheets.ts';
import { chunked, csvFile } from './testing/spreadsheet-files.ts';
import { openSpreadsheet, readSheetRows, SpreadsheetError, type ReadOptions } from './read-spreadsheet.ts';

const HEADER = ['户编号', '村代码', '姓名', '与户主关系', '身份证号'];
/** A refusal must come this fast (the probes ran for minutes); generous for a loaded CI machine. */
const REFUSED_WITHIN_MS = 15_000;
/** The event loop of the reading thread must never stall longer than this. */
const LAG_MS = 1_000;

/** Reads a whole file, returning the refusal, how long it took and the longest stall of this thread's event loop meanwhile. */
async function refusal(input: AsyncIterable<Buffer>, options: ReadOptions = {}) {
  let lag = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 20);
    last = now;
  }, 20);
  const started = performance.now();
  try {
    const sheet = await openSpreadsheet(input, options);
    for await (const _row of sheet.rows);
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error;
    return { code: error.code, status: error.status, limit: error.limit, issues: error.issues, ms: performance.now() - started, lag };
  } finally {
    clearInterval(timer);
  }
  throw new Error('the file was read to its end');
}

describe('reading limits (hostile spreadsheets)', () => {
  it('refuses the 5 MB XLSX whose shared strings expand to 5 GB, whether its zip tells the size or lies about it', async () => {
    for (const declared of ['truth', 'lie'] as const) {
      const bomb = sharedStringsBomb(declared);
      expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
      const r = await refusal(chunked(bomb, 64 * 1024));
      expect({ declared, code: r.code, status: r.status, limit: r.limit, issues: r.issues }).toEqual({
        declared,
        code: 'import_xlsx_part_too_large',
        status: 413,
        limit: { name: 'sharedStringsBytes', value: SPREADSHEET_LIMITS.sharedStringsBytes },
        issues: [{ path: 'part', message: 'xl/sharedStrings.xml' }],
      });
      expect(r.ms, declared).toBeLessThan(REFUSED_WITHIN_MS);
      expect(r.lag, declared).toBeLessThan(LAG_MS);
    }
  });

  it('refuses a sheet with a value at column XFD in 50,000 rows at its first such row', async () => {
    const sheet = xfdSheet(HEADER);
    expect(sheet.length).toBeLessThan(1024 * 1024);
    const r = await refusal(chunked(sheet));
    expect(r).toMatchObject({ code: 'import_row_too_wide', status: 422, limit: { name: 'columns', value: 1_000 }, issues: [{ path: 'row', message: '2' }] });
    expect(r.ms).toBeLessThan(REFUSED_WITHIN_MS);
    expect(r.lag).toBeLessThan(LAG_MS);
  });

  it('refuses a CSV line that never ends after reading little more than the limit', async () => {
    let bytes = 0;
    const r = await refusal(endlessCsvLine(HEADER.join(',')), { onBytes: (n) => (bytes = n) });
    expect(r).toMatchObject({ code: 'import_csv_record_too_long', status: 422, limit: { name: 'csvRecordChars', value: 256 * 1024 } });
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(r.ms).toBeLessThan(REFUSED_WITHIN_MS);
  });

  it('bounds cells, columns and rows of CSV files', async () => {
    const long = await refusal(chunked(csvFile(HEADER, [['G-1', '370921104201', '张'.repeat(40_000), '户主', '1']])));
    expect(long).toMatchObject({ code: 'import_cell_too_long', status: 422, limit: { name: 'cellChars', value: 32_767 }, issues: [{ path: 'cell', message: 'C2' }] });
    const wide = await refusal(chunked(csvFile(HEADER, [['G-1', ...Array.from({ length: 1_500 }, () => 'x')]])));
    expect(wide).toMatchObject({ code: 'import_row_too_wide', issues: [{ path: 'row', message: '2' }] });
    // Empty cells past the last value are not columns: Excel's CSV of a ragged range ends in commas.
    const { rows } = await readSheetRows(chunked(Buffer.from(`${HEADER.join(',')}\r\nG-1${','.repeat(5_000)}\r\n`)));
    const read = [];
    for await (const row of rows) read.push(row);
    expect(read[1]).toEqual({ rowNo: 2, cells: ['G-1'] });
    const blank = await refusal(chunked(Buffer.from(`${HEADER.join(',')}\r\n${'\r\n'.repeat(500)}`)), { limits: { rows: 100 } });
    expect(blank).toMatchObject({ code: 'import_sheet_too_many_rows', status: 422, limit: { name: 'rows', value: 100 } });
  });

  it('bounds XLSX files, their parts, their shared strings and their cells', async () => {
    const big = await refusal(chunked(manyStringsSheet(1_000)), { limits: { xlsxFileBytes: 1_000 } });
    expect(big).toMatchObject({ code: 'import_file_too_large', status: 413, limit: { name: 'xlsxFileBytes', value: 1_000 } });
    const many = await refusal(chunked(manyStringsSheet(5_000)), { limits: { sharedStrings: 4_000 } });
    expect(many).toMatchObject({ code: 'import_too_many_strings', status: 413, limit: { name: 'sharedStrings', value: 4_000 } });
    // One endless string is refused as it streams by, not once the parser has gathered it.
    const long = await refusal(chunked(sharedStringsBomb('lie', 0.1)), { limits: { sharedStringsBytes: 1024 ** 3 } });
    expect(long).toMatchObject({ code: 'import_cell_too_long', status: 422, limit: { name: 'cellChars', value: 32_767 } });
  });

  it('turns a parse that runs out of its heap into a 413, and reads the next file as before', async () => {
    // 4,000 strings of 32,000 letters: within every other limit, 128 MB of heap.
    const r = await refusal(chunked(manyStringsSheet(4_000, 32_000)), { limits: { parserMemoryMb: 64 } });
    expect(r).toMatchObject({ code: 'import_parse_out_of_memory', status: 413, limit: { name: 'parserMemoryMb', value: 64 } });
    expect(r.lag).toBeLessThan(LAG_MS);
    const sheet = await openSpreadsheet(chunked(csvFile(HEADER, [['G-1', '370921104201', '张三', '户主', '1']])));
    const rows = [];
    for await (const row of sheet.rows) rows.push(row.cells);
    expect(rows).toEqual([['G-1', '370921104201', '张三', '户主', '1']]);
  });
});
