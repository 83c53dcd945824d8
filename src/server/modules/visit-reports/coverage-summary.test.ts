/**
 * The coverage the database keeps per campaign and village (visit_coverage, migration 0020's
 * triggers) against the rollup counted from scratch (getCampaignCoverage), after every kind of
 * write that changes coverage: targets added, changed and removed; visits added (on time, late,
 * too late, before the start, in the future, voided, of no campaign, to a household that is not
 * a target), voided, re-dated, moved between campaigns and deleted; the campaign's definition
 * changed (deadline, visits required, grace days, start). Both dialects. The demo's campaign,
 * written through the use cases (opening, recording visits), is checked in seed-demo-campaign.test.ts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { ZCampaignDefinition } from '../../../shared/visits/index.ts';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../http/context.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from '../demo/index.ts';
import { actorFor } from '../fieldwork/testing/actors.ts';
import type { CoverageRollup } from '../../../shared/visits/index.ts';
import { getCampaignCoverage } from './get-campaign-coverage.ts';
import { summarizeCampaignCoverage } from './summarize-campaign-coverage.ts';
import { insertBareHouseholds, insertCampaign, insertTargets, insertVisits, userId, type FixtureVisit } from './testing/visit-fixture.ts';

const VILLAGES = ['370921104201', '370921104202', '370921105201'];
const DEFINITION = ZCampaignDefinition.parse({
  kind: 'hardship',
  name: '保持覆盖率的走访',
  period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
  done: { deadline: '2026-12-25', minVisits: 1, minVisitsHardship: 2 },
  graceDays: 4,
});
/** Before the deadline, after every visit written here; and long after. */
const EARLY = new Date('2026-12-01T04:00:00Z');
const LATE = new Date('2027-01-20T00:00:00Z');

const pick = (r: CoverageRollup) => ({
  targets: r.targets,
  visited: r.visited,
  visitedLate: r.visitedLate,
  coverage: r.coverage,
  hardshipTargets: r.hardshipTargets,
  hardshipVisited: r.hardshipVisited,
  due: r.due,
  overdue: r.overdue,
});

for (const dialect of DIALECTS) {
  describe(`the kept coverage equals the rollup after every kind of write [${dialect.name}]`, () => {
    let database: Database;
    let actor: Actor;
    let campaignId: string;
    let otherCampaignId: string;
    let cadre: string;
    let households: string[] = [];

    /** The kept figures and the counted ones, for the county and a township, at `now`; the kept source's name. */
    async function compare(now: Date): Promise<{ source: string; total: ReturnType<typeof pick> }> {
      const db = database.db;
      let source = '';
      let total = pick({ targets: 0, visited: 0, visitedLate: 0, coverage: null, hardshipTargets: 0, hardshipVisited: 0, due: 0, overdue: 0 });
      for (const regionCode of [undefined, '370921104']) {
        const kept = await summarizeCampaignCoverage({ db, actor }, { campaignId, regionCode, now });
        const counted = await getCampaignCoverage({ db, actor }, { campaignId, regionCode, now });
        expect(kept.rows.map((r) => r.region.code)).toEqual(counted.rows.map((r) => r.region!.code));
        expect(kept.rows.map((r) => pick(r))).toEqual(counted.rows.map((r) => pick(r)));
        expect(pick(kept.total)).toEqual(pick(counted.total));
        if (regionCode === undefined) {
          source = kept.source;
          total = pick(kept.total);
        }
      }
      return { source, total };
    }

    beforeAll(async () => {
      database = await dialect.open();
      const db = database.db;
      await seedDemo({ db, actor: null, source: cliAuditSource('test') });
      actor = await actorFor(db, 'admin');
      cadre = await userId(db, 'cadre');
      campaignId = await insertCampaign(db, { regionCode: '370921', definition: DEFINITION });
      otherCampaignId = await insertCampaign(db, { regionCode: '370921', definition: { ...DEFINITION, name: '另一次走访' } });
      households = [];
      for (const [k, village] of VILLAGES.entries()) households.push(...(await insertBareHouseholds(db, { villageCode: village, count: 12, prefix: `K${k}` })));
    });
    afterAll(async () => database?.close());

    it('after targets are added', async () => {
      // 30 of the 36 households; every third one a hardship household (two visits required).
      await insertTargets(
        database.db,
        campaignId,
        households.slice(0, 30).map((householdId, i) => ({ householdId, hardship: i % 3 === 0, cadreId: i % 2 === 0 ? cadre : null })),
      );
      const early = await compare(EARLY);
      expect(early).toMatchObject({ source: 'kept', total: { targets: 30, hardshipTargets: 10, visited: 0, due: 30, overdue: 0 } });
      expect((await compare(LATE)).total).toMatchObject({ due: 0, overdue: 30 });
    });

    it('after visits are added: on time, before the start, voided, of no campaign, to a household that is no target', async () => {
      const v = (i: number, visitedAt: string, extra: Partial<FixtureVisit> = {}): FixtureVisit => ({ campaignId, householdId: households[i]!, recordedBy: cadre, visitedAt, ...extra });
      await insertVisits(database.db, [
        v(0, '2026-11-20T02:00:00Z'),
        v(0, '2026-11-21T02:00:00Z'), // a hardship household's second visit
        v(1, '2026-11-14T15:59:59Z'), // 23:59:59 in Shanghai the day before the start
        v(2, '2026-11-14T16:00:00Z'), // the start's first second
        v(5, '2026-11-22T02:00:00Z', { voided: true }),
        v(4, '2026-11-23T02:00:00Z', { campaignId: null }),
        v(31, '2026-11-23T02:00:00Z'), // not a target
        v(6, '2026-11-24T02:00:00Z'), // a hardship household's only visit
        v(7, '2026-11-25T02:00:00Z'),
      ]);
      const early = await compare(EARLY);
      expect(early).toMatchObject({ source: 'kept', total: { visited: 3, hardshipVisited: 1, due: 27 } });
    });

    it('after late entries, visits in the grace days, too late and in the future: counted from scratch for an earlier now', async () => {
      const v = (i: number, visitedAt: string, recordedAt?: string): FixtureVisit => ({ campaignId, householdId: households[i]!, recordedBy: cadre, visitedAt, ...(recordedAt ? { recordedAt } : {}) });
      await insertVisits(database.db, [
        v(8, '2026-12-25T15:59:59Z'), // the deadline's last second
        v(13, '2026-12-25T16:00:00Z'), // the first late second
        v(10, '2026-12-20T02:00:00Z', '2026-12-27T02:00:00Z'), // recorded late (补录)
        v(11, '2026-12-29T15:59:59Z'), // the grace's last second
        v(12, '2026-12-29T16:00:00Z'), // too late
        v(6, '2026-12-26T02:00:00Z'), // the hardship household's second visit, late
      ]);
      const late = await compare(LATE);
      expect(late).toMatchObject({ source: 'kept', total: { visited: 8, visitedLate: 4, overdue: 22 } });
      // A now before visits counted in the kept figures: the rollup's own count, which leaves them out.
      const early = await compare(EARLY);
      expect(early).toMatchObject({ source: 'counted', total: { visited: 3 } });
      expect((await compare(new Date('2026-12-27T09:00:00Z'))).source).toBe('counted');
    });

    it('after visits are voided, re-dated, moved between campaigns and deleted', async () => {
      const db = database.db;
      const idOf = async (i: number, visitedAt: string) =>
        (await db.selectFrom('visit').select('id').where('household_id', '=', households[i]!).where('visited_at', '=', new Date(visitedAt)).executeTakeFirstOrThrow()).id;
      await db.updateTable('visit').set({ voided_at: new Date(), void_reason: '重复录入' }).where('id', '=', await idOf(7, '2026-11-25T02:00:00Z')).execute();
      expect((await compare(LATE)).total.visited).toBe(7);
      await db.updateTable('visit').set({ voided_at: null, void_reason: null }).where('id', '=', await idOf(5, '2026-11-22T02:00:00Z')).execute();
      expect((await compare(LATE)).total.visited).toBe(8);
      await db.updateTable('visit').set({ visited_at: new Date('2026-11-30T02:00:00Z') }).where('id', '=', await idOf(1, '2026-11-14T15:59:59Z')).execute();
      expect((await compare(LATE)).total.visited).toBe(9);
      // Moved into the campaign from none, and out of it to another campaign.
      await db.updateTable('visit').set({ campaign_id: campaignId }).where('id', '=', await idOf(4, '2026-11-23T02:00:00Z')).execute();
      expect((await compare(LATE)).total.visited).toBe(10);
      await db.updateTable('visit').set({ campaign_id: otherCampaignId }).where('id', '=', await idOf(2, '2026-11-14T16:00:00Z')).execute();
      expect((await compare(LATE)).total.visited).toBe(9);
      await db.deleteFrom('visit').where('id', '=', await idOf(8, '2026-12-25T15:59:59Z')).execute();
      expect((await compare(LATE)).total).toMatchObject({ visited: 8, overdue: 22 });
    });

    it('after targets are changed, removed and added back', async () => {
      const db = database.db;
      // Household 13 (one late visit) becomes a hardship household needing two; household 6 stops being one.
      await db.updateTable('visit_target').set({ hardship: true }).where('campaign_id', '=', campaignId).where('household_id', '=', households[13]!).execute();
      await db.updateTable('visit_target').set({ hardship: false }).where('campaign_id', '=', campaignId).where('household_id', '=', households[6]!).execute();
      expect((await compare(LATE)).total).toMatchObject({ visited: 7, hardshipTargets: 10 });
      await db.updateTable('visit_target').set({ cadre_id: null }).where('campaign_id', '=', campaignId).execute();
      await compare(LATE);
      await db.deleteFrom('visit_target').where('campaign_id', '=', campaignId).where('household_id', 'in', [households[0]!, households[25]!]).execute();
      expect((await compare(LATE)).total).toMatchObject({ targets: 28, visited: 6 });
      await insertTargets(db, campaignId, [{ householdId: households[0]!, hardship: true }, { householdId: households[31]! }]);
      expect((await compare(LATE)).total).toMatchObject({ targets: 30, visited: 8 });
    });

    it('after the campaign’s definition changes: deadline, visits required, grace days, start', async () => {
      const db = database.db;
      const before = (await compare(LATE)).total;
      const redefine = async (definition: typeof DEFINITION) =>
        db.updateTable('visit_campaign').set({ definition: JSON.stringify(definition) }).where('id', '=', campaignId).execute();
      await redefine({ ...DEFINITION, graceDays: 0 });
      const noGrace = (await compare(LATE)).total;
      expect(noGrace.visitedLate).toBeLessThan(before.visitedLate);
      await redefine({ ...DEFINITION, done: { ...DEFINITION.done, deadline: '2026-11-30' } });
      const earlier = (await compare(LATE)).total;
      expect(earlier.visited).toBeLessThan(before.visited);
      await redefine({ ...DEFINITION, done: { ...DEFINITION.done, minVisits: 2 } });
      expect((await compare(LATE)).total.visited).toBeLessThan(before.visited);
      await redefine({ ...DEFINITION, period: { ...DEFINITION.period, startsOn: '2026-11-21' } });
      expect((await compare(LATE)).total.visited).toBeLessThan(before.visited);
      await redefine(DEFINITION);
      expect((await compare(LATE)).total).toEqual(before);
      // The kept rows are what a recount from scratch writes.
      const rows = async () => (await sql<Record<string, unknown>>`SELECT * FROM visit_coverage WHERE campaign_id = ${campaignId} ORDER BY village_id`.execute(db)).rows;
      const kept = await rows();
      await sql`SELECT lianxin_visit_coverage_recount(${campaignId}::bigint, NULL)`.execute(db);
      expect(await rows()).toEqual(kept);
      expect(kept).toHaveLength(3);
    });
  });
}
