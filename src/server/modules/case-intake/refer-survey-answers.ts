import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { recordAudit } from '../audit/index.ts';
import { registerCase, type CaseWriteContext } from '../cases/index.ts';
import { loadDefinition } from '../survey/index.ts';
import { referralCandidates, referralQuestions } from './survey-referral-candidates.ts';

export interface ReferSurveyAnswersOptions {
  waveId: string;
  /** The category of every referred answer that names none. */
  defaultCategoryCode: string;
  decisions: { interviewId: string; action: 'refer' | 'dismiss'; categoryCode?: string | undefined }[];
  now?: Date;
  /** The order cases are numbered in (default: random); tests pass a fixed one. */
  shuffle?: <T>(items: T[]) => T[];
}

const TITLE_LENGTH = 30;

/** Fisher–Yates with crypto-grade randomness is not needed: the order only must not follow the interviews'. */
function randomOrder<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Refers a closed wave's consenting open answers as cases (民意调查转办), in one transaction: each
 * 'refer' becomes a case through registerCase (channel 'survey', the answer's text, the
 * respondent's number decrypted from the sample and encrypted again by the intake, their
 * township, the chosen category) and each 'dismiss' is set aside; both are remembered in
 * survey_referral so an answer is never offered again.
 *
 * Nothing lets a township trace the interview: the case holds no interview, sample case or
 * interviewer, its registration time is this batch's (not the interview's), the cases are
 * numbered in random order (ids and case numbers do not follow the interviews), and
 * survey_referral keeps no case id. An answer that may not be referred (no consent, empty,
 * already done, another wave) refuses the whole request: 422 survey_referral_not_eligible.
 *
 * @example
 * await referSurveyAnswers({ db, actor, source, cipher }, { waveId: '2', defaultCategoryCode: 'env-road-light', decisions: [{ interviewId: '311', action: 'refer' }] });
 * // { referred: 1, dismissed: 0 }
 */
export async function referSurveyAnswers(ctx: CaseWriteContext<Actor>, options: ReferSurveyAnswersOptions): Promise<{ referred: number; dismissed: number }> {
  const { db, actor } = ctx;
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const { wave, county } = await findWaveInScope(trx, actor, options.waveId);
    if (wave.status !== 'closed') throw new AppError(409, 'survey_referral_wave_not_closed');
    const questions = referralQuestions(await loadDefinition({ db: trx }, { versionId: wave.questionnaire_version_id }));
    if (!questions) throw new AppError(422, 'survey_referral_unsupported');
    const ids = [...new Set(options.decisions.map((d) => d.interviewId))];
    if (ids.length !== options.decisions.length) throw new AppError(422, 'survey_referral_not_eligible');
    const candidates = new Map((await referralCandidates(trx, { countyCode: wave.county_code, waveId: wave.id, questions, interviewIds: ids })).map((c) => [c.interviewId, c]));
    const missing = ids.filter((id) => !candidates.has(id));
    if (missing.length) throw new AppError(422, 'survey_referral_not_eligible', { issues: missing.map((id) => ({ path: 'decisions', message: id })) });

    // Remembered first: a second request racing this one fails on the primary key, never refers twice.
    await trx
      .insertInto('survey_referral')
      .values(options.decisions.map((d) => ({ interview_id: d.interviewId, county_code: wave.county_code, wave_id: wave.id, outcome: d.action === 'refer' ? ('referred' as const) : ('dismissed' as const), referred_by: actor.id, referred_at: now })))
      .execute();
    const refer = (options.shuffle ?? randomOrder)(options.decisions.filter((d) => d.action === 'refer'));
    for (const d of refer) {
      const c = candidates.get(d.interviewId)!;
      await registerCase(
        { ...ctx, db: trx },
        {
          channel: 'survey',
          now,
          intake: {
            categoryCode: d.categoryCode ?? options.defaultCategoryCode,
            regionCode: c.townshipCode,
            title: c.problem.length > TITLE_LENGTH ? `${c.problem.slice(0, TITLE_LENGTH)}…` : c.problem,
            description: c.problem,
            contactPhone: ctx.cipher.decrypt(c.phoneCipher),
            consentContact: true,
          },
        },
      );
    }
    const referred = refer.length;
    const dismissed = options.decisions.length - referred;
    // Counts only: the entry names the wave, never an interview or a case.
    await recordAudit({ db: trx, source: ctx.source }, { action: 'survey.referral', entityType: 'survey_wave', entityId: wave.id, region: county, after: { referred, dismissed } });
    return { referred, dismissed };
  });
}
