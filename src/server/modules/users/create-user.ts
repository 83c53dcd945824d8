import { AppError, conflict } from '../../http/errors.ts';
import type { TCreateUserRequest } from '../../../shared/schemas/users.ts';
import type { Actor } from '../../http/context.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from '../auth/index.ts';
import { selectUsers, toUser } from './user-queries.ts';
import { accountManagerOf, assertGrantable, findRegionForAccounts, resolveDepartment } from './user-rules.ts';

/**
 * Creates an account bound to a region the actor manages accounts of (below their own, or their
 * own for a county admin at the county: shared/account-rules.ts), with roles the actor may grant.
 * The actor `null` is the command line (`lianxin user add`), which may do anything: it creates
 * the first county admin. Without an actor, `passwordHash` may stand for `password`: the demo
 * creates dozens of unit accounts with one argon2id hash instead of one hash each (≈0.1–0.6 s apiece).
 *
 * @example
 * await createUser({ db, actor: countyAdmin, source }, { username: 'wang', displayName: '王伟', password: 'Passw0rd!', roles: ['village_cadre'], regionCode: '370921106201' });
 */
export async function createUser(ctx: WriteContext<Actor | null>, input: TCreateUserRequest & { passwordHash?: string }) {
  const { db, actor, source } = ctx;
  const region = actor
    ? await findRegionForAccounts({ db, actor }, { manager: await accountManagerOf(db, actor), code: input.regionCode })
    : await db.selectFrom('region').selectAll().where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw new AppError(422, 'validation_failed', { issues: [{ path: 'regionCode', message: 'no such region' }] });
  if (region.closed_on) throw new AppError(422, 'region_closed');
  if (actor) assertGrantable(actor, input.roles);
  const department = await resolveDepartment(db, { roles: input.roles, region, departmentCode: input.departmentCode });
  const passwordHash = !actor && input.passwordHash ? input.passwordHash : await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    // Without regard to case, as the unique index on lower(username) holds it (a race ends there, as 409 conflict).
    const taken = await trx
      .selectFrom('app_user')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['username']), '=', eb.fn('lower', [eb.val(input.username)])))
      .executeTakeFirst();
    if (taken) throw conflict('username_taken');
    // Failures counted while the name belonged to no account are not the new account's.
    await trx.deleteFrom('login_failure').where((eb) => eb('username_key', '=', eb.fn<string>('lower', [eb.val(input.username)]))).execute();
    const created = await trx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        roles: input.roles,
        region_id: region.id,
        department_id: department?.id ?? null,
        county_code: region.county_code,
        locale: input.locale ?? 'zh-CN',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      region,
      after: { username: input.username, displayName: input.displayName, roles: input.roles, regionCode: region.code, departmentCode: department?.code ?? null },
    });
    return created.id;
  });
  return toUser(await selectUsers(db).where('u.id', '=', id).executeTakeFirstOrThrow());
}
