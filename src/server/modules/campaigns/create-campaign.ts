import type { TCampaignDetail, TCampaignDraftInput } from '../../../shared/visits/index.ts';
import { ZCampaignDraft } from '../../../shared/visits/index.ts';
import { forbidden } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { checkDraft, findCampaignVisible } from './campaign-rules.ts';
import { campaignDetail } from './campaign-view.ts';

/**
 * Drafts a campaign (走访活动) organised at the actor's region: a county admin's covers townships
 * or villages of its county, a township admin's those of its township. Nothing is visible to the
 * cadres until it is opened (`openCampaign`). The draft is parsed here too, so the CLI and the
 * demo seed get the same checks as the route.
 *
 * @example
 * const campaign = await createCampaign({ db, actor: countyAdmin, source }, {
 *   definition: { kind: 'hardship', name: '2026年冬季集中走访慰问', period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
 *     done: { deadline: '2026-12-31', minVisitsHardship: 2 }, aidStandards: [...], budgets: [...], graceDays: 7 },
 *   regionCodes: ['370921104', '370921105'],
 * });
 * campaign.status; // 'draft'
 */
export async function createCampaign({ db, actor, source }: WriteContext, options: TCampaignDraftInput): Promise<TCampaignDetail> {
  const draft = ZCampaignDraft.parse(options);
  // A campaign belongs to one county: an account above the county has none to organise in.
  if (actor.countyCode === null) throw forbidden();
  const countyCode = actor.countyCode;
  const { regions } = await checkDraft(db, actor, draft);
  const id = await db.transaction().execute(async (trx) => {
    const { definition } = draft;
    const created = await trx
      .insertInto('visit_campaign')
      .values({
        county_code: countyCode,
        region_id: actor.regionId,
        kind: definition.kind,
        name: definition.name,
        starts_on: definition.period.startsOn,
        ends_on: definition.period.endsOn,
        deadline: definition.done.deadline,
        grace_days: definition.graceDays,
        definition: JSON.stringify(definition),
        target_filter: draft.targetFilter === null ? null : JSON.stringify(draft.targetFilter),
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('visit_campaign_region')
      .values(regions.map((r) => ({ campaign_id: created.id, region_id: r.id })))
      .execute();
    await recordAudit({ db: trx, source }, {
      action: 'visit_campaign.create',
      entityType: 'visit_campaign',
      entityId: created.id,
      region: { id: actor.regionId, path: actor.regionPath, county_code: countyCode },
      after: { definition, regionCodes: draft.regionCodes, targetFilter: draft.targetFilter },
    });
    return created.id;
  });
  return campaignDetail(db, actor, await findCampaignVisible(db, actor, id));
}
