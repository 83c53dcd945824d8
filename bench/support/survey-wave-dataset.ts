/**
 * A closed survey wave of a county's townships written by set-based SQL (INSERT … SELECT over
 * generate_series), for the benchmarks that need complete interviews but not the fieldwork:
 * `--only survey-scoring`, `--only search --scale city` and `--only loop`. Strata, frame
 * entries, sample cases (final disposition 1.1), complete interviews and their answers to the
 * standard questionnaire, drawn from a seeded model: township k (in code order) is satisfied
 * with probability base + step·k, 8% "don't know", policies heard with 0.7, a visit remembered
 * with 0.5. What computeWaveResults reads: wave_stratum, interview, interview_answer and the
 * wave's questionnaire version.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { STANDARD_QUESTIONNAIRE } from '../../src/server/modules/survey/index.ts';

export interface SurveyWaveOptions {
  countyCode: string;
  /** Complete interviews in all, split evenly over the open townships (the first ones get the remainder). */
  completes: number;
  name: string;
  /** The fieldwork's dates (Asia/Shanghai); interviews are spread over them, the wave closes the day after. */
  startsOn: string;
  endsOn: string;
  /** Satisfaction model: township k is satisfied with probability base + step·k (defaults 0.50 and 0.03). */
  satisfiedBase?: number;
  satisfiedStep?: number;
  /** setseed's value, in [-1, 1] (default 0.2026). */
  seed?: number;
  /** The questionnaire version to use (a second wave asks the same questions); a new standard questionnaire when absent. */
  questionnaireVersionId?: string;
}

const SATISFACTION = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9'];

/**
 * Writes one closed wave; returns its id and its questionnaire version's.
 *
 * @example
 * const { waveId } = await writeSurveyWave(db, { countyCode: '370921', completes: 13_000, name: '评分基准轮次', startsOn: '2026-03-01', endsOn: '2026-03-31' });
 */
export async function writeSurveyWave(db: Kysely<DB>, o: SurveyWaveOptions): Promise<{ waveId: string; questionnaireVersionId: string }> {
  const countyCode = o.countyCode;
  const base = o.satisfiedBase ?? 0.5;
  const step = o.satisfiedStep ?? 0.03;
  const opened = new Date(`${o.startsOn}T00:00:00+08:00`);
  const closed = new Date(Date.parse(`${o.endsOn}T00:00:00+08:00`) + 86_400_000);
  const fieldDays = (closed.getTime() - opened.getTime()) / 86_400_000;
  return db.transaction().execute(async (trx) => {
    const county = await trx.selectFrom('region').select('id').where('code', '=', countyCode).executeTakeFirstOrThrow();
    let versionId = o.questionnaireVersionId;
    if (!versionId) {
      const questionnaire = await trx.insertInto('questionnaire').values({ county_code: countyCode, name: '标准问卷（基准）', standard: true }).returning('id').executeTakeFirstOrThrow();
      const version = await trx
        .insertInto('questionnaire_version')
        .values({ questionnaire_id: questionnaire.id, county_code: countyCode, version: 1, definition: JSON.stringify(STANDARD_QUESTIONNAIRE), status: 'published', published_at: opened })
        .returning('id')
        .executeTakeFirstOrThrow();
      versionId = version.id;
    }
    const townships = await trx.selectFrom('region').select(({ fn }) => fn.countAll<string>().as('n')).where('parent_id', '=', county.id).where('level', '=', 'township').where('closed_on', 'is', null).executeTakeFirstOrThrow();
    const k = Number(townships.n);
    const wave = await trx
      .insertInto('survey_wave')
      .values({
        county_code: countyCode,
        county_id: county.id,
        name: o.name,
        questionnaire_version_id: versionId,
        starts_on: o.startsOn,
        ends_on: o.endsOn,
        status: 'closed',
        calling_hours: JSON.stringify([{ from: '09:00', to: '20:30' }]),
        max_attempts: 5,
        phone_quota: JSON.stringify({ mobile: 6, landline: 4 }),
        target_completes: o.completes,
        replicate_count: 1,
        sample_seed: 'bench',
        sampled_at: opened,
        opened_at: opened,
        closed_at: closed,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const w = wave.id;
    await sql`SELECT setseed(${o.seed ?? 0.2026})`.execute(trx);
    // Townships numbered k = 0…12 in code order; populations 30,000–90,000.
    await sql`
      INSERT INTO wave_stratum (wave_id, township_id, county_code, population, target_completes, frame_size, sample_size)
      SELECT ${w}, t.id, ${countyCode}, 30000 + 5000 * (t.k - 1), t.completes, t.completes, t.completes
      FROM (SELECT id, row_number() OVER (ORDER BY code) AS k,
                   ${Math.floor(o.completes / k)} + CASE WHEN row_number() OVER (ORDER BY code) <= ${o.completes % k} THEN 1 ELSE 0 END AS completes
            FROM region WHERE parent_id = ${county.id} AND level = 'township' AND closed_on IS NULL) t`.execute(trx);
    await sql`
      INSERT INTO frame_entry (wave_id, county_code, township_id, source, phone_kind, phone_cipher, phone_hash, phone_masked, entry_no)
      SELECT ${w}, ${countyCode}, s.township_id, 'registry', CASE WHEN g % 10 < 6 THEN 'mobile' ELSE 'landline' END,
             'bench', md5(${w} || ':' || s.township_id || ':' || g), '139****' || lpad((g % 10000)::text, 4, '0'),
             row_number() OVER (ORDER BY s.township_id, g)
      FROM wave_stratum s CROSS JOIN LATERAL generate_series(1, s.target_completes) g WHERE s.wave_id = ${w}`.execute(trx);
    await sql`
      INSERT INTO sample_case (county_code, wave_id, township_id, frame_entry_id, replicate, released, draw_order, phone_kind, phone_cipher, phone_hash, phone_masked, attempts, last_disposition, final_disposition, finalized_at)
      SELECT ${countyCode}, ${w}, f.township_id, f.id, 1, true, row_number() OVER (ORDER BY f.id), f.phone_kind, f.phone_cipher, f.phone_hash, f.phone_masked, 1, '1.1', '1.1', ${closed}
      FROM frame_entry f WHERE f.wave_id = ${w}`.execute(trx);
    const interviewer = await trx.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
    await sql`
      INSERT INTO interview (county_code, wave_id, case_id, township_id, interviewer_id, status, started_at, completed_at, duration_seconds)
      SELECT ${countyCode}, ${w}, c.id, c.township_id, ${interviewer.id}, 'complete', x.at - interval '10 minutes', x.at, 300 + floor(random() * 500)::int
      FROM sample_case c CROSS JOIN LATERAL (SELECT ${opened}::timestamptz + interval '1 hour' + random() * ${fieldDays - 0.2} * interval '1 day' AS at) x
      WHERE c.wave_id = ${w}`.execute(trx);
    // random() in the inner select list is drawn per row (an uncorrelated subquery would draw once).
    await sql`
      INSERT INTO interview_answer (interview_id, question_code, option_id, text)
      SELECT id, code,
             CASE
               WHEN code = 'S1' THEN 'yes'
               WHEN code = 'S2' THEN (ARRAY['a18_35', 'a36_50', 'a51_65', 'over65'])[1 + floor(u * 4)::int]
               WHEN code = 'S3' THEN township_code
               WHEN code = ANY(${sql.val(SATISFACTION)}::text[]) THEN
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
        SELECT i.id, q.code, r.code AS township_code, ${base}::float8 + ${step}::float8 * k.k AS p, random() AS u
        FROM interview i
        JOIN region r ON r.id = i.township_id
        JOIN (SELECT township_id, row_number() OVER (ORDER BY township_id) - 1 AS k FROM wave_stratum WHERE wave_id = ${w}) k ON k.township_id = i.township_id
        CROSS JOIN (VALUES ('S1'), ('S2'), ('S3'), ('Q1'), ('Q2'), ('Q3'), ('Q4'), ('Q5'), ('Q6'), ('Q7'), ('Q8'), ('Q9'),
                           ('Q10a'), ('Q10b'), ('Q10c'), ('Q10d'), ('Q11'), ('Q12'), ('Q13')) AS q(code)
        WHERE i.wave_id = ${w}
      ) drawn`.execute(trx);
    return { waveId: w, questionnaireVersionId: versionId };
  });
}
