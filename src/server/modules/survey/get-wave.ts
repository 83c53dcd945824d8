import type { TWave } from '../../../shared/schemas/survey.ts';
import { findWaveInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadWave } from './wave-queries.ts';

/**
 * One wave of the actor's county with its settings, strata (frame and sample counts) and
 * replicates; 404 outside the actor's scope.
 *
 * @example
 * const wave = await getWave({ db, actor }, { waveId: '3' });
 * wave.strata.length; // 13 in the demo county
 */
export async function getWave(ctx: ReadContext, { waveId }: { waveId: string }): Promise<TWave> {
  const { wave } = await findWaveInScope(ctx.db, ctx.actor, waveId);
  return loadWave(ctx.db, wave);
}
