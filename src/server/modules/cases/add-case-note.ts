import type { Actor } from '../../http/context.ts';
import { moveCaseStatus } from './case-access.ts';
import { attachCaseFiles } from './store-case-file.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';

/**
 * 办理意见: the unit notes what it did, with evidence photos uploaded to the case first (named by
 * hash; 422 `case_file_not_on_case` for one that is not). The first note moves an accepted case
 * to in_progress.
 *
 * @example
 * await addCaseNote(ctx, { id, note: '已联系供电所，周五更换灯泡', files: [sha256] });
 */
export async function addCaseNote(ctx: CaseWriteContext<Actor>, { id, note, files = [], now }: { id: string; note: string; files?: string[]; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'note', now }, async ({ trx, row, actor, now: at }) => {
    if (row.status !== 'in_progress') await moveCaseStatus(trx, { row, to: 'in_progress', now: at });
    else await trx.updateTable('resident_case').set({ updated_at: at }).where('county_code', '=', row.county_code).where('id', '=', row.id).execute();
    const eventId = await addCaseEvent(trx, { row, kind: 'note', from: row.status, to: 'in_progress', actorId: actor.id, now: at, note, assignmentId: row.current_assignment_id, details: { files: files.length } });
    await attachCaseFiles(trx, { row, eventId, files });
    await auditCase(trx, ctx.source, { row, action: 'case.note', after: { files: files.length } });
  });
  return getCase(ctx, { id });
}
