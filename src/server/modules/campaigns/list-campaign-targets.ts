import { sql } from 'kysely';
import type { TCampaignTargetPage } from '../../../shared/visits/index.ts';
import { unprocessable } from '../../http/errors.ts';
import { findRegionInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findCampaignVisible } from './campaign-rules.ts';

export interface ListCampaignTargetsOptions {
  campaignId: string;
  villageCode: string;
  page: number;
  pageSize: number;
}

/**
 * One village's target households of a campaign, by household number, a page at a time, with
 * their assigned cadre (null: the village's cadres). No ID number or phone: the list is for
 * assignment. 404 for a campaign or village outside the actor's sight.
 *
 * @example
 * const { items, total } = await listCampaignTargets({ db, actor }, { campaignId: '3', villageCode: '370921104201', page: 1, pageSize: 50 });
 */
export async function listCampaignTargets({ db, actor }: ReadContext, options: ListCampaignTargetsOptions): Promise<TCampaignTargetPage> {
  const campaign = await findCampaignVisible(db, actor, options.campaignId);
  const village = await findRegionInScope(db, actor, options.villageCode);
  if (village.level !== 'village') throw unprocessable('region_invalid_parent');
  const county = campaign.county_code;
  const base = db
    .selectFrom('visit_target as vt')
    .where('vt.campaign_id', '=', campaign.id)
    .where('vt.county_code', '=', county)
    .where('vt.village_id', '=', village.id);
  const [{ total }, rows] = await Promise.all([
    base.select(sql<string>`count(*)`.as('total')).executeTakeFirstOrThrow(),
    base
      .innerJoin('household as h', 'h.id', 'vt.household_id')
      .leftJoin('app_user as u', 'u.id', 'vt.cadre_id')
      .select([
        'vt.household_id',
        'vt.hardship',
        'vt.category_codes',
        'vt.cadre_id',
        'h.household_no',
        'u.display_name',
        'u.username',
        (eb) =>
          eb
            .selectFrom('resident as r')
            .select('r.name')
            .whereRef('r.household_id', '=', 'h.id')
            .where('r.county_code', '=', county)
            .where('r.active', '=', true)
            .orderBy(sql`CASE WHEN r.relationship = '户主' THEN 0 ELSE 1 END`)
            .orderBy('r.birth_date')
            .limit(1)
            .as('head_name'),
      ])
      .where('h.county_code', '=', county)
      .orderBy('h.household_no')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      householdId: r.household_id,
      householdNo: r.household_no,
      headName: r.head_name ?? '',
      hardship: r.hardship,
      categoryCodes: r.category_codes,
      cadre: r.cadre_id === null ? null : { id: r.cadre_id, displayName: r.display_name ?? '', username: r.username ?? '' },
    })),
    total: Number(total),
    page: options.page,
    pageSize: options.pageSize,
  };
}
