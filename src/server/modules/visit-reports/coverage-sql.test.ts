/**
 * The SQL counting of coverage (coverage-sql.ts, the coverage report, the progress curve and the
 * list of missing visits) against the pure rule, `computeCoverage`, on generated data with every
 * edge the rule has: visits before the start, on the deadline's last Shanghai minute, in the
 * grace days, after them, recorded late (补录), in the future, voided, to households that are not
 * targets, to hardship households that need two. Both dialects.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { computeCoverage, ZCampaignDefinition, type CoverageTarget, type VisitFact } from '../../../shared/visits/index.ts';
import { localDate } from '../../../shared/time.ts';
import type { Database } from '../../db/database.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from '../demo/index.ts';
import { actorFor } from '../fieldwork/testing/actors.ts';
import { householdCoverageCtes } from './coverage-sql.ts';
import { getCampaignCoverage } from './get-campaign-coverage.ts';
import { getCampaignProgress } from './get-campaign-progress.ts';
import { listMissingVisits } from './list-missing-visits.ts';
import { insertBareHouseholds, insertCampaign, insertTargets, insertVisits, regionByCode, userId, type FixtureVisit } from './testing/visit-fixture.ts';

const VILLAGES = ['370921104201', '370921104202', '370921105201'];
const DEFINITION = ZCampaignDefinition.parse({
  kind: 'hardship',
  name: '生成数据的走访',
  period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
  done: { deadline: '2026-12-25', minVisits: 1, minVisitsHardship: 2 },
  graceDays: 4,
});

/** A small deterministic generator (mulberry32). */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Instants around the rule's edges (Shanghai midnight is 16:00 UTC the day before). */
const EDGES = [
  '2026-11-14T15:59:59Z', // 23:59:59 on the 14th in Shanghai: before the start
  '2026-11-14T16:00:00Z', // the start's first second
  '2026-12-25T15:59:59Z', // the deadline's last second
  '2026-12-25T16:00:00Z', // the first late second
  '2026-12-29T15:59:59Z', // the grace's last second
  '2026-12-29T16:00:00Z', // too late
];

for (const dialect of DIALECTS) {
  describe(`coverage in SQL equals computeCoverage [${dialect.name}]`, () => {
    let database: Database;
    let campaignId: string;
    const targets: CoverageTarget[] = [];
    const visits: (VisitFact & { recordedBy: string })[] = [];
    const cadreOf = new Map<string, string>();
    beforeAll(async () => {
      database = await dialect.open();
      const db = database.db;
      await seedDemo({ db, actor: null, source: cliAuditSource('test') });
      campaignId = await insertCampaign(db, { regionCode: '370921', definition: DEFINITION });
      const cadres = [await userId(db, 'cadre'), await userId(db, 'gangcheng')];
      const random = prng(20261206);
      const households: { id: string; village: string }[] = [];
      for (const [k, village] of VILLAGES.entries()) {
        for (const id of await insertBareHouseholds(db, { villageCode: village, count: 40, prefix: `G${k}` })) households.push({ id, village });
      }
      const targetRows = households.slice(0, 110).map((h) => {
        const hardship = random() < 0.4;
        const r = random();
        const cadreId = r < 0.45 ? cadres[0]! : r < 0.8 ? cadres[1]! : null;
        targets.push({ householdId: h.id, villageCode: h.village, hardship });
        if (cadreId) cadreOf.set(h.id, cadreId);
        return { householdId: h.id, hardship, cadreId };
      });
      await insertTargets(db, campaignId, targetRows);
      const rows: FixtureVisit[] = [];
      const start = Date.parse('2026-11-10T00:00:00Z');
      const span = Date.parse('2027-01-05T00:00:00Z') - start;
      for (const h of households) {
        const n = Math.floor(random() * 4);
        for (let i = 0; i < n; i++) {
          const edge = random() < 0.25;
          const visited = edge ? EDGES[Math.floor(random() * EDGES.length)]! : new Date(start + random() * span).toISOString();
          const lateBy = random() < 0.3 ? Math.floor(random() * 8 * 86_400_000) : 0;
          const recorded = new Date(Date.parse(visited) + lateBy).toISOString();
          const voided = random() < 0.08;
          const recordedBy = cadres[Math.floor(random() * 2)]!;
          rows.push({ campaignId, householdId: h.id, recordedBy, visitedAt: visited, recordedAt: recorded, voided });
          visits.push({ householdId: h.id, visitedAt: visited, recordedAt: recorded, voided, recordedBy });
        }
      }
      // A visit of no campaign to a target household does not count for this campaign.
      rows.push({ campaignId: null, householdId: households[0]!.id, recordedBy: cadres[0]!, visitedAt: '2026-12-01T02:00:00Z' });
      await insertVisits(db, rows);
    });
    afterAll(async () => database?.close());

    const rule = { startsOn: DEFINITION.period.startsOn, deadline: DEFINITION.done.deadline, minVisits: 1, minVisitsHardship: 2, graceDays: 4 };
    const NOWS = ['2026-12-01T04:00:00Z', '2026-12-25T15:59:59Z', '2026-12-27T09:00:00Z', '2027-01-20T00:00:00Z'];

    it.each(NOWS)('per household, at %s', async (at) => {
      const now = new Date(at);
      const county = await regionByCode(database.db, '370921');
      const expected = computeCoverage({ targets, visits, rule, now });
      const got = await sql<{ household_id: string; on_time: number; late: number; status: string }>`WITH ${householdCoverageCtes({
        campaignId,
        countyCode: '370921',
        regionPath: county.path,
        definition: DEFINITION,
        now,
      })} SELECT household_id, on_time, late, status FROM hh ORDER BY household_id`.execute(database.db);
      const byId = new Map(got.rows.map((r) => [r.household_id, r]));
      expect(got.rows).toHaveLength(targets.length);
      for (const h of expected.households) {
        expect({ id: h.householdId, ...byId.get(h.householdId) }).toEqual({ id: h.householdId, household_id: h.householdId, on_time: h.onTime, late: h.late, status: h.status });
      }
      // The generated data reach every status somewhere among the instants.
      expect(expected.households.length).toBeGreaterThan(100);
    });

    it.each(NOWS)('roll-ups by township, village and cadre, at %s', async (at) => {
      const now = new Date(at);
      const actor = await actorFor(database.db, 'admin');
      const expected = computeCoverage({ targets, visits, rule, now, assignments: [...cadreOf].map(([householdId, cadreId]) => ({ householdId, cadreId })) });
      const county = await getCampaignCoverage({ db: database.db, actor }, { campaignId, now });
      const strip = ({ plannedFen: _p, deliveredFen: _d, ...rest }: { plannedFen: number; deliveredFen: number } & Record<string, unknown>) => rest;
      const pick = (r: Record<string, unknown>) => ({ targets: r.targets, visited: r.visited, visitedLate: r.visitedLate, coverage: r.coverage, hardshipTargets: r.hardshipTargets, hardshipVisited: r.hardshipVisited, due: r.due, overdue: r.overdue });
      expect(pick(strip(county.total))).toEqual(pick(expected.total as unknown as Record<string, unknown>));
      expect(county.rows.map((r) => r.region!.code)).toEqual(['370921104', '370921105']);
      const township = await getCampaignCoverage({ db: database.db, actor }, { campaignId, regionCode: '370921104', now });
      expect(township.breadcrumb.map((b) => b.code)).toEqual(['370921', '370921104']);
      for (const row of township.rows) expect(pick(row)).toEqual(pick(expected.byVillage.get(row.region!.code) as unknown as Record<string, unknown>));
      // Under a village, the cadres: compare with the pure roll-up of that village's households only.
      const village = await getCampaignCoverage({ db: database.db, actor }, { campaignId, regionCode: VILLAGES[0]!, now });
      expect(village.rowsAre).toBe('cadres');
      const inVillage = targets.filter((t) => t.villageCode === VILLAGES[0]);
      const expectedVillage = computeCoverage({ targets: inVillage, visits, rule, now, assignments: inVillage.filter((t) => cadreOf.has(t.householdId)).map((t) => ({ householdId: t.householdId, cadreId: cadreOf.get(t.householdId)! })) });
      expect(village.rows.map((r) => r.cadre?.id ?? null).sort()).toEqual([...expectedVillage.byCadre!.keys()].sort());
      for (const row of village.rows) expect(pick(row)).toEqual(pick(expectedVillage.byCadre!.get(row.cadre?.id ?? null) as unknown as Record<string, unknown>));
    });

    it('draws the daily curve as computeCoverage at each day’s end, and lists the missing households', async () => {
      const actor = await actorFor(database.db, 'admin');
      const now = new Date('2026-12-28T08:00:00Z');
      const progress = await getCampaignProgress({ db: database.db, actor }, { campaignId, now });
      expect(progress.days[0]!.date).toBe('2026-11-15');
      expect(progress.days.at(-1)!.date).toBe(localDate(now));
      expect(progress.targets).toBe(targets.length);
      for (const day of progress.days) {
        // The end of a Shanghai day is 15:59:59.999 UTC that day; the last point is now.
        const end = new Date(Math.min(Date.parse(`${day.date}T15:59:59.999Z`), now.getTime()));
        const at = computeCoverage({ targets, visits, rule, now: end });
        expect([day.date, day.done]).toEqual([day.date, at.total.visited]);
      }
      const after = new Date('2027-01-20T00:00:00Z');
      const expected = computeCoverage({ targets, visits, rule, now: after }).households.filter((h) => h.status === 'overdue');
      const page1 = await listMissingVisits({ db: database.db, actor }, { campaignId, status: 'overdue', limit: 10, offset: 0, now: after });
      expect(page1.total).toBe(expected.length);
      const all = await listMissingVisits({ db: database.db, actor }, { campaignId, status: 'overdue', limit: 200, offset: 0, now: after });
      expect(all.items.map((i) => i.householdId).sort()).toEqual(expected.map((h) => h.householdId).sort());
      for (const item of all.items) expect(item.missing).toBe(expected.find((h) => h.householdId === item.householdId)!.missing);
      const beyond = await listMissingVisits({ db: database.db, actor }, { campaignId, status: 'overdue', limit: 10, offset: 5000, now: after });
      expect(beyond).toMatchObject({ items: [], total: expected.length });
    });
  });
}
