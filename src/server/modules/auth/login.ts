import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
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
  /** The device's name as its user gave it ("张三的手机"); when absent, one is read from the user agent. */
  deviceLabel?: string | undefined;
}

/** Names of no account whose failures are remembered; past it the longest quiet ones are forgotten. */
export const UNKNOWN_NAME_CAP = 10_000;

const lowered = (username: string) => sql<string>`lower(${username})`;

/** Counts one failure for a name of no account, exactly as for an account; the new lock, if any. */
async function countUnknownFailure(db: Kysely<DB>, username: string): Promise<Date | null> {
  const row = await sql<{ locked_until: Date | null; inserted: boolean }>`
    INSERT INTO login_failure AS f (username_key, failed_logins, locked_until, last_failed_at)
    VALUES (${lowered(username)},
            CASE WHEN 1 >= ${LOCKOUT_THRESHOLD} THEN 0 ELSE 1 END,
            CASE WHEN 1 >= ${LOCKOUT_THRESHOLD} THEN now() + make_interval(mins => ${LOCKOUT_MINUTES}) END,
            now())
    ON CONFLICT (username_key) DO UPDATE SET
      failed_logins = CASE WHEN f.failed_logins + 1 >= ${LOCKOUT_THRESHOLD} THEN 0 ELSE f.failed_logins + 1 END,
      locked_until = CASE WHEN f.failed_logins + 1 >= ${LOCKOUT_THRESHOLD} THEN now() + make_interval(mins => ${LOCKOUT_MINUTES}) ELSE f.locked_until END,
      last_failed_at = now()
    RETURNING locked_until, (xmax = 0) AS inserted`.execute(db);
  const { locked_until, inserted } = row.rows[0]!;
  if (inserted) {
    // Bounded: someone trying names by the thousand (slowly: sign-in is rate-limited per address) cannot grow it without end.
    await sql`DELETE FROM login_failure WHERE username_key IN (
      SELECT username_key FROM login_failure ORDER BY last_failed_at DESC, username_key OFFSET ${UNKNOWN_NAME_CAP})`.execute(db);
  }
  return locked_until;
}

/** Counts one failure for an account, in SQL so that parallel attempts cannot slip past the threshold; the new lock, if any. */
async function countAccountFailure(db: Kysely<DB>, userId: string): Promise<Date | null> {
  const updated = await db
    .updateTable('app_user')
    .set({
      failed_logins: sql`CASE WHEN failed_logins + 1 >= ${LOCKOUT_THRESHOLD} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql`CASE WHEN failed_logins + 1 >= ${LOCKOUT_THRESHOLD} THEN now() + make_interval(mins => ${LOCKOUT_MINUTES}) ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .returning(['locked_until'])
    .executeTakeFirstOrThrow();
  return updated.locked_until;
}

/**
 * Checks the password and opens a session. Wrong passwords count towards a temporary lockout.
 * A name of no account is answered exactly as an account is — same status, body, headers and
 * work (argon2 against a dummy hash, failures counted in `login_failure`, locked after as many)
 * — so that neither the answer nor the lockout tells which names exist.
 *
 * @example
 * const { token } = await login({ db, actor: null, source }, { username: 'gangcheng_admin', password, ttlHours: 12, userAgent: null });
 */
export async function login(ctx: WriteContext<null>, options: LoginOptions) {
  const { db } = ctx;
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.password_hash', 'u.active', 'u.locked_until', 'r.id as region_id', 'r.path', 'r.county_code'])
    // Usernames are unique without regard to case (an index on lower(username)): `Admin` is `admin`.
    .where((eb) => eb(eb.fn('lower', ['u.username']), '=', lowered(options.username)))
    .executeTakeFirst();
  // Asked for every name, so that known and unknown ones cost the same queries.
  const unknownName = await db.selectFrom('login_failure').select('locked_until').where('username_key', '=', lowered(options.username)).executeTakeFirst();
  const lockedUntil = user ? user.locked_until : (unknownName?.locked_until ?? null);

  if (lockedUntil && lockedUntil > new Date()) {
    const retryAfter = Math.ceil((lockedUntil.getTime() - Date.now()) / 1000);
    throw new AppError(423, 'account_locked', { headers: { 'retry-after': String(retryAfter) } });
  }

  const passwordOk = await verifyPassword(user?.password_hash ?? DUMMY_HASH, options.password);
  if (!user || !passwordOk) {
    const locked = user ? await countAccountFailure(db, user.id) : await countUnknownFailure(db, options.username);
    const lockedNow = locked !== null && locked > new Date();
    const action = lockedNow ? 'auth.locked' : 'auth.login_failed';
    if (user) {
      await recordAudit({ db, source: { ...ctx.source, actorId: user.id, actorName: user.username } }, {
        action,
        entityType: 'user',
        entityId: user.id,
        region: { id: user.region_id, path: user.path, county_code: user.county_code },
        after: { reason: 'wrong_password' },
      });
    } else {
      await recordAudit({ db, source: { ...ctx.source, actorName: options.username } }, { action, entityType: 'user', after: { reason: 'unknown_user' } });
    }
    if (lockedNow) throw new AppError(423, 'account_locked', { headers: { 'retry-after': String(LOCKOUT_MINUTES * 60) } });
    throw new AppError(401, 'invalid_credentials');
  }
  const region = { id: user.region_id, path: user.path, county_code: user.county_code };
  const source = { ...ctx.source, actorId: user.id, actorName: user.username };

  if (!user.active) throw new AppError(403, 'account_disabled');

  const { token, session } = await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const created = await createSession(trx, { userId: user.id, ttlHours: options.ttlHours, clientIp: source.clientIp, userAgent: options.userAgent, deviceLabel: options.deviceLabel ?? null });
    await recordAudit({ db: trx, source }, { action: 'auth.login', entityType: 'user', entityId: user.id, region, ...(options.deviceLabel ? { after: { deviceLabel: options.deviceLabel } } : {}) });
    return created;
  });
  return { token, session, userId: user.id };
}
