/**
 * The closed loop's data at county scale (issue 12 point 9), written by bulk SQL for
 * `npm run bench -- --only loop`: the demo county's 13 townships and their villages (seedDemo
 * first), a registry, a quarter (Q4 2026) of cases with their assignments and call-backs, a
 * visiting campaign over the quarter with its targets and visits (a fifth of them explaining a
 * policy), two closed waves of the standard questionnaire (Q3 and Q4, the second a little more
 * satisfied), rectification tasks from the first wave's domains (some accepted on time, some
 * late, some still open), publicity activities, and the city's spot check of the quarter.
 * Reuses the generators of the other benchmarks (case-dataset, visit-dataset,
 * survey-wave-dataset, sql-registry). Each step's time is returned for the report.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { writeCaseDataset } from './case-dataset.ts';
import { writeSqlRegistry } from './sql-registry.ts';
import { writeSurveyWave } from './survey-wave-dataset.ts';
import { writeVisitCampaign } from './visit-dataset.ts';

export const LOOP_COUNTY = '370921';
/** The quarter assessed: Q4 2026 (Asia/Shanghai dates). */
export const LOOP_PERIOD = { start: '2026-10-01', end: '2026-12-31' } as const;
/** The benchmark's clock: the first working days after the quarter. */
export const LOOP_NOW = new Date('2027-01-04T02:00:00Z');

export interface LoopDatasetOptions {
  /** Registry households, all of them the campaign's targets (default 230,000: Ningyang). */
  households: number;
  /** Cases registered over the quarter (default 100,000). */
  cases: number;
  /** Visits of the quarter's campaign (default 300,000). */
  visits: number;
  /** Complete interviews of each of the two waves (default 5,000). */
  completesPerWave: number;
  /** Rectification tasks per township from the first wave (default 3, at most 8: one per domain). */
  tasksPerTownship?: number;
  /** Publicity activities per township over the quarter (default 40). */
  activitiesPerTownship?: number;
}

export const LOOP_DEFAULTS: LoopDatasetOptions = { households: 230_000, cases: 100_000, visits: 300_000, completesPerWave: 5_000, tasksPerTownship: 3, activitiesPerTownship: 40 };

export interface LoopDataset {
  countyCode: string;
  period: { start: string; end: string };
  now: Date;
  /** Q3's wave (the rectification tasks come from it) and Q4's, both closed. */
  previousWaveId: string;
  waveId: string;
  campaignId: string;
  counts: Record<'households' | 'cases' | 'assignments' | 'callbacks' | 'targets' | 'visits' | 'visitPolicies' | 'interviews' | 'answers' | 'tasks' | 'taskUpdates' | 'activities', number>;
  /** Each step's time in ms, in the order written. */
  steps: { step: string; ms: number }[];
}

const DOMAINS = ['hardship_relief', 'environment', 'medical', 'education', 'public_security', 'culture', 'employment', 'cadre_style'];
const DOMAIN_NAMES = ['困难救助', '环境保护', '医疗', '学校教育', '治安', '文化生活', '就业', '干部作风'];

/**
 * Writes the loop's data into a database where seedDemo has run and nothing else.
 *
 * @example
 * await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
 * const loop = await writeLoopDataset(db, LOOP_DEFAULTS);
 * loop.counts.visits; // 300000
 */
export async function writeLoopDataset(db: Kysely<DB>, options: LoopDatasetOptions): Promise<LoopDataset> {
  const o = { ...LOOP_DEFAULTS, ...options };
  const c = LOOP_COUNTY;
  const steps: LoopDataset['steps'] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await run();
    steps.push({ step: name, ms: performance.now() - start });
    return value;
  };
  const admin = (await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;

  await step('registry', () => writeSqlRegistry(db, { countyCode: c, households: o.households, seed: 12 }));
  await step('cases', () => writeCaseDataset(db, { countyCode: c, cases: o.cases, from: new Date(`${LOOP_PERIOD.start}T00:00:00+08:00`), days: 92, now: LOOP_NOW, seed: 0.12 }));
  const { campaignId } = await step('visits', async () => {
    const campaign = await writeVisitCampaign(db, { countyCode: c, visits: o.visits, name: '2026年第四季度心连心大走访（基准）', startsOn: LOOP_PERIOD.start, endsOn: '2026-12-25', seed: 0.43 });
    // A fifth of the visits explained one or two policies (政策宣传 counts them from visit_policy).
    await sql`INSERT INTO visit_policy (visit_id, policy_code)
      SELECT v.id, p.code FROM visit v
      JOIN (SELECT code, row_number() OVER (ORDER BY sort) - 1 AS k, count(*) OVER () AS total FROM policy WHERE active) p
        ON p.k = v.id % p.total OR (v.id % 3 = 0 AND p.k = (v.id + 1) % p.total)
      WHERE v.campaign_id = ${campaign.campaignId} AND v.id % 5 = 0`.execute(db);
    return campaign;
  });
  const { previousWaveId, waveId } = await step('waves', async () => {
    const first = await writeSurveyWave(db, { countyCode: c, completes: o.completesPerWave, name: '2026年第三季度群众满意度调查（基准）', startsOn: '2026-09-01', endsOn: '2026-09-20', seed: 0.31 });
    const second = await writeSurveyWave(db, {
      countyCode: c,
      completes: o.completesPerWave,
      name: '2026年第四季度群众满意度调查（基准）',
      startsOn: '2026-12-01',
      endsOn: '2026-12-20',
      satisfiedBase: 0.53,
      seed: 0.41,
      questionnaireVersionId: first.questionnaireVersionId,
    });
    return { previousWaveId: first.waveId, waveId: second.waveId };
  });
  await step('rectification', async () => {
    // Township k gets tasks on domains k, k+1, … (mod 8). By task number: a third accepted on
    // time, a sixth accepted late, a sixth submitted, the rest open (half of these overdue).
    const perTownship = Math.min(8, Math.max(0, o.tasksPerTownship ?? 3));
    await sql`
      INSERT INTO rectification_task (county_code, task_no, source, status, township_id, region_path, owner_region_id, wave_id, figure_key, domain,
                                      title, problem, evidence, measures, due_on, created_at, confirmed_by, confirmed_at, submitted_at, accepted_by, accepted_at, updated_at)
      SELECT ${c}, 'ZG2026-' || lpad(x.n::text, 4, '0'), 'survey', x.status, x.id, x.path, x.id, ${previousWaveId}, 'domain:' || x.domain || ':score', x.domain,
             x.name || x.domain_name || '整改（基准）', x.name || '该领域满意度低于阈值', jsonb_build_object('kind', 'survey', 'reason', 'below_threshold', 'figureKey', 'domain:' || x.domain || ':score', 'threshold', 70),
             '入户走访、建立台账、限期办结', x.due_on, timestamptz '2026-09-25 02:00:00+00', ${admin}, timestamptz '2026-09-28 02:00:00+00',
             CASE WHEN x.status IN ('submitted', 'accepted') THEN x.submitted_at END,
             CASE WHEN x.status = 'accepted' THEN ${admin}::bigint END,
             CASE WHEN x.status = 'accepted' THEN x.submitted_at + interval '3 days' END, x.submitted_at
      FROM (
        SELECT t.id, t.path, t.name, row_number() OVER (ORDER BY t.code, d.j) AS n,
               (${sql.val(DOMAINS)}::text[])[1 + ((t.k + d.j) % 8)] AS domain,
               (${sql.val(DOMAIN_NAMES)}::text[])[1 + ((t.k + d.j) % 8)] AS domain_name,
               CASE WHEN (t.k + d.j) % 2 = 0 THEN date '2026-11-30' ELSE date '2026-12-20' END AS due_on,
               CASE (t.k * 7 + d.j) % 6 WHEN 0 THEN 'accepted' WHEN 1 THEN 'accepted' WHEN 2 THEN 'accepted' WHEN 3 THEN 'submitted' ELSE 'open' END AS status,
               CASE WHEN (t.k * 7 + d.j) % 6 = 2 THEN timestamptz '2026-12-26 02:00:00+00' ELSE timestamptz '2026-11-20 02:00:00+00' END AS submitted_at
        FROM (SELECT id, path, name, code, row_number() OVER (ORDER BY code) - 1 AS k FROM region WHERE county_code = ${c} AND level = 'township' AND closed_on IS NULL) t
        CROSS JOIN generate_series(0, ${perTownship - 1}) d(j)
      ) x`.execute(db);
    await sql`
      INSERT INTO rectification_update (county_code, task_id, kind, note, actor_id, at)
      SELECT ${c}, t.id, k.kind, k.note, ${admin}, k.at FROM rectification_task t,
      LATERAL (VALUES ('confirm', '确认整改任务', t.confirmed_at, true),
                      ('progress', '已走访问题集中的村，建立台账', t.confirmed_at + interval '20 days', true),
                      ('submit', '整改完成，提请验收', t.submitted_at, t.status IN ('submitted', 'accepted')),
                      ('accept', '验收通过', t.accepted_at, t.status = 'accepted')) k(kind, note, at, present)
      WHERE t.county_code = ${c} AND k.present`.execute(db);
  });
  await step('publicity', async () => {
    const per = Math.max(0, o.activitiesPerTownship ?? 40);
    await sql`
      INSERT INTO publicity_activity (county_code, region_id, region_path, kind, held_on, title, audience, note, created_by, created_at)
      SELECT ${c}, v.id, v.path, (ARRAY['meeting', 'notice', 'broadcast', 'door_to_door', 'training', 'other'])[1 + g % 6],
             date '2026-10-01' + ((g * 37 + v.k) % 92)::int, '政策宣讲（基准）' || g, 20 + (g * 13) % 300, '', ${admin}, timestamptz '2026-10-01 02:00:00+00' + ((g * 37 + v.k) % 92) * interval '1 day'
      FROM (SELECT vv.id, vv.path, vv.parent_id, row_number() OVER (PARTITION BY vv.parent_id ORDER BY vv.code) - 1 AS k, count(*) OVER (PARTITION BY vv.parent_id) AS total
            FROM region vv WHERE vv.county_code = ${c} AND vv.level = 'village' AND vv.closed_on IS NULL) v
      JOIN generate_series(0, ${per - 1}) g ON v.k = g % v.total`.execute(db);
    await sql`
      INSERT INTO publicity_activity_policy (activity_id, policy_code)
      SELECT a.id, p.code FROM publicity_activity a
      JOIN (SELECT code, row_number() OVER (ORDER BY sort) - 1 AS k, count(*) OVER () AS total FROM policy WHERE active) p
        ON p.k = a.id % p.total OR (a.id % 2 = 0 AND p.k = (a.id + 3) % p.total)
      WHERE a.county_code = ${c}`.execute(db);
    await db
      .insertInto('city_spot_check')
      .values({ county_code: c, period_start: LOOP_PERIOD.start, period_end: LOOP_PERIOD.end, figure: 'index', estimate: '81.2', n: 600, lower_bound: '79.6', upper_bound: '82.8', source: '泰安市联系服务办〔2027〕1号（基准）', city_rank: 3, city_counties: 6, created_by: admin })
      .execute();
  });
  await step('analyze', () => sql`ANALYZE`.execute(db));
  const counts = (
    await sql<LoopDataset['counts']>`SELECT
      (SELECT count(*)::int FROM household WHERE county_code = ${c}) AS households,
      (SELECT count(*)::int FROM resident_case WHERE county_code = ${c}) AS cases,
      (SELECT count(*)::int FROM case_assignment WHERE county_code = ${c}) AS assignments,
      (SELECT count(*)::int FROM case_callback WHERE county_code = ${c}) AS callbacks,
      (SELECT count(*)::int FROM visit_target WHERE campaign_id = ${campaignId}) AS targets,
      (SELECT count(*)::int FROM visit WHERE campaign_id = ${campaignId}) AS visits,
      (SELECT count(*)::int FROM visit_policy vp JOIN visit v ON v.id = vp.visit_id WHERE v.campaign_id = ${campaignId}) AS "visitPolicies",
      (SELECT count(*)::int FROM interview WHERE wave_id IN (${previousWaveId}, ${waveId}) AND status = 'complete') AS interviews,
      (SELECT count(*)::int FROM interview_answer a JOIN interview i ON i.id = a.interview_id WHERE i.wave_id IN (${previousWaveId}, ${waveId})) AS answers,
      (SELECT count(*)::int FROM rectification_task WHERE county_code = ${c}) AS tasks,
      (SELECT count(*)::int FROM rectification_update WHERE county_code = ${c}) AS "taskUpdates",
      (SELECT count(*)::int FROM publicity_activity WHERE county_code = ${c}) AS activities`.execute(db)
  ).rows[0]!;
  return { countyCode: c, period: { ...LOOP_PERIOD }, now: LOOP_NOW, previousWaveId, waveId, campaignId, counts, steps };
}

/** One line for the benchmark's output: what was written and how long each step took. */
export function formatLoopDataset(d: LoopDataset): string {
  const total = d.steps.reduce((s, x) => s + x.ms, 0);
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `data       ${(total / 1000).toFixed(1)} s bulk SQL (${d.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(', ')})`,
    `           ${n(d.counts.households)} households; ${n(d.counts.cases)} cases, ${n(d.counts.assignments)} assignments, ${n(d.counts.callbacks)} call-backs; ${n(d.counts.targets)} targets, ${n(d.counts.visits)} visits (${n(d.counts.visitPolicies)} policies explained);`,
    `           2 closed waves, ${n(d.counts.interviews)} complete interviews, ${n(d.counts.answers)} answers; ${n(d.counts.tasks)} rectification tasks (${n(d.counts.taskUpdates)} updates); ${n(d.counts.activities)} publicity activities`,
  ].join('\n');
}
