/** Questionnaire definitions for fieldwork tests. */
import type { TQuestionnaireDefinition } from '../../../../shared/schemas/survey.ts';

/**
 * The standard questionnaire with one skip: "not heard of" the first policy (Q10a) skips the
 * other policy questions (Q10b–Q10d) and goes on at Q11.
 */
export function withSkip(definition: TQuestionnaireDefinition): TQuestionnaireDefinition {
  return {
    ...definition,
    questions: definition.questions.map((q) =>
      q.code === 'Q10a' ? { ...q, options: q.options.map((o) => (o.id === 'not_heard' ? { ...o, skipTo: 'Q11' } : o)) } : q,
    ),
  };
}
