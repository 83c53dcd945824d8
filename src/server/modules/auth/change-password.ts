import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { regionOfUser } from '../../scope/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { revokeUserSessions } from './sessions.ts';

export interface ChangePasswordOptions {
  currentPassword: string;
  newPassword: string;
  /** The session the change is made from: it stays open, the others end. */
  keepSessionId: string;
}

/**
 * Changes one's own password and ends one's other sessions.
 *
 * @example
 * await changePassword({ db, actor, source }, { currentPassword, newPassword, keepSessionId: req.session!.id });
 */
export async function changePassword(ctx: WriteContext, input: ChangePasswordOptions) {
  const { db, actor, source } = ctx;
  const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) throw new AppError(400, 'wrong_password');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', actor.id).execute();
    await revokeUserSessions(trx, actor.id, input.keepSessionId);
    await recordAudit({ db: trx, source }, { action: 'auth.password_changed', entityType: 'user', entityId: actor.id, region: await regionOfUser(trx, actor.id) });
  });
}
