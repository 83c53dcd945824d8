/**
 * Which answers of a wave may be referred as cases: the questionnaire's open problem question
 * (role 'problem', Q12 in the standard one) answered with some text, followed by the consent
 * question (the first single-choice question after it with an option 'yes', Q13 「是否同意由相关
 * 部门就这个问题与您联系」) answered 'yes'; not referred or dismissed before (survey_referral);
 * not an interview the supervisor's re-check found not confirmed. Survey-side only.
 */
import { sql, type Kysely } from 'kysely';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import type { DB } from '../../db/schema.ts';

export interface ReferralQuestions {
  problemCode: string;
  consentCode: string;
}

/**
 * The problem and consent questions of a definition, or null when it has no such pair.
 *
 * @example
 * referralQuestions(STANDARD_QUESTIONNAIRE); // { problemCode: 'Q12', consentCode: 'Q13' }
 */
export function referralQuestions(definition: TQuestionnaireDefinition): ReferralQuestions | null {
  const at = definition.questions.findIndex((q) => q.role === 'problem' && q.kind === 'open');
  if (at < 0) return null;
  const consent = definition.questions.slice(at + 1).find((q) => q.kind === 'single' && (q.options ?? []).some((o) => o.id === 'yes'));
  return consent ? { problemCode: definition.questions[at]!.code, consentCode: consent.code } : null;
}

export interface ReferralCandidate {
  interviewId: string;
  problem: string;
  phoneCipher: string;
  phoneMasked: string;
  townshipId: string;
  townshipCode: string;
  townshipName: string;
}

/**
 * The wave's answers that may be referred now (optionally only the given interviews), oldest
 * interview first. Runs on the caller's executor (a transaction locks nothing here; the
 * survey_referral primary key keeps an answer from being referred twice).
 *
 * @example
 * const rows = await referralCandidates(db, { countyCode: '370921', waveId: '2', questions: { problemCode: 'Q12', consentCode: 'Q13' } });
 */
export async function referralCandidates(
  db: Kysely<DB>,
  { countyCode, waveId, questions, interviewIds }: { countyCode: string; waveId: string; questions: ReferralQuestions; interviewIds?: string[] },
): Promise<ReferralCandidate[]> {
  if (interviewIds !== undefined && interviewIds.length === 0) return [];
  const rows = await db
    .selectFrom('interview as i')
    .innerJoin('sample_case as s', 's.id', 'i.case_id')
    .innerJoin('interview_answer as p', (j) => j.onRef('p.interview_id', '=', 'i.id').on('p.question_code', '=', questions.problemCode))
    .innerJoin('interview_answer as c', (j) => j.onRef('c.interview_id', '=', 'i.id').on('c.question_code', '=', questions.consentCode))
    .innerJoin('region as t', (j) => j.on((eb) => eb('t.id', '=', eb.fn.coalesce('i.township_id', 's.township_id'))))
    .leftJoin('survey_referral as r', 'r.interview_id', 'i.id')
    .select(['i.id', 'p.text', 's.phone_cipher', 's.phone_masked', 't.id as township_id', 't.code as township_code', 't.name as township_name'])
    .where('i.county_code', '=', countyCode)
    .where('s.county_code', '=', countyCode)
    .where('i.wave_id', '=', waveId)
    .where('c.option_id', '=', 'yes')
    .where(sql<boolean>`length(trim(coalesce(p.text, ''))) > 0`)
    .where('r.interview_id', 'is', null)
    .where((eb) => eb.or([eb('i.recheck_result', 'is', null), eb('i.recheck_result', '!=', 'not_confirmed')]))
    .$if(interviewIds !== undefined, (q) => q.where('i.id', 'in', interviewIds!))
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    interviewId: r.id,
    problem: r.text!.trim(),
    phoneCipher: r.phone_cipher,
    phoneMasked: r.phone_masked,
    townshipId: r.township_id,
    townshipCode: r.township_code,
    townshipName: r.township_name,
  }));
}
