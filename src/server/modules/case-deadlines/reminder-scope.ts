import type { ExpressionBuilder, SqlBool, Expression } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { inSubtree } from '../../scope/index.ts';

type ReminderQuery = ExpressionBuilder<DB & { m: DB['case_reminder']; u: DB['region']; s: DB['region'] }, 'm' | 'u' | 's'>;

/** Roles that see reminders by region: the unit's own subtree, and a supervisor's (a township sees its villages', the county everyone's). */
const REGION_ROLES = ['county_admin', 'county_leader', 'township_admin', 'village_cadre'] as const;

/**
 * Which reminders (督办) an actor sees: a region's unit and its supervisors see those of units in
 * their subtree or supervised by a region in it (the county's admins see the departments' too);
 * a department handler sees only the department's own, as with cases.
 */
export function reminderVisibleTo(actor: Actor) {
  return (eb: ReminderQuery): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    if (actor.roles.some((r) => (REGION_ROLES as readonly string[]).includes(r))) {
      ors.push(inSubtree(eb.ref('u.path'), actor.regionPath), inSubtree(eb.ref('s.path'), actor.regionPath));
    }
    if (actor.roles.includes('department_handler') && actor.departmentId) ors.push(eb('m.unit_department_id', '=', actor.departmentId));
    return ors.length ? eb.or(ors) : eb.lit(false);
  };
}
