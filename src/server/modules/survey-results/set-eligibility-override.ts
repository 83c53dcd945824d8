import type { TSurveyProgress } from '../../../shared/schemas/survey-results.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findWaveToSupervise, waveRegion } from './find-report-wave.ts';
import { computeWaveProgress } from './get-wave-progress.ts';

/**
 * Stores the AAPOR eligibility estimate e the wave's RR3 uses (a supervisor's documented
 * judgement, e.g. from a check of the unresolved numbers), or clears it (null) to go back to the
 * proportional estimate. Audited; answers the progress with the new e.
 *
 * @example
 * await setEligibilityOverride({ db, actor, source }, { waveId: '3', eligibility: 0.62 });
 */
export async function setEligibilityOverride({ db, actor, source }: WriteContext, options: { waveId: string; eligibility: number | null }): Promise<TSurveyProgress> {
  const wave = await findWaveToSupervise(db, actor, options.waveId);
  const before = wave.eligibility_override === null ? null : Number(wave.eligibility_override);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('survey_wave').set({ eligibility_override: options.eligibility }).where('id', '=', wave.id).execute();
    await recordAudit({ db: trx, source }, {
      action: 'survey.eligibility_set',
      entityType: 'survey_wave',
      entityId: wave.id,
      region: waveRegion(wave),
      before: { eligibilityOverride: before },
      after: { eligibilityOverride: options.eligibility },
    });
  });
  const updated = await findWaveToSupervise(db, actor, wave.id);
  return computeWaveProgress(db, { wave: updated });
}
