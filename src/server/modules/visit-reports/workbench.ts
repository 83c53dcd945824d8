/**
 * Visits on the workbench (issue 10, point 8): a village cadre's households due a visit; a
 * township admin's villages' progress with the aid conflicts and hardship proposals waiting for
 * them; the county's coverage and the paper-visit flags not yet reviewed. Every figure comes
 * from this module's use cases, scoped to the caller.
 */
import { sql } from 'kysely';
import { hasAnyRole, VISIT_FLAG_READ_ROLES, VISIT_REPORT_ROLES, VISIT_RESOLVE_ROLES } from '../../../shared/roles.ts';
import { aidItemsByCode, findAidConflicts } from '../../../shared/visits/index.ts';
import { readJson } from '../../db/json-columns.ts';
import { inSubtree } from '../../scope/index.ts';
import type { WorkbenchContribution, WorkbenchContext } from '../workbench/index.ts';
import { householdCoverageCtes } from './coverage-sql.ts';
import { getCampaignCoverage } from './get-campaign-coverage.ts';
import { listReportCampaigns } from './list-report-campaigns.ts';
import { listVisitFlags } from './list-visit-flags.ts';

const openCampaigns = async ({ db, actor }: WorkbenchContext) => (await listReportCampaigns({ db, actor }, {})).items.filter((c) => c.status === 'open');

/** Active aid deliveries of open campaigns in the caller's subtree that exceed their standard (conflict groups). */
async function countAidConflicts({ db, actor }: WorkbenchContext, campaignIds: readonly string[]): Promise<number> {
  let count = 0;
  for (const id of campaignIds) {
    const campaign = await db.selectFrom('visit_campaign').select(['county_code', 'definition']).where('id', '=', id).executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom('aid_delivery as a')
      .innerJoin('region as tw', 'tw.id', 'a.township_id')
      .innerJoin('household as h', 'h.id', 'a.household_id')
      .innerJoin('region as v', 'v.id', 'h.village_id')
      .select(['a.id', 'a.household_id', 'a.item_code', 'a.amount_fen', 'a.recorded_at', 'tw.code'])
      .where('a.campaign_id', '=', id)
      .where('a.county_code', '=', campaign.county_code)
      .where('h.county_code', '=', campaign.county_code)
      .where('a.voided_at', 'is', null)
      .where((eb) => inSubtree(eb.ref('v.path'), actor.regionPath))
      .execute();
    const items = aidItemsByCode(readJson('visit_campaign.definition', campaign.definition));
    count += findAidConflicts(
      rows.map((r) => ({ id: r.id, campaignId: id, householdId: r.household_id, townshipCode: r.code, itemCode: r.item_code, amountFen: Number(r.amount_fen), recordedAt: r.recorded_at, voided: false })),
      items,
    ).length;
  }
  return count;
}

export const visitReportsWorkbench: WorkbenchContribution[] = [
  {
    module: 'visit-reports',
    roles: ['village_cadre'],
    contribute: async (ctx) => {
      const { db, actor, now } = ctx;
      const campaigns = [];
      for (const c of await openCampaigns(ctx)) {
        const scope = await db.selectFrom('visit_campaign').select(['county_code', 'definition']).where('id', '=', c.id).executeTakeFirstOrThrow();
        const input = { campaignId: c.id, countyCode: scope.county_code, regionPath: actor.regionPath, definition: readJson('visit_campaign.definition', scope.definition), now };
        // Assigned to this cadre, or to the village's cadres (no one named).
        const r = await sql<{ households: number; done: number; due: number; overdue: number }>`WITH ${householdCoverageCtes(input)}
          SELECT count(*)::int AS households, (count(*) FILTER (WHERE status IN ('done', 'done_late')))::int AS done,
                 (count(*) FILTER (WHERE status = 'due'))::int AS due, (count(*) FILTER (WHERE status = 'overdue'))::int AS overdue
          FROM hh WHERE cadre_id = ${actor.id} OR cadre_id IS NULL`.execute(db);
        const row = r.rows[0]!;
        if (row.households > 0) campaigns.push({ campaign: { id: c.id, name: c.name, deadline: c.deadline }, ...row });
      }
      // No open campaign with households for this cadre: no card (the phone app's link is on the page itself).
      if (campaigns.length === 0) return {};
      const overdue = campaigns.reduce((n, c) => n + c.overdue, 0);
      return {
        cards: [{ kind: 'visits-due', campaigns }],
        todos: overdue > 0 ? [{ key: 'visits.overdue' as const, module: 'visit-reports', count: overdue, more: false, href: '/visits/coverage' }] : [],
      };
    },
  },
  {
    module: 'visit-reports',
    roles: VISIT_REPORT_ROLES,
    contribute: async (ctx) => {
      const { db, actor, now } = ctx;
      const open = await openCampaigns(ctx);
      if (open.length === 0) return {};
      const campaigns = [];
      let region = null;
      for (const c of open) {
        const report = await getCampaignCoverage({ db, actor }, { campaignId: c.id, now });
        region ??= report.region;
        campaigns.push({ campaign: { id: c.id, name: c.name, deadline: c.deadline }, targets: report.total.targets, visited: report.total.visited, coverage: report.total.coverage, overdue: report.total.overdue });
      }
      const todos = [];
      if (hasAnyRole(actor.roles, VISIT_RESOLVE_ROLES)) {
        const conflicts = await countAidConflicts(ctx, open.map((c) => c.id));
        if (conflicts > 0) todos.push({ key: 'visits.aid_conflicts' as const, module: 'visit-reports', count: conflicts, more: false, href: '/visits/coverage' });
        const pending = await db
          .selectFrom('hardship_proposal as p')
          .innerJoin('region as v', 'v.id', 'p.village_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('p.status', '=', 'pending')
          .where((eb) => inSubtree(eb.ref('v.path'), actor.regionPath))
          .$if(actor.countyCode !== null, (q) => q.where('p.county_code', '=', actor.countyCode!))
          .executeTakeFirstOrThrow();
        if (pending.n > 0) todos.push({ key: 'visits.hardship_proposals' as const, module: 'visit-reports', count: pending.n, more: false, href: '/visits/coverage' });
      }
      if (hasAnyRole(actor.roles, VISIT_FLAG_READ_ROLES)) {
        let unreviewed = 0;
        for (const c of open) unreviewed += (await listVisitFlags({ db, actor }, { campaignId: c.id, now })).counts.unreviewed;
        if (unreviewed > 0) todos.push({ key: 'visits.flags_unreviewed' as const, module: 'visit-reports', count: unreviewed, more: false, href: '/visits/flags' });
      }
      return { cards: [{ kind: 'visit-progress', region: region!, campaigns }], todos };
    },
  },
];
