/**
 * One step on a task (confirm, edit, drop, progress, submit, accept, return) in one transaction:
 * the task locked, the step checked against its status and taker, the row changed, a
 * rectification_update and an audit entry written. Every step's use case goes through it.
 */
import type { Kysely, Updateable } from 'kysely';
import type { DB, RectificationTaskTable } from '../../db/schema.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import type { TRectificationStep } from '../../../shared/assessment/index.ts';
import type { TAuditAction } from '../../../shared/audit-actions.ts';
import { allowedTaskSteps, isManager, isOwnerMember, loadTask, regionIdOfPath, TASK_STEPS, type TaskRow } from './task-access.ts';

/** What the audit log keeps of a task before and after a step. */
export const auditedTask = (row: TaskRow) => ({
  status: row.status,
  title: row.title,
  problem: row.problem,
  measures: row.measures,
  dueOn: row.due_on,
  ownerRegionId: row.owner_region_id,
  ownerDepartmentId: row.owner_department_id,
  dropReason: row.drop_reason,
});

export interface TaskStepOptions {
  id: string;
  step: TRectificationStep;
  note?: string;
  now?: Date;
  /** The step's own checks and the columns it changes (updated_at is set here). */
  apply: (trx: Kysely<DB>, row: TaskRow) => Promise<{ set: Updateable<RectificationTaskTable>; details?: Record<string, unknown> }>;
  /** Runs after the update row exists (a progress report ties its photos to it). */
  afterUpdate?: (trx: Kysely<DB>, updateId: string, row: TaskRow) => Promise<void>;
}


/** Each step's audit action, one literal per step (the audit-actions test reads them from the source). */
const STEP_ACTIONS: readonly { step: TRectificationStep; action: TAuditAction }[] = [
  { step: 'confirm', action: 'rectification.confirm' },
  { step: 'drop', action: 'rectification.drop' },
  { step: 'edit', action: 'rectification.edit' },
  { step: 'progress', action: 'rectification.progress' },
  { step: 'submit', action: 'rectification.submit' },
  { step: 'accept', action: 'rectification.accept' },
  { step: 'return', action: 'rectification.return' },
];
/**
 * Takes one step on a task: 404 outside the actor's sight, 403 `rectification_not_owner` for an
 * owner's step by someone else (and 403 for a county step by a non-manager), 409
 * `rectification_step_not_allowed` (with the task's status and the steps allowed) when its status
 * does not allow it: that is also what the second of two simultaneous clicks gets.
 *
 * @example
 * await runTaskStep(ctx, { id, step: 'accept', apply: async () => ({ set: { status: 'accepted', accepted_at: now, accepted_by: actor.id } }) });
 */
export async function runTaskStep(ctx: WriteContext, options: TaskStepOptions): Promise<TaskRow> {
  const { db, actor, source } = ctx;
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const row = await loadTask(trx, { actor, id: options.id, lock: true });
    const rule = TASK_STEPS[options.step];
    if (rule.taker === 'manager' && !isManager(actor)) throw forbidden();
    if (rule.taker === 'owner' && !isOwnerMember(actor, row)) throw new AppError(403, 'rectification_not_owner');
    if (!rule.from.includes(row.status)) {
      throw new AppError(409, 'rectification_step_not_allowed', { extensions: { caseStatus: row.status, allowedSteps: allowedTaskSteps(actor, row) } });
    }
    const { set, details = {} } = await options.apply(trx, row);
    const after = await trx
      .updateTable('rectification_task')
      .set({ ...set, updated_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const update = await trx
      .insertInto('rectification_update')
      .values({ county_code: row.county_code, task_id: row.id, kind: options.step, note: options.note ?? '', details: JSON.stringify(details), actor_id: actor.id, at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (options.afterUpdate) await options.afterUpdate(trx, update.id, after);
    await recordAudit(
      { db: trx, source },
      {
        action: STEP_ACTIONS.find((s) => s.step === options.step)!.action,
        entityType: 'rectification_task',
        entityId: row.id,
        region: { id: regionIdOfPath(row.region_path), path: row.region_path, county_code: row.county_code },
        before: auditedTask(row),
        after: { ...auditedTask(after), ...(options.note ? { note: options.note } : {}), ...details },
      },
    );
    return after;
  });
}
