/**
 * How a campaign is shown: the summary of lists and the detail page's counts, both narrowed to
 * the viewer's subtree (a township admin sees the county campaign's households of its township).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { TCampaignDetail, TCampaignSummary } from '../../../shared/visits/index.ts';
import { ZCustomTargetFilter } from '../../../shared/visits/index.ts';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import type { Actor } from '../../http/context.ts';
import { inSubtree } from '../../scope/index.ts';
import { canManageCampaign, type CampaignRow } from './campaign-rules.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** The list's view of a campaign, given its target count inside the viewer's subtree. */
export function campaignSummary(actor: Actor, c: Pick<CampaignRow, 'id' | 'name' | 'kind' | 'status' | 'organiser' | 'starts_on' | 'ends_on' | 'deadline' | 'grace_days' | 'created_at' | 'opened_at' | 'closed_at'>, targets: number): TCampaignSummary {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    status: c.status,
    regionCode: c.organiser.code,
    regionName: c.organiser.name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    deadline: c.deadline,
    graceDays: c.grace_days,
    targets,
    createdAt: c.created_at.toISOString(),
    openedAt: iso(c.opened_at),
    closedAt: iso(c.closed_at),
    canManage: canManageCampaign(actor, c),
  };
}

/**
 * The detail of a campaign the actor sees (the caller has checked that): its definition,
 * regions and target counts by village and township inside the actor's subtree.
 */
export async function campaignDetail(db: Kysely<DB>, actor: Actor, c: CampaignRow): Promise<TCampaignDetail> {
  const villages = await db
    .selectFrom('visit_target as vt')
    .innerJoin('region as v', 'v.id', 'vt.village_id')
    .innerJoin('region as t', 't.id', 'v.parent_id')
    .select([
      'v.code as villageCode',
      'v.name as villageName',
      't.code as townshipCode',
      't.name as townshipName',
      sql<string>`count(*)`.as('targets'),
      sql<string>`count(*) FILTER (WHERE vt.hardship)`.as('hardship'),
      sql<string>`count(vt.cadre_id)`.as('assigned'),
    ])
    .where('vt.campaign_id', '=', c.id)
    .where('vt.county_code', '=', c.county_code)
    .where((eb) => inSubtree(eb.ref('v.path'), actor.regionPath))
    .groupBy(['v.code', 'v.name', 't.code', 't.name'])
    .orderBy('v.code')
    .execute();
  const villageCounts = villages.map((v) => ({ ...v, targets: Number(v.targets), hardship: Number(v.hardship), assigned: Number(v.assigned) }));
  const townships = new Map<string, TCampaignDetail['townships'][number]>();
  for (const v of villageCounts) {
    const t = townships.get(v.townshipCode) ?? { townshipCode: v.townshipCode, townshipName: v.townshipName, targets: 0, hardship: 0, assigned: 0 };
    t.targets += v.targets;
    t.hardship += v.hardship;
    t.assigned += v.assigned;
    townships.set(v.townshipCode, t);
  }
  const targets = villageCounts.reduce((sum, v) => sum + v.targets, 0);
  const filter = readJson('visit_campaign.target_filter', c.target_filter);
  return {
    ...campaignSummary(actor, c, targets),
    definition: readJson('visit_campaign.definition', c.definition),
    regions: c.regions.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    targetFilter: filter === null ? null : ZCustomTargetFilter.parse(filter),
    townships: [...townships.values()],
    villages: villageCounts,
  };
}
