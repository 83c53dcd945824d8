import { sql, type Transaction } from 'kysely';
import type { TWave } from '../../../shared/schemas/survey.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, unprocessable } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { hasSample, lockWaveForChange } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';

/**
 * Locks a draft wave without a sample for a new frame and removes the old frame (inside the
 * caller's transaction, so a failure keeps the old one).
 */
export async function clearFrameForRebuild(trx: Transaction<DB>, waveId: string) {
  const wave = await lockWaveForChange(trx, waveId, 'draft');
  if (await hasSample(trx, waveId)) throw conflict('wave_sample_drawn');
  await trx.deleteFrom('frame_entry').where('wave_id', '=', waveId).execute();
  return wave;
}

/** Sets each stratum's frame size from the frame's rows; returns the sizes by township id. */
export async function countFrame(trx: Transaction<DB>, waveId: string) {
  await sql`
    UPDATE wave_stratum s
       SET frame_size = (SELECT count(*) FROM frame_entry f WHERE f.wave_id = s.wave_id AND f.township_id = s.township_id)
     WHERE s.wave_id = ${waveId}`.execute(trx);
  const sizes = await trx
    .selectFrom('wave_stratum as s')
    .innerJoin('region as t', 't.id', 's.township_id')
    .select(['t.code', 's.frame_size'])
    .where('s.wave_id', '=', waveId)
    .orderBy('t.code')
    .execute();
  return { total: sizes.reduce((n, s) => n + s.frame_size, 0), byTownship: Object.fromEntries(sizes.map((s) => [s.code, s.frame_size])) };
}

/**
 * The wave's frame from the registry: every distinct phone number of the active residents of
 * the wave's townships (a resident's township is their household's village's township), in one
 * statement. The frame is numbered in the registry's own order: household number (户编号),
 * then resident and phone row as imported; that entry number is the draw's order, so the same
 * registry and seed draw the same sample under any data key. A number shared by several
 * residents appears once, where it comes first in that order. Replaces an earlier frame while
 * the wave is a draft without a sample.
 *
 * @example
 * const wave = await buildRegistryFrame({ db, actor, source }, { waveId });
 * wave.frameSource; // 'registry'
 */
export async function buildRegistryFrame({ db, actor, source }: WriteContext, { waveId }: { waveId: string }): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  await db.transaction().execute(async (trx) => {
    await clearFrameForRebuild(trx, waveId);
    // COLLATE "C": household numbers sort byte by byte, the same on every server's locale.
    await sql`
      INSERT INTO frame_entry (wave_id, county_code, township_id, source, phone_kind, phone_cipher, phone_hash, phone_masked, entry_no)
      SELECT wave_id, county_code, township_id, 'registry', kind, phone_cipher, phone_hash, phone_masked,
             row_number() OVER (ORDER BY household_no COLLATE "C", resident_id, phone_id)
        FROM (
          SELECT DISTINCT ON (p.phone_hash) s.wave_id, s.county_code, s.township_id, p.kind, p.phone_cipher, p.phone_hash, p.phone_masked,
                 h.household_no, r.id AS resident_id, p.id AS phone_id
            FROM resident_phone p
            JOIN resident r ON r.id = p.resident_id AND r.active
            JOIN household h ON h.id = r.household_id
            JOIN region v ON v.id = h.village_id
            JOIN wave_stratum s ON s.wave_id = ${waveId} AND s.township_id = v.parent_id
           WHERE p.county_code = ${county.code}
           ORDER BY p.phone_hash, h.household_no COLLATE "C", r.id, p.id) first_holder`.execute(trx);
    const counted = await countFrame(trx, waveId);
    if (counted.total === 0) throw unprocessable('frame_empty');
    await recordAudit({ db: trx, source }, {
      action: 'survey_wave.frame_registry',
      entityType: 'survey_wave',
      entityId: waveId,
      region: county,
      after: { source: 'registry', frameSize: counted.total, byTownship: counted.byTownship },
    });
  });
  return showWave(db, waveId);
}
