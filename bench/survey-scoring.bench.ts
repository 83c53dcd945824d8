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
import { computeWaveResults, loadWave, computeWaveProgress } from '../src/server/modules/survey-results/index.ts';
import { formatResults } from '../src/cli/commands/survey-results.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { ms, summarize } from './support/stats.ts';
import { writeSurveyWave } from './support/survey-wave-dataset.ts';

export interface SurveyScoringBenchOptions {
  /** Complete interviews per township (default 1,000). */
  completesPerTownship?: number;
  /** Timed runs of the results computation (default 5, after one warm-up). */
  runs?: number;
  /** Also run on PGlite (default true). */
  pglite?: boolean;
}

const COUNTY = '370921';

/** A closed wave with `perTownship` complete interviews in each of the county's 13 townships (writeSurveyWave). */
export async function insertScoringWave(db: Kysely<DB>, perTownship: number, countyCode = COUNTY): Promise<string> {
  const { waveId } = await writeSurveyWave(db, { countyCode, completes: perTownship * 13, name: '评分基准轮次', startsOn: '2026-03-01', endsOn: '2026-03-31' });
  return waveId;
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
