/**
 * Streams the rows of an uploaded registry spreadsheet, whatever Excel made of it: XLSX (first
 * sheet), or CSV in UTF-8, UTF-8 with BOM, GBK (Excel on Chinese Windows) or UTF-16 with BOM.
 * Finds the header under title rows. Holds at most one sample of the file and one row at a time
 * (plus, for XLSX, the workbook's shared-strings table, which the format keeps in one part).
 */
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { TProblemCode } from '../../../shared/problem.ts';
import { findHeaderRow, HEADER_SEARCH_ROWS, isBlankRow, readHeader, type ImportHeader } from '../../../shared/registry/import-row.ts';
import type { ProblemIssue } from '../../http/errors.ts';

/** A file-level problem: the file as a whole cannot be imported. */
export class SpreadsheetError extends Error {
  constructor(
    readonly code: TProblemCode,
    readonly issues: ProblemIssue[] = [],
  ) {
    super(code);
    this.name = 'SpreadsheetError';
  }
}

export interface SheetRow {
  /** As the spreadsheet numbers it (1-based, title and blank rows included). */
  rowNo: number;
  cells: string[];
}

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'utf-16le' | 'utf-16be';

export interface OpenedSheet {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  headerRowNo: number;
  header: ImportHeader;
  /** The data rows under the header; blank rows are skipped. */
  rows: AsyncGenerator<SheetRow>;
  /** Stops reading (and releases the input) when the rows are not read to the end. */
  close(): Promise<void>;
}

/** Enough to decide the format and encoding and to hold the header of any sane sheet. */
const SAMPLE_BYTES = 64 * 1024;
/** A CSV record longer than this is not a registry row (a binary file, or a quote never closed). */
const MAX_CSV_RECORD = 256 * 1024;

/**
 * Opens a spreadsheet from a stream of bytes: detects the format and encoding, reads up to the
 * header and checks it. Throws a SpreadsheetError for a file that cannot be imported at all.
 *
 * @example
 * const sheet = await openSpreadsheet(fs.createReadStream('户籍台账.csv'));
 * for await (const row of sheet.rows) console.log(row.rowNo, row.cells);
 */
export async function openSpreadsheet(input: AsyncIterable<Buffer | Uint8Array>, options: { onBytes?: (bytesRead: number) => void } = {}): Promise<OpenedSheet> {
  const { format, encoding, rows: raw } = await readSheetRows(input, options);
  try {
    const before: SheetRow[] = [];
    while (before.length < HEADER_SEARCH_ROWS) {
      const next = await raw.next();
      if (next.done) break;
      before.push(next.value);
    }
    if (before.every((r) => isBlankRow(r.cells))) throw new SpreadsheetError('import_file_empty');
    const at = findHeaderRow(before.map((r) => r.cells));
    const headerRow = before[at];
    if (!headerRow) throw new SpreadsheetError('import_header_missing', requiredColumnsIssues());
    const checked = readHeader(headerRow.cells);
    if (!checked.ok) {
      if (checked.problem === 'too_many_columns') throw new SpreadsheetError('import_too_many_columns', [{ path: 'header', message: String(checked.width) }]);
      if (checked.problem === 'duplicate') throw new SpreadsheetError('import_header_duplicate', checked.duplicates.map((h) => ({ path: 'header', message: h })));
      throw new SpreadsheetError('import_header_missing', checked.missing.map((m) => ({ path: 'header', message: m })));
    }
    const buffered = before.slice(at + 1);
    async function* rows(): AsyncGenerator<SheetRow> {
      for (const row of buffered) if (!isBlankRow(row.cells)) yield row;
      buffered.length = 0;
      for await (const row of { [Symbol.asyncIterator]: () => raw }) if (!isBlankRow(row.cells)) yield row;
    }
    return { format, encoding, headerRowNo: headerRow.rowNo, header: checked.header, rows: rows(), close: async () => void (await raw.return(undefined)) };
  } catch (error) {
    await raw.return(undefined).catch(() => {});
    throw error;
  }
}

/**
 * Every row of a spreadsheet, title and header rows included, with the format and encoding
 * detected as for the registry: for files with their own header (e.g. a survey's list of
 * numbers). Throws a SpreadsheetError for a file that cannot be read at all.
 *
 * @example
 * const { rows } = await readSheetRows(fs.createReadStream('号码名单.csv'));
 * for await (const row of rows) console.log(row.rowNo, row.cells);
 */
export async function readSheetRows(
  input: AsyncIterable<Buffer | Uint8Array>,
  options: { onBytes?: (bytesRead: number) => void } = {},
): Promise<{ format: OpenedSheet['format']; encoding: TextEncoding | null; rows: AsyncGenerator<SheetRow> }> {
  const source = counted(input, options.onBytes);
  const { head, rest, ended } = await peek(source, SAMPLE_BYTES);
  if (head.length === 0) throw new SpreadsheetError('import_file_empty');
  const all = () => concat(head, rest);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { format: 'xlsx', encoding: null, rows: xlsxRows(all()) };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) throw new SpreadsheetError('import_file_xls');
  const encoding = detectEncoding(head, ended);
  return { format: 'csv', encoding, rows: csvRows(decode(all(), encoding), detectDelimiter(sampleText(head, encoding))) };
}

/** The required columns, for a sheet where no header was found at all. */
function requiredColumnsIssues(): ProblemIssue[] {
  const result = readHeader([]);
  return result.ok || result.problem !== 'missing' ? [] : result.missing.map((m) => ({ path: 'header', message: m }));
}

// ---------------------------------------------------------------------------------------------
// Bytes

async function* counted(input: AsyncIterable<Buffer | Uint8Array>, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += buffer.length;
    onBytes?.(total);
    yield buffer;
  }
}

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

const CSV_ERRORS: Record<string, TProblemCode> = {
  CSV_QUOTE_NOT_CLOSED: 'import_file_truncated',
  CSV_MAX_RECORD_SIZE: 'import_csv_malformed',
};

async function* csvRows(text: AsyncGenerator<string>, delimiter: string): AsyncGenerator<SheetRow> {
  const parser = parseCsv({
    delimiter,
    relax_column_count: true,
    // Stray quotes inside unquoted cells (张"三") are kept as text; an opening quote still must close.
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD,
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
    const problem = CSV_ERRORS[code ?? ''] ?? 'import_csv_malformed';
    throw new SpreadsheetError(problem, problem === 'import_csv_malformed' && lines ? [{ path: 'line', message: String(lines) }] : []);
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

async function* xlsxRows(bytes: AsyncGenerator<Buffer>): AsyncGenerator<SheetRow> {
  const input = Readable.from(bytes, { objectMode: false });
  // Styles are needed to tell dates from numbers; hyperlinks only cost memory.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { rowNo: row.number, cells };
      }
      // The first worksheet is the registry; the others (notes, dictionaries) are not read.
      break;
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('import_file_unreadable');
  } finally {
    input.destroy();
  }
  if (!sheets) throw new SpreadsheetError('import_file_unreadable');
}
