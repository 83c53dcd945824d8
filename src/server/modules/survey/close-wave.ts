import type { TWave } from '../../../shared/schemas/survey.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { assertWaveOpen } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';

/**
 * Closes a wave (a draft that will not run, or fieldwork that is over). Afterwards every write
 * to it is refused with 409 wave_closed. The row's exclusive lock waits for fieldwork writes in
 * flight (they hold its share lock, see lockWaveOpen), so none lands after the close.
 *
 * @example
 * const wave = await closeWave({ db, actor, source }, { waveId });
 * wave.status; // 'closed'
 */
export async function closeWave({ db, actor, source }: WriteContext, { waveId }: { waveId: string }): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  await db.transaction().execute(async (trx) => {
    const wave = await trx.selectFrom('survey_wave').select(['status']).where('id', '=', waveId).forUpdate().executeTakeFirstOrThrow();
    assertWaveOpen(wave);
    await trx.updateTable('survey_wave').set({ status: 'closed', closed_at: new Date() }).where('id', '=', waveId).execute();
    await recordAudit({ db: trx, source }, { action: 'survey_wave.close', entityType: 'survey_wave', entityId: waveId, region: county, before: { status: wave.status }, after: { status: 'closed' } });
  });
  return showWave(db, waveId);
}
