import { conflict } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { closePairing, findPairingToChange } from './end-pairing.ts';
import { assertPairingDate, findEligibleCadre } from './pairing-rules.ts';

/**
 * Hands a pairing to another cadre on a date, with a reason: the old pairing ends and a new one
 * starts in one transaction, so the household is never without its responsible cadre.
 *
 * @example
 * await transferPairing({ db, actor, source }, { pairingId, toCadreId, on: '2026-11-29', reason: '原干部调岗' });
 */
export async function transferPairing(ctx: WriteContext, { pairingId, ...input }: { pairingId: string; toCadreId: string; on: string; reason: string }) {
  const { db, actor, source } = ctx;
  const found = await findPairingToChange(db, actor, pairingId);
  const cadre = await findEligibleCadre(db, actor, input.toCadreId);
  assertPairingDate(input.on, found.pairing.started_on);
  if (cadre.id === found.pairing.cadre_id) throw conflict('conflict');
  return db.transaction().execute(async (trx) => {
    await closePairing({ ...ctx, db: trx }, { found, on: input.on, reason: input.reason });
    const next = await trx
      .insertInto('pairing')
      .values({
        county_code: found.pairing.county_code,
        household_id: found.pairing.household_id,
        cadre_id: cadre.id,
        role: found.pairing.role,
        started_on: input.on,
        start_reason: input.reason,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'household.pairing_transferred',
      entityType: 'household',
      entityId: found.household.id,
      region: found.household.region,
      before: { cadre: found.pairing.username },
      after: { pairingId: next.id, cadre: cadre.username, role: next.role, startedOn: input.on, reason: input.reason },
    });
    return next;
  });
}
