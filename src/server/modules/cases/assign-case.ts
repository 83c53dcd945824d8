import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { caseDeadlines, type TCaseStatus, type TWorkingCalendar } from '../../../shared/cases/index.ts';
import { loadWorkingCalendar } from '../working-calendar/index.ts';
import type { CaseCategoryRow, CaseUnit } from './case-routing.ts';

export interface AssignCaseOptions {
  caseRow: { id: string; county_code: string; urgent: boolean; status: TCaseStatus };
  category: Pick<CaseCategoryRow, 'response_hours' | 'resolve_days' | 'urgent_hours'>;
  unit: CaseUnit;
  /** Who dispatched; null for the deadline sweep's automatic escalation and for public intake. */
  dispatchedBy: string | null;
  /** The history step this dispatch is recorded as. */
  eventKind: 'dispatch' | 'escalate' | 'auto_escalate' | 'reopen';
  note?: string;
  /** A dispatch after a resident said "not solved" (重办): counts against the unit. */
  reopened?: boolean;
  /** The open assignment, if any, ends for this reason. */
  endCurrent?: 'escalated' | 'auto_escalated' | 'redispatched';
  /** The county's calendar when the caller already has it (the sweep loads it once). */
  calendar?: TWorkingCalendar;
  now: Date;
}

/**
 * The two deadlines of a dispatch at `now` in the county's working time (the category's limits,
 * or its urgent ones). Shared by `assignCase` and the sweep's set-based escalation, so both give
 * the same instants.
 *
 * @example
 * assignmentDeadlines({ category, urgent: false, now, calendar }); // { responseDueAt, resolveDueAt }
 */
export function assignmentDeadlines(o: { category: AssignCaseOptions['category']; urgent: boolean; now: Date; calendar: TWorkingCalendar }): { responseDueAt: Date; resolveDueAt: Date } {
  const { category } = o;
  return caseDeadlines({ from: o.now, category: { responseHours: category.response_hours, resolveDays: category.resolve_days, urgentHours: category.urgent_hours }, urgent: o.urgent, calendar: o.calendar });
}

/**
 * The `details` of a dispatch's history step (ZCaseEventDetails): the unit and the deadlines given.
 *
 * @example
 * assignmentEventDetails({ level: 'department', departmentId: '3' }, { responseDueAt, resolveDueAt });
 */
export function assignmentEventDetails(unit: CaseUnit, due: { responseDueAt: Date; resolveDueAt: Date }) {
  return { level: unit.level, regionId: unit.regionId ?? null, departmentId: unit.departmentId ?? null, responseDueAt: due.responseDueAt.toISOString(), resolveDueAt: due.resolveDueAt.toISOString() };
}

/**
 * Assigns a case to a unit (派单) inside the caller's transaction: ends the open assignment if
 * asked, computes the two deadlines in the county's working time, inserts the assignment, moves
 * the case to `dispatched` and writes the history step. Checks nothing: the use cases that call it
 * (intake, dispatch, escalation, reopening, the deadline sweep) check scope, step and unit first,
 * and write the audit entry.
 *
 * @example
 * const assignment = await assignCase(trx, { caseRow, category, unit: { level: 'township', regionId, regionPath }, dispatchedBy: actor.id, eventKind: 'dispatch', now });
 * assignment.resolveDueAt; // a Date: midnight after the 7th working day
 */
export async function assignCase(trx: Kysely<DB>, options: AssignCaseOptions) {
  const { caseRow, category, unit, dispatchedBy, eventKind, now } = options;
  if (options.endCurrent) {
    await trx
      .updateTable('case_assignment')
      .set({ ended_at: now, end_reason: options.endCurrent })
      .where('county_code', '=', caseRow.county_code)
      .where('case_id', '=', caseRow.id)
      .where('ended_at', 'is', null)
      .execute();
  }
  const calendar = options.calendar ?? (await loadWorkingCalendar({ db: trx }, { countyCode: caseRow.county_code, from: now }));
  const { responseDueAt, resolveDueAt } = assignmentDeadlines({ category, urgent: caseRow.urgent, now, calendar });
  const assignment = await trx
    .insertInto('case_assignment')
    .values({
      county_code: caseRow.county_code,
      case_id: caseRow.id,
      unit_region_id: unit.regionId ?? null,
      unit_department_id: unit.departmentId ?? null,
      unit_path: unit.regionPath ?? null,
      level: unit.level,
      dispatched_by: dispatchedBy,
      dispatched_at: now,
      response_due_at: responseDueAt,
      resolve_due_at: resolveDueAt,
      reopened: options.reopened ?? false,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('resident_case')
    .set({
      status: 'dispatched',
      unit_region_id: unit.regionId ?? null,
      unit_department_id: unit.departmentId ?? null,
      current_assignment_id: assignment.id,
      updated_at: now,
      ...(options.reopened ? { reopen_count: (eb) => eb('reopen_count', '+', 1), resolved_at: null } : {}),
    })
    .where('county_code', '=', caseRow.county_code)
    .where('id', '=', caseRow.id)
    .execute();
  await trx
    .insertInto('case_event')
    .values({
      county_code: caseRow.county_code,
      case_id: caseRow.id,
      kind: eventKind,
      from_status: caseRow.status,
      to_status: 'dispatched',
      assignment_id: assignment.id,
      actor_id: dispatchedBy,
      note: options.note ?? '',
      details: JSON.stringify(assignmentEventDetails(unit, { responseDueAt, resolveDueAt })),
      at: now,
    })
    .execute();
  return { id: assignment.id, level: unit.level, responseDueAt, resolveDueAt };
}
