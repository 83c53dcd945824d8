import { unprocessable } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import type { TCreateRectificationRequest, TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { lockTaskNumbers } from './task-numbers.ts';
import { resolveOwner } from './task-views.ts';

/**
 * Creates a task by hand (county admin), open at once with its owner and due date: for a
 * township (townshipCode) or the whole county. Written with its 'create' update and audit entry.
 *
 * @example
 * await createRectificationTask(ctx, { townshipCode: '370921104', ownerRegionCode: '370921104', title: '村道路灯维修', problem: '…', dueOn: '2027-01-31' });
 */
export async function createRectificationTask(ctx: WriteContext, options: TCreateRectificationRequest & { now?: Date }): Promise<TRectificationTaskDetail> {
  const { db, actor, source } = ctx;
  const now = options.now ?? new Date();
  const county = await actorCounty(db, actor);
  let place = { id: county.id, path: county.path };
  let townshipId: string | null = null;
  if (options.townshipCode) {
    const t = await db.selectFrom('region').select(['id', 'path']).where('code', '=', options.townshipCode).where('county_code', '=', county.code).where('level', '=', 'township').executeTakeFirst();
    if (!t) throw unprocessable('rectification_township_invalid');
    place = t;
    townshipId = t.id;
  }
  const owner = await resolveOwner(db, actor, options);
  const id = await db.transaction().execute(async (trx) => {
    const next = await lockTaskNumbers(trx, { countyCode: county.code, now });
    const row = await trx
      .insertInto('rectification_task')
      .values({
        county_code: county.code,
        task_no: next(),
        source: 'manual',
        status: 'open',
        township_id: townshipId,
        region_path: place.path,
        ...owner,
        domain: options.domain ?? null,
        title: options.title,
        problem: options.problem,
        measures: options.measures ?? '',
        evidence: JSON.stringify({ kind: 'manual', reason: 'manual' }),
        due_on: options.dueOn,
        created_by: actor.id,
        created_at: now,
        confirmed_by: actor.id,
        confirmed_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('rectification_update').values({ county_code: county.code, task_id: row.id, kind: 'create', note: '', details: JSON.stringify({ dueOn: options.dueOn, ...owner }), actor_id: actor.id, at: now }).execute();
    await recordAudit({ db: trx, source }, { action: 'rectification.create', entityType: 'rectification_task', entityId: row.id, region: { id: place.id, path: place.path, county_code: county.code }, after: { taskNo: row.task_no, title: row.title, dueOn: row.due_on, ...owner } });
    return row.id;
  });
  return getRectificationTask(ctx, { id, now });
}
