import type { Actor } from '../../http/context.ts';
import { moveCaseStatus } from './case-access.ts';
import { endOpenAssignment } from './case-steps-shared.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';
import { attachCaseFiles } from './store-case-file.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';

/**
 * 办结: the unit resolves the case with its resolution (and evidence photos): the assignment
 * ends 'resolved' (the resolution deadline is met or missed here) and the case waits for the
 * dispatcher's call back.
 *
 * @example
 * await resolveCase(ctx, { id, resolution: '已更换三盏路灯' });
 */
export async function resolveCase(ctx: CaseWriteContext<Actor>, { id, resolution, files = [], now }: { id: string; resolution: string; files?: string[]; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'resolve', now }, async ({ trx, row, actor, now: at }) => {
    const assignmentId = await endOpenAssignment(trx, { row, reason: 'resolved', now: at, resolved: true });
    await moveCaseStatus(trx, { row, to: 'resolved', now: at, set: { resolution, resolved_at: at } });
    const eventId = await addCaseEvent(trx, { row, kind: 'resolve', from: row.status, to: 'resolved', actorId: actor.id, now: at, note: resolution, assignmentId, details: { files: files.length } });
    await attachCaseFiles(trx, { row, eventId, files });
    await auditCase(trx, ctx.source, { row, action: 'case.resolve', after: { assignmentId, files: files.length } });
  });
  return getCase(ctx, { id });
}
