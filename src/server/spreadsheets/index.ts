/**
 * Spreadsheet reading, shared by the registry import and the survey's frame upload: CSV
 * (UTF-8, GBK, UTF-16) and XLSX parsed in a worker thread (`spreadsheet-worker.mjs`) with every
 * limit of `shared/registry/spreadsheet-limits.ts`, XLSX parts inflated by our own zip reader
 * (`xlsx-zip.ts`). Tests build files with `testing/`.
 */
export { cellAddress, cellText, detectDelimiter, detectEncoding, openSpreadsheet, readSheetRows, SpreadsheetError } from './read-spreadsheet.ts';
export type { OpenedSheet, ReadOptions, SheetRow, SpreadsheetLimits, TextEncoding } from './read-spreadsheet.ts';
