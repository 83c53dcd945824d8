/**
 * The parsing behind read-spreadsheet.ts, run inside the spreadsheet worker thread: format and
 * encoding detection, CSV and XLSX, each bounded by SPREADSHEET_LIMITS. Bytes come in as an
 * async iterable (the worker pulls them from the server's thread); rows go out one at a time.
 */
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import { SPREADSHEET_LIMITS, type SpreadsheetLimitName } from '../../shared/registry/spreadsheet-limits.ts';
import { HEADER_SEARCH_ROWS } from '../../shared/registry/import-header.ts';
import type { TProblemCode } from '../../shared/problem.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';
import { inflatePart, measurePart, readZipDirectory, type ZipPart } from './xlsx-zip.ts';

export interface SheetRow {
  /** As the spreadsheet numbers it (1-based, title and blank rows included). */
  rowNo: number;
  cells: string[];
}

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'utf-16le' | 'utf-16be';
export type SheetFormat = 'csv' | 'xlsx';
export type SpreadsheetLimits = { [K in SpreadsheetLimitName]: number };

/** Enough to decide the format and encoding and to hold the header of any sane sheet. */
const SAMPLE_BYTES = 64 * 1024;

const broke = (code: TProblemCode, name: SpreadsheetLimitName, limits: SpreadsheetLimits, issues: { path: string; message: string }[] = []) =>
  new SpreadsheetError(code, issues, { name, value: limits[name] });

/**
 * Every row of a spreadsheet, with its format and encoding. Throws a SpreadsheetError for a
 * file that cannot be read at all or breaks a limit. `alive` is called now and then while work
 * goes on without a row to show for it (a large shared-strings table).
 *
 * @example
 * const { rows } = await parseSheetRows(fs.createReadStream('号码名单.csv'));
 * for await (const row of rows) console.log(row.rowNo, row.cells);
 */
export async function parseSheetRows(
  input: AsyncIterable<Buffer>,
  limits: SpreadsheetLimits = SPREADSHEET_LIMITS,
  alive: () => void = () => {},
): Promise<{ format: SheetFormat; encoding: TextEncoding | null; rows: AsyncGenerator<SheetRow> }> {
  const source = (async function* () {
    yield* input;
  })();
  const { head, rest, ended } = await peek(source, SAMPLE_BYTES);
  if (head.length === 0) throw new SpreadsheetError('import_file_empty');
  const all = () => concat(head, rest);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { format: 'xlsx', encoding: null, rows: bounded(xlsxRows(all(), limits, alive), limits) };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) throw new SpreadsheetError('import_file_xls');
  const encoding = detectEncoding(head, ended);
  return { format: 'csv', encoding, rows: bounded(csvRows(decode(all(), encoding), detectDelimiter(sampleText(head, encoding)), limits), limits) };
}

/** The limits every row is held to, whatever the format: rows, columns with a value, cell length. */
async function* bounded(rows: AsyncGenerator<SheetRow>, limits: SpreadsheetLimits): AsyncGenerator<SheetRow> {
  let count = 0;
  for await (const row of rows) {
    if (++count > limits.rows) throw broke('import_sheet_too_many_rows', 'rows', limits);
    let { cells } = row;
    if (cells.length > limits.columns) {
      // Empty cells past the last value (a CSV line of commas, a styled but empty cell far right) are dropped.
      let last = cells.length;
      while (last > 0 && cells[last - 1] === '') last--;
      if (last > limits.columns) throw broke('import_row_too_wide', 'columns', limits, [{ path: 'row', message: String(row.rowNo) }]);
      cells = cells.slice(0, last);
    }
    for (let i = 0; i < cells.length; i++) {
      if (cells[i]!.length > limits.cellChars) throw broke('import_cell_too_long', 'cellChars', limits, [{ path: 'cell', message: cellAddress(row.rowNo, i + 1) }]);
    }
    yield cells === row.cells ? row : { rowNo: row.rowNo, cells };
  }
}

/**
 * A cell's address as Excel shows it.
 *
 * @example
 * cellAddress(5, 16384); // 'XFD5'
 */
export function cellAddress(rowNo: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${rowNo}`;
}

// ---------------------------------------------------------------------------------------------
// Bytes

/** The first `size` bytes (or all, if fewer), and the rest of the stream after them. */
async function peek(source: AsyncGenerator<Buffer>, size: number): Promise<{ head: Buffer; rest: AsyncGenerator<Buffer>; ended: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(chunks), rest: source, ended };
}

async function* concat(head: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length) yield head;
  yield* rest;
}

const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((b, i) => buffer[i] === b);

// ---------------------------------------------------------------------------------------------
// Text encodings

/**
 * BOM first; else a strict UTF-8 decode of the sample (a character cut at the sample's end is
 * not an error); else GBK (as GB18030, its superset) if the sample decodes without replacement
 * characters or control codes. Anything else is refused rather than imported as mojibake.
 *
 * @example
 * detectEncoding(iconv.encode('户编号,姓名', 'gbk'), true); // 'gbk'
 */
export function detectEncoding(sample: Buffer, wholeFile: boolean): TextEncoding {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  if (startsWith(sample, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(sample, [0xfe, 0xff])) return 'utf-16be';
  const nuls = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  // UTF-16 without a BOM (every other byte zero for Latin text) is a wrong encoding, other NULs a binary file.
  if (nuls > sample.length / 4) throw new SpreadsheetError('import_file_encoding');
  if (nuls > 0) throw new SpreadsheetError('import_file_unreadable');
  try {
    // stream: a character cut at the end is not an error here (for a whole file, decoding reports it as truncated).
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    // not UTF-8: try GBK below
  }
  // A GB18030 character has up to 4 bytes: leave a possibly cut one at the sample's end out.
  const text = iconv.decode(wholeFile ? sample : sample.subarray(0, Math.max(0, sample.length - 4)), 'gb18030');
  if (text.includes('\uFFFD') || hasControlCharacters(text)) throw new SpreadsheetError('import_file_encoding');
  return 'gbk';
}

/** C0 controls other than tab, line feed and carriage return, and DEL: not in any text a person typed. */
function hasControlCharacters(text: string) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

function sampleText(sample: Buffer, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return new TextDecoder('utf-8').decode(sample);
    case 'gbk':
      return iconv.decode(sample, 'gb18030');
    default:
      return iconv.decode(sample, encoding);
  }
}

/** Decodes a byte stream; invalid bytes in the middle, or a character cut at the end, are file-level problems. */
async function* decode(bytes: AsyncGenerator<Buffer>, encoding: TextEncoding): AsyncGenerator<string> {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    // ignoreBOM: false means the BOM is consumed, not returned.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let offset = 0;
    for await (const chunk of bytes) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new SpreadsheetError('import_file_encoding', [{ path: 'byte', message: `~${offset}` }]);
      }
      offset += chunk.length;
      if (text) yield text;
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new SpreadsheetError('import_file_truncated');
    }
    if (tail) yield tail;
    return;
  }
  const decoder = iconv.getDecoder(encoding === 'gbk' ? 'gb18030' : encoding, { stripBOM: true });
  for await (const chunk of bytes) {
    const text = decoder.write(chunk);
    if (text.includes('\uFFFD')) throw new SpreadsheetError('import_file_encoding');
    if (text) yield text;
  }
  const tail = decoder.end() ?? '';
  if (tail.includes('\uFFFD')) throw new SpreadsheetError('import_file_truncated');
  if (tail) yield tail;
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * Comma unless the sample's lines are clearly separated by tabs or semicolons.
 *
 * @example
 * detectDelimiter('户编号\t姓名\nG-1\t张三'); // '\t'
 */
export function detectDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).slice(0, HEADER_SEARCH_ROWS + 5);
  const count = (d: string) => lines.reduce((n, line) => n + line.split(d).length - 1, 0);
  const [comma, tab, semicolon] = [count(','), count('\t'), count(';')];
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

async function* csvRows(text: AsyncGenerator<string>, delimiter: string, limits: SpreadsheetLimits): AsyncGenerator<SheetRow> {
  const parser = parseCsv({
    delimiter,
    relax_column_count: true,
    // Stray quotes inside unquoted cells (张"三") are kept as text; an opening quote still must close.
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: limits.csvRecordChars,
  });
  const input = Readable.from(text, { objectMode: false });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      yield { rowNo, cells: record };
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    const { code, lines } = error as { code?: string; lines?: number };
    // A quote opened and never closed runs to the end of the file: most often a file cut short.
    if (code === 'CSV_QUOTE_NOT_CLOSED') throw new SpreadsheetError('import_file_truncated');
    const at = lines ? [{ path: 'line', message: String(lines) }] : [];
    if (code === 'CSV_MAX_RECORD_SIZE') throw broke('import_csv_record_too_long', 'csvRecordChars', limits, at);
    throw new SpreadsheetError('import_csv_malformed', at);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX

/**
 * A cell as text: numbers Excel could not hold exactly come out in scientific notation (and are
 * refused where digits matter); dates as YYYY-MM-DD.
 *
 * @example
 * cellText(370921198001011234); // '3.7092119800101126e+17'
 * cellText(new Date(Date.UTC(1980, 0, 1))); // '1980-01-01'
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value) ? value.toExponential() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

/** What this module uses of ExcelJS's streaming workbook reader: its part parsers, fed with parts we inflated ourselves. */
interface WorkbookParts {
  options: Record<string, unknown>;
  sharedStrings?: unknown[];
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: SheetReader }>;
}
interface SheetReader extends AsyncIterable<{ number: number; values: unknown[] }> {
  getColumn(c: number | string): unknown;
}

/** Excel's last column, XFD: a cell address beyond it is not a spreadsheet's. */
const XLSX_LAST_COLUMN = 16_384;
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

async function* xlsxRows(bytes: AsyncGenerator<Buffer>, limits: SpreadsheetLimits, alive: () => void): AsyncGenerator<SheetRow> {
  const file = await whole(bytes, limits);
  let reader: WorkbookParts;
  let parts: Map<string, ZipPart>;
  let sheetPart: ZipPart;
  try {
    parts = readZipDirectory(file, limits.xlsxParts);
    // Loaded for an XLSX only (about 20 MB of heap a CSV never needs; the server's thread re-exports this module's helpers).
    const { default: ExcelJS } = await import('exceljs');
    reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
      sharedStrings: 'emit',
      // Styles are needed to tell dates from numbers; hyperlinks only cost memory.
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as WorkbookParts;
    const other = { name: 'otherPartBytes', value: limits.otherPartBytes };
    const small = (name: string) => {
      const part = parts.get(name);
      return part ? Readable.from(utf8(inflatePart(file, part, other))) : null;
    };
    const rels = small('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const book = small('xl/workbook.xml');
    if (book) await reader._parseWorkbook(book);
    sheetPart = firstSheet(parts, reader) ?? (() => {
      throw new SpreadsheetError('import_file_unreadable');
    })();
    // Every part about to be read, measured first by inflating it to the end: a bomb is refused in
    // the time it takes zlib to reach the limit, before any XML of it is parsed.
    const strings = parts.get('xl/sharedStrings.xml');
    const toMeasure: [ZipPart | undefined, { name: SpreadsheetLimitName; value: number }][] = [
      [parts.get('xl/styles.xml'), other as { name: SpreadsheetLimitName; value: number }],
      [strings, { name: 'sharedStringsBytes', value: limits.sharedStringsBytes }],
      [sheetPart, { name: 'worksheetBytes', value: limits.worksheetBytes }],
    ];
    // What the directory declares is checked for all of them first (measurePart refuses at once).
    for (const [part, limit] of toMeasure) if (part && part.declaredSize > limit.value) await measurePart(file, part, limit);
    for (const [part, limit] of toMeasure) if (part) await measurePart(file, part, limit);
    const styles = small('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const table: unknown[] = [];
    if (strings) {
      const xml = Readable.from(tokensBounded(utf8(inflatePart(file, strings, { name: 'sharedStringsBytes', value: limits.sharedStringsBytes })), limits));
      for await (const { text } of reader._parseSharedStrings(xml)) {
        if (table.length >= limits.sharedStrings) throw broke('import_too_many_strings', 'sharedStrings', limits);
        if (cellText(text).length > limits.cellChars) throw broke('import_cell_too_long', 'cellChars', limits, [{ path: 'sharedString', message: String(table.length) }]);
        table.push(text);
        if (table.length % 10_000 === 0) alive();
      }
    }
    reader.sharedStrings = table;
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('import_file_unreadable');
  }

  const sheetNo = /(\d+)\.xml$/.exec(sheetPart.name)?.[1] ?? '1';
  const xml = tokensBounded(utf8(inflatePart(file, sheetPart, { name: 'worksheetBytes', value: limits.worksheetBytes })), limits);
  try {
    const sheet = [...reader._parseWorksheet(xml, sheetNo)][0]?.value;
    if (!sheet) throw new SpreadsheetError('import_file_unreadable');
    // ExcelJS makes a column object for every column up to a cell's: refuse an address past XFD before it does.
    const getColumn = sheet.getColumn.bind(sheet);
    sheet.getColumn = (c) => {
      if (typeof c === 'number' && !(c <= XLSX_LAST_COLUMN)) throw new SpreadsheetError('import_file_unreadable', [{ path: 'column', message: String(c) }]);
      return getColumn(c);
    };
    for await (const row of sheet) {
      const values = row.values;
      // Checked before the cells are listed: a value at column XFD would make 16,384 of them.
      if (values.length - 1 > limits.columns) throw broke('import_row_too_wide', 'columns', limits, [{ path: 'row', message: String(row.number) }]);
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { rowNo: row.number, cells };
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('import_file_unreadable');
  }
}

/** The whole XLSX (its directory is at its end), up to the limit. */
async function whole(bytes: AsyncGenerator<Buffer>, limits: SpreadsheetLimits): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of bytes) {
    length += chunk.length;
    if (length > limits.xlsxFileBytes) throw broke('import_file_too_large', 'xlsxFileBytes', limits);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/** The workbook's first sheet (its first tab), else the first worksheet part in the file. */
function firstSheet(parts: Map<string, ZipPart>, reader: WorkbookParts): ZipPart | undefined {
  const first = reader.model?.sheets?.[0];
  const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target;
  if (target) {
    const name = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const part = parts.get(name);
    if (part && WORKSHEET.test(name)) return part;
  }
  return [...parts.values()].find((p) => WORKSHEET.test(p.name));
}

/** UTF-8 text from bytes, characters cut between chunks joined again. */
async function* utf8(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * XML text with no run between two angle brackets longer than a cell may be (as XML: up to six
 * characters per character, `&quot;`): one endless string is refused as it streams by, before
 * the parser gathers it into memory.
 */
async function* tokensBounded(text: AsyncIterable<string>, limits: SpreadsheetLimits): AsyncGenerator<string> {
  const max = limits.cellChars * 6;
  let run = 0;
  for await (const chunk of text) {
    // The next '<' and '>' are each searched for once per bracket passed, not once per step.
    let lt = chunk.indexOf('<');
    let gt = chunk.indexOf('>');
    let from = 0;
    for (;;) {
      const next = lt < 0 ? gt : gt < 0 ? lt : Math.min(lt, gt);
      if (next < 0) {
        run += chunk.length - from;
        break;
      }
      run += next - from;
      if (run > max) break;
      run = 0;
      from = next + 1;
      if (next === lt) lt = chunk.indexOf('<', from);
      else gt = chunk.indexOf('>', from);
    }
    if (run > max) throw broke('import_cell_too_long', 'cellChars', limits);
    yield chunk;
  }
}
