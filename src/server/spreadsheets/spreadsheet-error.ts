import type { TProblemCode } from '../../shared/problem.ts';
import { AppError, type ProblemIssue } from '../http/errors.ts';

/** File-level problems about size (the file, or what it takes to read it), answered 413; the rest 422. */
const TOO_LARGE = new Set<TProblemCode>(['import_file_too_large', 'import_xlsx_too_many_parts', 'import_xlsx_part_too_large', 'import_too_many_strings', 'import_parse_out_of_memory']);

/** A file-level problem: the file as a whole cannot be imported. */
export class SpreadsheetError extends Error {
  /** 413 for a file too large to read, 422 for any other file that cannot be imported. */
  readonly status: 413 | 422;

  constructor(
    readonly code: TProblemCode,
    readonly issues: ProblemIssue[] = [],
    /** The spreadsheet limit the file broke (a name in SPREADSHEET_LIMITS), for the problem's `limit` member. */
    readonly limit?: { name: string; value: number },
  ) {
    super(code);
    this.name = 'SpreadsheetError';
    this.status = TOO_LARGE.has(code) ? 413 : 422;
  }

  /** The problem as the API and the CLI report it, the broken limit as its `limit` member. */
  toAppError(): AppError {
    return new AppError(this.status, this.code, { issues: this.issues, ...(this.limit ? { extensions: { limit: this.limit } } : {}) });
  }
}
