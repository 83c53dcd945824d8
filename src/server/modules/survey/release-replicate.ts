import type { Transaction } from 'kysely';
import type { TWave } from '../../../shared/schemas/survey.ts';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { lockWaveForChange } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';

/**
 * Makes a replicate's cases callable and stamps the replicate, inside the caller's transaction
 * (which holds the wave's lock). Returns how many cases were released.
 */
export async function releaseReplicateCases(trx: Transaction<DB>, o: { waveId: string; replicate: number; actorId: string }): Promise<number> {
  const released = await trx.updateTable('sample_case').set({ released: true }).where('wave_id', '=', o.waveId).where('replicate', '=', o.replicate).where('released', '=', false).executeTakeFirst();
  await trx.updateTable('wave_replicate').set({ released_at: new Date(), released_by: o.actorId }).where('wave_id', '=', o.waveId).where('replicate', '=', o.replicate).execute();
  return Number(released.numUpdatedRows);
}

/**
 * Releases the next replicate (批次) of a wave in fieldwork, when response is low and more
 * sample is needed. Replicates are random subsamples over all townships, so adding one does
 * not change the sample's composition. 409 wave_all_released when none is left.
 *
 * @example
 * const wave = await releaseNextReplicate({ db, actor, source }, { waveId });
 * wave.replicates.filter((r) => r.releasedAt).length; // 2
 */
export async function releaseNextReplicate({ db, actor, source }: WriteContext, { waveId }: { waveId: string }): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  await db.transaction().execute(async (trx) => {
    await lockWaveForChange(trx, waveId, 'fieldwork');
    const next = await trx.selectFrom('wave_replicate').select(['replicate', 'size']).where('wave_id', '=', waveId).where('released_at', 'is', null).orderBy('replicate').executeTakeFirst();
    if (!next) throw conflict('wave_all_released');
    const cases = await releaseReplicateCases(trx, { waveId, replicate: next.replicate, actorId: actor.id });
    await recordAudit({ db: trx, source }, { action: 'survey_wave.release_replicate', entityType: 'survey_wave', entityId: waveId, region: county, after: { replicate: next.replicate, cases } });
  });
  return showWave(db, waveId);
}
