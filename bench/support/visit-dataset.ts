/**
 * A visiting campaign at county scale written by bulk SQL, for the benchmarks that need many
 * visits but not the visits module's sync: `--only visit-coverage` and `--only loop`. Every
 * household of the county's registry is a target (hardship from its labels), one cadre per
 * village is assigned its households, and `visits` visits are drawn at random among the targets
 * (so some households get none, some several), spread over the campaign and a few days beyond,
 * a tenth recorded late and one in fifty voided. Needs the registry first (writeSqlRegistry).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { insertCampaign } from '../../src/server/modules/visit-reports/testing/visit-fixture.ts';

export interface VisitDatasetOptions {
  countyCode: string;
  visits: number;
  name: string;
  /** The campaign's period (Asia/Shanghai dates); its deadline is the last day. */
  startsOn: string;
  endsOn: string;
  /** setseed's value, in [-1, 1] (default 0.42). */
  seed?: number;
}

/**
 * Writes the campaign, its cadres, targets and visits; returns the campaign's id and the targets written.
 *
 * @example
 * const { campaignId } = await writeVisitCampaign(db, { countyCode: '370921', visits: 300_000, name: '冬季走访', startsOn: '2026-11-15', endsOn: '2026-12-31' });
 */
export async function writeVisitCampaign(db: Kysely<DB>, o: VisitDatasetOptions): Promise<{ campaignId: string; targets: number }> {
  const c = o.countyCode;
  const campaignId = await insertCampaign(db, {
    regionCode: c,
    definition: {
      kind: 'all_households',
      name: o.name,
      period: { startsOn: o.startsOn, endsOn: o.endsOn },
      done: { deadline: o.endsOn, minVisits: 1, minVisitsHardship: 2 },
      graceDays: 7,
      aidStandards: ['dibao', 'tekun', 'poverty_monitoring', 'veteran_family', 'serious_illness'].map((code, i) => ({ categoryCode: code, items: [{ code: `${code}_cash`, name: '慰问金', amountFen: 20000 + i * 10000 }] })),
    },
  });
  // One cadre per village, each household assigned to its village's cadre.
  await sql`INSERT INTO app_user (username, display_name, password_hash, roles, region_id, county_code)
    SELECT 'bench_cadre_' || v.code, '包村干部' || v.code, '!', ARRAY['village_cadre'], v.id, ${c}
    FROM region v WHERE v.county_code = ${c} AND v.level = 'village' AND v.closed_on IS NULL
    ON CONFLICT (username) DO NOTHING`.execute(db);
  const targets = await sql`INSERT INTO visit_target (campaign_id, household_id, county_code, village_id, hardship, category_codes, cadre_id)
    SELECT ${campaignId}, h.id, h.county_code, h.village_id, hc.codes IS NOT NULL, coalesce(hc.codes, '{}'), u.id
    FROM household h
    JOIN region v ON v.id = h.village_id
    LEFT JOIN app_user u ON u.username = 'bench_cadre_' || v.code
    LEFT JOIN (SELECT household_id, array_agg(category_code) AS codes FROM household_hardship GROUP BY household_id) hc ON hc.household_id = h.id
    WHERE h.county_code = ${c}`.execute(db);
  const households = Number(targets.numAffectedRows ?? 0);
  // Visits from the campaign's first day (Shanghai midnight) over its days and five beyond.
  const days = (Date.parse(o.endsOn) - Date.parse(o.startsOn)) / 86_400_000 + 6;
  const start = new Date(Date.parse(`${o.startsOn}T00:00:00+08:00`)).toISOString();
  await sql`SELECT setseed(${o.seed ?? 0.42})`.execute(db);
  await sql`INSERT INTO visit (client_id, county_code, campaign_id, household_id, village_id, recorded_by, kind, visited_at, recorded_at, body, body_sha256, voided_at, void_reason)
    SELECT gen_random_uuid(), ${c}, ${campaignId}, t.household_id, t.village_id, t.cadre_id, 'home', x.visited_at,
           x.visited_at + CASE WHEN random() < 0.1 THEN random() * interval '9 days' ELSE interval '0' END,
           '{}'::jsonb, md5(n::text), CASE WHEN n % 50 = 0 THEN x.visited_at END, CASE WHEN n % 50 = 0 THEN '重复录入' END
    FROM (SELECT n, 1 + floor(random() * ${households})::int AS pick,
                 ${start}::timestamptz + random() * ${days} * interval '1 day' AS visited_at
          FROM generate_series(1, ${o.visits}) n) x
    JOIN (SELECT household_id, village_id, cadre_id, row_number() OVER (ORDER BY household_id) AS rn FROM visit_target WHERE campaign_id = ${campaignId}) t ON t.rn = x.pick`.execute(db);
  return { campaignId, targets: households };
}
