import { sql } from 'kysely';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { TRectificationListQuery, TRectificationTaskList } from '../../../shared/assessment/index.ts';
import { localDate } from '../../../shared/time.ts';
import { taskVisible } from './task-access.ts';
import { summarizeTasks } from './task-views.ts';

/** The keyset cursor: the last row's creation instant (to the microsecond, as stored) and id. */
const ZTaskCursor = z.strictObject({ at: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), id: ZId });

/**
 * The tasks the caller sees (the county all; a township its own; a department its department's),
 * filtered by status, township, source, wave and overdue (the shared rule isTaskOverdue, in SQL),
 * newest first, a keyset page at a time (as the cases list), each with its effect (did it work),
 * and how many match the filters in all.
 *
 * @example
 * const page = await listRectificationTasks({ db, actor }, { status: 'open,submitted', overdue: true, limit: 50 });
 * const next = await listRectificationTasks({ db, actor }, { status: 'open,submitted', overdue: true, limit: 50, cursor: page.nextCursor! });
 */
export async function listRectificationTasks({ db, actor }: ReadContext, options: Omit<TRectificationListQuery, 'limit'> & { limit?: number; now?: Date }): Promise<TRectificationTaskList> {
  const now = options.now ?? new Date();
  const today = localDate(now);
  const limit = options.limit ?? 50;
  const statuses = options.status ? options.status.split(',') : null;
  const cursor = decodeCursor(options.cursor, ZTaskCursor);
  const filtered = db
    .selectFrom('rectification_task as t')
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
    );
  const [rows, count] = await Promise.all([
    filtered
      .selectAll('t')
      .select(sql<string>`to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_key'))
      .$if(cursor !== null, (q) => q.where(sql<boolean>`(t.created_at, t.id) < (${cursor!.at}::timestamptz, ${cursor!.id}::bigint)`))
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit + 1)
      .execute(),
    // Counted over the filters only, so every page says the same total.
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const page = rows.slice(0, limit);
  const items = await summarizeTasks(db, page.map(({ created_key: _k, ...row }) => row), { now });
  const last = page[page.length - 1];
  return { items, total: Number(count.n), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_key, id: last.id }) : null };
}
