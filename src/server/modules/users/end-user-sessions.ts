import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { regionOfUser } from '../../scope/index.ts';
import { notFound } from '../../http/errors.ts';
import { findUserToManage } from './user-rules.ts';

/**
 * Ends one live session of an account the actor manages (`sessionId`), or all of them: a lost or
 * handed-on phone is signed out at its next request, which answers 401 `session_ended` (the
 * phone keeps its unsent visits for the next sign-in). Audited with the devices ended. 404 for a
 * session that is not a live one of this account.
 *
 * @example
 * await endUserSessions({ db, actor: townshipAdmin, source }, { id: cadreId, sessionId }); // { ended: 1 }
 */
export async function endUserSessions({ db, actor, source }: WriteContext, { id, sessionId }: { id: string; sessionId?: string | undefined }): Promise<{ ended: number }> {
  const { user } = await findUserToManage(db, actor, id);
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('session')
      .set({ revoked_at: new Date(), end_reason: 'ended_by_admin' })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .$if(sessionId !== undefined, (q) => q.where('id', '=', sessionId!))
      .returning(['device_label', 'created_at'])
      .execute();
    if (sessionId !== undefined && ended.length === 0) throw notFound();
    if (ended.length) {
      await recordAudit({ db: trx, source }, {
        action: 'user.sessions_ended',
        entityType: 'user',
        entityId: user.id,
        region: await regionOfUser(trx, user.id),
        after: { all: sessionId === undefined, sessions: ended.map((s) => ({ deviceLabel: s.device_label, createdAt: new Date(s.created_at).toISOString() })) },
      });
    }
    return { ended: ended.length };
  });
}
