import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, conflict } from '../../http/errors.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import { assertPairingDate, findEligibleCadre, hasHardship } from './pairing-rules.ts';

export interface AssignCadreInput {
  cadreId: string;
  role: 'responsible' | 'helper';
  startedOn: string;
  reason: string;
}

/**
 * Pairs a cadre with a hardship household (结对帮扶), as its responsible cadre or a helper.
 *
 * @example
 * await assignCadre(db, actor, householdId, { cadreId, role: 'responsible', startedOn: '2026-11-20', reason: '' }, source);
 */
export async function assignCadre(db: Kysely<DB>, actor: Actor, householdId: string, input: AssignCadreInput, source: AuditSource) {
  const household = await findHouseholdInScope(db, actor, householdId);
  const cadre = await findEligibleCadre(db, actor, input.cadreId);
  assertPairingDate(input.startedOn);
  if (!(await hasHardship(db, household.id))) throw new AppError(422, 'not_hardship_household');
  return db.transaction().execute(async (trx) => {
    const active = await trx.selectFrom('pairing').select(['id', 'role', 'cadre_id']).where('household_id', '=', household.id).where('ended_on', 'is', null).execute();
    if (input.role === 'responsible' && active.some((p) => p.role === 'responsible')) throw conflict('pairing_exists');
    if (active.some((p) => p.cadre_id === cadre.id)) throw conflict('conflict');
    const pairing = await trx
      .insertInto('pairing')
      .values({
        county_code: household.county_code,
        household_id: household.id,
        cadre_id: cadre.id,
        role: input.role,
        started_on: input.startedOn,
        start_reason: input.reason,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, source, {
      action: 'household.pairing_started',
      entityType: 'household',
      entityId: household.id,
      region: household.region,
      after: { pairingId: pairing.id, cadre: cadre.username, role: input.role, startedOn: input.startedOn, reason: input.reason },
    });
    return pairing;
  });
}
