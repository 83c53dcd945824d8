import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor, SessionInfo } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { regionOfUser } from '../../scope/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { revokeUserSessions } from './sessions.ts';

/** Changes one's own password and ends one's other sessions. */
export async function changePassword(
  db: Kysely<DB>,
  actor: Actor,
  session: SessionInfo,
  input: { currentPassword: string; newPassword: string },
  source: AuditSource,
) {
  const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) throw new AppError(400, 'wrong_password');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', actor.id).execute();
    await revokeUserSessions(trx, actor.id, session.id);
    await recordAudit(trx, source, { action: 'auth.password_changed', entityType: 'user', entityId: actor.id, region: await regionOfUser(trx, actor.id) });
  });
}
