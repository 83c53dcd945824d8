/**
 * Who sees a rectification task and who may take which step on it (issue 12 point 2, 5):
 * the county's staff see every task of their county; a township admin the tasks of its township
 * (region_path) or owned by it; a department's handlers the tasks their department owns. Proposals
 * and dropped proposals are the county's working material and stay with the county. A task out of
 * sight answers 404 whether or not it exists.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { DB, RectificationTaskTable } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { inSubtree, isPathInSubtree } from '../../scope/index.ts';
import { RECTIFICATION_MANAGE_ROLES, hasAnyRole } from '../../../shared/roles.ts';
import type { TRectificationStatus, TRectificationStep } from '../../../shared/assessment/index.ts';

export type TaskRow = Selectable<RectificationTaskTable>;

const COUNTY_READERS = ['county_admin', 'county_leader'] as const;
const countyReader = (actor: Actor) => actor.roles.some((r) => (COUNTY_READERS as readonly string[]).includes(r));
const townshipReader = (actor: Actor) => actor.roles.includes('township_admin');
const departmentReader = (actor: Actor) => actor.roles.includes('department_handler') && actor.departmentId !== null;
const WORKING: TRectificationStatus[] = ['open', 'submitted', 'accepted'];

/** The county admin manages tasks (confirm, drop, edit, create, verify). */
export const isManager = (actor: Actor) => hasAnyRole(actor.roles, RECTIFICATION_MANAGE_ROLES);

/**
 * SQL: the task `t` is visible to the actor (the JS twin is canSeeTask).
 *
 * @example
 * db.selectFrom('rectification_task as t').selectAll('t').where((eb) => taskVisible(eb, actor));
 */
export function taskVisible(eb: ExpressionBuilder<DB & { t: RectificationTaskTable }, 't'>, actor: Actor): Expression<SqlBool> {
  if (actor.countyCode === null) return sql<SqlBool>`false`;
  const parts: Expression<SqlBool>[] = [];
  if (countyReader(actor)) parts.push(inSubtree(eb.ref('t.region_path'), actor.regionPath));
  if (townshipReader(actor)) {
    parts.push(eb.and([eb('t.status', 'in', WORKING), eb.or([inSubtree(eb.ref('t.region_path'), actor.regionPath), eb('t.owner_region_id', '=', actor.regionId)])]));
  }
  if (departmentReader(actor)) parts.push(eb.and([eb('t.status', 'in', WORKING), eb('t.owner_department_id', '=', actor.departmentId!)]));
  return parts.length === 0 ? sql<SqlBool>`false` : eb.and([eb('t.county_code', '=', actor.countyCode), eb.or(parts)]);
}

/**
 * Whether the actor sees this task (the JS twin of taskVisible).
 *
 * @example
 * canSeeTask(actor, row); // true
 */
export function canSeeTask(actor: Actor, row: Pick<TaskRow, 'county_code' | 'region_path' | 'status' | 'owner_region_id' | 'owner_department_id'>): boolean {
  if (actor.countyCode === null || row.county_code !== actor.countyCode) return false;
  if (countyReader(actor) && isPathInSubtree(row.region_path, actor.regionPath)) return true;
  if (!WORKING.includes(row.status)) return false;
  if (townshipReader(actor) && (isPathInSubtree(row.region_path, actor.regionPath) || row.owner_region_id === actor.regionId)) return true;
  return departmentReader(actor) && row.owner_department_id === actor.departmentId;
}

/**
 * The task by id when the actor may see it (404 otherwise). With `lock`, the row is locked for
 * the rest of the caller's transaction (FOR UPDATE): two clicks on "accept" take turns, and the
 * second finds the task already accepted.
 *
 * @example
 * const row = await loadTask(trx, { actor, id, lock: true });
 */
export async function loadTask(db: Kysely<DB>, { actor, id, lock = false }: { actor: Actor; id: string; lock?: boolean }): Promise<TaskRow> {
  if (actor.countyCode === null) throw notFound();
  const row = await db
    .selectFrom('rectification_task')
    .selectAll()
    .where('county_code', '=', actor.countyCode)
    .where('id', '=', id)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row || !canSeeTask(actor, row)) throw notFound();
  return row;
}

/**
 * The actor belongs to the task's owner unit: the admin of the owner township, a handler of the
 * owner department.
 *
 * @example
 * isOwnerMember(townshipAdmin, row); // true when row.owner_region_id is their township
 */
export function isOwnerMember(actor: Actor, row: Pick<TaskRow, 'owner_region_id' | 'owner_department_id'>): boolean {
  if (row.owner_region_id !== null && actor.roles.includes('township_admin') && actor.regionId === row.owner_region_id) return true;
  return row.owner_department_id !== null && actor.roles.includes('department_handler') && actor.departmentId === row.owner_department_id;
}

/** Which statuses allow which step, and whether the county (manager) or the owner takes it. */
export const TASK_STEPS: Record<TRectificationStep, { from: readonly TRectificationStatus[]; taker: 'manager' | 'owner' }> = {
  confirm: { from: ['proposed'], taker: 'manager' },
  drop: { from: ['proposed', 'open'], taker: 'manager' },
  edit: { from: ['proposed', 'open'], taker: 'manager' },
  progress: { from: ['open'], taker: 'owner' },
  submit: { from: ['open'], taker: 'owner' },
  accept: { from: ['submitted'], taker: 'manager' },
  return: { from: ['submitted'], taker: 'manager' },
};

/**
 * The steps the actor may take on the task now (the page shows these buttons).
 *
 * @example
 * allowedTaskSteps(countyAdmin, { status: 'submitted', … }); // ['accept', 'return']
 */
export function allowedTaskSteps(actor: Actor, row: Pick<TaskRow, 'status' | 'owner_region_id' | 'owner_department_id'>): TRectificationStep[] {
  return (Object.keys(TASK_STEPS) as TRectificationStep[]).filter((step) => {
    const rule = TASK_STEPS[step];
    if (!rule.from.includes(row.status)) return false;
    return rule.taker === 'manager' ? isManager(actor) : isOwnerMember(actor, row);
  });
}

/** The region id a path ends with ('/1/5/27/' → '27'): the task's place for the audit log. */
export const regionIdOfPath = (path: string) => path.split('/').filter(Boolean).pop()!;

/**
 * Who submitted the task last (the actor of its latest 'submit' update), or null.
 *
 * @example
 * await lastSubmitter(trx, row); // '42'
 */
export async function lastSubmitter(db: Kysely<DB>, row: Pick<TaskRow, 'id' | 'county_code'>): Promise<string | null> {
  const u = await db.selectFrom('rectification_update').select('actor_id').where('county_code', '=', row.county_code).where('task_id', '=', row.id).where('kind', '=', 'submit').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return u?.actor_id ?? null;
}
