/**
 * Bounds on every spreadsheet the server reads (registry imports, survey frame lists). A file
 * beyond any of them is refused with a problem naming the limit, before it can take the
 * server's memory or time. Sized for a county's registry in one file (≈700,000 residents, at
 * most MAX_IMPORT_ROWS rows) with room to spare; a file that needs more is not a registry.
 */
const MiB = 1024 * 1024;

export const SPREADSHEET_LIMITS = {
  /** An XLSX is read whole (its table of contents is at its end); the upload limit as well. */
  xlsxFileBytes: 300 * MiB,
  /** Parts (files inside the XLSX zip) in one workbook; Excel writes a few dozen. */
  xlsxParts: 10_000,
  /** The worksheet's XML, expanded: ≈450 MB for a county of 700,000 residents. */
  worksheetBytes: 1024 * MiB,
  /** The shared-strings part, expanded: it is held in memory while the sheet is read. */
  sharedStringsBytes: 256 * MiB,
  /** Any other part that is read (workbook, relationships, styles), expanded. */
  otherPartBytes: 16 * MiB,
  /** Distinct strings in the shared-strings table. */
  sharedStrings: 4_000_000,
  /** Characters in one cell: Excel's own limit. */
  cellChars: 32_767,
  /** Columns up to the last one with a value in any row (XFD, Excel's last, is 16,384). */
  columns: 1_000,
  /** Rows in the sheet, title and blank rows included. */
  rows: 2_500_000,
  /** One CSV record (line, or lines inside quotes), in characters. */
  csvRecordChars: 256 * 1024,
  /** Heap of the thread that parses a file; past it the parse is stopped, not the server. */
  parserMemoryMb: 768,
  /** Seconds the parser may work without producing a row or asking for more of the file. */
  parserIdleSeconds: 30,
} as const;

export type SpreadsheetLimitName = keyof typeof SPREADSHEET_LIMITS;

/** A size in bytes as people say it: '256 MB'. */
export const megabytes = (bytes: number) => `${Math.round(bytes / MiB)} MB`;
/** A count as people read it: '4,000,000'. */
export const count = (n: number) => n.toLocaleString('en-US');
