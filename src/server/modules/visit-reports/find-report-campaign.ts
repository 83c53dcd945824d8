/**
 * Which campaign a report may read, and for which region. A campaign is organised at a county or
 * township (`visit_campaign.region_id`); a caller reads it when the two areas overlap: the
 * campaign lies inside the caller's subtree (the county reads a township's campaign), or the
 * caller's region lies inside the campaign's (a township reads its own part of a county
 * campaign). Anything else is 404, whether or not it exists. The report is then narrowed to a
 * region inside the caller's scope: by default the lower of the caller's and the campaign's.
 */
import type { Kysely } from 'kysely';
import type { TReportCampaign } from '../../../shared/visits/visit-report-schemas.ts';
import type { TCampaignDefinition } from '../../../shared/visits/index.ts';
import { readJson } from '../../db/json-columns.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { findRegionInScope, isPathInSubtree, pathIds } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

export interface ReportRegion {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
}

export interface ReportCampaign {
  id: string;
  countyCode: string;
  status: 'draft' | 'open' | 'closed';
  regionPath: string;
  definition: TCampaignDefinition;
  summary: TReportCampaign;
}

export interface ReportScope {
  campaign: ReportCampaign;
  /** The region the report is narrowed to (inside the caller's scope). */
  region: ReportRegion;
  /** From the highest region the caller reads in this campaign down to `region`. */
  breadcrumb: ReportRegion[];
}

/** Whether the caller's area and the campaign's overlap (see the file's comment). */
export const campaignVisibleTo = (actor: Pick<Actor, 'regionPath'>, campaignPath: string) => isPathInSubtree(campaignPath, actor.regionPath) || isPathInSubtree(actor.regionPath, campaignPath);

async function loadCampaign(db: Kysely<DB>, actor: Actor, campaignId: string): Promise<ReportCampaign> {
  const row = await db
    .selectFrom('visit_campaign as c')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.county_code', 'c.name', 'c.kind', 'c.status', 'c.starts_on', 'c.ends_on', 'c.deadline', 'c.grace_days', 'c.definition', 'r.code', 'r.name as region_name', 'r.level', 'r.path'])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  if (!row || !campaignVisibleTo(actor, row.path)) throw notFound();
  return {
    id: row.id,
    countyCode: row.county_code,
    status: row.status,
    regionPath: row.path,
    definition: readJson('visit_campaign.definition', row.definition),
    summary: {
      id: row.id,
      name: row.name,
      kind: row.kind,
      status: row.status,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      deadline: row.deadline,
      graceDays: row.grace_days,
      region: { code: row.code, name: row.region_name, level: row.level },
    },
  };
}

/**
 * The campaign and the region of a report, or 404.
 *
 * @example
 * const { campaign, region, breadcrumb } = await findReportScope({ db, actor }, { campaignId: '7', regionCode: '370921104' });
 */
export async function findReportScope({ db, actor }: ReadContext, options: { campaignId: string; regionCode?: string | undefined }): Promise<ReportScope> {
  const campaign = await loadCampaign(db, actor, options.campaignId);
  const top = isPathInSubtree(actor.regionPath, campaign.regionPath) ? actor.regionPath : campaign.regionPath;
  let region: ReportRegion;
  if (options.regionCode === undefined) {
    region = await db.selectFrom('region').select(['id', 'code', 'name', 'level', 'path']).where('path', '=', top).executeTakeFirstOrThrow();
  } else {
    const found = await findRegionInScope(db, actor, options.regionCode);
    // A region beside the campaign's area holds none of its households: 404 as any other.
    if (!isPathInSubtree(found.path, top)) throw notFound();
    region = { id: found.id, code: found.code, name: found.name, level: found.level, path: found.path };
  }
  const topDepth = pathIds(top).length;
  const ids = pathIds(region.path).slice(topDepth - 1);
  const chain = await db.selectFrom('region').select(['id', 'code', 'name', 'level', 'path']).where('id', 'in', ids).execute();
  const breadcrumb = ids.map((id) => chain.find((r) => r.id === id)!).filter(Boolean);
  return { campaign, region, breadcrumb };
}
