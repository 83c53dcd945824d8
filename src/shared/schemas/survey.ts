/**
 * The survey contract: questionnaire definitions (versioned, frozen once published). A
 * definition is data: wording, answer scales and their scores, screening and skip rules are
 * configuration, never code.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZRegionCode } from './common.ts';

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
  /**
   * For awareness questions: the catalogue's code of that policy (table `policy`), checked to
   * name an active policy when a version is saved or published. Versions published without it
   * are linked per county by the policy-publicity module.
   */
  policyCode: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a code: lower-case letters, digits and _').optional(),
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

/* ---- questionnaires, waves, frames and samples: the survey design API (/api/survey/…) ---- */

/*
 * Routes (modules/survey/routes.ts). Reads: questionnaires by SURVEY_PROGRESS_ROLES and
 * SURVEY_CALL_ROLES; the wave list also by township admins; the rest by SURVEY_PROGRESS_ROLES.
 * Writes: SURVEY_MANAGE_ROLES.
 *   GET    /api/survey/questionnaires                          → ZQuestionnaireList
 *   POST   /api/survey/questionnaires          ZCreateQuestionnaireRequest → 201 ZQuestionnaireVersion (draft v1)
 *   POST   /api/survey/questionnaires/standard                 → ZQuestionnaire (the county's standard one, v1 published; created if missing)
 *   GET    /api/survey/questionnaire-versions/:id              → ZQuestionnaireVersion
 *   PUT    /api/survey/questionnaire-versions/:id ZSaveQuestionnaireDraftRequest → ZQuestionnaireVersion (422 with issues; 409 questionnaire_published)
 *   POST   /api/survey/questionnaire-versions/:id/publish      → ZQuestionnaireVersion
 *   POST   /api/survey/questionnaire-versions/:id/new-version  → 201 ZQuestionnaireVersion (next draft, a copy)
 *   GET    /api/survey/waves?status=                           → ZWaveList
 *   POST   /api/survey/waves                   ZCreateWaveRequest → 201 ZWave
 *   GET    /api/survey/waves/:id                               → ZWave
 *   PATCH  /api/survey/waves/:id               ZUpdateWaveRequest → ZWave
 *   POST   /api/survey/waves/:id/frame/registry                → ZWave
 *   POST   /api/survey/waves/:id/frame/upload?fileName=…  (file as body) → ZWave (422 with per-row issues)
 *   POST   /api/survey/waves/:id/sample        ZDrawSampleRequest → ZWave
 *   DELETE /api/survey/waves/:id/sample                        → ZWave (discard the draft's sample)
 *   POST   /api/survey/waves/:id/open                          → ZWave (fieldwork; replicate 1 released)
 *   POST   /api/survey/waves/:id/release-next                  → ZWave
 *   POST   /api/survey/waves/:id/close                         → ZWave
 */

export const ZSurveyIdParams = z.strictObject({ id: ZId });

export const ZQuestionnaireStatus = z.enum(['draft', 'published']);

/** One version in a questionnaire's list (without its definition). */
export const ZQuestionnaireVersionSummary = z.object({
  id: ZId,
  version: z.number().int(),
  status: ZQuestionnaireStatus,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Waves that use this version (a version in use is never deleted). */
  waveCount: z.number().int(),
});

export const ZQuestionnaire = z.object({
  id: ZId,
  countyCode: ZRegionCode,
  name: z.string(),
  nameEn: z.string(),
  /** The county's copy of the built-in standard questionnaire. */
  standard: z.boolean(),
  createdAt: z.string(),
  /** Newest first. */
  versions: z.array(ZQuestionnaireVersionSummary),
});
export type TQuestionnaire = z.infer<typeof ZQuestionnaire>;

export const ZQuestionnaireList = z.object({ items: z.array(ZQuestionnaire) });

/** A version with its definition: what the editor edits and the interviewer's script reads. */
export const ZQuestionnaireVersion = z.object({
  id: ZId,
  questionnaireId: ZId,
  questionnaireName: z.string(),
  questionnaireNameEn: z.string(),
  countyCode: ZRegionCode,
  version: z.number().int(),
  status: ZQuestionnaireStatus,
  definition: ZQuestionnaireDefinition,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TQuestionnaireVersion = z.infer<typeof ZQuestionnaireVersion>;

/**
 * A new questionnaire with a draft version 1: a copy of the built-in standard questionnaire
 * (`standard: true`) or of any version of the county (`copyFromVersionId`). Exactly one.
 */
export const ZCreateQuestionnaireRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().max(200).default(''),
    standard: z.boolean().default(false),
    copyFromVersionId: ZId.optional(),
  })
  .refine((r) => r.standard !== (r.copyFromVersionId !== undefined), {
    message: 'either standard: true or copyFromVersionId, not both',
    path: ['copyFromVersionId'],
  });

/** Saves a draft version's definition (and optionally renames the questionnaire). */
export const ZSaveQuestionnaireDraftRequest = z.strictObject({
  definition: ZQuestionnaireDefinition,
  name: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().max(200).optional(),
});

/* Waves */

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a time: HH:MM, 00:00–23:59' });
const ZClockEnd = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'a time: HH:MM, 00:00–24:00' });

/** A calling-hours range in Asia/Shanghai local time, from inclusive to exclusive ('24:00' = midnight). */
export const ZCallingRange = z.strictObject({ from: ZClock, to: ZClockEnd });
export type TCallingRange = z.infer<typeof ZCallingRange>;

/** Minutes after local midnight of 'HH:MM' ('24:00' = 1440). */
export const clockMinutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** 1–6 ranges, each from < to, none overlapping (touching is fine); e.g. 09:00–11:30 and 14:00–20:30. */
export const ZCallingHours = z
  .array(ZCallingRange)
  .min(1)
  .max(6)
  .superRefine((ranges, ctx) => {
    ranges.forEach((r, i) => {
      if (clockMinutes(r.from) >= clockMinutes(r.to)) ctx.addIssue({ code: 'custom', path: [i, 'to'], message: 'the end must be after the start' });
    });
    const sorted = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from));
    for (let k = 1; k < sorted.length; k++) {
      const previous = sorted[k - 1]!;
      const current = sorted[k]!;
      if (clockMinutes(current.from) < clockMinutes(previous.to)) {
        ctx.addIssue({ code: 'custom', path: [current.i, 'from'], message: 'calling hours overlap' });
      }
    }
  });
export type TCallingHours = z.infer<typeof ZCallingHours>;

/** Shares of numbers by phone kind, e.g. { mobile: 6, landline: 4 }; null = no quota. */
export const ZPhoneQuota = z
  .strictObject({ mobile: z.number().int().min(0).max(100), landline: z.number().int().min(0).max(100) })
  .refine((q) => q.mobile + q.landline > 0, { message: 'at least one share must be above 0' });
export type TPhoneQuota = z.infer<typeof ZPhoneQuota>;

export const ZAllocation = z.enum(['proportional', 'equal', 'neyman']);
export const ZWaveStatus = z.enum(['draft', 'fieldwork', 'closed']);

const waveSettings = {
  name: z.string().trim().min(1).max(100),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  callingHours: ZCallingHours,
  maxAttempts: z.number().int().min(1).max(30),
  phoneQuota: ZPhoneQuota.nullable(),
  allocation: ZAllocation,
  minPerTownship: z.number().int().min(0).max(10_000),
  /** Completed interviews wanted in the whole county. */
  targetCompletes: z.number().int().min(1).max(100_000),
  /** Numbers drawn per expected complete (e.g. 2.5), two decimals at most. */
  numbersPerComplete: z.number().min(1).max(50).multipleOf(0.01),
  replicateCount: z.number().int().min(1).max(50),
};

const periodInOrder = (w: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  w.startsOn === undefined || w.endsOn === undefined || w.startsOn <= w.endsOn;
const periodIssue = { message: 'the end date is before the start date', path: ['endsOn'] };

/** A draft wave on a PUBLISHED questionnaire version; strata are every open township of the county. */
export const ZCreateWaveRequest = z
  .strictObject({
    questionnaireVersionId: ZId,
    ...waveSettings,
    phoneQuota: waveSettings.phoneQuota.default(null),
    allocation: waveSettings.allocation.default('proportional'),
    minPerTownship: waveSettings.minPerTownship.default(0),
    numbersPerComplete: waveSettings.numbersPerComplete.default(2.5),
    replicateCount: waveSettings.replicateCount.default(5),
  })
  .refine(periodInOrder, periodIssue);

/** A stratum's editable figures (draft waves without a sample). */
export const ZStratumUpdate = z.strictObject({
  townshipCode: ZRegionCode,
  /** Residents aged 18+ (defaults to the registry's count). */
  population: z.number().int().min(0).max(100_000_000).optional(),
  /** Assumed SD of the satisfaction index (0–100 scale), for Neyman allocation; null = equal. */
  assumedSd: z.number().min(0).max(1000).nullable().optional(),
});

/**
 * Changes to a wave. A draft: settings the draw depends on (questionnaire aside: allocation,
 * minPerTownship, targetCompletes, numbersPerComplete, replicateCount, phoneQuota, strata)
 * can only change while the wave has no sample (discard it first). A wave in fieldwork: only
 * endsOn (not before today), callingHours and maxAttempts (not below the attempts made);
 * anything else is 409 wave_running_frozen.
 */
export const ZUpdateWaveRequest = z
  .strictObject({
    questionnaireVersionId: ZId.optional(),
    name: waveSettings.name.optional(),
    startsOn: waveSettings.startsOn.optional(),
    endsOn: waveSettings.endsOn.optional(),
    callingHours: waveSettings.callingHours.optional(),
    maxAttempts: waveSettings.maxAttempts.optional(),
    phoneQuota: waveSettings.phoneQuota.optional(),
    allocation: waveSettings.allocation.optional(),
    minPerTownship: waveSettings.minPerTownship.optional(),
    targetCompletes: waveSettings.targetCompletes.optional(),
    numbersPerComplete: waveSettings.numbersPerComplete.optional(),
    replicateCount: waveSettings.replicateCount.optional(),
    strata: z.array(ZStratumUpdate).min(1).max(200).optional(),
  })
  .refine(periodInOrder, periodIssue);

export const ZWaveStratum = z.object({
  /** nameEn: the region's English name, null when it has none. */
  township: z.object({ id: ZId, code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() }),
  population: z.number().int(),
  assumedSd: z.number().nullable(),
  targetCompletes: z.number().int(),
  frameSize: z.number().int(),
  /** Numbers in the frame by kind (for the phone quota). */
  frameMobile: z.number().int(),
  frameLandline: z.number().int(),
  sampleSize: z.number().int(),
  /** Numbers drawn into the sample by kind (sampleMobile + sampleLandline = the cases drawn). */
  sampleMobile: z.number().int(),
  sampleLandline: z.number().int(),
  released: z.number().int(),
});
export type TWaveStratum = z.infer<typeof ZWaveStratum>;

export const ZWaveReplicate = z.object({
  replicate: z.number().int(),
  size: z.number().int(),
  releasedAt: z.string().nullable(),
});

export const ZWaveCounts = z.object({
  frame: z.number().int(),
  sample: z.number().int(),
  released: z.number().int(),
});

export const ZWaveSummary = z.object({
  id: ZId,
  countyCode: ZRegionCode,
  name: z.string(),
  status: ZWaveStatus,
  questionnaireVersion: z.object({ id: ZId, questionnaireId: ZId, name: z.string(), nameEn: z.string(), version: z.number().int() }),
  startsOn: z.string(),
  endsOn: z.string(),
  targetCompletes: z.number().int(),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  counts: ZWaveCounts,
});
export type TWaveSummary = z.infer<typeof ZWaveSummary>;

export const ZWaveList = z.object({ items: z.array(ZWaveSummary) });
export const ZWaveListQuery = z.strictObject({ status: ZWaveStatus.optional() });

export const ZWave = ZWaveSummary.extend({
  callingHours: z.array(ZCallingRange),
  maxAttempts: z.number().int(),
  phoneQuota: z.object({ mobile: z.number().int(), landline: z.number().int() }).nullable(),
  allocation: ZAllocation,
  minPerTownship: z.number().int(),
  numbersPerComplete: z.number(),
  replicateCount: z.number().int(),
  /** Where the frame came from; null = no frame yet. */
  frameSource: z.enum(['registry', 'upload']).nullable(),
  /** The draw's seed (hex): drawing again with it on the same frame gives the same sample. */
  sampleSeed: z.string().nullable(),
  sampledAt: z.string().nullable(),
  eligibilityOverride: z.number().nullable(),
  strata: z.array(ZWaveStratum),
  replicates: z.array(ZWaveReplicate),
});
export type TWave = z.infer<typeof ZWave>;

/** Upload a frame file (CSV UTF-8/GBK or XLSX) as the request body; columns 电话/phone and 乡镇/township (code or name). */
export const ZFrameUploadQuery = z.strictObject({ fileName: z.string().trim().min(1).max(255) });

export const ZDrawSampleRequest = z.strictObject({
  /** Reproduce an earlier draw: its seed (hex). A fresh random seed when absent. */
  seed: z.string().regex(/^[0-9a-f]{16,64}$/, { message: 'a seed: 16–64 lower-case hex digits' }).optional(),
});
