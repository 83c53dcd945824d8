/**
 * Spreadsheet formula injection (CSV/XLSX injection): a cell that starts with = + - @ or a tab
 * or carriage return is treated as a formula by Excel and WPS. Such text gets a leading
 * apostrophe, which spreadsheets show as plain text.
 *
 * @example
 * safeCell('=HYPERLINK("http://x","点我")'); // '\'=HYPERLINK("http://x","点我")'
 * safeCell('张三'); // '张三'
 */
export function safeCell(value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
