/**
 * Reading an uploaded list of target households for a custom campaign: CSV (UTF-8 or GBK) or
 * XLSX, a header row (under any title rows) naming the household number column (户编号). Blank
 * rows are skipped, a number listed twice counts once.
 */
import { headerKey } from '../../../shared/registry/import-columns.ts';
import { isBlankRow } from '../../../shared/registry/import-cells.ts';
import { HEADER_SEARCH_ROWS } from '../../../shared/registry/import-header.ts';
import { normalizeText } from '../../../shared/registry/normalize.ts';
import { readSheetRows, SpreadsheetError } from '../../spreadsheets/index.ts';

const NUMBER_KEYS = new Set(['户编号', '户号', '家庭户号', 'householdno', 'household_no', 'householdnumber'].map(headerKey));

/** A county has ~230,000 households: a list longer than that is not a target list. */
export const MAX_LIST_ROWS = 300_000;

/** One household number and the row it came from (first row, when listed twice). */
export interface ListedHousehold {
  rowNo: number;
  householdNo: string;
}

/**
 * The household numbers of an uploaded list. File-level problems (unreadable, empty, no 户编号
 * column, too many rows) throw a SpreadsheetError.
 *
 * @example
 * const listed = await readHouseholdList(upload.open());
 * listed[0]; // { rowNo: 2, householdNo: '3709211042010001' }
 */
export async function readHouseholdList(input: AsyncIterable<Buffer | Uint8Array>): Promise<ListedHousehold[]> {
  const sheet = await readSheetRows(input);
  const rows = sheet.rows;
  try {
    let column = -1;
    let seenRows = 0;
    let allBlank = true;
    while (seenRows < HEADER_SEARCH_ROWS && column < 0) {
      const next = await rows.next();
      if (next.done) break;
      seenRows++;
      if (!isBlankRow(next.value.cells)) allBlank = false;
      column = next.value.cells.findIndex((c) => NUMBER_KEYS.has(headerKey(c ?? '')));
    }
    if (allBlank) throw new SpreadsheetError('import_file_empty');
    if (column < 0) throw new SpreadsheetError('import_header_missing', [{ path: 'header', message: '户编号 (household number)' }]);
    const seen = new Set<string>();
    const listed: ListedHousehold[] = [];
    let count = 0;
    for await (const row of { [Symbol.asyncIterator]: () => rows }) {
      if (isBlankRow(row.cells)) continue;
      if (++count > MAX_LIST_ROWS) throw new SpreadsheetError('import_too_many_rows', [{ path: 'rows', message: String(MAX_LIST_ROWS) }]);
      const householdNo = normalizeText(row.cells[column] ?? '');
      if (!householdNo || seen.has(householdNo)) continue;
      seen.add(householdNo);
      listed.push({ rowNo: row.rowNo, householdNo });
    }
    if (listed.length === 0) throw new SpreadsheetError('import_no_rows');
    return listed;
  } finally {
    await rows.return(undefined).catch(() => {});
  }
}
