import { sql } from 'kysely';
import { CADRE_ROLES } from '../../../shared/roles.ts';
import { unprocessable } from '../../http/errors.ts';
import { findRegionInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { containsPath, findCampaignVisible } from './campaign-rules.ts';

/**
 * The accounts a village's targets may be given to: active, with a cadre role, bound to the
 * village or a region containing it; the village's own first. 404 for a campaign or village the
 * actor does not see.
 *
 * @example
 * const { items } = await listCampaignCadres({ db, actor }, { campaignId: '3', villageCode: '370921104201' });
 */
export async function listCampaignCadres({ db, actor }: ReadContext, options: { campaignId: string; villageCode: string }) {
  const campaign = await findCampaignVisible(db, actor, options.campaignId);
  const village = await findRegionInScope(db, actor, options.villageCode);
  if (village.level !== 'village') throw unprocessable('region_invalid_parent');
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'r.name as region_name'])
    .where('u.active', '=', true)
    .where('u.county_code', '=', campaign.county_code)
    .where(sql<boolean>`u.roles && ARRAY[${sql.join([...CADRE_ROLES])}]::text[]`)
    .where(containsPath(village.path))
    .orderBy('r.depth', 'desc')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .limit(500)
    .execute();
  return { items: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, regionName: r.region_name })) };
}
