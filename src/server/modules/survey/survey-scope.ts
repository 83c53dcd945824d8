/**
 * Where survey records live and who may reach them. Questionnaires and waves belong to a
 * county; survey staff are bound to the county region (or above it), so a record is in scope
 * when its county's path starts with the actor's path. Anything else answers 404, whether or
 * not it exists. Township admins read the list of their county's waves (to navigate results),
 * nothing more from here.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { isInScope } from '../regions/region-scope.ts';

export interface SurveyCounty {
  id: string;
  code: string;
  path: string;
  county_code: string | null;
}

/** Ids as the API sends them: decimal strings; anything else cannot exist. */
const isId = (id: string) => /^[1-9]\d{0,17}$/.test(id);

/**
 * The county the actor's survey writes go to: their own county, which must lie inside their
 * subtree (a supervisor bound to a township cannot set up the county's survey).
 *
 * @example
 * const county = await actorCounty(db, actor); // { id: '3', code: '370921', path: '/1/2/3/', … }
 */
export async function actorCounty(db: Kysely<DB>, actor: Actor): Promise<SurveyCounty> {
  if (!actor.countyCode) throw forbidden();
  const county = await db
    .selectFrom('region')
    .select(['id', 'code', 'path', 'county_code'])
    .where('code', '=', actor.countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county || !isInScope(actor, county.path)) throw forbidden();
  return county;
}

/** The county region of a survey record, for the scope check and the audit entry. */
async function countyOf(db: Kysely<DB>, countyCode: string): Promise<SurveyCounty | undefined> {
  return db.selectFrom('region').select(['id', 'code', 'path', 'county_code']).where('code', '=', countyCode).where('level', '=', 'county').executeTakeFirst();
}

/**
 * A questionnaire version the actor may see, with its questionnaire; 404 otherwise.
 *
 * @example
 * const { version, questionnaire, county } = await findVersionInScope(db, actor, '12');
 */
export async function findVersionInScope(db: Kysely<DB>, actor: Actor, id: string) {
  if (!isId(id)) throw notFound();
  const version = await db.selectFrom('questionnaire_version').selectAll().where('id', '=', id).executeTakeFirst();
  if (!version) throw notFound();
  const county = await countyOf(db, version.county_code);
  if (!county || !isInScope(actor, county.path)) throw notFound();
  const questionnaire = await db.selectFrom('questionnaire').selectAll().where('id', '=', version.questionnaire_id).executeTakeFirstOrThrow();
  return { version, questionnaire, county };
}

export type WaveRow = Awaited<ReturnType<typeof findWaveInScope>>['wave'];

/**
 * A wave the actor may see (its county inside the actor's subtree); 404 otherwise.
 *
 * @example
 * const { wave, county } = await findWaveInScope(db, actor, waveId);
 */
export async function findWaveInScope(db: Kysely<DB>, actor: Actor, id: string) {
  if (!isId(id)) throw notFound();
  const wave = await db.selectFrom('survey_wave').selectAll().where('id', '=', id).executeTakeFirst();
  if (!wave) throw notFound();
  const county = await countyOf(db, wave.county_code);
  if (!county || !isInScope(actor, county.path)) throw notFound();
  return { wave, county };
}

/**
 * Refuses any write to a closed wave (409 wave_closed). Fieldwork and results writers call it
 * on the wave row they read (best under `lockWaveOpen`, so a concurrent close is seen).
 *
 * @example
 * assertWaveOpen(wave); // throws AppError 409 wave_closed when wave.status === 'closed'
 */
export function assertWaveOpen(wave: { status: string }): void {
  if (wave.status === 'closed') throw conflict('wave_closed');
}

/**
 * Inside a write transaction: share-locks the wave row and refuses a closed wave. Closing takes
 * the row's exclusive lock, so it waits for writes in flight, and a write after the close sees
 * it: nothing is recorded in a closed wave. Many writers can hold the share lock at once.
 * Returns the wave's status and county; 404 when there is no such wave.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   const wave = await lockWaveOpen(trx, waveId); // 409 wave_closed after a close
 *   …
 * });
 */
export async function lockWaveOpen(trx: Transaction<DB>, waveId: string): Promise<{ id: string; status: 'draft' | 'fieldwork' | 'closed'; county_code: string }> {
  const wave = await trx.selectFrom('survey_wave').select(['id', 'status', 'county_code']).where('id', '=', waveId).forShare().executeTakeFirst();
  if (!wave) throw notFound();
  assertWaveOpen(wave);
  return wave;
}

/**
 * Inside a write transaction: locks the wave row for a change of its set-up and checks its
 * status is one of `allowed` (wave_closed for a closed wave, else wave_not_draft or
 * wave_not_in_fieldwork).
 */
export async function lockWaveForChange(trx: Transaction<DB>, waveId: string, allowed: 'draft' | 'fieldwork') {
  const wave = await trx.selectFrom('survey_wave').selectAll().where('id', '=', waveId).forUpdate().executeTakeFirstOrThrow();
  assertWaveOpen(wave);
  if (wave.status !== allowed) throw conflict(allowed === 'draft' ? 'wave_not_draft' : 'wave_not_in_fieldwork');
  return wave;
}

/** Whether the wave has a drawn sample (any case). */
export async function hasSample(db: Kysely<DB>, waveId: string): Promise<boolean> {
  const row = await db.selectFrom('sample_case').select(sql<number>`1`.as('one')).where('wave_id', '=', waveId).limit(1).executeTakeFirst();
  return Boolean(row);
}
