import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { grantableRoles, type TRole } from '../../../shared/roles.ts';
import { assertInScopeOr404 } from '../../scope/index.ts';
import { selectUsers } from './user-queries.ts';

/** The actor may grant every one of these roles. */
export function assertGrantable(actor: Actor, roles: readonly TRole[]) {
  const grantable = grantableRoles(actor.roles);
  if (!roles.every((r) => grantable.includes(r))) throw forbidden('role_not_grantable');
}

/** A department handler needs a department of the region's county; other roles need none. */
export async function resolveDepartment(db: Kysely<DB>, roles: readonly TRole[], region: Region, departmentCode: string | null | undefined) {
  if (!departmentCode) {
    if (roles.includes('department_handler')) throw new AppError(422, 'department_required');
    return null;
  }
  const department = await db
    .selectFrom('department')
    .select(['id', 'code'])
    .where('code', '=', departmentCode)
    .where('county_code', '=', region.county_code ?? '')
    .executeTakeFirst();
  if (!department) throw new AppError(422, 'validation_failed', { issues: [{ path: 'departmentCode', message: 'no such department in this county' }] });
  return department;
}

/** A user the actor may manage: bound inside their subtree, holding only roles they could grant. */
export async function findUserToManage(db: Kysely<DB>, actor: Actor, id: string) {
  const user = await selectUsers(db).select(['u.department_id', 'u.region_id']).where('u.id', '=', id).executeTakeFirst();
  assertInScopeOr404(actor, user, (u) => u.region_path);
  assertGrantable(actor, user.roles as TRole[]);
  return user;
}
