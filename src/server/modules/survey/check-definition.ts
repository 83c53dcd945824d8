/**
 * The rules a definition must keep before it is saved or published, as a 422 the editor can
 * show next to each field.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { unprocessable } from '../../http/errors.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';

/**
 * The policy catalogue's active codes, which an awareness question's `policyCode` must name.
 *
 * @example
 * await loadActivePolicyCodes(db); // => Set { 'dibao', 'medical_insurance', … }
 */
export async function loadActivePolicyCodes(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom('policy').select('code').where('active', '=', true).execute();
  return new Set(rows.map((r) => r.code));
}

/**
 * @example
 * assertValidDefinition(STANDARD_QUESTIONNAIRE, await loadActivePolicyCodes(db)); // passes
 * assertValidDefinition({ ...STANDARD_QUESTIONNAIRE, questions: [] }, codes); // 422 questionnaire_invalid
 */
export function assertValidDefinition(definition: TQuestionnaireDefinition, activePolicyCodes: ReadonlySet<string>): void {
  const problems = validateQuestionnaire(definition, { activePolicyCodes });
  if (problems.length) throw unprocessable('questionnaire_invalid', problems.map((p) => ({ path: `definition.${p.path}`, message: p.message })));
}

/** A short account of a definition for the audit log (the full text stays in the version row). */
export const definitionSummary = (definition: TQuestionnaireDefinition) => ({
  title: definition.title['zh-CN'],
  questions: definition.questions.map((q) => q.code),
});
