/**
 * Rules a questionnaire definition must keep beyond its shape, checked before a version is saved
 * or published: unique codes, skips that go forward to existing questions, scored scales
 * consistent for the statistics, one township question, screening options only on screening
 * questions. Messages are English; each has its Chinese in shared/issue-messages.ts (a test
 * there walks every rule broken).
 */
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { validateScale } from '../../stats/index.ts';

export interface DefinitionProblem {
  path: string;
  message: string;
}

export interface ValidateQuestionnaireOptions {
  /**
   * The catalogue's active policy codes (table `policy`): an awareness question's `policyCode`
   * must be one of them. Left out by the pure checks that have no database (the codes' shape is
   * still checked by the schema).
   */
  activePolicyCodes?: ReadonlySet<string>;
}

/**
 * @example
 * validateQuestionnaire(STANDARD_QUESTIONNAIRE); // []
 * validateQuestionnaire(STANDARD_QUESTIONNAIRE, { activePolicyCodes: new Set(['dibao']) }); // Q10a, Q10b, Q10d: no active policy …
 */
export function validateQuestionnaire(definition: TQuestionnaireDefinition, options: ValidateQuestionnaireOptions = {}): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const index = new Map<string, number>();
  definition.questions.forEach((q, i) => {
    if (index.has(q.code)) problems.push({ path: `questions.${i}.code`, message: `duplicate question code ${q.code}` });
    index.set(q.code, i);
  });
  const townshipQuestions = definition.questions.filter((q) => q.kind === 'township');
  if (townshipQuestions.length !== 1) problems.push({ path: 'questions', message: 'exactly one township question (S3) is needed' });

  definition.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (q.kind === 'single' && q.options.length < 2) problems.push({ path: `${at}.options`, message: 'a single-choice question needs at least two options' });
    if (q.kind !== 'single' && q.options.length > 0) problems.push({ path: `${at}.options`, message: q.kind === 'open' ? 'an open question has no fixed options' : 'a township question has no fixed options' });
    if ((q.role === 'overall' || q.role === 'domain') && q.kind === 'single') {
      try {
        validateScale({ options: q.options });
      } catch (error) {
        const text = (error as Error).message;
        // A repeated id is reported below, on the option itself.
        if (!/^duplicate option id /.test(text)) problems.push({ path: `${at}.options`, message: text });
      }
      if (!q.options.some((o) => o.satisfied) || !q.options.some((o) => o.dissatisfied)) {
        problems.push({ path: `${at}.options`, message: 'a satisfaction scale needs satisfied and dissatisfied options' });
      }
    }
    if (q.role === 'domain' && !q.domain) problems.push({ path: `${at}.domain`, message: 'a domain question names its domain' });
    if (q.role === 'awareness' && !q.policy) problems.push({ path: `${at}.policy`, message: 'an awareness question names its policy' });
    if (q.policyCode !== undefined && q.role !== 'awareness') problems.push({ path: `${at}.policyCode`, message: 'only an awareness question names a policy code' });
    else if (q.policyCode !== undefined && options.activePolicyCodes && !options.activePolicyCodes.has(q.policyCode)) {
      problems.push({ path: `${at}.policyCode`, message: `no active policy ${q.policyCode}` });
    }
    const ids = new Set<string>();
    q.options.forEach((o, j) => {
      if (ids.has(o.id)) problems.push({ path: `${at}.options.${j}.id`, message: `duplicate option id ${o.id}` });
      ids.add(o.id);
      if (o.screensOut && q.role !== 'screening') problems.push({ path: `${at}.options.${j}.screensOut`, message: 'only screening questions end an interview' });
      if (o.skipTo !== undefined) {
        const target = index.get(o.skipTo);
        if (target === undefined) problems.push({ path: `${at}.options.${j}.skipTo`, message: `no question ${o.skipTo}` });
        else if (target <= i) problems.push({ path: `${at}.options.${j}.skipTo`, message: 'skips go forward only' });
      }
    });
  });
  return problems;
}
