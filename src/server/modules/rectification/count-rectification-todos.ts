import { sql } from 'kysely';
import type { ReadContext } from '../../use-case-context.ts';
import { localDate } from '../../../shared/time.ts';
import { isManager } from './task-access.ts';

/**
 * The caller's rectification to-dos: overdue tasks (the shared rule isTaskOverdue, in SQL) —
 * the county admin's of the whole county, an owner's of their township or department — and for
 * the county admin the tasks waiting for verification and the proposals waiting for a decision.
 *
 * @example
 * await countRectificationTodos({ db, actor }, { now: new Date() }); // { overdue: 2, toVerify: 1, proposals: 6 }
 */
export async function countRectificationTodos({ db, actor }: ReadContext, options: { now: Date }): Promise<{ overdue: number; toVerify: number; proposals: number }> {
  if (!actor.countyCode) return { overdue: 0, toVerify: 0, proposals: 0 };
  const today = localDate(options.now);
  const manager = isManager(actor);
  const owner = sql.join(
    [
      ...(actor.roles.includes('township_admin') ? [sql`t.owner_region_id = ${actor.regionId}`] : []),
      ...(actor.roles.includes('department_handler') && actor.departmentId ? [sql`t.owner_department_id = ${actor.departmentId}`] : []),
      sql`false`,
    ],
    sql` OR `,
  );
  const mine = manager ? sql`true` : owner;
  const r = await sql<{ overdue: number; to_verify: number; proposals: number }>`
    SELECT
      count(*) FILTER (WHERE (${mine}) AND t.due_on < ${today}::date AND (t.status = 'open' OR (t.status = 'submitted' AND (t.submitted_at AT TIME ZONE 'Asia/Shanghai')::date > t.due_on)))::int AS overdue,
      count(*) FILTER (WHERE ${manager} AND t.status = 'submitted')::int AS to_verify,
      count(*) FILTER (WHERE ${manager} AND t.status = 'proposed')::int AS proposals
    FROM rectification_task t
    WHERE t.county_code = ${actor.countyCode} AND t.status IN ('proposed', 'open', 'submitted')`.execute(db);
  const row = r.rows[0]!;
  return { overdue: row.overdue, toVerify: row.to_verify, proposals: row.proposals };
}
