/**
 * Reading a 12345 batch file into rows of named cells: XLSX or CSV (UTF-8 or GBK, read by the
 * spreadsheet worker with its limits) with the header found under any title rows, or JSON (an
 * array of objects keyed by the English names or the Chinese headers). File-level problems throw
 * a SpreadsheetError; a JSON body of the wrong shape 400 validation_failed.
 */
import crypto from 'node:crypto';
import { CASE_BATCH_COLUMNS, CASE_BATCH_FIELDS, MAX_CASE_BATCH_ROWS, ZCaseBatchJson, type CaseBatchField } from '../../../shared/cases/case-batch-schemas.ts';
import { headerKey } from '../../../shared/registry/import-columns.ts';
import { isBlankRow } from '../../../shared/registry/import-cells.ts';
import { HEADER_SEARCH_ROWS } from '../../../shared/registry/import-header.ts';
import { badRequest } from '../../http/errors.ts';
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
 * The rows of a spreadsheet batch (XLSX, CSV in UTF-8 or GBK) and the file's digest.
 *
 * @example
 * const { digest, rows } = await readBatchFile(upload.open());
 * rows[0]; // { rowNo: 3, values: { externalRef: 'SD-0001', category: '道路与路灯', … } }
 */
export async function readBatchFile(input: AsyncIterable<Buffer | Uint8Array>): Promise<BatchFile> {
  // Batches are small (at most MAX_CASE_BATCH_BYTES, bounded by the route): read once for the digest.
  const bytes = await collect(input);
  const digest = crypto.createHash('sha256').update(bytes).digest('hex');
  return { digest, rows: await readSheet(bytes) };
}

/**
 * The rows of a JSON batch (the body as parsed: an array of work orders keyed by the English
 * names or the Chinese headers) and its digest (of the array as JSON). A body of another shape
 * is 400 validation_failed with its issues, as for any JSON request.
 *
 * @example
 * readBatchJson([{ externalRef: 'SD-J1', category: 'env-road-light', region: '370921104201', description: '路灯不亮' }]).rows[0].rowNo; // 1
 */
export function readBatchJson(body: unknown): BatchFile {
  const checked = ZCaseBatchJson.safeParse(body);
  if (!checked.success) throw badRequest('validation_failed', checked.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || 'body', message: i.message })));
  const keys = new Set(checked.data.flatMap((o) => Object.keys(o)));
  const header = mapHeader([...keys]);
  if (!header.ok) throw badRequest('validation_failed', header.missing.map((m) => ({ path: '0', message: `every work order needs ${m}` })));
  const rows = checked.data.map((item, i) => {
    const values: BatchRowValues = {};
    for (const [key, value] of Object.entries(item)) {
      const field = ALIAS_FIELD.get(headerKey(key));
      if (!field || value === null || values[field] !== undefined) continue;
      values[field] = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
    }
    return { rowNo: i + 1, values };
  });
  return { digest: crypto.createHash('sha256').update(JSON.stringify(checked.data)).digest('hex'), rows };
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
