/**
 * Scoring benchmark: a closed wave of the 13 townships with 1,000 complete interviews each
 * (13,000 respondents, about 250,000 answers, written with set-based INSERT … SELECT), then the
 * results computed by the same use case GET /api/survey/waves/:id/results calls, timed over
 * several runs, with the figures printed. On PostgreSQL, and on PGlite (in memory) for comparison.
 */
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { seedDemo } from '../src/server/modules/demo/index.ts';
import { STANDARD_QUESTIONNAIRE } from '../src/server/modules/survey/index.ts';
import { computeWaveResults, loadWave, computeWaveProgress } from '../src/server/modules/survey-results/index.ts';
import { formatResults } from '../src/cli/commands/survey-results.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { ms, summarize } from './support/stats.ts';

export interface SurveyScoringBenchOptions {
  /** Complete interviews per township (default 1,000). */
  completesPerTownship?: number;
  /** Timed runs of the results computation (default 5, after one warm-up). */
  runs?: number;
  /** Also run on PGlite (default true). */
  pglite?: boolean;
}

const COUNTY = '370921';

/**
 * Writes the wave with set-based statements: strata, frame entries, cases (final 1.1), interviews
 * and answers drawn from a seeded model in SQL: township k is satisfied with probability
 * 0.50 + 0.03·k, 8% "don't know", policies heard with 0.7, a visit remembered with 0.5.
 */
export async function insertScoringWave(db: Kysely<DB>, perTownship: number, countyCode = COUNTY): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const county = await trx.selectFrom('region').select('id').where('code', '=', countyCode).executeTakeFirstOrThrow();
    const questionnaire = await trx.insertInto('questionnaire').values({ county_code: countyCode, name: '标准问卷（评分基准）', standard: true }).returning('id').executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('questionnaire_version')
      .values({ questionnaire_id: questionnaire.id, county_code: countyCode, version: 1, definition: JSON.stringify(STANDARD_QUESTIONNAIRE), status: 'published', published_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const wave = await trx
      .insertInto('survey_wave')
      .values({
        county_code: countyCode,
        county_id: county.id,
        name: '评分基准轮次',
        questionnaire_version_id: version.id,
        starts_on: '2026-03-01',
        ends_on: '2026-03-31',
        status: 'closed',
        calling_hours: JSON.stringify([{ from: '09:00', to: '20:30' }]),
        max_attempts: 5,
        phone_quota: JSON.stringify({ mobile: 6, landline: 4 }),
        target_completes: perTownship * 13,
        replicate_count: 1,
        sample_seed: 'bench',
        sampled_at: new Date(),
        opened_at: new Date(),
        closed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const w = wave.id;
    await sql`SELECT setseed(0.2026)`.execute(trx);
    // Townships numbered k = 0…12 in code order; populations 30,000–90,000.
    await sql`
      INSERT INTO wave_stratum (wave_id, township_id, county_code, population, target_completes, frame_size, sample_size)
      SELECT ${w}, t.id, ${countyCode}, 30000 + 5000 * (row_number() OVER (ORDER BY t.code) - 1), ${perTownship}, ${perTownship}, ${perTownship}
      FROM region t WHERE t.parent_id = ${county.id} AND t.level = 'township' AND t.closed_on IS NULL`.execute(trx);
    await sql`
      INSERT INTO frame_entry (wave_id, county_code, township_id, source, phone_kind, phone_cipher, phone_hash, phone_masked, entry_no)
      SELECT ${w}, ${countyCode}, s.township_id, 'registry', CASE WHEN g % 10 < 6 THEN 'mobile' ELSE 'landline' END,
             'bench', md5(${w} || ':' || s.township_id || ':' || g), '139****' || lpad((g % 10000)::text, 4, '0'),
             row_number() OVER (ORDER BY s.township_id, g)
      FROM wave_stratum s CROSS JOIN generate_series(1, ${perTownship}) g WHERE s.wave_id = ${w}`.execute(trx);
    await sql`
      INSERT INTO sample_case (county_code, wave_id, township_id, frame_entry_id, replicate, released, draw_order, phone_kind, phone_cipher, phone_hash, phone_masked, attempts, last_disposition, final_disposition, finalized_at)
      SELECT ${countyCode}, ${w}, f.township_id, f.id, 1, true, row_number() OVER (ORDER BY f.id), f.phone_kind, f.phone_cipher, f.phone_hash, f.phone_masked, 1, '1.1', '1.1', now()
      FROM frame_entry f WHERE f.wave_id = ${w}`.execute(trx);
    const interviewer = await trx.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
    await sql`
      INSERT INTO interview (county_code, wave_id, case_id, township_id, interviewer_id, status, started_at, completed_at, duration_seconds)
      SELECT ${countyCode}, ${w}, c.id, c.township_id, ${interviewer.id}, 'complete', now() - interval '10 minutes', now(), 300 + floor(random() * 500)::int
      FROM sample_case c WHERE c.wave_id = ${w}`.execute(trx);
    const satisfaction = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9'];
    // random() in the inner select list is drawn per row (an uncorrelated subquery would draw once).
    await sql`
      INSERT INTO interview_answer (interview_id, question_code, option_id, text)
      SELECT id, code,
             CASE
               WHEN code = 'S1' THEN 'yes'
               WHEN code = 'S2' THEN (ARRAY['a18_35', 'a36_50', 'a51_65', 'over65'])[1 + floor(u * 4)::int]
               WHEN code = 'S3' THEN township_code
               WHEN code = ANY(${sql.val(satisfaction)}::text[]) THEN
                 CASE WHEN u < 0.08 THEN 'dont_know'
                      WHEN u < 0.08 + 0.92 * p * 0.6 THEN 'satisfied'
                      WHEN u < 0.08 + 0.92 * p THEN 'basically'
                      ELSE 'dissatisfied' END
               WHEN code LIKE 'Q10_' THEN CASE WHEN u < 0.7 THEN 'heard' ELSE 'not_heard' END
               WHEN code = 'Q11' THEN CASE WHEN u < 0.05 THEN 'dont_remember' WHEN u < 0.55 THEN 'yes' ELSE 'no' END
               WHEN code = 'Q13' THEN CASE WHEN u < 0.3 THEN 'yes' ELSE 'no' END
             END,
             CASE WHEN code = 'Q12' THEN '道路需要维修' END
      FROM (
        SELECT i.id, q.code, r.code AS township_code, 0.50 + 0.03 * k.k AS p, random() AS u
        FROM interview i
        JOIN region r ON r.id = i.township_id
        JOIN (SELECT township_id, row_number() OVER (ORDER BY township_id) - 1 AS k FROM wave_stratum WHERE wave_id = ${w}) k ON k.township_id = i.township_id
        CROSS JOIN (VALUES ('S1'), ('S2'), ('S3'), ('Q1'), ('Q2'), ('Q3'), ('Q4'), ('Q5'), ('Q6'), ('Q7'), ('Q8'), ('Q9'),
                           ('Q10a'), ('Q10b'), ('Q10c'), ('Q10d'), ('Q11'), ('Q12'), ('Q13')) AS q(code)
        WHERE i.wave_id = ${w}
      ) drawn`.execute(trx);
    return w;
  });
}

/** Times the results computation GET /api/survey/waves/:id/results runs, after one warm-up. */
export async function timeResults(db: Kysely<DB>, waveId: string, runs: number) {
  // The command line's view (no actor: the whole county), which the route's county staff get too.
  const ctx = { db, actor: null };
  await computeWaveResults(ctx, { waveId });
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await computeWaveResults(ctx, { waveId });
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

async function scoreOn(label: string, database: Database, o: Required<SurveyScoringBenchOptions>, print: boolean) {
  const db = database.db;
  await migrate(db);
  await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
  const writeStart = performance.now();
  const waveId = await insertScoringWave(db, o.completesPerTownship);
  const writeMs = performance.now() - writeStart;
  if (database.driver === 'postgres') await sql`ANALYZE`.execute(db);
  const counts = await sql<{ interviews: string; answers: string }>`
    SELECT (SELECT count(*) FROM interview WHERE wave_id = ${waveId}) AS interviews,
           (SELECT count(*) FROM interview_answer a JOIN interview i ON i.id = a.interview_id WHERE i.wave_id = ${waveId}) AS answers`.execute(db);
  const { interviews, answers } = counts.rows[0]!;
  console.log(`[${label}] wrote ${Number(interviews).toLocaleString()} complete interviews, ${Number(answers).toLocaleString()} answers in ${(writeMs / 1000).toFixed(1)} s (set-based)`);

  const s = await timeResults(db, waveId, o.runs);
  const results = await computeWaveResults({ db, actor: null }, { waveId });
  const wave = (await loadWave(db, waveId))!;
  const progress: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const start = performance.now();
    await computeWaveProgress(db, { wave });
    progress.push(performance.now() - start);
  }
  const p = summarize(progress);
  console.log(`[${label}] results of 13 townships × ${o.completesPerTownship.toLocaleString()} completes: p50 ${ms(s.p50)}, max ${ms(s.max)} over ${s.n} runs (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`);
  console.log(`[${label}] progress (dispositions, rates, interviewers, quota) of the same wave: p50 ${ms(p.p50)}, max ${ms(p.max)}`);
  if (print) {
    const index = results.county.index;
    if (!index.suppressed) {
      console.log(
        `county index ${index.estimate.toFixed(2)} (SE ${index.standardError!.toFixed(3)}, 95% ${index.interval!.lower.toFixed(2)}–${index.interval!.upper.toFixed(2)}, df ${index.df?.toFixed(0)}), n = ${index.n.toLocaleString()}`,
      );
    }
    console.log(formatResults(results));
  }
  return results;
}

export async function surveyScoringBench(options: SurveyScoringBenchOptions = {}) {
  const o = { completesPerTownship: 1000, runs: 5, pglite: true, ...options };
  console.log(`\n== Survey scoring: 13 townships × ${o.completesPerTownship.toLocaleString()} complete interviews`);
  const target = await createBenchDatabase();
  let onPostgres;
  try {
    const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
    try {
      onPostgres = await scoreOn('postgres', database, o, true);
    } finally {
      await database.close();
    }
  } finally {
    await target.drop();
  }
  if (o.pglite) {
    const database = await openDatabase({ driver: 'pglite' });
    try {
      const onPglite = await scoreOn('pglite', database, o, false);
      // The same seeded model, but random() differs between the two engines' builds: compare sizes only.
      console.log(`[pglite] county index n = ${onPglite.county.index.n.toLocaleString()} (postgres: ${onPostgres.county.index.n.toLocaleString()})`);
    } finally {
      await database.close();
    }
  }
}
