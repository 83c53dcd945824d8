import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TCaseLevel } from '../../../shared/cases/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudits, type AuditEntry } from '../audit/index.ts';
import { assignmentDeadlines, assignmentEventDetails, escalationUnit, type CaseCategoryRow, type CaseRegionRef, type CaseUnit } from '../cases/index.ts';
import { loadWorkingCalendar } from '../working-calendar/index.ts';

/**
 * The sweep's advisory lock (beside the imports' 73092101/73092102): several server processes may
 * share one PostgreSQL; whoever holds it sweeps, the others skip that turn.
 */
export const CASE_SWEEP_LOCK = 73092111;

/**
 * Escalations are read and written this many at a time (a handful of statements per batch), so
 * memory and each statement's parameters (≤ 12 a row, under PostgreSQL's 65,535) stay bounded.
 */
const DEFAULT_BATCH = 2000;

export interface SweepCaseDeadlinesOptions {
  now: Date;
  batchSize?: number;
}

export interface SweepResult {
  /** Another process held the sweep's lock: nothing was done this turn. */
  skipped: boolean;
  /** New reminders (督办) written, one per assignment and missed deadline. */
  reminded: number;
  /** Assignments escalated one level (自动上报) to a unit. */
  escalated: number;
  /** Escalated cases with no unit above (a township's case whose category names no department): back to the dispatcher. */
  returnedToDispatcher: number;
}

interface NewReminder {
  assignment_id: string;
  case_id: string;
  deadline: 'response' | 'resolve';
  level: TCaseLevel;
}

/** Reminders for every open assignment of a county past a deadline, with their history steps; set-based, one statement. */
async function remindOverdue(trx: Kysely<DB>, countyCode: string, countyRegionId: string, now: Date): Promise<NewReminder[]> {
  const { rows } = await sql<NewReminder>`
    WITH overdue AS (
      SELECT a.id AS assignment_id, a.case_id, d.deadline, a.level, a.unit_region_id, a.unit_department_id,
             CASE WHEN a.level = 'village' THEN ur.parent_id ELSE ${countyRegionId}::bigint END AS supervisor_region_id,
             CASE d.deadline WHEN 'response' THEN a.response_due_at ELSE a.resolve_due_at END AS due_at
      FROM case_assignment a
      LEFT JOIN region ur ON ur.id = a.unit_region_id
      CROSS JOIN (VALUES ('response'), ('resolve')) AS d (deadline)
      WHERE a.county_code = ${countyCode} AND a.ended_at IS NULL
        AND ((d.deadline = 'response' AND a.accepted_at IS NULL AND a.response_due_at <= ${now})
          OR (d.deadline = 'resolve' AND a.resolved_at IS NULL AND a.resolve_due_at <= ${now}))
    ), inserted AS (
      INSERT INTO case_reminder (county_code, case_id, assignment_id, deadline, unit_region_id, unit_department_id, supervisor_region_id, created_at)
      SELECT ${countyCode}, case_id, assignment_id, deadline, unit_region_id, unit_department_id, supervisor_region_id, ${now}::timestamptz FROM overdue
      ON CONFLICT (assignment_id, deadline) DO NOTHING
      RETURNING id, case_id, assignment_id, deadline
    ), events AS (
      INSERT INTO case_event (county_code, case_id, kind, from_status, to_status, assignment_id, actor_id, details, at)
      SELECT ${countyCode}, i.case_id, 'remind', c.status, c.status, i.assignment_id, NULL,
             jsonb_build_object('deadline', i.deadline, 'reminderId', i.id::text,
               'dueAt', to_char(o.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
             ${now}::timestamptz
      FROM inserted i
      JOIN overdue o ON o.assignment_id = i.assignment_id AND o.deadline = i.deadline
      JOIN resident_case c ON c.id = i.case_id AND c.county_code = ${countyCode}
    ), marked AS (
      UPDATE case_assignment a
      SET response_reminded_at = CASE WHEN m.response THEN ${now}::timestamptz ELSE a.response_reminded_at END,
          resolve_reminded_at = CASE WHEN m.resolve THEN ${now}::timestamptz ELSE a.resolve_reminded_at END
      FROM (SELECT assignment_id, bool_or(deadline = 'response') AS response, bool_or(deadline = 'resolve') AS resolve FROM inserted GROUP BY assignment_id) m
      WHERE a.county_code = ${countyCode} AND a.id = m.assignment_id
    )
    SELECT i.assignment_id::text AS assignment_id, i.case_id::text AS case_id, i.deadline, o.level
    FROM inserted i JOIN overdue o ON o.assignment_id = i.assignment_id AND o.deadline = i.deadline
    ORDER BY i.assignment_id, i.deadline`.execute(trx);
  return rows;
}

/**
 * 督办 · 超期自动上报: finds the open assignments (`ended_at IS NULL`) past their response deadline
 * without acceptance, or past their resolution deadline without resolution, and for each missed
 * deadline writes one reminder (unique per assignment and deadline: the unit and the level above
 * it — the township for a village, the county for a township or department) and a `remind` step
 * in the case's history. When the county's `case_setting.auto_escalate` is on (the default when
 * it has no row), a village's or township's assignment reminded now is also escalated one level
 * (`escalationUnit`, ended `auto_escalated`, a new assignment with deadlines as `assignCase` gives
 * them, step `auto_escalate`, audit `case.auto_escalate` per case); a department is only reminded
 * (it is the top level). Idempotent: the
 * unique reminder decides, so a second run changes nothing and an assignment is escalated at most
 * once (an escalated one is ended).
 *
 * Runs in one transaction that first takes `pg_try_advisory_xact_lock(CASE_SWEEP_LOCK)`: on a
 * PostgreSQL shared by several servers only one sweeps at a time; the others return `skipped`.
 * Reminders are written by one set-based statement per county; escalations in batches of a few
 * set-based statements each (not `assignCase` per case: 20,000 cases took a minute that way), with
 * the county's calendar loaded once.
 *
 * @example
 * const result = await sweepCaseDeadlines({ db, actor: null, source: systemAuditSource }, { now: new Date() });
 * // { skipped: false, reminded: 12, escalated: 9, returnedToDispatcher: 0 }
 */
export async function sweepCaseDeadlines({ db, source }: WriteContext<null>, { now, batchSize = DEFAULT_BATCH }: SweepCaseDeadlinesOptions): Promise<SweepResult> {
  return db.transaction().execute(async (trx) => {
    const result: SweepResult = { skipped: false, reminded: 0, escalated: 0, returnedToDispatcher: 0 };
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${CASE_SWEEP_LOCK}) AS locked`.execute(trx);
    if (!rows[0]?.locked) return { ...result, skipped: true };
    const counties = await trx.selectFrom('region').select(['id', 'county_code']).where('level', '=', 'county').where('county_code', 'is not', null).orderBy('code').execute();
    for (const county of counties) {
      const countyCode = county.county_code!;
      const reminders = await remindOverdue(trx, countyCode, county.id, now);
      result.reminded += reminders.length;
      const setting = await trx.selectFrom('case_setting').select('auto_escalate').where('county_code', '=', countyCode).executeTakeFirst();
      if (setting && !setting.auto_escalate) continue;
      const toEscalate = [...new Set(reminders.filter((r) => r.level !== 'department').map((r) => r.assignment_id))];
      if (toEscalate.length === 0) continue;
      const escalated = await escalateAssignments(trx, { countyCode, assignmentIds: toEscalate, reminders, now, batchSize, source });
      result.escalated += escalated.escalated;
      result.returnedToDispatcher += escalated.returnedToDispatcher;
    }
    return result;
  });
}

/** What one overdue assignment becomes: a new assignment to the unit above, or back to the dispatcher (unit null). */
interface Escalation {
  row: { assignment_id: string; level: string; case_id: string; status: string; region_id: string; region_path: string };
  unit: CaseUnit | null;
  due: { responseDueAt: Date; resolveDueAt: Date } | null;
}

const NOTE = '超期自动上报 · escalated automatically after a missed deadline';

/**
 * Escalates the reminded assignments set-based: per batch one read, then one statement each to end
 * the old assignments, insert the new ones, move the cases, write the history steps and the audit
 * entries — the rows `assignCase` (and the return to the dispatcher) would write one case at a
 * time, with the deadlines computed in Node from the county's calendar loaded once.
 */
async function escalateAssignments(
  trx: Kysely<DB>,
  options: { countyCode: string; assignmentIds: string[]; reminders: NewReminder[]; now: Date; batchSize: number; source: WriteContext['source'] },
): Promise<{ escalated: number; returnedToDispatcher: number }> {
  const { countyCode, assignmentIds, reminders, now, batchSize, source } = options;
  // Every new deadline is counted from now: the calendar's next 400 days cover them all.
  const calendar = await loadWorkingCalendar({ db: trx }, { countyCode, from: now });
  const categories = new Map((await trx.selectFrom('case_category').selectAll().where('county_code', '=', countyCode).execute()).map((c): [string, CaseCategoryRow] => [c.id, c]));
  const missed = new Map<string, string[]>();
  for (const r of reminders) missed.set(r.assignment_id, [...(missed.get(r.assignment_id) ?? []), r.deadline]);
  // Deadlines depend only on the category and urgency (all counted from now): computed once each.
  const deadlines = new Map<string, { responseDueAt: Date; resolveDueAt: Date }>();
  const dueOf = (category: CaseCategoryRow, urgent: boolean) => {
    const key = `${category.id}:${urgent}`;
    let due = deadlines.get(key);
    if (!due) deadlines.set(key, (due = assignmentDeadlines({ category, urgent, now, calendar })));
    return due;
  };
  let escalated = 0;
  let returnedToDispatcher = 0;
  for (let i = 0; i < assignmentIds.length; i += batchSize) {
    const rows = await trx
      .selectFrom('case_assignment as a')
      .innerJoin('resident_case as c', 'c.id', 'a.case_id')
      .innerJoin('region as r', 'r.id', 'c.region_id')
      .leftJoin('region as t', 't.id', 'r.parent_id')
      .select(['a.id as assignment_id', 'a.level', 'c.id as case_id', 'c.status', 'c.urgent', 'c.category_id', 'c.region_id', 'c.region_path'])
      .select(['r.level as region_level', 'r.path as region_path_now', 'r.parent_id as region_parent_id', 't.id as township_id', 't.path as township_path', 't.parent_id as township_parent_id'])
      .where('a.county_code', '=', countyCode)
      .where('c.county_code', '=', countyCode)
      .where('a.id', 'in', assignmentIds.slice(i, i + batchSize))
      .where('a.ended_at', 'is', null)
      .orderBy('a.id')
      .execute();
    const batch: Escalation[] = [];
    for (const row of rows) {
      const category = categories.get(row.category_id)!;
      // The township above a village case, known from the join: escalationUnit then needs no query.
      const region: CaseRegionRef =
        row.region_level === 'village' && row.township_id
          ? { id: row.township_id, level: 'township', path: row.township_path!, parent_id: row.township_parent_id }
          : { id: row.region_id, level: row.region_level, path: row.region_path_now, parent_id: row.region_parent_id };
      const unit = await escalationUnit(trx, { level: row.level, category, region });
      batch.push({ row, unit, due: unit ? dueOf(category, row.urgent) : null });
    }
    if (batch.length === 0) continue;
    const up = batch.filter((e) => e.unit !== null);
    const back = batch.filter((e) => e.unit === null);
    // Each statement takes its rows as one JSON parameter (jsonb_to_recordset): a batch of 2,000
    // rows as separate parameters (24,000 of them) cost more to send, parse and plan than to write.
    const rowsOf = (items: object[]) => JSON.stringify(items);
    // 1. End the open assignments: assignCase ends every open one of the case, the return its own.
    await sql`
      UPDATE case_assignment a SET ended_at = ${now}::timestamptz, end_reason = 'auto_escalated'
      FROM jsonb_to_recordset(${rowsOf(batch.map((e) => ({ case_id: e.row.case_id, assignment_id: e.row.assignment_id, up: e.unit !== null })))}::jsonb) AS v (case_id bigint, assignment_id bigint, up boolean)
      WHERE a.county_code = ${countyCode} AND a.case_id = v.case_id AND a.ended_at IS NULL AND (v.up OR a.id = v.assignment_id)`.execute(trx);
    // 2. The new assignments, in the order assignCase would have written them (the batch's).
    const inserted = up.length
      ? (
          await sql<{ id: string; case_id: string }>`
            INSERT INTO case_assignment (county_code, case_id, unit_region_id, unit_department_id, unit_path, level, dispatched_by, dispatched_at, response_due_at, resolve_due_at, reopened)
            SELECT ${countyCode}, v.case_id, v.unit_region_id, v.unit_department_id, v.unit_path, v.level, NULL, ${now}::timestamptz, v.response_due_at, v.resolve_due_at, false
            FROM ROWS FROM (jsonb_to_recordset(${rowsOf(
              up.map(({ row, unit, due }) => ({
                case_id: row.case_id,
                unit_region_id: unit!.regionId ?? null,
                unit_department_id: unit!.departmentId ?? null,
                unit_path: unit!.regionPath ?? null,
                level: unit!.level,
                response_due_at: due!.responseDueAt.toISOString(),
                resolve_due_at: due!.resolveDueAt.toISOString(),
              })),
            )}::jsonb) AS (case_id bigint, unit_region_id bigint, unit_department_id bigint, unit_path text, level text, response_due_at timestamptz, resolve_due_at timestamptz))
              WITH ORDINALITY AS v (case_id, unit_region_id, unit_department_id, unit_path, level, response_due_at, resolve_due_at, n)
            ORDER BY v.n
            RETURNING id::text AS id, case_id::text AS case_id`.execute(trx)
        ).rows
      : [];
    const newAssignment = new Map(inserted.map((a) => [a.case_id, a.id]));
    // 3. The cases: dispatched to the new unit, or registered with no unit (back to the dispatcher).
    await sql`
      UPDATE resident_case c
      SET status = v.status, unit_region_id = v.unit_region_id, unit_department_id = v.unit_department_id, current_assignment_id = v.assignment_id, updated_at = ${now}::timestamptz
      FROM jsonb_to_recordset(${rowsOf(
        batch.map(({ row, unit }) => ({
          case_id: row.case_id,
          status: unit ? 'dispatched' : 'registered',
          unit_region_id: unit?.regionId ?? null,
          unit_department_id: unit?.departmentId ?? null,
          assignment_id: unit ? newAssignment.get(row.case_id)! : null,
        })),
      )}::jsonb) AS v (case_id bigint, status text, unit_region_id bigint, unit_department_id bigint, assignment_id bigint)
      WHERE c.county_code = ${countyCode} AND c.id = v.case_id`.execute(trx);
    // 4. The history steps, one per case, in the batch's order.
    await sql`
      INSERT INTO case_event (county_code, case_id, kind, from_status, to_status, assignment_id, actor_id, note, details, at)
      SELECT ${countyCode}, v.case_id, 'auto_escalate', v.from_status, v.to_status, v.assignment_id, NULL, ${NOTE}, v.details, ${now}::timestamptz
      FROM ROWS FROM (jsonb_to_recordset(${rowsOf(
        batch.map(({ row, unit, due }) => ({
          case_id: row.case_id,
          from_status: row.status,
          to_status: unit ? 'dispatched' : 'registered',
          assignment_id: unit ? newAssignment.get(row.case_id)! : row.assignment_id,
          details: unit ? assignmentEventDetails(unit, due!) : { level: null },
        })),
      )}::jsonb) AS (case_id bigint, from_status text, to_status text, assignment_id bigint, details jsonb))
        WITH ORDINALITY AS v (case_id, from_status, to_status, assignment_id, details, n)
      ORDER BY v.n`.execute(trx);
    // 5. One audit entry per case, as before.
    const audits: AuditEntry[] = batch.map(({ row, unit, due }) => ({
      action: 'case.auto_escalate',
      entityType: 'case',
      entityId: row.case_id,
      region: { id: row.region_id, path: row.region_path, county_code: countyCode },
      before: { assignmentId: row.assignment_id, level: row.level, status: row.status, missed: missed.get(row.assignment_id) },
      after: unit
        ? { assignmentId: newAssignment.get(row.case_id)!, level: unit.level, regionId: unit.regionId ?? null, departmentId: unit.departmentId ?? null, responseDueAt: due!.responseDueAt, resolveDueAt: due!.resolveDueAt }
        : { status: 'registered', unit: null },
    }));
    await recordAudits({ db: trx, source }, audits);
    escalated += up.length;
    returnedToDispatcher += back.length;
  }
  return { escalated, returnedToDispatcher };
}
