import { sql } from 'kysely';
import type { TLocale } from '../../../shared/locale.ts';
import { importIssueMessage } from '../../../shared/registry/import-issues.ts';
import { IMPORT_GROUP_ROWS, type TImportIssueGroups } from '../../../shared/registry/import-schemas.ts';
import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findImportJobInScope } from './import-job-queries.ts';

/** Values listed per group. */
const GROUP_VALUES = 5;

/**
 * A job's issues grouped by kind (issue code and column), commonest first: a county-wide file
 * gives a township 133 rows of one "village not found", which is one thing to fix, not 133.
 * Without an actor (the command line, the report) the job is not scope-checked.
 *
 * @example
 * const { groups } = await listImportIssueGroups({ db, actor }, { id: jobId, locale: 'zh-CN' });
 * // [{ problem: 'village_not_found', column: '村（社区）', count: 133, rows: [2, 3, …], values: [{ value: '东庄村', count: 120 }, …] }]
 */
export async function listImportIssueGroups({ db, actor }: ReadContext<Actor | null>, options: { id: string; locale: TLocale }): Promise<TImportIssueGroups> {
  if (actor) await findImportJobInScope(db, actor, options.id);
  const groups = await sql<{ problem: string; column_name: string; n: string; rows: number[] }>`
    SELECT problem, column_name, count(*) AS n, (array_agg(row_no ORDER BY row_no, id))[1:${IMPORT_GROUP_ROWS}] AS rows
    FROM import_issue WHERE job_id = ${options.id} AND problem <> 'issues_truncated'
    GROUP BY problem, column_name ORDER BY count(*) DESC, min(row_no), problem`.execute(db);
  const values = await sql<{ problem: string; column_name: string; value: string; n: string }>`
    SELECT problem, column_name, value, n FROM (
      SELECT problem, column_name, value, count(*) AS n, row_number() OVER (PARTITION BY problem, column_name ORDER BY count(*) DESC, value) AS rank
      FROM import_issue WHERE job_id = ${options.id} AND problem <> 'issues_truncated' AND value <> ''
      GROUP BY problem, column_name, value
    ) v WHERE rank <= ${GROUP_VALUES} ORDER BY n DESC, value`.execute(db);
  const truncated = await db.selectFrom('import_issue').select('value').where('job_id', '=', options.id).where('problem', '=', 'issues_truncated').executeTakeFirst();
  return {
    groups: groups.rows.map((g) => ({
      problem: g.problem,
      message: importIssueMessage(g.problem, options.locale),
      column: g.column_name,
      count: Number(g.n),
      rows: g.rows.map(Number),
      values: values.rows.filter((v) => v.problem === g.problem && v.column_name === g.column_name).map((v) => ({ value: v.value, count: Number(v.n) })),
    })),
    notStored: truncated ? Number(truncated.value) || 0 : 0,
  };
}
