/**
 * The issues of one job: written as they are found, in batches, and capped, so that a file of a
 * million bad rows neither fills memory nor the table. Rows past the cap are still rejected and
 * counted; the report then ends with an `issues_truncated` line.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RowIssue } from '../../../shared/registry/import-row.ts';

/** Issues stored per job. */
export const MAX_STORED_ISSUES = 100_000;
const BATCH = 1_000;

/**
 * @example
 * const log = new ImportIssueLog(jobId);
 * if (log.add(row.rowNo, row.issues)) await log.flush(db);
 * // … at the end, inside the import's transaction:
 * await log.close(trx);
 */
export class ImportIssueLog {
  #pending: { row_no: number; column_name: string; value: string; problem: string }[] = [];
  /** Issues in the table (and pending). */
  stored = 0;
  /** Issues found, stored or not. */
  found = 0;

  constructor(
    private readonly jobId: string,
    private readonly max: number = MAX_STORED_ISSUES,
  ) {}

  get truncated() {
    return this.found > this.stored;
  }

  /** How many more may be stored (the LIMIT of the set-based checks). */
  remaining() {
    return Math.max(0, this.max - this.stored);
  }

  /** Queues a row's issues; true when a batch is due for `flush`. */
  add(rowNo: number, issues: readonly RowIssue[]): boolean {
    for (const i of issues) {
      this.found++;
      if (this.stored >= this.max) continue;
      this.stored++;
      this.#pending.push({ row_no: rowNo, column_name: i.column, value: i.value, problem: i.problem });
    }
    return this.#pending.length >= BATCH;
  }

  /** Records issues the set-based checks inserted themselves. */
  counted(found: number, inserted: number) {
    this.found += found;
    this.stored += inserted;
  }

  async flush(db: Kysely<DB>) {
    if (!this.#pending.length) return;
    const rows = JSON.stringify(this.#pending);
    this.#pending = [];
    await sql`
      INSERT INTO import_issue (job_id, row_no, column_name, value, problem)
      SELECT ${this.jobId}, r.row_no, r.column_name, r.value, r.problem
      FROM json_to_recordset(${rows}::json) AS r(row_no integer, column_name text, value text, problem text)`.execute(db);
  }

  /** Adds the closing line that says the list is incomplete, when it is. */
  async close(db: Kysely<DB>) {
    await this.flush(db);
    if (!this.truncated) return;
    await db.insertInto('import_issue').values({ job_id: this.jobId, row_no: 0, column_name: '', value: String(this.found - this.stored), problem: 'issues_truncated' }).execute();
  }
}
