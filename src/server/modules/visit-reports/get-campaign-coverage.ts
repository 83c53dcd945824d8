import { sql } from 'kysely';
import type { TCampaignCoverage, TCoverageRow, TTownshipBudgetRow } from '../../../shared/visits/visit-report-schemas.ts';
import { localDate } from '../../../shared/time.ts';
import { pathIds } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { coverageRollupQuery, toFigures, withReportMemory } from './coverage-sql.ts';
import { findReportScope, type ReportScope } from './find-report-campaign.ts';

/** Levels whose rows are child regions one can drill into; under a village, rows are its cadres. */
const DRILLS_INTO = new Set(['province', 'city', 'county', 'township']);

/**
 * Money per township against the campaign's budgets: the townships under the report's region
 * (or the one holding it, for a village).
 */
export async function townshipBudgets({ db }: Pick<ReadContext, 'db'>, scope: ReportScope): Promise<TTownshipBudgetRow[]> {
  const { campaign, region } = scope;
  let townships: { id: string; code: string; name: string; level: string }[];
  if (region.level === 'township') townships = [region];
  else if (region.level === 'village' || region.level === 'grid') {
    const ids = pathIds(region.path);
    const townshipId = ids[ids.length - (region.level === 'village' ? 2 : 3)]!;
    townships = await db.selectFrom('region').select(['id', 'code', 'name', 'level']).where('id', '=', townshipId).execute();
  } else {
    townships = await db.selectFrom('region').select(['id', 'code', 'name', 'level']).where('parent_id', '=', region.id).where('level', '=', 'township').orderBy('code').execute();
  }
  if (townships.length === 0) return [];
  const money = await db
    .selectFrom('aid_delivery')
    .select([
      'township_id',
      sql<string>`coalesce(sum(amount_fen) FILTER (WHERE voided_at IS NULL), 0)::text`.as('delivered'),
      sql<string>`coalesce(sum(amount_fen) FILTER (WHERE voided_at IS NOT NULL), 0)::text`.as('voided'),
      sql<number>`(count(*) FILTER (WHERE voided_at IS NULL))::int`.as('deliveries'),
    ])
    .where('campaign_id', '=', campaign.id)
    .where('county_code', '=', campaign.countyCode)
    .where(
      'township_id',
      'in',
      townships.map((t) => t.id),
    )
    .groupBy('township_id')
    .execute();
  const byTownship = new Map(money.map((m) => [m.township_id, m]));
  const budgets = new Map(campaign.definition.budgets.map((b) => [b.townshipCode, b.budgetFen]));
  return townships
    .map((t) => {
      const m = byTownship.get(t.id);
      const deliveredFen = Number(m?.delivered ?? 0);
      const budgetFen = budgets.get(t.code) ?? null;
      return {
        township: { code: t.code, name: t.name, level: t.level },
        budgetFen,
        deliveredFen,
        voidedFen: Number(m?.voided ?? 0),
        deliveries: m?.deliveries ?? 0,
        remainingFen: budgetFen === null ? null : budgetFen - deliveredFen,
        overBudget: budgetFen !== null && deliveredFen > budgetFen,
      };
    })
    .filter((t) => t.budgetFen !== null || t.deliveries > 0 || t.voidedFen > 0 || townships.length === 1);
}

/**
 * A campaign's coverage in a region, broken down one level: a county by township, a township
 * by village, a village by cadre (the assigned visitor; unassigned households under "the
 * village's cadres"). Each household is counted once in SQL by the rules of `computeCoverage`
 * (coverage-sql.ts) and rolled up by its child region or cadre in the same statement; the total
 * is the sum of the rows. Aid is planned against each household's hardship standards and
 * delivered by active deliveries; money per township against the campaign's budgets.
 *
 * @example
 * const report = await getCampaignCoverage({ db, actor }, { campaignId: '7' });
 * report.rows.map((r) => [r.region?.name, r.coverage]); // [['堽城镇', 0.82], …]
 */
export async function getCampaignCoverage({ db, actor }: ReadContext, options: { campaignId: string; regionCode?: string | undefined; now?: Date }): Promise<TCampaignCoverage> {
  const now = options.now ?? new Date();
  const scope = await findReportScope({ db, actor }, options);
  const { campaign, region } = scope;
  const input = { campaignId: campaign.id, countyCode: campaign.countyCode, regionPath: region.path, definition: campaign.definition, now };
  const byRegion = DRILLS_INTO.has(region.level);
  const depth = pathIds(region.path).length;
  const grouped = await withReportMemory(db, (trx) => coverageRollupQuery({ ...input, groupBy: byRegion ? 'region' : 'cadre', depth: pathIds(region.path).length }).execute(trx));

  let rows: TCoverageRow[];
  if (byRegion) {
    const ids = grouped.rows.map((r) => r.key);
    const regions = ids.length ? await db.selectFrom('region').select(['id', 'code', 'name', 'level']).where('id', 'in', ids).execute() : [];
    const byId = new Map(regions.map((r) => [r.id, r]));
    rows = grouped.rows
      .map((g) => {
        const r = byId.get(g.key)!;
        return { ...toFigures(g), region: { code: r.code, name: r.name, level: r.level }, cadre: null, drillable: DRILLS_INTO.has(r.level) || r.level === 'village' };
      })
      .sort((a, b) => (a.region.code < b.region.code ? -1 : 1));
  } else {
    const ids = grouped.rows.map((r) => r.key).filter((k) => k !== '');
    const users = ids.length ? await db.selectFrom('app_user').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute() : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    rows = grouped.rows
      .map((g) => {
        const u = g.key === '' ? null : byId.get(g.key)!;
        return { ...toFigures(g), region: null, cadre: u ? { id: u.id, displayName: u.display_name, username: u.username } : null, drillable: false };
      })
      .sort((a, b) => (a.cadre === null ? 1 : b.cadre === null ? -1 : a.cadre.username < b.cadre.username ? -1 : 1));
  }
  const total = toFigures(undefined);
  for (const r of rows) {
    for (const k of ['targets', 'visited', 'visitedLate', 'hardshipTargets', 'hardshipVisited', 'due', 'overdue', 'plannedFen', 'deliveredFen'] as const) total[k] += r[k];
  }
  total.coverage = total.targets === 0 ? null : total.visited / total.targets;
  const ref = (r: { code: string; name: string; level: string }) => ({ code: r.code, name: r.name, level: r.level });
  return {
    campaign: campaign.summary,
    region: ref(region),
    breadcrumb: scope.breadcrumb.map(ref),
    rowsAre: byRegion ? 'regions' : 'cadres',
    total,
    rows,
    budgets: await townshipBudgets({ db }, scope),
    today: localDate(now),
    asOf: now.toISOString(),
  };
}
