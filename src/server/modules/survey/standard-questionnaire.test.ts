import { describe, expect, it } from 'vitest';
import { ZQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';

describe('standard questionnaire', () => {
  it('is a valid definition in both languages', () => {
    expect(ZQuestionnaireDefinition.parse(STANDARD_QUESTIONNAIRE)).toEqual(STANDARD_QUESTIONNAIRE);
    expect(validateQuestionnaire(STANDARD_QUESTIONNAIRE)).toEqual([]);
  });
  it('names the catalogue code of each awareness policy, checked against the active catalogue', () => {
    const awareness = STANDARD_QUESTIONNAIRE.questions.filter((q) => q.role === 'awareness').map((q) => [q.code, q.policyCode]);
    expect(awareness).toEqual([['Q10a', 'medical_insurance'], ['Q10b', 'pension'], ['Q10c', 'dibao'], ['Q10d', 'farm_subsidy']]);
    const active = new Set(['dibao', 'medical_insurance', 'pension', 'farm_subsidy']);
    expect(validateQuestionnaire(STANDARD_QUESTIONNAIRE, { activePolicyCodes: active })).toEqual([]);
    active.delete('farm_subsidy');
    expect(validateQuestionnaire(STANDARD_QUESTIONNAIRE, { activePolicyCodes: active })).toEqual([{ path: 'questions.15.policyCode', message: 'no active policy farm_subsidy' }]);
  });
  it('follows the brief: S1–S3, Q1, eight domains, awareness, visited, open problem', () => {
    const codes = STANDARD_QUESTIONNAIRE.questions.map((q) => q.code);
    expect(codes.slice(0, 4)).toEqual(['S1', 'S2', 'S3', 'Q1']);
    expect(STANDARD_QUESTIONNAIRE.questions.filter((q) => q.role === 'domain').map((q) => q.domain)).toHaveLength(8);
    expect(STANDARD_QUESTIONNAIRE.questions.filter((q) => q.role === 'awareness').length).toBeGreaterThanOrEqual(1);
    expect(STANDARD_QUESTIONNAIRE.questions.find((q) => q.role === 'visited')?.code).toBe('Q11');
    expect(STANDARD_QUESTIONNAIRE.questions.find((q) => q.role === 'problem')?.kind).toBe('open');
  });
});

describe('validateQuestionnaire', () => {
  const base = structuredClone(STANDARD_QUESTIONNAIRE);
  it('finds duplicate codes, backward or dangling skips, unscored scales and misplaced screen-outs', () => {
    const broken = structuredClone(base);
    broken.questions[4]!.code = 'Q1';
    broken.questions[0]!.options[0]!.skipTo = 'S1';
    broken.questions[1]!.options[1]!.skipTo = 'NOPE';
    broken.questions[3]!.options[0]!.score = null;
    broken.questions[3]!.options[1]!.screensOut = true;
    const messages = validateQuestionnaire(broken).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'duplicate question code Q1',
        'skips go forward only',
        'no question NOPE',
        'option satisfied is in the base and needs a finite score',
        'only screening questions end an interview',
      ]),
    );
  });
  it('needs exactly one township question', () => {
    const none = structuredClone(base);
    none.questions = none.questions.filter((q) => q.kind !== 'township');
    expect(validateQuestionnaire(none).map((p) => p.message)).toContain('exactly one township question (S3) is needed');
  });
});
