import type { TReportCampaign } from '../../../shared/visits/visit-report-schemas.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { campaignVisibleTo } from './find-report-campaign.ts';

/**
 * The campaigns the caller may report on, newest first: those organised inside the caller's
 * subtree and those whose area holds the caller's region (a county campaign for a township).
 * Drafts are left out (they have no visits yet).
 *
 * @example
 * const { items } = await listReportCampaigns({ db, actor }, {});
 * items[0]; // { id: '7', name: '2026年冬季集中走访慰问', status: 'open', … }
 */
export async function listReportCampaigns({ db, actor }: ReadContext, _options: Record<string, never>): Promise<{ items: TReportCampaign[] }> {
  const county = actor.countyCode;
  let query = db
    .selectFrom('visit_campaign as c')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.name', 'c.kind', 'c.status', 'c.starts_on', 'c.ends_on', 'c.deadline', 'c.grace_days', 'r.code', 'r.name as region_name', 'r.level', 'r.path'])
    .where('c.status', '!=', 'draft');
  // Every campaign lies inside one county; accounts bound above a county read all of theirs.
  if (county !== null) query = query.where('c.county_code', '=', county);
  else query = query.where((eb) => inSubtree(eb.ref('r.path'), actor.regionPath));
  const rows = await query.orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc').execute();
  return {
    items: rows
      .filter((r) => campaignVisibleTo(actor, r.path))
      .map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        status: r.status,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        deadline: r.deadline,
        graceDays: r.grace_days,
        region: { code: r.code, name: r.region_name, level: r.level },
      })),
  };
}
