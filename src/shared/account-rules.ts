/**
 * Who may change which account. The server enforces these rules (users module); the web app
 * uses the same functions only to avoid offering what the server would refuse.
 *
 * - An admin manages the accounts bound to regions strictly below its own: a township admin
 *   those of its villages, never another admin of its township (a peer) and never itself.
 * - Someone must manage the accounts bound to the top of the tree (county admins, leaders,
 *   survey staff, department handlers all sit at the county): a county admin bound to a region
 *   of county level or above also manages the accounts of its own region, other county admins
 *   included, but still never itself. The command line (`lianxin user add`) creates the first one.
 * - One's own password changes only through `/api/auth/password`, with the current one.
 * - Scope comes first and is the server's: an account outside the manager's subtree answers
 *   404 as if it did not exist; these rules decide only between accounts the manager can see.
 */
import { grantableRoles, type TRole } from './roles.ts';

/** Region levels at which a county admin also manages the accounts of its own region. */
export const ROOT_LEVELS: readonly string[] = ['province', 'city', 'county'];

export interface TAccountManager {
  id: string;
  roles: readonly TRole[];
  /** The level of the region the manager is bound to (`county`, `township` …). */
  regionLevel: string;
}

/**
 * Whether the manager also manages the accounts bound to its own region (not only below it).
 *
 * @example
 * managesOwnRegion({ id: '1', roles: ['county_admin'], regionLevel: 'county' }); // true
 * managesOwnRegion({ id: '3', roles: ['township_admin'], regionLevel: 'township' }); // false
 */
export const managesOwnRegion = (manager: Pick<TAccountManager, 'roles' | 'regionLevel'>) =>
  manager.roles.includes('county_admin') && ROOT_LEVELS.includes(manager.regionLevel);

/**
 * Whether the manager may bind an account (a new one, or one moved) to a region of its subtree:
 * `atOwnRegion` says whether that region is the manager's own rather than below it.
 *
 * @example
 * mayBindAccountsAt({ id: '3', roles: ['township_admin'], regionLevel: 'township' }, true); // false
 */
export const mayBindAccountsAt = (manager: Pick<TAccountManager, 'roles' | 'regionLevel'>, atOwnRegion: boolean) =>
  !atOwnRegion || managesOwnRegion(manager);

/**
 * What stands between a manager and an account of its subtree: nothing (`manage`), that it is
 * the manager's own (`self`), that it sits at the manager's own level (`peer`), or that it holds
 * a role the manager cannot grant (`role`). Checked in that order.
 *
 * @example
 * const gangcheng = { id: '3', roles: ['township_admin'], regionLevel: 'township' } as const;
 * accountReach(gangcheng, { id: '9', roles: ['village_cadre'], atManagersRegion: false }); // 'manage'
 * accountReach(gangcheng, { id: '4', roles: ['township_admin'], atManagersRegion: true }); // 'peer'
 * accountReach(gangcheng, { id: '3', roles: ['township_admin'], atManagersRegion: true }); // 'self'
 */
export function accountReach(
  manager: TAccountManager,
  account: { id: string; roles: readonly TRole[]; atManagersRegion: boolean },
): 'manage' | 'self' | 'peer' | 'role' {
  if (account.id === manager.id) return 'self';
  if (!mayBindAccountsAt(manager, account.atManagersRegion)) return 'peer';
  const grantable = grantableRoles(manager.roles);
  if (!account.roles.every((r) => grantable.includes(r))) return 'role';
  return 'manage';
}
