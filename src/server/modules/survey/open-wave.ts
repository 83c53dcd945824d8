import type { TWave } from '../../../shared/schemas/survey.ts';
import { conflict } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { releaseReplicateCases } from './release-replicate.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { lockWaveForChange } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';

/**
 * Starts fieldwork: the wave must have a drawn sample (409 wave_no_sample); replicate 1 is
 * released, and from now on the settings, frame and sample are fixed.
 *
 * @example
 * const wave = await openWave({ db, actor, source }, { waveId });
 * wave.status; // 'fieldwork'
 */
export async function openWave({ db, actor, source }: WriteContext, { waveId }: { waveId: string }): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  await db.transaction().execute(async (trx) => {
    const wave = await lockWaveForChange(trx, waveId, 'draft');
    const first = await trx.selectFrom('wave_replicate').select('replicate').where('wave_id', '=', waveId).orderBy('replicate').executeTakeFirst();
    if (!wave.sample_seed || !first) throw conflict('wave_no_sample');
    const cases = await releaseReplicateCases(trx, { waveId, replicate: first.replicate, actorId: actor.id });
    await trx.updateTable('survey_wave').set({ status: 'fieldwork', opened_at: new Date() }).where('id', '=', waveId).execute();
    await recordAudit({ db: trx, source }, {
      action: 'survey_wave.open',
      entityType: 'survey_wave',
      entityId: waveId,
      region: county,
      before: { status: 'draft' },
      after: { status: 'fieldwork', releasedReplicate: first.replicate, cases },
    });
  });
  return showWave(db, waveId);
}
