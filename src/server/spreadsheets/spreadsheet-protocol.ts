/** Messages between read-spreadsheet.ts (the server's thread) and spreadsheet-worker.ts. */
import type { TProblemCode } from '../../shared/problem.ts';
import type { ProblemIssue } from '../http/errors.ts';
import type { SheetFormat, SheetRow, SpreadsheetLimits, TextEncoding } from './parse-spreadsheet.ts';

/** To the worker: a file to parse, its next bytes (or its end), and leave to send one more batch of rows. */
export type ToParser = { t: 'start'; limits: SpreadsheetLimits } | { t: 'chunk'; data: Uint8Array } | { t: 'end' } | { t: 'next' };

/** From the worker. */
export type FromParser =
  | { t: 'pull' }
  | { t: 'alive' }
  | { t: 'meta'; format: SheetFormat; encoding: TextEncoding | null }
  | { t: 'rows'; rows: SheetRow[] }
  | { t: 'done' }
  | { t: 'error'; code: TProblemCode; issues: ProblemIssue[]; limit: { name: string; value: number } | undefined }
  | { t: 'crash'; message: string };
