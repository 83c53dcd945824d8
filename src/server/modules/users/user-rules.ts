import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { accountReach, mayBindAccountsAt, type TAccountManager } from '../../../shared/account-rules.ts';
import { grantableRoles, type TRole } from '../../../shared/roles.ts';
import { assertInScopeOr404, findRegionInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { selectUsers } from './user-queries.ts';

/** The actor may grant every one of these roles. */
export function assertGrantable(actor: Actor, roles: readonly TRole[]) {
  const grantable = grantableRoles(actor.roles);
  if (!roles.every((r) => grantable.includes(r))) throw forbidden('role_not_grantable');
}

/** A department handler needs a department of the region's county; other roles need none. */
export async function resolveDepartment(
  db: Kysely<DB>,
  { roles, region, departmentCode }: { roles: readonly TRole[]; region: Region; departmentCode: string | null | undefined },
) {
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

/** The actor as the account rules see it: with the level of its region (which `Actor` does not carry). */
export async function accountManagerOf(db: Kysely<DB>, actor: Actor): Promise<TAccountManager> {
  const region = await db.selectFrom('region').select('level').where('id', '=', actor.regionId).executeTakeFirstOrThrow();
  return { id: actor.id, roles: actor.roles, regionLevel: region.level };
}

/** A user the actor may see: bound inside their subtree; 404 otherwise, whether or not it exists. */
export async function findUserInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const user = await selectUsers(db).select(['u.department_id', 'u.region_id']).where('u.id', '=', id).executeTakeFirst();
  assertInScopeOr404(actor, user, (u) => u.region_path);
  return user;
}

/**
 * A user the actor may change (shared/account-rules.ts): in their subtree (404 otherwise), not
 * themselves (403 `cannot_change_self`), not at their own level unless they manage it (403
 * `account_not_below`), holding only roles they could grant (403 `role_not_grantable`).
 *
 * @example
 * const { user, manager } = await findUserToManage(db, actor, '42');
 */
export async function findUserToManage(db: Kysely<DB>, actor: Actor, id: string) {
  const user = await findUserInScope(db, actor, id);
  const manager = await accountManagerOf(db, actor);
  const reach = accountReach(manager, { id: user.id, roles: user.roles as TRole[], atManagersRegion: user.region_id === actor.regionId });
  if (reach === 'self') throw forbidden('cannot_change_self');
  if (reach === 'peer') throw forbidden('account_not_below');
  if (reach === 'role') throw forbidden('role_not_grantable');
  return { user, manager };
}

/**
 * The region with this code if the actor may bind accounts to it: in their subtree (404
 * otherwise) and below their own region, unless they manage their own (403 `account_not_below`).
 *
 * @example
 * const region = await findRegionForAccounts({ db, actor }, { manager, code: '370921104201' });
 */
export async function findRegionForAccounts({ db, actor }: ReadContext, { manager, code }: { manager: TAccountManager; code: string }): Promise<Region> {
  const region = await findRegionInScope(db, actor, code);
  if (!mayBindAccountsAt(manager, region.id === actor.regionId)) throw forbidden('account_not_below');
  return region;
}
