import type { WriteContext } from '../../use-case-context.ts';
import { regionOfUser } from '../../scope/index.ts';
import { recordAudit } from '../audit/index.ts';
import { revokeSession } from './sessions.ts';

/**
 * Signs out: revokes the one session and records it. The cookie is the route's to clear.
 *
 * @example
 * await logOut({ db, actor, source }, { sessionId: req.session!.id });
 */
export async function logOut(ctx: WriteContext, { sessionId }: { sessionId: string }) {
  const { db, actor, source } = ctx;
  await revokeSession(db, sessionId);
  await recordAudit({ db, source }, { action: 'auth.logout', entityType: 'user', entityId: actor.id, region: await regionOfUser(db, actor.id) });
}
