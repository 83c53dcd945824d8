import { AppError, conflict } from '../../http/errors.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertPairingDate, findEligibleCadre, hasHardship } from './pairing-rules.ts';

export interface AssignCadreInput {
  cadreId: string;
  role: 'responsible' | 'helper';
  startedOn: string;
  reason: string;
}

export interface AssignCadreOptions extends AssignCadreInput {
  householdId: string;
}

/**
 * Pairs a cadre with a hardship household (结对帮扶), as its responsible cadre or a helper.
 *
 * @example
 * await assignCadre({ db, actor, source }, { householdId, cadreId, role: 'responsible', startedOn: '2026-11-20', reason: '' });
 */
export async function assignCadre({ db, actor, source }: WriteContext, { householdId, ...input }: AssignCadreOptions) {
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
    await recordAudit({ db: trx, source }, {
      action: 'household.pairing_started',
      entityType: 'household',
      entityId: household.id,
      region: household.region,
      after: { pairingId: pairing.id, cadre: cadre.username, role: input.role, startedOn: input.startedOn, reason: input.reason },
    });
    return pairing;
  });
}
