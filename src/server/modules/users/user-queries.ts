import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TUser } from '../../../shared/schemas/users.ts';
import type { TRole } from '../../../shared/roles.ts';

export function selectUsers(db: Kysely<DB>) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .leftJoin('department as d', 'd.id', 'u.department_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.locale',
      'u.active',
      'u.locked_until',
      'u.created_at',
      'r.code as region_code',
      'r.name as region_name',
      'r.path as region_path',
      'd.code as department_code',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

export const toUser = (u: UserRow): TUser => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  roles: u.roles as TRole[],
  regionCode: u.region_code,
  regionName: u.region_name,
  departmentCode: u.department_code,
  locale: u.locale,
  active: u.active,
  lockedUntil: u.locked_until && u.locked_until > new Date() ? u.locked_until.toISOString() : null,
  createdAt: new Date(u.created_at).toISOString(),
});
