import { describe, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { checkAnswers, walkInterview, type StoredAnswer } from './interview-path.ts';
import { withSkip } from './testing/definitions.ts';

const answers = (pairs: [string, string][]): Map<string, StoredAnswer> =>
  new Map(pairs.map(([questionCode, value]) => [questionCode, questionCode === 'Q12' ? { questionCode, optionId: null, text: value } : { questionCode, optionId: value, text: null }]));

const ALL_CODES = STANDARD_QUESTIONNAIRE.questions.map((q) => q.code);
const REQUIRED = STANDARD_QUESTIONNAIRE.questions.filter((q) => q.required).map((q) => q.code);

describe('walkInterview', () => {
  it('puts every question on the path and every required one missing before the first answer', () => {
    const path = walkInterview(STANDARD_QUESTIONNAIRE, new Map());
    expect(path.onPath).toEqual(ALL_CODES);
    expect(path.missing).toEqual(REQUIRED);
    expect(path.skipped).toEqual([]);
    expect(path.screenedOut).toBe(false);
  });

  it('ends the path at a screening answer that screens out', () => {
    const path = walkInterview(STANDARD_QUESTIONNAIRE, answers([['S1', 'yes'], ['S2', 'under18']]));
    expect(path.screenedOut).toBe(true);
    expect(path.onPath).toEqual(['S1', 'S2']);
    expect(path.skipped).toEqual(ALL_CODES.slice(2));
    expect(path.missing).toEqual([]);
  });

  it('follows skipTo: the questions jumped over are skipped and not missing', () => {
    const definition = withSkip(STANDARD_QUESTIONNAIRE);
    const path = walkInterview(definition, answers([['Q10a', 'not_heard']]));
    expect(path.skipped).toEqual(['Q10b', 'Q10c', 'Q10d']);
    expect(path.missing).not.toContain('Q10b');
    expect(path.missing).toContain('Q11');
    // Another answer to the same question keeps them on the path.
    expect(walkInterview(definition, answers([['Q10a', 'heard']])).skipped).toEqual([]);
  });

  it('finds nothing missing once every required question on the path is answered', () => {
    const all = STANDARD_QUESTIONNAIRE.questions.filter((q) => q.required).map((q): [string, string] => [q.code, q.kind === 'township' ? '370921104' : q.options.find((o) => !o.screensOut)!.id]);
    expect(walkInterview(STANDARD_QUESTIONNAIRE, answers(all)).missing).toEqual([]);
  });
});

describe('checkAnswers', () => {
  const townships = new Set(['370921104', '370921105']);
  it('accepts options, stratum townships and text where they belong', () => {
    expect(
      checkAnswers(STANDARD_QUESTIONNAIRE, townships, [
        { questionCode: 'S1', optionId: 'yes' },
        { questionCode: 'S3', optionId: '370921105' },
        { questionCode: 'Q12', text: '修路' },
      ]),
    ).toEqual([]);
  });

  it('names each problem by its place in the request', () => {
    const issues = checkAnswers(STANDARD_QUESTIONNAIRE, townships, [
      { questionCode: 'Q99', optionId: 'yes' },
      { questionCode: 'Q1', optionId: 'very' },
      { questionCode: 'S3', optionId: '370921199' },
      { questionCode: 'Q12', optionId: 'yes' },
      { questionCode: 'Q2', text: '很好' },
      { questionCode: 'Q1', optionId: 'satisfied' },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['answers.0.questionCode', 'answers.1.optionId', 'answers.2.optionId', 'answers.3.text', 'answers.4.optionId', 'answers.5.questionCode']);
  });
});
