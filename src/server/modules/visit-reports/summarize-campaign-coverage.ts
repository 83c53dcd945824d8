import { sql } from 'kysely';
import type { TReportCampaign } from '../../../shared/visits/visit-report-schemas.ts';
import { localDate } from '../../../shared/time.ts';
import { inSubtree, pathIds } from '../../scope/index.ts';
import type { CoverageRollup } from '../../../shared/visits/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { coverageRollupQuery, withReportMemory } from './coverage-sql.ts';
import { findReportScope } from './find-report-campaign.ts';

/** The figures of the coverage report that do not involve money, for a region or the total. */
export type CoverageCounts = CoverageRollup;

export interface CoverageSummary {
  campaign: TReportCampaign;
  region: { code: string; name: string; level: string };
  total: CoverageCounts;
  /** The child regions with targets, by code. */
  rows: (CoverageCounts & { region: { code: string; name: string; level: string } })[];
  /** 'kept': read from visit_coverage; 'counted': counted from scratch (a now before a visit counted there). */
  source: 'kept' | 'counted';
}

interface CountsRow {
  key: string;
  targets: number;
  visited: number;
  visited_late: number;
  hardship_targets: number;
  hardship_visited: number;
  latest: Date | string | null;
}

/** Due and overdue are the households not visited, split by today against the deadline (the rollup's rule). */
function countsOf(r: Omit<CountsRow, 'key' | 'latest'>, beforeDeadline: boolean): CoverageCounts {
  const missing = r.targets - r.visited;
  return {
    targets: r.targets,
    visited: r.visited,
    visitedLate: r.visited_late,
    coverage: r.targets === 0 ? null : r.visited / r.targets,
    hardshipTargets: r.hardship_targets,
    hardshipVisited: r.hardship_visited,
    due: beforeDeadline ? missing : 0,
    overdue: beforeDeadline ? 0 : missing,
  };
}

/**
 * A campaign's coverage in a county or township by child region, without money: the figures of
 * `getCampaignCoverage`'s rows (same scope rules, same counting rules), read from the per-village
 * coverage the database keeps with every write (visit_coverage, migration 0020) instead of
 * counting every target household against every visit. Exactly the rollup's answer: where `now`
 * lies before a visit counted in the kept figures (a report "as of" an earlier instant, or a
 * visit dated in the future), it counts from scratch as the rollup does (`source: 'counted'`).
 * For the leaders' dashboard; `coverage-summary.test.ts` holds the two equal.
 *
 * @example
 * const s = await summarizeCampaignCoverage({ db, actor }, { campaignId: '7', now });
 * s.rows.map((r) => [r.region.name, r.coverage]); // [['堽城镇', 0.82], …]
 */
export async function summarizeCampaignCoverage(ctx: ReadContext, options: { campaignId: string; regionCode?: string | undefined; now?: Date }): Promise<CoverageSummary> {
  const { db } = ctx;
  const now = options.now ?? new Date();
  const { campaign, region } = await findReportScope(ctx, options);
  const depth = pathIds(region.path).length;
  const beforeDeadline = localDate(now) <= campaign.definition.done.deadline;
  // The child region's id is the path's next segment: '/1/5/27/' split on '/' has '' first.
  const kept = await sql<CountsRow>`
    SELECT split_part(v.path, '/', ${depth + 2}) AS key,
           sum(s.targets)::int AS targets, sum(s.visited)::int AS visited, sum(s.visited_late)::int AS visited_late,
           sum(s.hardship_targets)::int AS hardship_targets, sum(s.hardship_visited)::int AS hardship_visited,
           max(s.latest_effective_at) AS latest
    FROM visit_coverage s
    JOIN region v ON v.id = s.village_id
    WHERE s.campaign_id = ${campaign.id} AND s.county_code = ${campaign.countyCode} AND ${inSubtree(sql.ref<string>('v.path'), region.path)}
    GROUP BY 1
    ORDER BY 1`.execute(db);
  const stale = kept.rows.some((r) => r.latest !== null && new Date(r.latest).getTime() > now.getTime());
  let grouped: Omit<CountsRow, 'latest'>[] = kept.rows;
  if (stale) {
    const input = { campaignId: campaign.id, countyCode: campaign.countyCode, regionPath: region.path, definition: campaign.definition, now };
    grouped = (await withReportMemory(db, (trx) => coverageRollupQuery({ ...input, groupBy: 'region', depth }).execute(trx))).rows;
  }
  const ids = grouped.map((r) => r.key).filter((k) => k !== '');
  const regions = ids.length ? await db.selectFrom('region').select(['id', 'code', 'name', 'level']).where('id', 'in', ids).execute() : [];
  const byId = new Map(regions.map((r) => [r.id, r]));
  const rows = grouped
    .flatMap((g) => {
      const r = byId.get(g.key);
      return r ? [{ ...countsOf(g, beforeDeadline), region: { code: r.code, name: r.name, level: r.level } }] : [];
    })
    .sort((a, b) => (a.region.code < b.region.code ? -1 : 1));
  const sum = { targets: 0, visited: 0, visited_late: 0, hardship_targets: 0, hardship_visited: 0 };
  for (const r of rows) {
    sum.targets += r.targets;
    sum.visited += r.visited;
    sum.visited_late += r.visitedLate;
    sum.hardship_targets += r.hardshipTargets;
    sum.hardship_visited += r.hardshipVisited;
  }
  return {
    campaign: campaign.summary,
    region: { code: region.code, name: region.name, level: region.level },
    total: countsOf(sum, beforeDeadline),
    rows,
    source: stale ? 'counted' : 'kept',
  };
}
