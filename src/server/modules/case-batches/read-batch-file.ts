/**
 * Reading a 12345 batch file into rows of named cells: XLSX or CSV (UTF-8 or GBK, read by the
 * spreadsheet worker with its limits) with the header found under any title rows, or JSON (an
 * array of objects keyed by the English names or the Chinese headers). File-level problems throw
 * a SpreadsheetError (or 422 case_batch_json_invalid).
 */
import crypto from 'node:crypto';
import { CASE_BATCH_COLUMNS, CASE_BATCH_FIELDS, MAX_CASE_BATCH_ROWS, ZCaseBatchJson, type CaseBatchField } from '../../../shared/cases/case-batch-schemas.ts';
import { headerKey } from '../../../shared/registry/import-columns.ts';
import { isBlankRow } from '../../../shared/registry/import-cells.ts';
import { HEADER_SEARCH_ROWS } from '../../../shared/registry/import-header.ts';
import { AppError } from '../../http/errors.ts';
import { readSheetRows, SpreadsheetError } from '../../spreadsheets/index.ts';
import type { BatchRowValues } from './parse-batch-row.ts';

const ALIAS_FIELD = new Map<string, CaseBatchField>();
for (const field of CASE_BATCH_FIELDS) for (const alias of CASE_BATCH_COLUMNS[field].aliases) ALIAS_FIELD.set(headerKey(alias), field);

export interface BatchRow {
  /** The sheet's row number (title rows counted), or the JSON item's position from 1. */
  rowNo: number;
  values: BatchRowValues;
}

export interface BatchFile {
  /** SHA-256 of the file's bytes: the same file twice is the same batch. */
  digest: string;
  rows: BatchRow[];
}

/** The header's columns by field, or what is missing. */
function mapHeader(cells: readonly string[]): { ok: true; columns: Map<CaseBatchField, number> } | { ok: false; missing: string[] } {
  const columns = new Map<CaseBatchField, number>();
  cells.forEach((c, i) => {
    const field = ALIAS_FIELD.get(headerKey(c ?? ''));
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const missing: string[] = [];
  if (!columns.has('externalRef')) missing.push('工单编号 (externalRef)');
  if (!columns.has('category')) missing.push('诉求分类 (category)');
  if (!columns.has('description') && !columns.has('title')) missing.push('诉求内容 | 标题 (description | title)');
  if (!columns.has('region') && !columns.has('township') && !columns.has('village')) missing.push('所属乡镇/村 (region)');
  return missing.length ? { ok: false, missing } : { ok: true, columns };
}

async function collect(input: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

/**
 * The batch's rows and the file's digest. `json` says the body was sent as application/json.
 *
 * @example
 * const { digest, rows } = await readBatchFile(upload.open(), { json: false });
 * rows[0]; // { rowNo: 3, values: { externalRef: 'SD-0001', category: '道路与路灯', … } }
 */
export async function readBatchFile(input: AsyncIterable<Buffer | Uint8Array>, { json }: { json: boolean }): Promise<BatchFile> {
  // Batches are small (at most MAX_CASE_BATCH_BYTES, bounded by the route): read once for the digest.
  const bytes = await collect(input);
  const digest = crypto.createHash('sha256').update(bytes).digest('hex');
  return { digest, rows: json ? readJson(bytes) : await readSheet(bytes) };
}

function readJson(bytes: Buffer): BatchRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError(422, 'case_batch_json_invalid', { issues: [{ path: 'body', message: 'not valid JSON' }] });
  }
  const checked = ZCaseBatchJson.safeParse(parsed);
  if (!checked.success) {
    throw new AppError(422, 'case_batch_json_invalid', { issues: checked.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || 'body', message: i.message })) });
  }
  const keys = new Set(checked.data.flatMap((o) => Object.keys(o)));
  const header = mapHeader([...keys]);
  if (!header.ok) throw new SpreadsheetError('import_header_missing', header.missing.map((m) => ({ path: 'header', message: m })));
  return checked.data.map((item, i) => {
    const values: BatchRowValues = {};
    for (const [key, value] of Object.entries(item)) {
      const field = ALIAS_FIELD.get(headerKey(key));
      if (!field || value === null || values[field] !== undefined) continue;
      values[field] = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
    }
    return { rowNo: i + 1, values };
  });
}

async function readSheet(bytes: Buffer): Promise<BatchRow[]> {
  const sheet = await readSheetRows(once(bytes));
  const rows = sheet.rows;
  try {
    let columns: Map<CaseBatchField, number> | null = null;
    let best: string[] = [];
    let seen = 0;
    let allBlank = true;
    while (seen < HEADER_SEARCH_ROWS && columns === null) {
      const next = await rows.next();
      if (next.done) break;
      seen++;
      if (!isBlankRow(next.value.cells)) allBlank = false;
      const header = mapHeader(next.value.cells);
      if (header.ok) columns = header.columns;
      else if (next.value.cells.some((c) => ALIAS_FIELD.has(headerKey(c ?? '')))) best = header.missing;
    }
    if (allBlank) throw new SpreadsheetError('import_file_empty');
    if (columns === null) {
      const missing = best.length ? best : (mapHeader([]) as { missing: string[] }).missing;
      throw new SpreadsheetError('import_header_missing', missing.map((m) => ({ path: 'header', message: m })));
    }
    const out: BatchRow[] = [];
    for await (const row of { [Symbol.asyncIterator]: () => rows }) {
      if (isBlankRow(row.cells)) continue;
      if (out.length >= MAX_CASE_BATCH_ROWS) throw new SpreadsheetError('import_too_many_rows', [{ path: 'rows', message: String(MAX_CASE_BATCH_ROWS) }]);
      const values: BatchRowValues = {};
      for (const [field, index] of columns) values[field] = row.cells[index] ?? '';
      out.push({ rowNo: row.rowNo, values });
    }
    if (out.length === 0) throw new SpreadsheetError('import_no_rows');
    return out;
  } finally {
    await rows.return(undefined).catch(() => {});
  }
}
