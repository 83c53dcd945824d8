import { conflict, notFound } from '../../http/errors.ts';
import type { TRecheckItem } from '../../../shared/schemas/survey-results.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findWaveToSupervise, waveRegion } from './find-report-wave.ts';
import { recheckItem, recheckQuery } from './list-rechecks.ts';

/**
 * Records what the re-check call found: the respondent confirmed the interview took place
 * (`confirmed`), denied it (`not_confirmed`, a sign of a fabricated interview) or could not be
 * reached. A later call may correct it; every recording is audited with the one before.
 *
 * @example
 * await recordRecheck({ db, actor, source }, { interviewId: '77', result: 'confirmed', note: '受访者确认接到过电话' });
 */
export async function recordRecheck(
  { db, actor, source }: WriteContext,
  options: { interviewId: string; result: 'confirmed' | 'not_confirmed' | 'unreachable'; note: string },
): Promise<TRecheckItem> {
  const interview = await db.selectFrom('interview').select(['id', 'wave_id', 'recheck', 'recheck_result', 'recheck_note']).where('id', '=', options.interviewId).executeTakeFirst();
  if (!interview) throw notFound();
  const wave = await findWaveToSupervise(db, actor, interview.wave_id);
  if (!interview.recheck) throw conflict('recheck_not_drawn');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('interview')
      .set({ recheck_result: options.result, recheck_note: options.note, rechecked_by: actor.id, rechecked_at: new Date() })
      .where('id', '=', interview.id)
      .execute();
    await recordAudit({ db: trx, source }, {
      action: 'survey.recheck_recorded',
      entityType: 'interview',
      entityId: interview.id,
      region: waveRegion(wave),
      before: { result: interview.recheck_result, note: interview.recheck_note },
      after: { result: options.result, note: options.note },
    });
  });
  const row = await recheckQuery(db).where('i.id', '=', interview.id).executeTakeFirstOrThrow();
  return recheckItem(row);
}
