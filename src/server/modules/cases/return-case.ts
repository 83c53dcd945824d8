import type { Actor } from '../../http/context.ts';
import { moveCaseStatus } from './case-access.ts';
import { endOpenAssignment } from './case-steps-shared.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';

/**
 * 退回: the unit says the case is not its own, with a reason; the assignment ends 'returned' and
 * the case waits for the dispatcher again (registered, no unit).
 *
 * @example
 * await returnCase(ctx, { id, reason: '不属于本村，属邻村地界' });
 */
export async function returnCase(ctx: CaseWriteContext<Actor>, { id, reason, now }: { id: string; reason: string; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'return', now }, async ({ trx, row, actor, now: at }) => {
    const assignmentId = await endOpenAssignment(trx, { row, reason: 'returned', now: at });
    await moveCaseStatus(trx, { row, to: 'registered', now: at, set: { unit_region_id: null, unit_department_id: null } });
    await addCaseEvent(trx, { row, kind: 'return', from: row.status, to: 'registered', actorId: actor.id, now: at, note: reason, assignmentId });
    await auditCase(trx, ctx.source, { row, action: 'case.return', after: { assignmentId, reason } });
  });
  return getCase(ctx, { id });
}
