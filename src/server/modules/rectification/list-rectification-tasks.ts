import { sql } from 'kysely';
import type { ReadContext } from '../../use-case-context.ts';
import type { TRectificationListQuery, TRectificationTaskList } from '../../../shared/assessment/index.ts';
import { localDate } from '../../../shared/time.ts';
import { taskVisible } from './task-access.ts';
import { summarizeTasks } from './task-views.ts';

/** A county has tens of tasks a wave; the list answers at most this many (and says so). */
export const TASK_LIST_LIMIT = 500;

/**
 * The tasks the caller sees (the county all; a township its own; a department its department's),
 * filtered by status, township, source, wave and overdue (the shared rule isTaskOverdue, in SQL),
 * newest first, each with its effect (did it work).
 *
 * @example
 * const { items } = await listRectificationTasks({ db, actor }, { status: 'open,submitted', overdue: true });
 */
export async function listRectificationTasks({ db, actor }: ReadContext, options: TRectificationListQuery & { now?: Date }): Promise<TRectificationTaskList> {
  const now = options.now ?? new Date();
  const today = localDate(now);
  const statuses = options.status ? options.status.split(',') : null;
  const rows = await db
    .selectFrom('rectification_task as t')
    .selectAll('t')
    .where((eb) => taskVisible(eb, actor))
    .$if(statuses !== null, (q) => q.where('t.status', 'in', statuses as never[]))
    .$if(!!options.source, (q) => q.where('t.source', '=', options.source!))
    .$if(!!options.waveId, (q) => q.where('t.wave_id', '=', options.waveId!))
    .$if(!!options.townshipCode, (q) => q.where('t.township_id', 'in', (eb) => eb.selectFrom('region').select('id').where('code', '=', options.townshipCode!)))
    .$if(options.overdue === true, (q) =>
      q.where(sql<boolean>`t.due_on < ${today}::date AND (t.status = 'open' OR (t.status = 'submitted' AND (t.submitted_at AT TIME ZONE 'Asia/Shanghai')::date > t.due_on))`),
    )
    .$if(options.overdue === false, (q) =>
      q.where(sql<boolean>`NOT (t.due_on IS NOT NULL AND t.due_on < ${today}::date AND (t.status = 'open' OR (t.status = 'submitted' AND (t.submitted_at AT TIME ZONE 'Asia/Shanghai')::date > t.due_on)))`),
    )
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(TASK_LIST_LIMIT + 1)
    .execute();
  const truncated = rows.length > TASK_LIST_LIMIT;
  const items = await summarizeTasks(db, rows.slice(0, TASK_LIST_LIMIT), { now });
  return { items, total: items.length, truncated };
}
