import { describe, expect, it } from 'vitest';
import { walkInterview } from '../../../server/modules/fieldwork/index.ts';
import { STANDARD_QUESTIONNAIRE } from '../../../server/modules/survey/index.ts';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { nextPosition, pickByDigits, previousPosition, resumePosition, walkPath, type LocalAnswer } from './interviewPath.ts';

const def = STANDARD_QUESTIONNAIRE;
const answers = (entries: Record<string, string>) => new Map<string, LocalAnswer>(Object.entries(entries).map(([code, optionId]) => [code, { optionId }]));

/** A definition with a skip: "no" at A jumps to D. */
const skipping: TQuestionnaireDefinition = {
  title: { 'zh-CN': '测试', en: 'Test' },
  introduction: { 'zh-CN': '您好', en: 'Hello' },
  closing: { 'zh-CN': '谢谢', en: 'Thanks' },
  questions: ['A', 'B', 'C', 'D'].map((code) => ({
    code,
    kind: 'single' as const,
    role: 'other' as const,
    text: { 'zh-CN': code, en: code },
    required: code !== 'C',
    options: [
      { id: 'yes', label: { 'zh-CN': '是', en: 'Yes' }, score: null, excludedFromBase: false, satisfied: false, dissatisfied: false, screensOut: false },
      { id: 'no', label: { 'zh-CN': '否', en: 'No' }, score: null, excludedFromBase: false, satisfied: false, dissatisfied: false, screensOut: false, ...(code === 'A' ? { skipTo: 'D' } : {}) },
    ],
  })),
};

describe('the script path (mirror of the server walk)', () => {
  it('agrees with the server on screen-outs, skips and missing answers', () => {
    const cases: [TQuestionnaireDefinition, Record<string, string>][] = [
      [def, {}],
      [def, { S1: 'no' }],
      [def, { S1: 'yes', S2: 'under18' }],
      [def, { S1: 'yes', S2: 'a18_35', S3: '370921104', Q1: 'satisfied' }],
      [skipping, { A: 'no' }],
      [skipping, { A: 'yes', B: 'no' }],
    ];
    for (const [definition, given] of cases) {
      const server = walkInterview(definition, new Map(Object.entries(given).map(([questionCode, optionId]) => [questionCode, { questionCode, optionId, text: null }])));
      expect(walkPath(definition, answers(given))).toEqual(server);
    }
  });

  it('goes on along the skip path and back the same way', () => {
    const given = answers({ A: 'no' });
    expect(nextPosition(skipping, given, { at: 'intro' })).toEqual({ at: 'question', code: 'A' });
    expect(nextPosition(skipping, given, { at: 'question', code: 'A' })).toEqual({ at: 'question', code: 'D' });
    expect(nextPosition(skipping, given, { at: 'question', code: 'D' })).toEqual({ at: 'end' });
    expect(previousPosition(skipping, given, { at: 'end' })).toEqual({ at: 'question', code: 'D' });
    expect(previousPosition(skipping, given, { at: 'question', code: 'D' })).toEqual({ at: 'question', code: 'A' });
    expect(previousPosition(skipping, given, { at: 'question', code: 'A' })).toEqual({ at: 'intro' });
  });

  it('ends at a screening answer that screens out', () => {
    expect(nextPosition(def, answers({ S1: 'yes', S2: 'under18' }), { at: 'question', code: 'S2' })).toEqual({ at: 'end' });
    expect(nextPosition(def, answers({ S1: 'yes', S2: 'a36_50' }), { at: 'question', code: 'S2' })).toEqual({ at: 'question', code: 'S3' });
  });

  it('resumes at the saved question, the end, or the intro', () => {
    expect(resumePosition(def, null)).toEqual({ at: 'intro' });
    expect(resumePosition(def, { currentQuestion: 'Q2', answers: [1] })).toEqual({ at: 'question', code: 'Q2' });
    expect(resumePosition(def, { currentQuestion: null, answers: [1] })).toEqual({ at: 'end' });
    expect(resumePosition(def, { currentQuestion: null, answers: [] })).toEqual({ at: 'intro' });
    expect(resumePosition(def, { currentQuestion: 'ZZ', answers: [] })).toEqual({ at: 'intro' });
  });

  it('reads one or two digits as an option number', () => {
    expect(pickByDigits('', '3', 4)).toEqual({ choice: 3, buffer: '' });
    expect(pickByDigits('', '1', 13)).toEqual({ choice: 1, buffer: '1' });
    expect(pickByDigits('1', '3', 13)).toEqual({ choice: 13, buffer: '' });
    expect(pickByDigits('1', '5', 13)).toEqual({ choice: 5, buffer: '' });
    expect(pickByDigits('', '0', 13)).toEqual({ choice: null, buffer: '' });
    expect(pickByDigits('', '9', 4)).toEqual({ choice: null, buffer: '' });
  });
});
