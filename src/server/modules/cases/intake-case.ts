import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { TCaseIntake } from '../../../shared/cases/index.ts';
import type { TRegisteredCaseView } from '../../../shared/schemas/cases.ts';
import { iso } from './case-views.ts';
import { findDuplicateCases } from './find-duplicate-cases.ts';
import { mergeCaseInto } from './merge-case.ts';
import { registerCase, type CaseWriteContext } from './register-case.ts';

export interface IntakeCaseOptions {
  intake: TCaseIntake;
  channel: 'window' | 'phone';
  /** The clerk saw the candidates and registers a new case anyway. */
  confirmNew?: boolean;
  /** The clerk chose "merge into this one": register and merge into that case in one transaction. */
  mergeInto?: string;
  now?: Date;
}

/**
 * The clerk's intake (窗口 / 电话受理): looks for likely duplicates first and, finding some,
 * answers 409 `case_possible_duplicate` with them (`duplicates`) unless the clerk confirmed a
 * new case or chose one to merge into. With `mergeInto`, the case is registered (not dispatched)
 * and merged into that open case in the same transaction, so the problem is handled and counted
 * once and the new report stays in both histories.
 *
 * @example
 * await intakeCase(ctx, { channel: 'window', intake });                 // 409 with duplicates, or 201
 * await intakeCase(ctx, { channel: 'window', intake, mergeInto: '42' }); // registered and merged
 */
export async function intakeCase(ctx: CaseWriteContext<Actor>, options: IntakeCaseOptions): Promise<TRegisteredCaseView> {
  const now = options.now ?? new Date();
  if (!options.confirmNew && options.mergeInto === undefined) {
    const duplicates = await findDuplicateCases(ctx, { intake: options.intake, now });
    if (duplicates.length > 0) throw new AppError(409, 'case_possible_duplicate', { extensions: { duplicates } });
  }
  const unitName = async (unit: { level: string; regionId?: string; departmentId?: string } | null) => {
    if (!unit) return null;
    if (unit.departmentId !== undefined) {
      const d = await ctx.db.selectFrom('department').select('name').where('id', '=', unit.departmentId).executeTakeFirstOrThrow();
      return { level: 'department' as const, regionCode: null, departmentId: unit.departmentId, name: d.name };
    }
    const r = await ctx.db.selectFrom('region').select(['code', 'name']).where('id', '=', unit.regionId!).executeTakeFirstOrThrow();
    return { level: unit.level as 'village' | 'township', regionCode: r.code, departmentId: null, name: r.name };
  };
  if (options.mergeInto === undefined) {
    const c = await registerCase(ctx, { intake: options.intake, channel: options.channel, now });
    return { id: c.id, caseNo: c.caseNo, trackingCode: c.trackingCode, status: c.status, unit: await unitName(c.unit), responseDueAt: iso(c.responseDueAt), resolveDueAt: iso(c.resolveDueAt), residentLinked: c.residentLinked, mergedInto: null };
  }
  const intoId = options.mergeInto;
  return ctx.db.transaction().execute(async (trx) => {
    const c = await registerCase({ ...ctx, db: trx }, { intake: options.intake, channel: options.channel, autoDispatch: false, now });
    // Just registered by this actor: read directly (a department's handler registers cases it cannot list until assigned).
    const row = await trx.selectFrom('resident_case').selectAll().where('county_code', '=', ctx.actor.countyCode!).where('id', '=', c.id).executeTakeFirstOrThrow();
    const into = await mergeCaseInto(trx, { actor: ctx.actor, source: ctx.source, row, intoId, note: '受理时合并到已有诉求', now });
    return { id: c.id, caseNo: c.caseNo, trackingCode: c.trackingCode, status: 'merged' as const, unit: null, responseDueAt: null, resolveDueAt: null, residentLinked: c.residentLinked, mergedInto: into };
  });
}
