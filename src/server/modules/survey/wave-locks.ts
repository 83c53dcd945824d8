/**
 * A wave's status under concurrent writers: closed waves refuse every write, set-up changes
 * wait for the row lock, and fieldwork writes share it.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict, notFound } from '../../http/errors.ts';

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
 * status is `allowed` (wave_closed for a closed wave, else wave_not_draft or
 * wave_not_in_fieldwork); `'open'` admits a draft and a wave in fieldwork alike.
 */
export async function lockWaveForChange(trx: Transaction<DB>, waveId: string, allowed: 'draft' | 'fieldwork' | 'open') {
  const wave = await trx.selectFrom('survey_wave').selectAll().where('id', '=', waveId).forUpdate().executeTakeFirstOrThrow();
  assertWaveOpen(wave);
  if (allowed !== 'open' && wave.status !== allowed) throw conflict(allowed === 'draft' ? 'wave_not_draft' : 'wave_not_in_fieldwork');
  return wave;
}

/** Whether the wave has a drawn sample (any case). */
export async function hasSample(db: Kysely<DB>, waveId: string): Promise<boolean> {
  const row = await db.selectFrom('sample_case').select(sql<number>`1`.as('one')).where('wave_id', '=', waveId).limit(1).executeTakeFirst();
  return Boolean(row);
}
