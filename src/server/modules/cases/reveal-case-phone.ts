import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { TRevealPurpose } from '../../../shared/schemas/reveal-purpose.ts';
import { loadCase } from './case-access.ts';
import { auditCase } from './case-step.ts';
import type { CaseWriteContext } from './register-case.ts';

/**
 * The contact's full phone of a case in the actor's area, for a stated purpose; every reveal is
 * audited (`case.reveal_phone`, with the purpose) in the same transaction. 404
 * `case_no_phone` when the case has none.
 *
 * @example
 * const { value } = await revealCasePhone(ctx, { id, purpose: { code: 'petition', note: null } });
 */
export async function revealCasePhone(ctx: CaseWriteContext<Actor>, { id, purpose }: { id: string; purpose: TRevealPurpose }): Promise<{ value: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadCase(trx, { actor: ctx.actor, id });
    if (row.contact_phone_cipher === null) throw new AppError(404, 'case_no_phone');
    const value = ctx.cipher.decrypt(row.contact_phone_cipher);
    await auditCase(trx, ctx.source, { row, action: 'case.reveal_phone', after: { field: 'contact_phone', masked: row.contact_phone_masked, purpose } });
    return { value };
  });
}
