import { sql } from 'kysely';
import { localDate } from '../../../shared/time.ts';
import type { TCampaignDetail } from '../../../shared/visits/index.ts';
import { ZCustomTargetFilter } from '../../../shared/visits/index.ts';
import { readJson } from '../../db/json-columns.ts';
import { unprocessable } from '../../http/errors.ts';
import { inSubtree } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { hardshipInForce } from '../registry/index.ts';
import { assertDraft, findCampaignToManage, findCampaignVisible } from './campaign-rules.ts';
import { campaignDetail } from './campaign-view.ts';

export interface OpenCampaignOptions {
  id: string;
  /** The instant of opening (tests and the demo choose it); hardship labels in force on its Shanghai date count. */
  now?: Date;
}

/**
 * Opens a draft: its target households are fixed now (`visit_target`), one statement inside the
 * transaction that flips the status, so a campaign is never open without its targets.
 *
 * Who is a target, among the households of the campaign's regions (open villages) with at least
 * one active resident:
 * - `all_households`: every one;
 * - `hardship`: those with a hardship label in force;
 * - `custom`: those of the filter's villages (all, when it names none) with a label in force of
 *   one of its categories (any household, when it names none), among the uploaded list of
 *   household numbers when one was uploaded (`uploadCampaignTargets`).
 * Every target keeps a snapshot of its labels in force (`hardship`, `category_codes`): the done
 * rule asks more visits of hardship families and the aid standards key on the categories.
 * A target goes to the responsible cadre of its active pairing when that account is active,
 * otherwise to the village's cadres (`cadre_id` null).
 *
 * Refused: a campaign that is not a draft (409), a `hardship` campaign without any aid standard
 * (422 `campaign_no_aid_standard`: 走访慰问 hands over aid, and a cadre at the door must know how
 * much; a visit-only campaign is `all_households` or `custom`), and one whose regions and filter
 * match no household (422 `campaign_no_targets`).
 *
 * @example
 * const campaign = await openCampaign({ db, actor, source }, { id: '3' });
 * campaign.townships.map((t) => t.targets);
 */
export async function openCampaign({ db, actor, source }: WriteContext, options: OpenCampaignOptions): Promise<TCampaignDetail> {
  const now = options.now ?? new Date();
  const today = localDate(now);
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignToManage(trx, actor, options.id);
    assertDraft(campaign);
    const definition = readJson('visit_campaign.definition', campaign.definition);
    if (definition.kind === 'hardship' && definition.aidStandards.length === 0) throw unprocessable('campaign_no_aid_standard');
    const storedFilter = readJson('visit_campaign.target_filter', campaign.target_filter);
    const filter = campaign.kind === 'custom' && storedFilter !== null ? ZCustomTargetFilter.parse(storedFilter) : { villageCodes: [], categoryCodes: [] };
    const county = campaign.county_code;
    // A custom campaign's uploaded list (kept as the draft's targets) is made again under the rules below.
    const uploaded = campaign.kind === 'custom' ? (await trx.selectFrom('visit_target').select('household_id').where('campaign_id', '=', campaign.id).where('county_code', '=', county).execute()).map((r) => r.household_id) : [];
    if (uploaded.length) await trx.deleteFrom('visit_target').where('campaign_id', '=', campaign.id).where('county_code', '=', county).execute();
    const onlyHardship = campaign.kind === 'hardship' || (campaign.kind === 'custom' && filter.categoryCodes.length > 0);
    // Counted in the statement: at Ningyang scale RETURNING every target would ship 230,000 rows to Node for three numbers.
    const counted = await sql<{ targets: number; hardship: number; paired: number }>`
      WITH inserted AS (
      INSERT INTO visit_target (campaign_id, household_id, county_code, village_id, hardship, category_codes, cadre_id, assigned_at)
      SELECT ${campaign.id}::bigint, h.id, h.county_code, h.village_id, labels.codes IS NOT NULL, coalesce(labels.codes, '{}'::text[]),
        (SELECT p.cadre_id FROM pairing p JOIN app_user u ON u.id = p.cadre_id
          WHERE p.county_code = h.county_code AND p.household_id = h.id AND p.role = 'responsible' AND p.ended_on IS NULL AND u.active
          ORDER BY p.started_on DESC, p.id DESC LIMIT 1),
        ${now}
      FROM household h
      JOIN region v ON v.id = h.village_id
      LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT hh.category_code ORDER BY hh.category_code) AS codes
        FROM household_hardship hh
        WHERE hh.county_code = h.county_code AND hh.household_id = h.id AND ${hardshipInForce('hh', today)}
      ) labels ON true
      WHERE h.county_code = ${county}
        AND v.closed_on IS NULL
        AND EXISTS (
          SELECT 1 FROM visit_campaign_region cr JOIN region r ON r.id = cr.region_id
          WHERE cr.campaign_id = ${campaign.id}::bigint AND ${inSubtree(sql.ref<string>('v.path'), sql.ref<string>('r.path'))}
        )
        AND EXISTS (SELECT 1 FROM resident res WHERE res.county_code = h.county_code AND res.household_id = h.id AND res.active)
        ${onlyHardship ? sql`AND labels.codes IS NOT NULL` : sql``}
        ${uploaded.length ? sql`AND h.id = ANY(${sql.val(uploaded)}::bigint[])` : sql``}
        ${filter.villageCodes.length ? sql`AND v.code IN (${sql.join(filter.villageCodes)})` : sql``}
        ${filter.categoryCodes.length ? sql`AND labels.codes && ARRAY[${sql.join(filter.categoryCodes)}]::text[]` : sql``}
      RETURNING hardship, cadre_id
      )
      SELECT count(*)::int AS targets, (count(*) FILTER (WHERE hardship))::int AS hardship, (count(*) FILTER (WHERE cadre_id IS NOT NULL))::int AS paired FROM inserted
    `.execute(trx);
    const { targets, hardship, paired } = counted.rows[0]!;
    if (targets === 0) throw unprocessable('campaign_no_targets');
    await trx.updateTable('visit_campaign').set({ status: 'open', opened_at: now, updated_at: now }).where('id', '=', campaign.id).execute();
    await recordAudit({ db: trx, source }, {
      action: 'visit_campaign.open',
      entityType: 'visit_campaign',
      entityId: campaign.id,
      region: campaign.organiser,
      before: { status: 'draft' },
      after: {
        status: 'open',
        targets,
        hardship,
        assignedToPairedCadre: paired,
        labelsOn: today,
      },
    });
  });
  return campaignDetail(db, actor, await findCampaignVisible(db, actor, options.id));
}
