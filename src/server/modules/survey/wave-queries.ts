/**
 * Reading waves as the API shows them: settings, strata with their frame and sample counts,
 * replicates. Counts come from the rows themselves (an index-only count per wave), so they are
 * right however the frame or sample was written.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { TWave, TWaveSummary } from '../../../shared/schemas/survey.ts';
import type { DB, SurveyWaveTable } from '../../db/schema.ts';
import { iso } from '../../../shared/time.ts';
import { readJson } from '../../db/json-columns.ts';

type WaveRow = Selectable<SurveyWaveTable>;

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The list's view of waves (counts of frame, sample and released numbers), in one query per kind. */
export async function summaries(db: Kysely<DB>, waves: WaveRow[]): Promise<TWaveSummary[]> {
  if (!waves.length) return [];
  const ids = waves.map((w) => w.id);
  const versions = await db
    .selectFrom('questionnaire_version as v')
    .innerJoin('questionnaire as q', 'q.id', 'v.questionnaire_id')
    .select(['v.id', 'v.version', 'q.id as questionnaire_id', 'q.name', 'q.name_en'])
    .where(
      'v.id',
      'in',
      waves.map((w) => w.questionnaire_version_id),
    )
    .execute();
  const strata = await db
    .selectFrom('wave_stratum')
    .select(['wave_id', sql<number>`sum(frame_size)::int`.as('frame'), sql<number>`sum(sample_size)::int`.as('sample')])
    .where('wave_id', 'in', ids)
    .groupBy('wave_id')
    .execute();
  const released = await db
    .selectFrom('wave_replicate')
    .select(['wave_id', sql<number>`coalesce(sum(size), 0)::int`.as('released')])
    .where('wave_id', 'in', ids)
    .where('released_at', 'is not', null)
    .groupBy('wave_id')
    .execute();
  return waves.map((w) => {
    const v = versions.find((x) => x.id === w.questionnaire_version_id)!;
    const s = strata.find((x) => x.wave_id === w.id);
    return {
      id: w.id,
      countyCode: w.county_code,
      name: w.name,
      status: w.status,
      questionnaireVersion: { id: v.id, questionnaireId: v.questionnaire_id, name: v.name, nameEn: v.name_en, version: v.version },
      startsOn: w.starts_on,
      endsOn: w.ends_on,
      targetCompletes: w.target_completes,
      createdAt: iso(w.created_at)!,
      openedAt: iso(w.opened_at),
      closedAt: iso(w.closed_at),
      counts: { frame: Number(s?.frame ?? 0), sample: Number(s?.sample ?? 0), released: Number(released.find((x) => x.wave_id === w.id)?.released ?? 0) },
    };
  });
}

/**
 * One wave with its strata (frame and sample by phone kind, released), replicates and settings.
 *
 * @example
 * const wave = await loadWave(db, waveRow);
 * wave.strata.length; // 13 in the demo county
 */
export async function loadWave(db: Kysely<DB>, w: WaveRow): Promise<TWave> {
  const [summary] = await summaries(db, [w]);
  const strata = await db
    .selectFrom('wave_stratum as s')
    .innerJoin('region as t', 't.id', 's.township_id')
    .select(['s.township_id', 't.code', 't.name', 't.name_en', 's.population', 's.assumed_sd', 's.target_completes', 's.frame_size', 's.sample_size'])
    .where('s.wave_id', '=', w.id)
    .orderBy('t.code')
    .execute();
  const frame = await db
    .selectFrom('frame_entry')
    .select(['township_id', 'phone_kind', sql<number>`count(*)::int`.as('n')])
    .where('wave_id', '=', w.id)
    .groupBy(['township_id', 'phone_kind'])
    .execute();
  // One pass over the wave's cases gives the sample by kind and what is released; computed, not
  // stored, so it stays right whoever writes the cases (a wave holds tens of thousands at most).
  const sample = await db
    .selectFrom('sample_case')
    .select(['township_id', 'phone_kind', sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) FILTER (WHERE released))::int`.as('released')])
    .where('wave_id', '=', w.id)
    .groupBy(['township_id', 'phone_kind'])
    .execute();
  const replicates = await db.selectFrom('wave_replicate').select(['replicate', 'size', 'released_at']).where('wave_id', '=', w.id).orderBy('replicate').execute();
  const source = await db.selectFrom('frame_entry').select('source').where('wave_id', '=', w.id).limit(1).executeTakeFirst();
  const count = (township: string, kind: 'mobile' | 'landline') => Number(frame.find((f) => f.township_id === township && f.phone_kind === kind)?.n ?? 0);
  const drawn = (township: string, kind: 'mobile' | 'landline') => Number(sample.find((c) => c.township_id === township && c.phone_kind === kind)?.n ?? 0);
  const released = (township: string) => sample.filter((c) => c.township_id === township).reduce((n, c) => n + Number(c.released), 0);
  return {
    ...summary!,
    callingHours: readJson('survey_wave.calling_hours', w.calling_hours),
    maxAttempts: w.max_attempts,
    phoneQuota: readJson('survey_wave.phone_quota', w.phone_quota),
    allocation: w.allocation,
    minPerTownship: w.min_per_township,
    numbersPerComplete: Number(w.numbers_per_complete),
    replicateCount: w.replicate_count,
    frameSource: source?.source ?? null,
    sampleSeed: w.sample_seed,
    sampledAt: iso(w.sampled_at),
    eligibilityOverride: num(w.eligibility_override),
    strata: strata.map((s) => ({
      township: { id: s.township_id, code: s.code, name: s.name, nameEn: s.name_en },
      population: s.population,
      assumedSd: num(s.assumed_sd),
      targetCompletes: s.target_completes,
      frameSize: s.frame_size,
      frameMobile: count(s.township_id, 'mobile'),
      frameLandline: count(s.township_id, 'landline'),
      sampleSize: s.sample_size,
      sampleMobile: drawn(s.township_id, 'mobile'),
      sampleLandline: drawn(s.township_id, 'landline'),
      released: released(s.township_id),
    })),
    replicates: replicates.map((r) => ({ replicate: r.replicate, size: r.size, releasedAt: iso(r.released_at) })),
  };
}

/** Reloads a wave by id (after a change) and shows it. */
export async function showWave(db: Kysely<DB>, waveId: string): Promise<TWave> {
  return loadWave(db, await db.selectFrom('survey_wave').selectAll().where('id', '=', waveId).executeTakeFirstOrThrow());
}
