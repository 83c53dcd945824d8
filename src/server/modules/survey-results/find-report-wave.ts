import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { assertInScopeOr404, isInScope, isPathInSubtree, pathIds } from '../../scope/index.ts';

/**
 * Who reads a wave's figures: its whole county (county staff, or the CLI), or one township of it
 * (a township administrator, who sees their own township and the county figure only).
 */
export type ResultsViewer = { kind: 'county' } | { kind: 'township'; townshipId: string };

/** A wave with the county region it belongs to (for scope checks and audit entries). */
export async function loadWave(db: Kysely<DB>, waveId: string) {
  return db
    .selectFrom('survey_wave as w')
    .innerJoin('region as c', 'c.id', 'w.county_id')
    .selectAll('w')
    .select(['c.code as county_region_code', 'c.name as county_name', 'c.name_en as county_name_en', 'c.path as county_path'])
    .where('w.id', '=', waveId)
    .executeTakeFirst();
}

export type ReportWave = NonNullable<Awaited<ReturnType<typeof loadWave>>>;

/** The audit region of a wave: its county. */
export const waveRegion = (wave: ReportWave) => ({ id: wave.county_id, path: wave.county_path, county_code: wave.county_code });

/**
 * How an actor may read a wave: the whole county when their region is the county or above it,
 * their own township when their region lies inside the county; null when the wave is none of
 * their business.
 *
 * @example
 * viewerOf(actor, wave); // => { kind: 'township', townshipId: '27' } for gangcheng
 */
export function viewerOf(actor: Pick<Actor, 'regionPath'>, wave: Pick<ReportWave, 'county_path'>): ResultsViewer | null {
  if (isInScope(actor, wave.county_path)) return { kind: 'county' };
  if (!isPathInSubtree(actor.regionPath, wave.county_path)) return null;
  const townshipId = pathIds(actor.regionPath)[pathIds(wave.county_path).length];
  return townshipId ? { kind: 'township', townshipId } : null;
}

/**
 * A wave the actor may supervise (progress, quality control): their region is its county or
 * above. 404 otherwise, whether or not the wave exists.
 *
 * @example
 * const wave = await findWaveToSupervise(db, actor, '12');
 */
export async function findWaveToSupervise(db: Kysely<DB>, actor: Actor, waveId: string): Promise<ReportWave> {
  const wave = await loadWave(db, waveId);
  // Supervising is the county view: the wave's county lies in the actor's subtree.
  assertInScopeOr404(actor, wave, (w) => w.county_path);
  return wave;
}

/** The wave's answer in reports. */
export const reportWave = (wave: ReportWave) => ({
  id: wave.id,
  name: wave.name,
  status: wave.status,
  startsOn: wave.starts_on,
  endsOn: wave.ends_on,
  questionnaireVersionId: wave.questionnaire_version_id,
});
