/**
 * The rules a definition must keep before it is saved or published, as a 422 the editor can
 * show next to each field.
 */
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { unprocessable } from '../../http/errors.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';

/**
 * @example
 * assertValidDefinition(STANDARD_QUESTIONNAIRE); // passes
 * assertValidDefinition({ ...STANDARD_QUESTIONNAIRE, questions: [] }); // 422 questionnaire_invalid
 */
export function assertValidDefinition(definition: TQuestionnaireDefinition): void {
  const problems = validateQuestionnaire(definition);
  if (problems.length) throw unprocessable('questionnaire_invalid', problems.map((p) => ({ path: `definition.${p.path}`, message: p.message })));
}

/** A short account of a definition for the audit log (the full text stays in the version row). */
export const definitionSummary = (definition: TQuestionnaireDefinition) => ({
  title: definition.title['zh-CN'],
  questions: definition.questions.map((q) => q.code),
});
