import { sql } from 'kysely';
import { addWorkingHours } from '../../../shared/cases/index.ts';
import { CASE_DISPATCH_ROLES, CASE_UNIT_ROLES, hasAnyRole } from '../../../shared/roles.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadWorkingCalendar } from '../working-calendar/index.ts';
import { loadCaseSettings } from './case-settings.ts';

export interface CaseTodoCounts {
  /** The caller's unit: dispatched to it, not yet accepted (待签收). */
  toAccept: number;
  /** The caller's unit: the next deadline (accept, or resolve once accepted) within the county's due-soon working hours. */
  dueSoon: number;
  /** The caller's unit: that deadline passed (逾期). */
  overdue: number;
  /** The caller's subtree, as dispatcher: registered, waiting for a unit (待派单). */
  toDispatch: number;
  /** The caller's subtree, as dispatcher: resolved, waiting for the call-back (待回访). */
  toCallBack: number;
}

/**
 * The caller's case to-dos, counted in SQL: as a unit's member (a village's cadres, a township's
 * admin, a department's handlers) the cases to accept, due soon and overdue on their unit's
 * current assignment; as a dispatcher (township or county admin) the cases of their subtree to
 * dispatch and to call back. Zero where the caller holds no such role.
 *
 * @example
 * const todos = await countCaseTodos({ db, actor }, { now: new Date() }); // { toAccept: 2, dueSoon: 1, overdue: 0, toDispatch: 3, toCallBack: 4 }
 */
export async function countCaseTodos({ db, actor }: ReadContext, options: { now: Date }): Promise<CaseTodoCounts> {
  const out: CaseTodoCounts = { toAccept: 0, dueSoon: 0, overdue: 0, toDispatch: 0, toCallBack: 0 };
  if (!actor.countyCode) return out;
  const countyCode = actor.countyCode;
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const unitMember = hasAnyRole(actor.roles, CASE_UNIT_ROLES);
  if (unitMember) {
    const units = [];
    if (actor.roles.includes('department_handler') && actor.departmentId !== null) units.push(sql`rc.unit_department_id = ${actor.departmentId}`);
    if (actor.roles.includes('village_cadre') || actor.roles.includes('township_admin')) units.push(sql`rc.unit_region_id = ${actor.regionId}`);
    if (units.length > 0) {
      const { dueSoonHours } = await loadCaseSettings(db, { countyCode });
      // Due soon: the deadline comes within the county's due-soon hours of working time (as the cases list counts them).
      const calendar = await loadWorkingCalendar({ db }, { countyCode });
      const soon = sql`${addWorkingHours(options.now, dueSoonHours, calendar).toISOString()}::timestamptz`;
      // The deadline that matters now: accepting while dispatched, resolving after.
      const due = sql`CASE WHEN rc.status = 'dispatched' THEN a.response_due_at ELSE a.resolve_due_at END`;
      const r = await sql<{ to_accept: number; due_soon: number; overdue: number }>`
        SELECT (count(*) FILTER (WHERE rc.status = 'dispatched'))::int AS to_accept,
               (count(*) FILTER (WHERE ${due} > ${now} AND ${due} <= ${soon}))::int AS due_soon,
               (count(*) FILTER (WHERE ${due} <= ${now}))::int AS overdue
        FROM resident_case rc
        JOIN case_assignment a ON a.id = rc.current_assignment_id AND a.county_code = ${countyCode}
        WHERE rc.county_code = ${countyCode} AND rc.status IN ('dispatched', 'accepted', 'in_progress')
          AND (${sql.join(units, sql` OR `)})`.execute(db);
      const row = r.rows[0]!;
      Object.assign(out, { toAccept: row.to_accept, dueSoon: row.due_soon, overdue: row.overdue });
    }
  }
  if (hasAnyRole(actor.roles, CASE_DISPATCH_ROLES)) {
    const r = await sql<{ to_dispatch: number; to_call_back: number }>`
      SELECT (count(*) FILTER (WHERE rc.status = 'registered'))::int AS to_dispatch,
             (count(*) FILTER (WHERE rc.status = 'resolved'))::int AS to_call_back
      FROM resident_case rc
      WHERE rc.county_code = ${countyCode} AND rc.status IN ('registered', 'resolved')
        AND ${inSubtree(sql.ref<string>('rc.region_path'), actor.regionPath)}`.execute(db);
    out.toDispatch = r.rows[0]!.to_dispatch;
    out.toCallBack = r.rows[0]!.to_call_back;
  }
  return out;
}
