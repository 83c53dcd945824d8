/** Lookups the step use cases share: a case's category, region and open assignment, and a unit from an assignment. */
import type { Kysely, Selectable } from 'kysely';
import type { CaseAssignmentTable, DB } from '../../db/schema.ts';
import type { CaseRow } from './case-access.ts';
import type { CaseCategoryRow, CaseRegionRef, CaseUnit } from './case-routing.ts';

export type AssignmentRow = Selectable<CaseAssignmentTable>;

/**
 * The case's category row (deadlines, department, route).
 *
 * @example
 * const category = await caseCategoryOf(trx, row);
 */
export async function caseCategoryOf(db: Kysely<DB>, row: CaseRow): Promise<CaseCategoryRow> {
  return db.selectFrom('case_category').selectAll().where('county_code', '=', row.county_code).where('id', '=', row.category_id).executeTakeFirstOrThrow();
}

/**
 * Where the case is, as routing needs it.
 *
 * @example
 * const region = await caseRegionOf(trx, row);
 */
export async function caseRegionOf(db: Kysely<DB>, row: CaseRow): Promise<CaseRegionRef & { code: string }> {
  return db.selectFrom('region').select(['id', 'code', 'level', 'path', 'parent_id']).where('id', '=', row.region_id).executeTakeFirstOrThrow();
}

/**
 * The case's current assignment (open or the last one ended), or undefined when it never had one.
 *
 * @example
 * const a = await currentAssignmentOf(trx, row);
 */
export async function currentAssignmentOf(db: Kysely<DB>, row: CaseRow): Promise<AssignmentRow | undefined> {
  if (row.current_assignment_id === null) return undefined;
  return db.selectFrom('case_assignment').selectAll().where('county_code', '=', row.county_code).where('id', '=', row.current_assignment_id).executeTakeFirst();
}

/**
 * The unit an assignment was to, as `assignCase` takes it.
 *
 * @example
 * await assignCase(trx, { …, unit: unitOfAssignment(last) });
 */
export function unitOfAssignment(a: AssignmentRow): CaseUnit {
  if (a.unit_department_id !== null) return { level: 'department', departmentId: a.unit_department_id };
  return { level: a.level as 'village' | 'township', regionId: a.unit_region_id!, regionPath: a.unit_path! };
}

/**
 * Ends the case's open assignment, if any, for a reason; answers the ended assignment's id.
 *
 * @example
 * await endOpenAssignment(trx, { row, reason: 'returned', now });
 */
export async function endOpenAssignment(db: Kysely<DB>, { row, reason, now, resolved = false }: { row: CaseRow; reason: NonNullable<AssignmentRow['end_reason']>; now: Date; resolved?: boolean }): Promise<string | null> {
  const ended = await db
    .updateTable('case_assignment')
    .set({ ended_at: now, end_reason: reason, ...(resolved ? { resolved_at: now } : {}) })
    .where('county_code', '=', row.county_code)
    .where('case_id', '=', row.id)
    .where('ended_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return ended?.id ?? null;
}
