import type { Kysely } from 'kysely';
import { hardshipInForce } from '../registry/index.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { CADRE_ROLES, type TRole } from '../../../shared/roles.ts';
import { localDate } from '../../../shared/time.ts';
import { isInScope } from '../../scope/index.ts';


/** An active cadre account inside the actor's subtree, or 422 cadre_not_eligible. */
export async function findEligibleCadre(db: Kysely<DB>, actor: Actor, cadreId: string) {
  const cadre = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.active', 'r.path'])
    .where('u.id', '=', cadreId)
    .executeTakeFirst();
  const eligible = cadre && cadre.active && isInScope(actor, cadre.path) && cadre.roles.some((r) => CADRE_ROLES.includes(r as TRole));
  if (!eligible) throw new AppError(422, 'cadre_not_eligible');
  return cadre;
}

/** Whether a household has a hardship label in force today. */
export async function hasHardship(db: Kysely<DB>, householdId: string) {
  const row = await db
    .selectFrom('household_hardship')
    .select('id')
    .where('household_id', '=', householdId)
    .where(hardshipInForce())
    .executeTakeFirst();
  return Boolean(row);
}

/** A pairing date: not in the future (a pairing records what was arranged). */
export function assertPairingDate(date: string, notBefore?: string) {
  if (date > localDate() || (notBefore && date < notBefore)) throw new AppError(422, 'invalid_date');
}
