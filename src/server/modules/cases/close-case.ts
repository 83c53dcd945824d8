import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { moveCaseStatus, type CaseRow } from './case-access.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';

/** The county's number of unanswered call-back attempts that allow closing without a call back (no settings row: 3). */
export const DEFAULT_CALLBACK_ATTEMPTS_TO_CLOSE = 3;

/**
 * The unanswered call-back attempts on the case's current resolution, and how many allow
 * closing without a call back.
 *
 * @example
 * const { unanswered, needed } = await callbackAttempts(db, row);
 */
export async function callbackAttempts(db: Kysely<DB>, row: CaseRow): Promise<{ unanswered: number; needed: number }> {
  const setting = await db.selectFrom('case_setting').select('callback_attempts_to_close').where('county_code', '=', row.county_code).executeTakeFirst();
  const needed = setting?.callback_attempts_to_close ?? DEFAULT_CALLBACK_ATTEMPTS_TO_CLOSE;
  if (row.current_assignment_id === null) return { unanswered: 0, needed };
  const counted = await db
    .selectFrom('case_callback')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('county_code', '=', row.county_code)
    .where('case_id', '=', row.id)
    .where('assignment_id', '=', row.current_assignment_id)
    .where('outcome', '=', 'unreachable')
    .executeTakeFirstOrThrow();
  return { unanswered: Number(counted.n), needed };
}

/**
 * 结案: the dispatcher closes the case after the call back, or — when the resident could not be
 * reached — after the county's number of unanswered attempts (409 `case_callback_required`
 * before that).
 *
 * @example
 * await closeCase(ctx, { id });
 */
export async function closeCase(ctx: CaseWriteContext<Actor>, { id, note, now }: { id: string; note?: string; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'close', now }, async ({ trx, row, actor, now: at }) => {
    let attempts: { unanswered: number; needed: number } | null = null;
    if (row.status === 'resolved') {
      attempts = await callbackAttempts(trx, row);
      if (attempts.unanswered < attempts.needed) throw new AppError(409, 'case_callback_required', { extensions: { caseStatus: row.status, allowedSteps: ['callback'] } });
    }
    await moveCaseStatus(trx, { row, to: 'closed', now: at, set: { closed_at: at } });
    await addCaseEvent(trx, { row, kind: 'close', from: row.status, to: 'closed', actorId: actor.id, now: at, note: note ?? '', details: attempts ? { withoutCallback: true, unansweredAttempts: attempts.unanswered } : {} });
    await auditCase(trx, ctx.source, { row, action: 'case.close', after: { from: row.status, ...(attempts ? { unansweredAttempts: attempts.unanswered } : {}) } });
  });
  return getCase(ctx, { id });
}
