import { AppError } from '../../http/errors.ts';
import { findRegionInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit, recordAudits } from '../audit/index.ts';
import { hardshipInForce } from '../registry/index.ts';
import { assertPairingDate, findEligibleCadre } from './pairing-rules.ts';

export interface BulkAssignInput {
  villageCode: string;
  cadreId: string;
  startedOn: string;
  reason: string;
  category?: string | undefined;
}

/**
 * Makes one cadre responsible for every hardship household of a village (optionally of one
 * category) that has no responsible cadre yet. Households already paired are left alone.
 *
 * @example
 * const { assigned, skipped } = await bulkAssign({ db, actor, source }, { villageCode: '370921104201', cadreId, startedOn: '2026-11-29', reason: '' });
 */
export async function bulkAssign({ db, actor, source }: WriteContext, input: BulkAssignInput) {
  const village = await findRegionInScope(db, actor, input.villageCode);
  if (village.level !== 'village') throw new AppError(422, 'region_invalid_parent');
  const cadre = await findEligibleCadre(db, actor, input.cadreId);
  assertPairingDate(input.startedOn);
  return db.transaction().execute(async (trx) => {
    let candidates = trx
      .selectFrom('household as h')
      .select(['h.id', 'h.county_code'])
      .where('h.village_id', '=', village.id)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('household_hardship as hh')
            .select('hh.id')
            .whereRef('hh.household_id', '=', 'h.id')
            .where(hardshipInForce('hh'))
            .$if(Boolean(input.category), (q) => q.where('hh.category_code', '=', input.category!)),
        ),
      );
    const all = await candidates.execute();
    candidates = candidates.where((eb) =>
      eb.not(eb.exists(eb.selectFrom('pairing as p').select('p.id').whereRef('p.household_id', '=', 'h.id').where('p.ended_on', 'is', null).where((w) => w.or([w('p.role', '=', 'responsible'), w('p.cadre_id', '=', cadre.id)])))),
    );
    const unpaired = await candidates.execute();
    if (unpaired.length) {
      const pairings = await trx
        .insertInto('pairing')
        .values(unpaired.map((h) => ({ county_code: h.county_code, household_id: h.id, cadre_id: cadre.id, role: 'responsible' as const, started_on: input.startedOn, start_reason: input.reason, created_by: actor.id })))
        .returning(['id', 'household_id'])
        .execute();
      // Each household's own history says who became responsible for it, and when.
      await recordAudits({ db: trx, source }, pairings.map((p) => ({
          action: 'household.pairing_started',
          entityType: 'household',
          entityId: p.household_id,
          region: village,
          after: { pairingId: p.id, cadre: cadre.username, role: 'responsible', startedOn: input.startedOn, reason: input.reason, bulk: true },
        })),
      );
    }
    const result = { assigned: unpaired.length, skipped: all.length - unpaired.length };
    await recordAudit({ db: trx, source }, {
      action: 'pairing.bulk_assign',
      entityType: 'region',
      entityId: village.code,
      region: village,
      after: { cadre: cadre.username, startedOn: input.startedOn, category: input.category ?? null, householdIds: unpaired.map((h) => h.id), ...result },
    });
    return result;
  });
}
