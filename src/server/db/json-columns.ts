/**
 * What each JSON column holds, as a zod schema, and the one way to read it. The drivers hand
 * back `unknown` for jsonb; a reader that casts (`as TCallingRange[]`) or parses its own way
 * (the phone quota was read two ways in two modules) drifts from the writer. `readJson` checks a
 * stored value against its column's schema and returns it typed; a value the schema refuses is
 * stored data gone wrong, so it fails loudly (a 500 naming the column) instead of being guessed at.
 * `src/server/db/schema.test.ts` fails when a jsonb column is missing here.
 */
import { z } from 'zod';
import { ZCallingHours, ZPhoneQuota } from '../../shared/schemas/survey.ts';
import { ZAssessmentResult, ZAssessmentScheme, ZGamingEvidence, ZRectificationEvidence } from '../../shared/assessment/index.ts';
import { ZAcknowledgement, ZCampaignDefinition, ZGoodsGiven, ZVisitRecord } from '../../shared/visits/index.ts';

/** A JSON object of named values (audit before/after, region event details). */
const ZJsonObject = z.record(z.string(), z.unknown());

export const JSON_COLUMNS = {
  'survey_wave.calling_hours': ZCallingHours,
  /** `{}` when the wave has no quota: null to readers. */
  'survey_wave.phone_quota': z.union([ZPhoneQuota, z.strictObject({}).transform(() => null)]),
  /**
   * An object that passed ZQuestionnaireDefinition when it was saved. A draft may predate today's
   * rules, and the editor must still open it (publishing checks it again and names what is
   * wrong), so only `loadDefinition`, which serves published versions to interviews, parses it
   * as a questionnaire.
   */
  'questionnaire_version.definition': ZJsonObject,
  'region_event.details': ZJsonObject,
  /** Whatever the action recorded (any JSON value). */
  'audit_log.before': z.json().nullable(),
  'audit_log.after': z.json().nullable(),
  'visit_campaign.definition': ZCampaignDefinition,
  /** A custom campaign's filter, as the campaigns module wrote it (null for the other kinds). */
  'visit_campaign.target_filter': ZJsonObject.nullable(),
  /** The record as parsed when it was first stored (its canonical JSON is hashed in body_sha256). */
  'visit.body': ZVisitRecord,
  'visit_resend_conflict.body': ZVisitRecord,
  'aid_delivery.goods': z.array(ZGoodsGiven),
  'aid_delivery.acknowledgement': ZAcknowledgement,
  /** A history step's own data (unit, deadlines, call-back answers, merge partner …), written by the cases modules. */
  'case_event.details': ZJsonObject,
  /** A 12345 batch's outcome per row (row number, case number or the problems that refused it). */
  'case_batch.report': z.array(ZJsonObject),
  'rectification_task.evidence': ZRectificationEvidence,
  /** A task step's own data (an edit's before and after, the files of a progress report), written by the rectification module. */
  'rectification_update.details': ZJsonObject,
  'assessment_scheme_version.scheme': ZAssessmentScheme,
  'assessment_result.result': ZAssessmentResult,
  'gaming_flag.evidence': ZGamingEvidence,
} satisfies Record<string, z.ZodType>;

export type JsonColumn = keyof typeof JSON_COLUMNS;

/**
 * The value stored in a JSON column, checked against the column's schema.
 *
 * @example
 * const quota = readJson('survey_wave.phone_quota', wave.phone_quota); // { mobile: 6, landline: 4 } or null
 */
export function readJson<C extends JsonColumn>(column: C, stored: unknown): z.output<(typeof JSON_COLUMNS)[C]> {
  // A value written as a JSON string literal (JSON.stringify twice) comes back as a string.
  const value = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  const parsed = JSON_COLUMNS[column].safeParse(value);
  if (!parsed.success) throw new Error(`${column} holds a value its schema refuses: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'} ${i.message}`).join('; ')}`);
  return parsed.data as z.output<(typeof JSON_COLUMNS)[C]>;
}
