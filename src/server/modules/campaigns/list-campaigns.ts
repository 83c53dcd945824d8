import { sql } from 'kysely';
import type { TCampaignStatus, TCampaignSummary } from '../../../shared/visits/index.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { campaignSummary } from './campaign-view.ts';

/**
 * The campaigns the actor sees, newest first: those organised inside their subtree and those
 * covering part of it (a township admin sees the county's campaign in its township), each with
 * its target count inside their subtree.
 *
 * @example
 * const { items } = await listCampaigns({ db, actor }, { status: 'open' });
 */
export async function listCampaigns({ db, actor }: ReadContext, options: { status?: TCampaignStatus | undefined } = {}): Promise<{ items: TCampaignSummary[] }> {
  if (actor.countyCode === null) return { items: [] };
  const county = actor.countyCode;
  const rows = await db
    .selectFrom('visit_campaign as c')
    .innerJoin('region as o', 'o.id', 'c.region_id')
    .select([
      'c.id',
      'c.name',
      'c.kind',
      'c.status',
      'c.starts_on',
      'c.ends_on',
      'c.deadline',
      'c.grace_days',
      'c.created_at',
      'c.opened_at',
      'c.closed_at',
      'o.code',
      'o.name as o_name',
      'o.path',
      'o.county_code',
      (eb) =>
        eb
          .selectFrom('visit_target as vt')
          .innerJoin('region as v', 'v.id', 'vt.village_id')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('vt.campaign_id', '=', 'c.id')
          .where('vt.county_code', '=', county)
          .where((w) => inSubtree(w.ref('v.path'), actor.regionPath))
          .as('targets'),
    ])
    .where('c.county_code', '=', county)
    .$if(options.status !== undefined, (q) => q.where('c.status', '=', options.status!))
    .where((eb) =>
      eb.or([
        inSubtree(eb.ref('o.path'), actor.regionPath),
        eb.exists(
          eb
            .selectFrom('visit_campaign_region as cr')
            .innerJoin('region as r', 'r.id', 'cr.region_id')
            .select('cr.region_id')
            .whereRef('cr.campaign_id', '=', 'c.id')
            .where((w) => w.or([inSubtree(w.ref('r.path'), actor.regionPath), inSubtree(sql<string>`${actor.regionPath}::text`, w.ref('r.path'))])),
        ),
      ]),
    )
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return {
    items: rows.map((r) =>
      campaignSummary(actor, { ...r, organiser: { id: '', code: r.code, name: r.o_name, path: r.path, county_code: r.county_code } }, Number(r.targets ?? 0)),
    ),
  };
}
