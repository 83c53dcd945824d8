/**
 * The fieldwork contract: the interviewer workstation (next case, the case view, dial, answers,
 * dispositions) and the supervisor's appointment desk. Phones are masked everywhere here; the
 * full number leaves the server only in the answer to the dial action (ZDialResponse).
 *
 * Routes (all under /api/fieldwork):
 *   GET  /waves                          → ZFieldworkWaveList            (SURVEY_CALL_ROLES)
 *   GET  /dispositions                   → ZDispositionList              (SURVEY_CALL_ROLES + SURVEY_MANAGE_ROLES)
 *   POST /next-case        ZNextCaseRequest → ZNextCaseResponse          (SURVEY_CALL_ROLES)
 *   GET  /cases/:id                      → ZFieldworkCase                (SURVEY_CALL_ROLES; the holder only)
 *   POST /cases/:id/dial                 → ZDialResponse                 (SURVEY_CALL_ROLES; the holder only)
 *   PUT  /cases/:id/interview  ZSaveInterviewRequest → ZInterviewState   (SURVEY_CALL_ROLES; the holder only)
 *   POST /cases/:id/disposition ZRecordDispositionRequest → ZDispositionResult (SURVEY_CALL_ROLES; the holder only)
 *   POST /cases/:id/return               → ZReturnedCase                 (SURVEY_CALL_ROLES; the holder, before dialling)
 *   GET  /waves/:id/appointments ZAppointmentListQuery → ZAppointmentList (SURVEY_MANAGE_ROLES)
 *   POST /cases/:id/reassign ZReassignAppointmentRequest → ZAppointment  (SURVEY_MANAGE_ROLES)
 *   POST /cases/:id/release              → ZReleasedCase                 (SURVEY_MANAGE_ROLES)
 *
 * Problems the workstation should handle: 409 `case_not_yours` (the lease ran out or a
 * supervisor released the case: go back to "next case"), 409 `interview_stale` (another tab or a
 * reconnect saved first: GET the case again, nothing was lost), 409 `outside_calling_hours`
 * (its `nextWindow` member gives the window as instants; the issue message names it in words),
 * 409 `wave_not_started` / `wave_ended` (outside the wave's period: its `period` member gives the
 * dates), 409 `case_dialed` (a return after dialling: record an outcome), 409 `wave_closed`,
 * 422 `answer_invalid` / `interview_incomplete` (issues name the question codes).
 *
 * The re-check call of quality control goes through the same telephony adapter:
 *   POST /api/survey/interviews/:id/recheck/dial → ZDialResponse         (SURVEY_MANAGE_ROLES; audited)
 */
import { z } from 'zod';
import { ZId, ZInstant, ZRegionCode } from './common.ts';
import { ZCallingRange, ZQuestionnaireDefinition } from './survey.ts';

const ZQuestionCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, { message: 'a code: a letter, then letters, digits or _' });

/** The browser's key of one submission (a UUID): the same key twice is recorded once. */
export const ZSubmissionId = z.uuid();

export const ZPhoneKind = z.enum(['mobile', 'landline']);

export const ZFieldworkCaseParams = z.strictObject({ id: ZId });
export const ZFieldworkWaveParams = z.strictObject({ id: ZId });

/** A township as the workstation shows it: its English name (region.name_en) when it has one. */
export const ZTownshipRef = z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() });
export type TTownshipRef = z.infer<typeof ZTownshipRef>;

/** Why a case came: a due appointment, a callback whose delay passed, or a fresh number. */
export const ZCaseQueue = z.enum(['appointment', 'callback', 'fresh']);


/* ---- waves open for calling ---- */

export const ZFieldworkWave = z.object({
  id: ZId,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Local (Asia/Shanghai) ranges, e.g. 09:00–11:30 and 14:00–20:30. */
  callingHours: z.array(ZCallingRange),
  /** Where today (Asia/Shanghai) is against startsOn..endsOn: cases are handed out only while 'open'. */
  period: z.enum(['not_started', 'open', 'ended']),
  /** Whether now is inside the wave's calling hours and its period. */
  callingNow: z.boolean(),
  /** The next calling window that opens (or the current one), as instants; null if none is configured. */
  nextWindow: z.object({ from: z.string(), to: z.string() }).nullable(),
  maxAttempts: z.number().int(),
});
export type TFieldworkWave = z.infer<typeof ZFieldworkWave>;
export const ZFieldworkWaveList = z.object({ items: z.array(ZFieldworkWave) });

/* ---- dispositions (AAPOR), for the outcome picker ---- */

export const ZDispositionInfo = z.object({
  /** '1.1', '4.31', 'T3.13' (T = temporary: the number is tried again). */
  code: z.string(),
  group: z.enum(['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE']),
  final: z.boolean(),
  /** For a temporary code: the final code it becomes when the attempts run out. */
  finalCode: z.string().nullable(),
  /** Temporary codes: 'scheduled' needs appointmentAt; 'after' retries after the default delay (or callbackAt). */
  retry: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('after'), minMinutes: z.number(), maxMinutes: z.number() }),
    z.object({ kind: z.literal('scheduled') }),
  ]).nullable(),
  /** The outcome says a call was made: it may be recorded only once the attempt was dialled. */
  needsDial: z.boolean(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type TDispositionInfo = z.infer<typeof ZDispositionInfo>;
export const ZDispositionList = z.object({ items: z.array(ZDispositionInfo) });

/* ---- the case view ---- */

export const ZAnswer = z.object({
  questionCode: z.string(),
  optionId: z.string().nullable(),
  text: z.string().nullable(),
});
export type TAnswer = z.infer<typeof ZAnswer>;

export const ZInterviewState = z.object({
  id: ZId,
  status: z.enum(['in_progress', 'complete', 'partial', 'screened_out', 'broken_off']),
  /** The question to resume at; null before the first question or after the last. */
  currentQuestion: z.string().nullable(),
  /** Send it back as baseRevision with the next save. */
  revision: z.number().int(),
  answers: z.array(ZAnswer),
  /** Codes of the questions the skip logic skipped given the answers so far (not to be asked). */
  skipped: z.array(z.string()),
  /** Required questions on the skip path still unanswered ('1.1' needs none left). */
  missing: z.array(z.string()),
  durationSeconds: z.number().int(),
});
export type TInterviewState = z.infer<typeof ZInterviewState>;

export const ZPreviousAttempt = z.object({
  attemptNo: z.number().int(),
  interviewer: z.string(),
  assignedAt: z.string(),
  dialedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  disposition: z.object({ code: z.string(), label: z.object({ 'zh-CN': z.string(), en: z.string() }) }).nullable(),
  note: z.string(),
});

export const ZFieldworkCase = z.object({
  id: ZId,
  wave: z.object({ id: ZId, name: z.string(), maxAttempts: z.number().int() }),
  phoneMasked: z.string(),
  phoneKind: ZPhoneKind,
  township: ZTownshipRef,
  /** The attempt in progress (1-based) of maxAttempts. */
  attemptNo: z.number().int(),
  maxAttempts: z.number().int(),
  /** Until when the case is held for the caller; a later write gets 409 case_not_yours. */
  leaseExpiresAt: z.string(),
  dialedAt: z.string().nullable(),
  /**
   * Why the case came: a due appointment, a callback whose delay passed, or a fresh number; the
   * same after a reload (it is read from the case, which keeps its place in the queue while held).
   */
  reason: ZCaseQueue,
  appointment: z.object({ at: z.string(), withInterviewer: z.string().nullable() }).nullable(),
  lastDisposition: z.string().nullable(),
  previousAttempts: z.array(ZPreviousAttempt),
  questionnaire: z.object({
    versionId: ZId,
    /** The frozen definition, as published (its township question has no fixed options). */
    definition: ZQuestionnaireDefinition,
    /**
     * The options of the township question (kind 'township'): the wave's strata townships, in
     * code order. The answer's optionId is the township's division code.
     */
    townships: z.array(ZTownshipRef),
  }),
  interview: ZInterviewState.nullable(),
});
export type TFieldworkCase = z.infer<typeof ZFieldworkCase>;

/* ---- next case ---- */

export const ZNextCaseRequest = z.strictObject({ waveId: ZId.optional() });

export const ZNextCaseResponse = z.object({
  case: ZFieldworkCase.nullable(),
  /** When case is null: why, and when something becomes callable (the earliest callback or appointment). */
  empty: z
    .object({
      reason: z.enum(['no_wave', 'nothing_due', 'exhausted', 'quota_filled']),
      nextCallAt: z.string().nullable(),
      message: z.object({ 'zh-CN': z.string(), en: z.string() }),
    })
    .nullable(),
});
export type TNextCaseResponse = z.infer<typeof ZNextCaseResponse>;

/* ---- dial ---- */

/** The telephony adapter's answer: a tel: link now; a SIP adapter would answer { kind:'sip', callId }. */
export const ZDialResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tel'), uri: z.string(), dialedAt: z.string() }),
  z.object({ kind: z.literal('sip'), callId: z.string(), dialedAt: z.string() }),
]);
export type TDialResponse = z.infer<typeof ZDialResponse>;

/* ---- answers ---- */

export const ZAnswerInput = z.union([
  z.strictObject({ questionCode: ZQuestionCode, optionId: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, { message: 'an option id (a township question: its division code)' }) }),
  z.strictObject({ questionCode: ZQuestionCode, text: z.string().trim().min(1).max(2000) }),
  /** Takes the earlier answer back (an open answer emptied, a choice withdrawn); a required one then shows as missing. */
  z.strictObject({ questionCode: ZQuestionCode, clear: z.literal(true) }),
]);
export type TAnswerInput = z.infer<typeof ZAnswerInput>;

export const ZSaveInterviewRequest = z.strictObject({
  submissionId: ZSubmissionId,
  /** The revision the browser last saw (0 before the first save). */
  baseRevision: z.number().int().min(0).max(1_000_000),
  /** Answers given, changed or cleared since the last save (an answer replaces the earlier one to the same question). */
  answers: z.array(ZAnswerInput).max(200),
  /** Where the interviewer is now; null at the end. */
  currentQuestion: ZQuestionCode.nullable(),
});
export type TSaveInterviewRequest = z.infer<typeof ZSaveInterviewRequest>;

/* ---- disposition ---- */

export const ZRecordDispositionRequest = z.strictObject({
  submissionId: ZSubmissionId,
  code: z.string().regex(/^T?[1-4]\.\d{1,3}$/, { message: 'an AAPOR disposition code' }),
  note: z.string().trim().max(1000).optional(),
  /** Required by scheduled codes (T2.21, T2.12): the appointment agreed with the respondent. */
  appointmentAt: ZInstant.optional(),
  /** Optional for other temporary codes: call back then instead of after the default delay. */
  callbackAt: ZInstant.optional(),
});
export type TRecordDispositionRequest = z.infer<typeof ZRecordDispositionRequest>;

export const ZDispositionResult = z.object({
  caseId: ZId,
  /** The code recorded for this attempt. */
  code: z.string(),
  /** The case's final disposition after this attempt, null while it will be called again. */
  finalDisposition: z.string().nullable(),
  attempts: z.number().int(),
  nextCallAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  interviewStatus: ZInterviewState.shape.status.nullable(),
});
export type TDispositionResult = z.infer<typeof ZDispositionResult>;

/* ---- supervisor: appointments, reassignment, stuck leases ---- */

export const ZAppointmentListQuery = z.strictObject({
  /** Include appointments already past (default true: due ones matter most). */
  includePast: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const ZInterviewerRef = z.object({ id: ZId, username: z.string(), displayName: z.string() });

export const ZAppointment = z.object({
  caseId: ZId,
  at: z.string(),
  /** null = whoever asks first. */
  interviewer: ZInterviewerRef.nullable(),
  township: ZTownshipRef,
  phoneMasked: z.string(),
  attempts: z.number().int(),
  lastDisposition: z.string().nullable(),
  /** Someone holds the case right now (until leaseExpiresAt). */
  heldBy: ZInterviewerRef.nullable(),
  leaseExpiresAt: z.string().nullable(),
});
export type TAppointment = z.infer<typeof ZAppointment>;

export const ZAppointmentList = z.object({
  items: z.array(ZAppointment),
  /** Interviewers of the wave's county an appointment can be given to. */
  interviewers: z.array(ZInterviewerRef),
});
export type TAppointmentList = z.infer<typeof ZAppointmentList>;

export const ZReassignAppointmentRequest = z.strictObject({
  /** The interviewer to keep the appointment; null = anyone. */
  interviewerId: ZId.nullable(),
  note: z.string().trim().max(500).optional(),
});

export const ZReleasedCase = z.object({ caseId: ZId, released: z.boolean() });

/** A case its holder handed back undialled: it waits again in the queue it came from. */
export const ZReturnedCase = z.object({ caseId: ZId, queue: ZCaseQueue });
export type TReturnedCase = z.infer<typeof ZReturnedCase>;
