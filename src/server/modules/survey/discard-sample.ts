import type { TWave } from '../../../shared/schemas/survey.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { lockWaveForChange } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';

/**
 * Discards a draft wave's sample, so its frame or sampling settings can change before a new
 * draw. Nothing has been called yet (the wave is a draft), so nothing recorded is lost. Without
 * a sample it changes nothing.
 *
 * @example
 * const wave = await discardSample({ db, actor, source }, { waveId });
 * wave.counts.sample; // 0
 */
export async function discardSample({ db, actor, source }: WriteContext, { waveId }: { waveId: string }): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  await db.transaction().execute(async (trx) => {
    const wave = await lockWaveForChange(trx, waveId, 'draft');
    const deleted = await trx.deleteFrom('sample_case').where('wave_id', '=', waveId).executeTakeFirst();
    await trx.deleteFrom('wave_replicate').where('wave_id', '=', waveId).execute();
    if (!wave.sample_seed && Number(deleted.numDeletedRows) === 0) return;
    await trx.updateTable('wave_stratum').set({ target_completes: 0, sample_size: 0 }).where('wave_id', '=', waveId).execute();
    await trx.updateTable('survey_wave').set({ sample_seed: null, sampled_at: null }).where('id', '=', waveId).execute();
    await recordAudit({ db: trx, source }, {
      action: 'survey_wave.discard_sample',
      entityType: 'survey_wave',
      entityId: waveId,
      region: county,
      before: { seed: wave.sample_seed, cases: Number(deleted.numDeletedRows) },
    });
  });
  return showWave(db, waveId);
}
