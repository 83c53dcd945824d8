import type { TRole } from '../../../shared/roles.ts';
import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The actor an active account acts as, as its session would give it: for work done on a user's
 * behalf without a session (the demo's simulated fieldwork, tests, benchmarks). Null when the
 * account does not exist or is disabled.
 *
 * @example
 * const supervisor = await loadActor({ db, actor: null }, { username: 'supervisor' }); // { id, roles: ['survey_supervisor'], regionPath, … }
 */
export async function loadActor({ db }: ReadContext<null>, { username }: { username: string }): Promise<Actor | null> {
  const u = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.locale', 'u.department_id', 'u.county_code', 'r.id as region_id', 'r.code', 'r.path'])
    .where('u.username', '=', username)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!u) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles as TRole[],
    locale: u.locale,
    regionId: u.region_id,
    regionCode: u.code,
    regionPath: u.path,
    countyCode: u.county_code,
    departmentId: u.department_id,
  };
}
