import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import type { TRole } from '../../../shared/roles.ts';
import type { ZUpdateUserRequest } from '../../../shared/schemas/users.ts';
import { recordAudit, type AuditSource } from '../audit/record-audit.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import { findRegionInScope } from '../../scope/index.ts';
import { selectUsers, toUser } from './user-queries.ts';
import { assertGrantable, findUserToManage, resolveDepartment } from './user-rules.ts';

/**
 * Changes an account's name, roles, region, department or status, or lifts a lockout.
 * Changing what a user may do ends their sessions, so the change takes effect at once.
 */
export async function updateUser(db: Kysely<DB>, actor: Actor, id: string, input: z.output<typeof ZUpdateUserRequest>, source: AuditSource) {
  const user = await findUserToManage(db, actor, id);
  if (user.id === actor.id && (input.roles !== undefined || input.active === false || input.regionCode !== undefined)) {
    throw forbidden('cannot_change_self');
  }
  const roles = (input.roles ?? user.roles) as TRole[];
  if (input.roles) assertGrantable(actor, input.roles);
  const region = input.regionCode
    ? await findRegionInScope(db, actor, input.regionCode)
    : await db.selectFrom('region').selectAll().where('id', '=', user.region_id).executeTakeFirstOrThrow();
  if (input.regionCode && region.closed_on) throw new AppError(422, 'region_closed');
  const departmentCode = input.departmentCode === undefined ? user.department_code : input.departmentCode;
  const department = await resolveDepartment(db, roles, region, departmentCode);

  const before = { displayName: user.display_name, roles: user.roles, regionCode: user.region_code, departmentCode: user.department_code, active: user.active };
  const after = { displayName: input.displayName ?? user.display_name, roles, regionCode: region.code, departmentCode: department?.code ?? null, active: input.active ?? user.active };
  const powersChanged =
    JSON.stringify([before.roles, before.regionCode, before.departmentCode, before.active]) !==
    JSON.stringify([after.roles, after.regionCode, after.departmentCode, after.active]);

  await db.transaction().execute(async (trx) => {
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
    await recordAudit(trx, source, { action: input.unlock ? 'user.unlock' : 'user.update', entityType: 'user', entityId: user.id, region, before, after });
  });
  return toUser(await selectUsers(db).where('u.id', '=', user.id).executeTakeFirstOrThrow());
}
