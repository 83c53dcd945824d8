/**
 * The survey contract: questionnaire definitions (versioned, frozen once published). A
 * definition is data: wording, answer scales and their scores, screening and skip rules are
 * configuration, never code.
 */
import { z } from 'zod';

export const ZBilingual = z.strictObject({ 'zh-CN': z.string().min(1).max(2000), en: z.string().min(1).max(2000) });
export type TBilingual = z.infer<typeof ZBilingual>;

const ZCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, { message: 'a code: a letter, then letters, digits or _' });

export const ZAnswerOption = z.strictObject({
  id: ZCode,
  label: ZBilingual,
  /** Score of the answer (e.g. 100 / 60 / 0); null only for options excluded from the base. */
  score: z.number().min(-1000).max(1000).nullable().default(null),
  /** 不了解 / 说不清: does not count in the base of indexes and rates. */
  excludedFromBase: z.boolean().default(false),
  satisfied: z.boolean().default(false),
  dissatisfied: z.boolean().default(false),
  /** Choosing this option ends the interview as not eligible (screening questions). */
  screensOut: z.boolean().default(false),
  /** Choosing this option skips to the question with this code (later in the questionnaire). */
  skipTo: ZCode.optional(),
});
export type TAnswerOption = z.infer<typeof ZAnswerOption>;

export const QUESTION_ROLES = ['screening', 'township', 'overall', 'domain', 'awareness', 'visited', 'problem', 'other'] as const;

/** The eight domains the 2013 speech names, as satisfaction questions Q2–Q9. */
export const SURVEY_DOMAINS = ['hardship_relief', 'environment', 'medical', 'education', 'public_security', 'culture', 'employment', 'cadre_style'] as const;

export const ZQuestion = z.strictObject({
  code: ZCode,
  /** single: one option; township: the respondent's township (options filled from the wave's strata); open: free text. */
  kind: z.enum(['single', 'township', 'open']),
  role: z.enum(QUESTION_ROLES),
  domain: z.enum(SURVEY_DOMAINS).optional(),
  /** For awareness questions: the policy asked about. */
  policy: ZBilingual.optional(),
  text: ZBilingual,
  /** Read by the interviewer, not to the respondent. */
  note: ZBilingual.optional(),
  options: z.array(ZAnswerOption).max(20).default([]),
  required: z.boolean().default(true),
});
export type TQuestion = z.infer<typeof ZQuestion>;

export const ZQuestionnaireDefinition = z.strictObject({
  title: ZBilingual,
  /** The introduction the interviewer reads when the call is answered. */
  introduction: ZBilingual,
  closing: ZBilingual,
  questions: z.array(ZQuestion).min(1).max(200),
});
export type TQuestionnaireDefinition = z.infer<typeof ZQuestionnaireDefinition>;
