import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit, type AuditSource } from '../audit/record-audit.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { createSession } from './sessions.ts';

/** Failed attempts in a row before the account is locked, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export interface LoginOptions {
  username: string;
  password: string;
  ttlHours: number;
  userAgent: string | null;
  source: AuditSource;
}

/**
 * Checks the password and opens a session. Wrong passwords count towards a temporary lockout;
 * unknown usernames cost the same time as known ones.
 *
 * @example
 * const { token } = await login(db, { username: 'gangcheng_admin', password, ttlHours: 12, userAgent: null, source });
 */
export async function login(db: Kysely<DB>, options: LoginOptions) {
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.password_hash', 'u.active', 'u.locked_until', 'u.failed_logins', 'r.id as region_id', 'r.path', 'r.county_code'])
    // Usernames are unique without regard to case (an index on lower(username)): `Admin` is `admin`.
    .where((eb) => eb(eb.fn('lower', ['u.username']), '=', eb.fn('lower', [eb.val(options.username)])))
    .executeTakeFirst();

  if (!user) {
    await verifyPassword(DUMMY_HASH, options.password);
    await recordAudit(db, { ...options.source, actorName: options.username }, { action: 'auth.login_failed', entityType: 'user', after: { reason: 'unknown_user' } });
    throw new AppError(401, 'invalid_credentials');
  }
  const region = { id: user.region_id, path: user.path, county_code: user.county_code };
  const source = { ...options.source, actorId: user.id, actorName: user.username };

  if (user.locked_until && user.locked_until > new Date()) {
    const retryAfter = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
    throw new AppError(423, 'account_locked', { headers: { 'retry-after': String(retryAfter) } });
  }

  if (!(await verifyPassword(user.password_hash, options.password))) {
    // Counted in SQL so that parallel attempts cannot slip past the threshold.
    const updated = await db
      .updateTable('app_user')
      .set({
        failed_logins: sql`CASE WHEN failed_logins + 1 >= ${LOCKOUT_THRESHOLD} THEN 0 ELSE failed_logins + 1 END`,
        locked_until: sql`CASE WHEN failed_logins + 1 >= ${LOCKOUT_THRESHOLD} THEN now() + make_interval(mins => ${LOCKOUT_MINUTES}) ELSE locked_until END`,
      })
      .where('id', '=', user.id)
      .returning(['locked_until'])
      .executeTakeFirstOrThrow();
    const lockedNow = updated.locked_until !== null && updated.locked_until > new Date();
    await recordAudit(db, source, {
      action: lockedNow ? 'auth.locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      region,
      after: { reason: 'wrong_password' },
    });
    if (lockedNow) throw new AppError(423, 'account_locked', { headers: { 'retry-after': String(LOCKOUT_MINUTES * 60) } });
    throw new AppError(401, 'invalid_credentials');
  }

  if (!user.active) throw new AppError(403, 'account_disabled');

  const { token, session } = await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const created = await createSession(trx, { userId: user.id, ttlHours: options.ttlHours, clientIp: source.clientIp, userAgent: options.userAgent });
    await recordAudit(trx, source, { action: 'auth.login', entityType: 'user', entityId: user.id, region });
    return created;
  });
  return { token, session, userId: user.id };
}
