/**
 * Cases, assignments and call-backs written straight into the tables, for the rates' and the
 * workbench's tests: the rules under test only read these rows, and generated edge data needs
 * states the use cases would take many steps to reach. Test code only.
 */
import type { Kysely } from 'kysely';
import type { TCaseStatus } from '../../../../shared/cases/index.ts';
import type { DB } from '../../../db/schema.ts';
import type { AssignmentFact, CallbackFact } from '../rate-rules.ts';

export interface FixtureUnits {
  countyCode: string;
  categoryId: string;
  /** Villages and townships by code: id, path, parent id. */
  regions: Map<string, { id: string; path: string; parentId: string | null; level: string }>;
  /** Departments by code. */
  departments: Map<string, string>;
}

/** The demo county's units, for fixtures. */
export async function loadFixtureUnits(db: Kysely<DB>, countyCode = '370921'): Promise<FixtureUnits> {
  const category = await db.selectFrom('case_category').select('id').where('county_code', '=', countyCode).orderBy('id').executeTakeFirstOrThrow();
  const regions = await db.selectFrom('region').select(['id', 'code', 'path', 'parent_id', 'level']).where('county_code', '=', countyCode).where('level', 'in', ['township', 'village']).execute();
  const departments = await db.selectFrom('department').select(['id', 'code']).where('county_code', '=', countyCode).execute();
  return {
    countyCode,
    categoryId: category.id,
    regions: new Map(regions.map((r) => [r.code, { id: r.id, path: r.path, parentId: r.parent_id, level: r.level }])),
    departments: new Map(departments.map((d) => [d.code, d.id])),
  };
}

let serial = 0;

export interface FixtureCase {
  /** Where the problem is (a village or township code). */
  regionCode: string;
  status?: TCaseStatus;
  assignments: (Omit<AssignmentFact, 'id' | 'unitParentId' | 'unitRegionId' | 'unitDepartmentId'> & { unitCode: string; reopened?: boolean })[];
  /** By the index of the assignment they are about. */
  callbacks?: (Omit<CallbackFact, 'assignmentId'> & { assignment: number })[];
}

/**
 * Inserts cases with their assignments and call-backs; the last assignment is the case's current
 * one. Returns the facts as the rules read them (with the ids given by the database).
 *
 * @example
 * const { assignments } = await insertRateCases(db, units, [{ regionCode: '370921104201', assignments: [{ level: 'village', unitCode: '370921104201', … }] }]);
 */
export async function insertRateCases(db: Kysely<DB>, units: FixtureUnits, cases: readonly FixtureCase[]): Promise<{ caseIds: string[]; assignments: AssignmentFact[]; callbacks: CallbackFact[] }> {
  const assignments: AssignmentFact[] = [];
  const callbacks: CallbackFact[] = [];
  const caseIds: string[] = [];
  for (const c of cases) {
    const region = units.regions.get(c.regionCode);
    if (!region) throw new Error(`no region ${c.regionCode}`);
    serial++;
    const status = c.status ?? 'dispatched';
    const row = await db
      .insertInto('resident_case')
      .values({
        county_code: units.countyCode,
        case_no: `MQTEST${process.pid}${serial}`,
        tracking_code: `T${process.pid}X${serial}`,
        channel: 'window',
        category_id: units.categoryId,
        region_id: region.id,
        region_path: region.path,
        title: '测试诉求',
        description: '测试',
        status,
        registered_at: c.assignments[0]?.dispatchedAt ?? new Date('2026-01-01T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    caseIds.push(row.id);
    const ids: string[] = [];
    let last: { unitRegionId: string | null; unitDepartmentId: string | null } | null = null;
    for (const a of c.assignments) {
      const dept = a.level === 'department' ? units.departments.get(a.unitCode) : undefined;
      const unitRegion = a.level === 'department' ? undefined : units.regions.get(a.unitCode);
      if (a.level === 'department' ? !dept : !unitRegion) throw new Error(`no unit ${a.unitCode}`);
      const inserted = await db
        .insertInto('case_assignment')
        .values({
          county_code: units.countyCode,
          case_id: row.id,
          unit_region_id: unitRegion?.id ?? null,
          unit_department_id: dept ?? null,
          unit_path: unitRegion?.path ?? null,
          level: a.level,
          dispatched_at: a.dispatchedAt,
          response_due_at: a.responseDueAt,
          resolve_due_at: a.resolveDueAt,
          accepted_at: a.acceptedAt,
          resolved_at: a.resolvedAt,
          ended_at: a.endedAt,
          end_reason: a.endReason,
          reopened: a.reopened ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(inserted.id);
      last = { unitRegionId: unitRegion?.id ?? null, unitDepartmentId: dept ?? null };
      const { unitCode: _u, reopened: _r, ...fact } = a;
      assignments.push({ ...fact, id: inserted.id, unitRegionId: unitRegion?.id ?? null, unitDepartmentId: dept ?? null, unitParentId: unitRegion?.parentId ?? null });
    }
    if (last && status !== 'registered') {
      await db.updateTable('resident_case').set({ current_assignment_id: ids.at(-1)!, unit_region_id: last.unitRegionId, unit_department_id: last.unitDepartmentId }).where('id', '=', row.id).execute();
    }
    for (const cb of c.callbacks ?? []) {
      const assignmentId = ids[cb.assignment]!;
      await db
        .insertInto('case_callback')
        .values({ county_code: units.countyCode, case_id: row.id, assignment_id: assignmentId, outcome: cb.outcome, solved: cb.solved, satisfaction: cb.satisfaction, called_at: cb.calledAt })
        .execute();
      const { assignment: _a, ...fact } = cb;
      callbacks.push({ ...fact, assignmentId });
    }
  }
  return { caseIds, assignments, callbacks };
}
