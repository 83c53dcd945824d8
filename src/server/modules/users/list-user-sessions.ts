import type { TUserSession } from '../../../shared/schemas/users.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findUserToManage } from './user-rules.ts';

/**
 * The live sessions (signed-in devices) of an account the actor manages (shared/account-rules.ts:
 * strictly below the admin's region, or 403/404 as for any change to it), newest first: what an
 * admin looks at to end a lost phone's.
 *
 * @example
 * const { items } = await listUserSessions({ db, actor: townshipAdmin }, { id: cadreId }); // [{ deviceLabel: '张三的手机', lastIp, … }]
 */
export async function listUserSessions({ db, actor }: ReadContext, { id }: { id: string }): Promise<{ items: TUserSession[] }> {
  const { user } = await findUserToManage(db, actor, id);
  const rows = await db
    .selectFrom('session')
    .select(['id', 'device_label', 'created_at', 'expires_at', 'last_seen_at', 'last_ip', 'client_ip', 'user_agent'])
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      deviceLabel: r.device_label,
      createdAt: new Date(r.created_at).toISOString(),
      expiresAt: r.expires_at.toISOString(),
      lastSeenAt: r.last_seen_at?.toISOString() ?? null,
      lastIp: r.last_ip ?? r.client_ip,
      userAgent: r.user_agent,
    })),
  };
}
