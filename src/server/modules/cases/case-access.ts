/**
 * Who may see and act on a case (the cases' shared rules): read scope, the dispatcher, the unit,
 * and the steps an account may take now. Every case use case goes through `loadCase` (404 outside
 * scope) and `assertCaseStep` (403 for the wrong taker, 409 for the wrong status).
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { DB, ResidentCaseTable } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { inSubtree, isPathInSubtree } from '../../scope/index.ts';
import { CASE_DISPATCH_ROLES, CASE_READ_ROLES, hasAnyRole } from '../../../shared/roles.ts';
import { STEP_TAKER, allowedSteps, isUnitMember, type TCaseStatus, type TCaseStep } from '../../../shared/cases/index.ts';

export type CaseRow = Selectable<ResidentCaseTable>;

/** Roles that see cases by where they are (a department's handlers see them by assignment instead). */
const regionReader = (actor: Actor) => actor.roles.some((r) => r !== 'department_handler' && CASE_READ_ROLES.includes(r));
const departmentReader = (actor: Actor) => actor.roles.includes('department_handler') && actor.departmentId !== null;

/**
 * SQL: the case `c` is visible to the actor — its region inside the actor's subtree, or, for a
 * department's handlers, the case has (or had) an assignment to their department.
 *
 * @example
 * db.selectFrom('resident_case as c').selectAll('c').where((eb) => caseVisible(eb, actor));
 */
export function caseVisible(eb: ExpressionBuilder<DB & { c: ResidentCaseTable }, 'c'>, actor: Actor): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (regionReader(actor)) parts.push(inSubtree(eb.ref('c.region_path'), actor.regionPath));
  if (departmentReader(actor)) {
    parts.push(
      eb.exists(
        eb
          .selectFrom('case_assignment as va')
          .select(sql.lit(1).as('one'))
          .whereRef('va.case_id', '=', 'c.id')
          .whereRef('va.county_code', '=', 'c.county_code')
          .where('va.unit_department_id', '=', actor.departmentId!),
      ),
    );
  }
  return parts.length === 0 ? sql<SqlBool>`false` : eb.or(parts);
}

/**
 * The case by id when the actor may see it (404 otherwise, whether or not it exists). With
 * `lock`, the row is locked for the rest of the caller's transaction (`FOR UPDATE`), so two
 * people taking a step at once take it one after the other and the second sees the first's
 * status.
 *
 * @example
 * const c = await loadCase(trx, { actor, id, lock: true });
 */
export async function loadCase(db: Kysely<DB>, { actor, id, lock = false }: { actor: Actor; id: string; lock?: boolean }): Promise<CaseRow> {
  if (actor.countyCode === null) throw notFound();
  const row = await db
    .selectFrom('resident_case')
    .selectAll()
    .where('county_code', '=', actor.countyCode)
    .where('id', '=', id)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row || !(await canSeeCase(db, actor, row))) throw notFound();
  return row;
}

/**
 * Whether the actor may see this case row (the JS twin of `caseVisible`).
 *
 * @example
 * if (!(await canSeeCase(db, actor, row))) throw notFound();
 */
export async function canSeeCase(db: Kysely<DB>, actor: Actor, row: Pick<CaseRow, 'id' | 'county_code' | 'region_path'>): Promise<boolean> {
  if (row.county_code !== actor.countyCode) return false;
  if (regionReader(actor) && isPathInSubtree(row.region_path, actor.regionPath)) return true;
  if (!departmentReader(actor)) return false;
  const hit = await db
    .selectFrom('case_assignment')
    .select('id')
    .where('county_code', '=', row.county_code)
    .where('case_id', '=', row.id)
    .where('unit_department_id', '=', actor.departmentId!)
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}

/**
 * The actor dispatches this case (派单人): a dispatcher's role and the case inside their subtree
 * (the township's admin for the township's cases, the county admin for all).
 *
 * @example
 * isCaseDispatcher(gangchengAdmin, caseRow); // true for a case in 堽城镇
 */
export function isCaseDispatcher(actor: Actor, row: Pick<CaseRow, 'region_path' | 'county_code'>): boolean {
  return row.county_code === actor.countyCode && hasAnyRole(actor.roles, CASE_DISPATCH_ROLES) && isPathInSubtree(row.region_path, actor.regionPath);
}

/**
 * The actor works for the case's current unit (承办单位).
 *
 * @example
 * isCaseUnit(cadre, caseRow); // true while the case is with the cadre's village
 */
export function isCaseUnit(actor: Actor, row: Pick<CaseRow, 'unit_region_id' | 'unit_department_id' | 'county_code'>): boolean {
  return row.county_code === actor.countyCode && isUnitMember(actor, { unitRegionId: row.unit_region_id, unitDepartmentId: row.unit_department_id });
}

/**
 * The steps this actor may take on the case now: the lifecycle table's steps for its status,
 * each kept when the actor is its taker (the dispatcher or the unit).
 *
 * @example
 * actorCaseSteps(cadre, caseRow); // ['accept', 'escalate', 'return'] for a case dispatched to the cadre's village
 */
export function actorCaseSteps(actor: Actor, row: CaseRow): TCaseStep[] {
  const dispatcher = isCaseDispatcher(actor, row);
  const unit = isCaseUnit(actor, row);
  return allowedSteps(row.status as TCaseStatus).filter((step) => (STEP_TAKER[step] === 'dispatcher' ? dispatcher : unit));
}

/**
 * Checks the actor may take the step on the case: 403 `case_not_dispatcher` / `case_not_your_unit`
 * for the wrong person, then 409 `case_step_not_allowed` (with the case's status and the steps
 * it allows) for the wrong status.
 *
 * @example
 * assertCaseStep(actor, row, 'accept');
 */
export function assertCaseStep(actor: Actor, row: CaseRow, step: TCaseStep): void {
  if (STEP_TAKER[step] === 'dispatcher' ? !isCaseDispatcher(actor, row) : !isCaseUnit(actor, row)) {
    throw new AppError(403, STEP_TAKER[step] === 'dispatcher' ? 'case_not_dispatcher' : 'case_not_your_unit');
  }
  const status = row.status as TCaseStatus;
  if (!allowedSteps(status).includes(step)) throw stepNotAllowed(status);
}

/**
 * 409 `case_step_not_allowed` for a case in this status.
 *
 * @example
 * throw stepNotAllowed('closed');
 */
export function stepNotAllowed(status: TCaseStatus): AppError {
  return new AppError(409, 'case_step_not_allowed', { extensions: { caseStatus: status, allowedSteps: allowedSteps(status) } });
}

/**
 * Moves the case from the status it was loaded in to another, only if nobody changed it since
 * (a conditional UPDATE): 409 `case_step_not_allowed` when somebody did.
 *
 * @example
 * await moveCaseStatus(trx, { row, to: 'accepted', now });
 */
export async function moveCaseStatus(db: Kysely<DB>, { row, to, now, set = {} }: { row: CaseRow; to: TCaseStatus; now: Date; set?: Updateable<ResidentCaseTable> }): Promise<void> {
  const result = await db
    .updateTable('resident_case')
    .set({ ...set, status: to, updated_at: now })
    .where('county_code', '=', row.county_code)
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    const current = await db.selectFrom('resident_case').select('status').where('county_code', '=', row.county_code).where('id', '=', row.id).executeTakeFirstOrThrow();
    throw stepNotAllowed(current.status as TCaseStatus);
  }
}
