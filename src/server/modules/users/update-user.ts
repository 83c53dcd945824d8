import { sql } from 'kysely';
import type { z } from 'zod';
import { AppError, conflict } from '../../http/errors.ts';
import type { TRole } from '../../../shared/roles.ts';
import type { ZUpdateUserRequest } from '../../../shared/schemas/users.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { revokeUserSessions } from '../auth/index.ts';
import { selectUsers, toUser } from './user-queries.ts';
import { assertGrantable, findRegionForAccounts, findUserToManage, resolveDepartment } from './user-rules.ts';

/**
 * Changes an account's name, roles, region, department or status, or lifts a lockout: an
 * account the actor manages (never their own), moved only to a region they manage accounts of.
 * Changing what a user may do ends their sessions, so the change takes effect at once. The last
 * active county admin of a region is not disabled, demoted or moved away (409
 * `last_county_admin`): nobody would be left to manage that level.
 *
 * @example
 * await updateUser({ db, actor: countyAdmin, source }, { id: '42', changes: { active: false } });
 */
export async function updateUser({ db, actor, source }: WriteContext, { id, changes: input }: { id: string; changes: z.output<typeof ZUpdateUserRequest> }) {
  const { user, manager } = await findUserToManage(db, actor, id);
  const roles = (input.roles ?? user.roles) as TRole[];
  if (input.roles) assertGrantable(actor, input.roles);
  const region = input.regionCode
    ? await findRegionForAccounts({ db, actor }, { manager, code: input.regionCode })
    : await db.selectFrom('region').selectAll().where('id', '=', user.region_id).executeTakeFirstOrThrow();
  if (input.regionCode && region.closed_on) throw new AppError(422, 'region_closed');
  const departmentCode = input.departmentCode === undefined ? user.department_code : input.departmentCode;
  const department = await resolveDepartment(db, { roles, region, departmentCode });

  const before = { displayName: user.display_name, roles: user.roles, regionCode: user.region_code, departmentCode: user.department_code, active: user.active };
  const after = { displayName: input.displayName ?? user.display_name, roles, regionCode: region.code, departmentCode: department?.code ?? null, active: input.active ?? user.active };
  const powersChanged =
    JSON.stringify([before.roles, before.regionCode, before.departmentCode, before.active]) !==
    JSON.stringify([after.roles, after.regionCode, after.departmentCode, after.active]);
  const leavesCountyAdmins = user.active && user.roles.includes('county_admin') && !(after.active && roles.includes('county_admin') && region.id === user.region_id);

  await db.transaction().execute(async (trx) => {
    if (leavesCountyAdmins) {
      // Every active county admin of the region, the target included, locked: two admins
      // disabling each other at once queue here, and the second sees the first's change.
      const active = await trx
        .selectFrom('app_user')
        .select('id')
        .where('region_id', '=', user.region_id)
        .where('active', '=', true)
        .where(sql<boolean>`'county_admin' = ANY(roles)`)
        .orderBy('id')
        .forUpdate()
        .execute();
      if (!active.some((u) => u.id !== user.id)) throw conflict('last_county_admin');
    }
    await trx
      .updateTable('app_user')
      .set({
        display_name: after.displayName,
        roles,
        region_id: region.id,
        county_code: region.county_code,
        department_id: department?.id ?? null,
        active: after.active,
        updated_at: new Date(),
        ...(input.unlock ? { locked_until: null, failed_logins: 0 } : {}),
      })
      .where('id', '=', user.id)
      .execute();
    if (powersChanged) await revokeUserSessions(trx, user.id);
    await recordAudit({ db: trx, source }, { action: input.unlock ? 'user.unlock' : 'user.update', entityType: 'user', entityId: user.id, region, before, after });
  });
  return toUser(await selectUsers(db).where('u.id', '=', user.id).executeTakeFirstOrThrow());
}
