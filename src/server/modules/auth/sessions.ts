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
  options: { userId: string; ttlHours: number; clientIp: string | null; userAgent: string | null; deviceLabel?: string | null },
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
      device_label: options.deviceLabel ?? deviceLabelOf(options.userAgent),
    })
    .execute();
  return { token, session: { id, csrfToken, expiresAt, lastSeenAt: null } };
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
      's.last_seen_at',
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
    session: { id: row.session_id, csrfToken: row.csrf_token, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at },
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

/** Ends one session at its own user's request (sign-out). */
export async function revokeSession(db: Kysely<DB>, sessionId: string) {
  await db.updateTable('session').set({ revoked_at: new Date(), end_reason: 'logout' }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a user (password change, disabling, role change), optionally but one. */
export async function revokeUserSessions(db: Kysely<DB>, userId: string, exceptSessionId?: string) {
  let q = db.updateTable('session').set({ revoked_at: new Date(), end_reason: 'account_changed' }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

/** How often a live session's last use (time and address) is written: not on every request. */
export const SESSION_TOUCH_MS = 5 * 60_000;

/**
 * Records that a live session was used now from `clientIp`, at most once every SESSION_TOUCH_MS
 * (so an admin's list of devices says where a phone was last seen without a write per request).
 *
 * @example
 * await touchSession(db, { session: req.session, clientIp: req.ip });
 */
export async function touchSession(db: Kysely<DB>, { session, clientIp }: { session: SessionInfo; clientIp: string | null }) {
  if (session.lastSeenAt && Date.now() - session.lastSeenAt.getTime() < SESSION_TOUCH_MS) return;
  await db.updateTable('session').set({ last_seen_at: new Date(), last_ip: clientIp }).where('id', '=', session.id).execute();
}

/**
 * Why a cookie's session no longer works, when it was a real one: `ended` (an admin ended it, or
 * the account's password, roles, region or status changed), `expired`, or null (unknown, or
 * signed out by its own user, who then has no cookie to send).
 *
 * @example
 * await endedSessionStatus(db, token); // 'ended' after an admin ended the phone's session
 */
export async function endedSessionStatus(db: Kysely<DB>, token: string): Promise<'ended' | 'expired' | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.selectFrom('session').select(['revoked_at', 'end_reason', 'expires_at']).where('id', '=', sha256(token)).executeTakeFirst();
  if (!row) return null;
  if (row.revoked_at) return row.end_reason === 'logout' ? null : 'ended';
  return row.expires_at <= new Date() ? 'expired' : null;
}

/**
 * A short name for the device a sign-in came from, when it gave none: the phone's model or the
 * system and browser, read from its user agent ("Android · Redmi Note 12", "iPhone · Safari").
 *
 * @example
 * deviceLabelOf('Mozilla/5.0 (Linux; Android 13; 23021RAAEG Build/TKQ1.221114.001) … Chrome/120 Mobile Safari/537.36'); // 'Android · 23021RAAEG'
 */
export function deviceLabelOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const android = /Android [\d.]+; (?:[a-z]{2}-[a-z]{2}; )?([^;)]+?)(?: Build\/[^;)]*)?[;)]/i.exec(userAgent);
  if (android && !/^(K|wv)$/.test(android[1]!.trim())) return `Android · ${android[1]!.trim()}`.slice(0, 60);
  const system = /iPhone/.test(userAgent) ? 'iPhone' : /iPad/.test(userAgent) ? 'iPad' : /Android/.test(userAgent) ? 'Android' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  const browser = /MicroMessenger/.test(userAgent) ? '微信' : /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const label = [system, browser].filter(Boolean).join(' · ');
  return label || userAgent.slice(0, 60);
}
