/**
 * Server-side sessions. The cookie carries a random 256-bit token; the table keeps only its
 * SHA-256, so a leaked database does not hand out live sessions.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TRole } from '../../../shared/roles.ts';
import type { Actor, SessionInfo } from '../../http/context.ts';

export const SESSION_COOKIE = 'lianxin_session';

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Kysely<DB>,
  options: { userId: string; ttlHours: number; clientIp: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionInfo }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + options.ttlHours * 3600_000);
  const id = sha256(token);
  await db
    .insertInto('session')
    .values({
      id,
      user_id: options.userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      client_ip: options.clientIp,
      user_agent: options.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, session: { id, csrfToken, expiresAt } };
}

/** The live session for a cookie token and its user, or null (unknown, expired, revoked, disabled). */
export async function loadSession(db: Kysely<DB>, token: string): Promise<{ actor: Actor; session: SessionInfo } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.locale',
      'u.region_id',
      'u.department_id',
      'u.county_code',
      'r.code as region_code',
      'r.path as region_path',
    ])
    .where('s.id', '=', sha256(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return {
    session: { id: row.session_id, csrfToken: row.csrf_token, expiresAt: row.expires_at },
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles as TRole[],
      locale: row.locale,
      regionId: row.region_id,
      regionCode: row.region_code,
      regionPath: row.region_path,
      countyCode: row.county_code,
      departmentId: row.department_id,
    },
  };
}

export async function revokeSession(db: Kysely<DB>, sessionId: string) {
  await db.updateTable('session').set({ revoked_at: new Date() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a user (password change, disabling, role change), optionally but one. */
export async function revokeUserSessions(db: Kysely<DB>, userId: string, exceptSessionId?: string) {
  let q = db.updateTable('session').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}
