import type { TSurveyReferralList } from '../../../shared/cases/case-channel-schemas.ts';
import { findWaveInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadDefinition } from '../survey/index.ts';
import { referralCandidates, referralQuestions } from './survey-referral-candidates.ts';

/**
 * For the survey supervisor: a closed wave's consenting open answers (Q12 given, Q13 yes) not yet
 * referred or dismissed, with the respondent's township and masked number, and how many were
 * referred or dismissed before. An open wave lists nothing yet (answers are referred once the
 * wave is closed, so that no township learns of a case while its residents are still called).
 *
 * @example
 * const { items } = await listSurveyReferrals({ db, actor }, { waveId: '2' });
 * items[0]; // { interviewId: '311', townshipCode: '370921104', townshipName: '堽城镇', problem: '村里路灯坏了', phoneMasked: '139****5678' }
 */
export async function listSurveyReferrals({ db, actor }: ReadContext, { waveId }: { waveId: string }): Promise<TSurveyReferralList> {
  const { wave } = await findWaveInScope(db, actor, waveId);
  const questions = referralQuestions(await loadDefinition({ db }, { versionId: wave.questionnaire_version_id }));
  const done = await db
    .selectFrom('survey_referral')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where('county_code', '=', wave.county_code)
    .where('wave_id', '=', wave.id)
    .groupBy('outcome')
    .execute();
  const count = (o: string) => Number(done.find((d) => d.outcome === o)?.n ?? 0);
  const items =
    questions && wave.status === 'closed'
      ? (await referralCandidates(db, { countyCode: wave.county_code, waveId: wave.id, questions })).map((c) => ({
          interviewId: c.interviewId,
          townshipCode: c.townshipCode,
          townshipName: c.townshipName,
          problem: c.problem,
          phoneMasked: c.phoneMasked,
        }))
      : [];
  return { supported: questions !== null, waveStatus: wave.status, items, referred: count('referred'), dismissed: count('dismissed') };
}
