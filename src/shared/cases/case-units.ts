/**
 * Who is a case's unit (承办单位) and who dispatches it (派单人). Pure, for the server's checks
 * and the web's buttons.
 */
import type { TRole } from '../roles.ts';

/** The unit a case is assigned to: a village or township region, or a county department. */
export interface TCaseUnitRef {
  unitRegionId: string | null;
  unitDepartmentId: string | null;
}

/** What the rules need to know of the signed-in account. */
export interface TCaseActorRef {
  roles: readonly TRole[];
  regionId: string;
  departmentId: string | null;
}

/**
 * Whether the account works for the case's current unit: a department's handlers for a
 * department; for a region, the village cadres bound to that village or the township admins
 * bound to that township.
 *
 * @example
 * isUnitMember({ roles: ['department_handler'], regionId: '1', departmentId: '4' }, { unitRegionId: null, unitDepartmentId: '4' }); // true
 */
export function isUnitMember(actor: TCaseActorRef, unit: TCaseUnitRef): boolean {
  if (unit.unitDepartmentId !== null) return actor.departmentId === unit.unitDepartmentId && actor.roles.includes('department_handler');
  if (unit.unitRegionId !== null) return actor.regionId === unit.unitRegionId && (actor.roles.includes('village_cadre') || actor.roles.includes('township_admin'));
  return false;
}
