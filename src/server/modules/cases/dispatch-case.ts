import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { TCaseUnitTarget, TCaseDetail } from '../../../shared/schemas/cases.ts';
import type { CaseRow } from './case-access.ts';
import { assignCase } from './assign-case.ts';
import type { CaseUnit } from './case-routing.ts';
import { caseCategoryOf, caseRegionOf } from './case-steps-shared.ts';
import { auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';

/**
 * The unit a dispatcher named, when it may take the case: a village of the case's township or
 * that township itself (open), or a department of the county. 422 `case_unit_invalid` otherwise.
 *
 * @example
 * const unit = await resolveDispatchTarget(trx, row, { departmentId: '3' });
 */
export async function resolveDispatchTarget(db: Kysely<DB>, row: CaseRow, target: TCaseUnitTarget): Promise<CaseUnit> {
  if ('departmentId' in target) {
    const d = await db.selectFrom('department').select('id').where('county_code', '=', row.county_code).where('id', '=', target.departmentId).executeTakeFirst();
    if (!d) throw new AppError(422, 'case_unit_invalid');
    return { level: 'department', departmentId: d.id };
  }
  const where = await caseRegionOf(db, row);
  const townshipId = where.level === 'township' ? where.id : where.parent_id;
  const r = await db
    .selectFrom('region')
    .select(['id', 'path', 'level', 'parent_id', 'closed_on'])
    .where('county_code', '=', row.county_code)
    .where('code', '=', target.regionCode)
    .executeTakeFirst();
  const fits = r && r.closed_on === null && ((r.level === 'township' && r.id === townshipId) || (r.level === 'village' && r.parent_id === townshipId));
  if (!r || !fits) throw new AppError(422, 'case_unit_invalid');
  return { level: r.level as 'village' | 'township', regionId: r.id, regionPath: r.path };
}

/**
 * 派单 / 改派: the dispatcher sends the case to a unit (a village or the township of the case's
 * township, or a county department); a case already with a unit is re-routed and that unit's
 * assignment ends 'redispatched'. Deadlines come from `assignCase`.
 *
 * @example
 * await dispatchCase(ctx, { id, unit: { departmentId: minzhengId }, note: '请民政局核实低保' });
 */
export async function dispatchCase(ctx: CaseWriteContext<Actor>, { id, unit: target, note, now }: { id: string; unit: TCaseUnitTarget; note?: string; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'dispatch', now }, async ({ trx, row, actor, now: at }) => {
    const unit = await resolveDispatchTarget(trx, row, target);
    const category = await caseCategoryOf(trx, row);
    const a = await assignCase(trx, {
      caseRow: { id: row.id, county_code: row.county_code, urgent: row.urgent, status: row.status },
      category,
      unit,
      dispatchedBy: actor.id,
      eventKind: 'dispatch',
      note: note ?? '',
      endCurrent: 'redispatched',
      now: at,
    });
    await auditCase(trx, ctx.source, {
      row,
      action: 'case.dispatch',
      before: { status: row.status, unitRegionId: row.unit_region_id, unitDepartmentId: row.unit_department_id },
      after: { assignmentId: a.id, level: unit.level, regionId: unit.regionId ?? null, departmentId: unit.departmentId ?? null, responseDueAt: a.responseDueAt.toISOString(), resolveDueAt: a.resolveDueAt.toISOString() },
    });
  });
  return getCase(ctx, { id });
}
