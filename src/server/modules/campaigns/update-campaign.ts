import type { TCampaignDetail, TCampaignDraftInput } from '../../../shared/visits/index.ts';
import { ZCampaignDraft } from '../../../shared/visits/index.ts';
import { readJson } from '../../db/json-columns.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertDraft, checkDraft, findCampaignToManage, findCampaignVisible } from './campaign-rules.ts';
import { campaignDetail } from './campaign-view.ts';

export interface UpdateCampaignOptions {
  id: string;
  draft: TCampaignDraftInput;
}

/**
 * Replaces a draft's definition, regions and filter. Only a draft changes: an open campaign's
 * targets were made from its definition (409 `campaign_not_draft`) and a closed one is read-only
 * (409 `campaign_closed`).
 *
 * @example
 * await updateCampaign({ db, actor, source }, { id: '3', draft: { definition, regionCodes: ['370921104'] } });
 */
export async function updateCampaign({ db, actor, source }: WriteContext, options: UpdateCampaignOptions): Promise<TCampaignDetail> {
  const draft = ZCampaignDraft.parse(options.draft);
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignToManage(trx, actor, options.id);
    assertDraft(campaign);
    const { regions } = await checkDraft(trx, actor, draft);
    const { definition } = draft;
    await trx
      .updateTable('visit_campaign')
      .set({
        kind: definition.kind,
        name: definition.name,
        starts_on: definition.period.startsOn,
        ends_on: definition.period.endsOn,
        deadline: definition.done.deadline,
        grace_days: definition.graceDays,
        definition: JSON.stringify(definition),
        target_filter: draft.targetFilter === null ? null : JSON.stringify(draft.targetFilter),
        updated_at: new Date(),
      })
      .where('id', '=', campaign.id)
      .execute();
    await trx.deleteFrom('visit_campaign_region').where('campaign_id', '=', campaign.id).execute();
    await trx
      .insertInto('visit_campaign_region')
      .values(regions.map((r) => ({ campaign_id: campaign.id, region_id: r.id })))
      .execute();
    await recordAudit({ db: trx, source }, {
      action: 'visit_campaign.update',
      entityType: 'visit_campaign',
      entityId: campaign.id,
      region: campaign.organiser,
      before: { definition: readJson('visit_campaign.definition', campaign.definition), regionCodes: campaign.regions.map((r) => r.code), targetFilter: campaign.target_filter },
      after: { definition, regionCodes: draft.regionCodes, targetFilter: draft.targetFilter },
    });
  });
  return campaignDetail(db, actor, await findCampaignVisible(db, actor, options.id));
}
