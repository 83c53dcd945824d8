import { z } from 'zod';
import type { TLocale } from '../../../shared/locale.ts';
import { importIssueMessage } from '../../../shared/registry/import-issues.ts';
import type { TImportIssue } from '../../../shared/registry/import-schemas.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findImportJobInScope } from './import-job-queries.ts';

// row_no is int4: a crafted cursor past it would fail in SQL (a 500) instead of as a bad cursor.
const ZIssueCursor = z.object({ row: z.number().int().min(0).max(2_147_483_647), id: z.string().regex(/^[1-9]\d{0,17}$/) });

/**
 * A page of a job's issues in row order, with messages in the caller's language; only one
 * kind's with `problem` (and `column`). Values are stored masked (ID numbers, phones), so they are
 * shown as stored.
 *
 * @example
 * const { items } = await listImportIssues({ db, actor }, { id: jobId, limit: 50, locale: 'zh-CN' });
 * // [{ rowNo: 5, column: '身份证号', value: '370921********1234', problem: 'id_check_character', message: '身份证号校验码不正确…' }]
 */
export async function listImportIssues(
  { db, actor }: ReadContext,
  options: { id: string; cursor?: string | undefined; limit: number; locale: TLocale; problem?: string | undefined; column?: string | undefined },
): Promise<{ items: TImportIssue[]; nextCursor: string | null }> {
  await findImportJobInScope(db, actor, options.id);
  const after = decodeCursor(options.cursor, ZIssueCursor);
  let query = db.selectFrom('import_issue').select(['id', 'row_no', 'column_name', 'value', 'problem']).where('job_id', '=', options.id);
  // One group's rows ("show all"): its code and column.
  if (options.problem !== undefined) query = query.where('problem', '=', options.problem);
  if (options.column !== undefined) query = query.where('column_name', '=', options.column);
  if (after) query = query.where((eb) => eb.or([eb('row_no', '>', after.row), eb.and([eb('row_no', '=', after.row), eb('id', '>', after.id)])]));
  const rows = await query.orderBy('row_no').orderBy('id').limit(options.limit + 1).execute();
  return pageOf(
    rows,
    options.limit,
    (r) => ({ rowNo: r.row_no, column: r.column_name, value: r.value, problem: r.problem, message: importIssueMessage(r.problem, options.locale) }),
    (r) => ({ row: r.row_no, id: r.id }),
  );
}
