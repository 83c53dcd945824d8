import type { Actor } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { isPathInSubtree } from '../../scope/index.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';
import { isCaseDispatcher, isCaseUnit, loadCase } from './case-access.ts';
import { addCaseEvent, auditCase } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';

/**
 * Links a case to the registry's resident it is about (the clerk did not find them at intake),
 * by the dispatcher or the case's unit; the resident must be inside the actor's area (404
 * otherwise, as for one that does not exist). Audited `case.link_resident`, with a history step.
 *
 * @example
 * await linkCaseResident(ctx, { id, residentId });
 */
export async function linkCaseResident(ctx: CaseWriteContext<Actor>, { id, residentId, now = new Date() }: { id: string; residentId: string; now?: Date }): Promise<TCaseDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCase(trx, { actor: ctx.actor, id, lock: true });
    if (!isCaseDispatcher(ctx.actor, row) && !isCaseUnit(ctx.actor, row)) throw new AppError(403, 'case_not_your_unit');
    const resident = await trx
      .selectFrom('resident as r')
      .innerJoin('household as h', (j) => j.onRef('h.id', '=', 'r.household_id').onRef('h.county_code', '=', 'r.county_code'))
      .innerJoin('region as v', 'v.id', 'h.village_id')
      .select(['r.id', 'v.path'])
      .where('r.county_code', '=', row.county_code)
      .where('r.id', '=', residentId)
      .executeTakeFirst();
    if (!resident || !isPathInSubtree(resident.path, ctx.actor.regionPath)) throw notFound();
    await trx.updateTable('resident_case').set({ resident_id: resident.id, updated_at: now }).where('county_code', '=', row.county_code).where('id', '=', row.id).execute();
    await addCaseEvent(trx, { row, kind: 'link_resident', from: row.status, to: row.status, actorId: ctx.actor.id, now, details: { residentId: resident.id } });
    await auditCase(trx, ctx.source, { row, action: 'case.link_resident', before: { residentId: row.resident_id }, after: { residentId: resident.id } });
  });
  return getCase(ctx, { id });
}
