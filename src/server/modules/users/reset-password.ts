import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword, revokeUserSessions } from '../auth/index.ts';
import { regionOfUser } from '../../scope/index.ts';
import { findUserToManage } from './user-rules.ts';

/**
 * An admin sets a new password for an account they manage (never their own: that is
 * `/api/auth/password`, with the current one); its sessions end.
 *
 * @example
 * await resetPassword({ db, actor: townshipAdmin, source }, { id: cadreId, newPassword: 'Reset2026ok' });
 */
export async function resetPassword({ db, actor, source }: WriteContext, { id, newPassword }: { id: string; newPassword: string }) {
  const { user } = await findUserToManage(db, actor, id);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date(), failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    await revokeUserSessions(trx, user.id);
    await recordAudit({ db: trx, source }, { action: 'user.password_reset', entityType: 'user', entityId: user.id, region: await regionOfUser(trx, user.id) });
  });
}
