import type { TReassignTargetsRequest } from '../../../shared/visits/index.ts';
import { unprocessable } from '../../http/errors.ts';
import { findRegionInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertOpen, findCampaignVisible, findVillageCadre } from './campaign-rules.ts';

export interface ReassignTargetsOptions extends TReassignTargetsRequest {
  campaignId: string;
  now?: Date;
}

/**
 * Bulk (re)assignment inside one village of an open campaign: every target of the village (no
 * `householdIds`) or the chosen ones go to one cadre, or back to the village's cadres
 * (`cadreId: null`). The village must lie in the actor's subtree (404), so a township admin
 * assigns its own villages' households of a county campaign too. The cadre is an active account
 * with a cadre role whose region contains the village (422 `visit_cadre_not_eligible`); chosen
 * households that are not targets of that village: 422 `visit_targets_not_found`. A draft has no
 * targets yet (409 `campaign_not_open`), a closed campaign is read-only (409 `campaign_closed`).
 *
 * @example
 * await reassignTargets({ db, actor, source }, { campaignId: '3', villageCode: '370921104201', cadreId: '17' });
 */
export async function reassignTargets({ db, actor, source }: WriteContext, options: ReassignTargetsOptions): Promise<{ reassigned: number }> {
  const now = options.now ?? new Date();
  const village = await findRegionInScope(db, actor, options.villageCode);
  if (village.level !== 'village') throw unprocessable('region_invalid_parent');
  return db.transaction().execute(async (trx) => {
    const campaign = await findCampaignVisible(trx, actor, { id: options.campaignId, lock: true });
    assertOpen(campaign);
    const cadre = options.cadreId === null ? null : await findVillageCadre(trx, village, options.cadreId);
    const chosen = options.householdIds === undefined ? null : [...new Set(options.householdIds)];
    if (chosen !== null) {
      const found = await trx
        .selectFrom('visit_target')
        .select('household_id')
        .where('campaign_id', '=', campaign.id)
        .where('county_code', '=', campaign.county_code)
        .where('village_id', '=', village.id)
        .where('household_id', 'in', chosen)
        .execute();
      if (found.length !== chosen.length) throw unprocessable('visit_targets_not_found');
    }
    const updated = await trx
      .updateTable('visit_target')
      .set({ cadre_id: cadre?.id ?? null, assigned_at: now })
      .where('campaign_id', '=', campaign.id)
      .where('county_code', '=', campaign.county_code)
      .where('village_id', '=', village.id)
      .$if(chosen !== null, (q) => q.where('household_id', 'in', chosen!))
      .returning('household_id')
      .execute();
    await recordAudit({ db: trx, source }, {
      action: 'visit_campaign.reassign',
      entityType: 'visit_campaign',
      entityId: campaign.id,
      region: village,
      after: {
        villageCode: village.code,
        cadre: cadre === null ? null : { id: cadre.id, username: cadre.username },
        scope: chosen === null ? 'village' : 'households',
        householdIds: updated.map((u) => u.household_id),
        reassigned: updated.length,
      },
    });
    return { reassigned: updated.length };
  });
}
