import { describe, expect, it } from 'vitest';
import { issueQuestionIndex, nextQuestionCode, normalizeDefinition } from './definition.ts';

const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describe('questionnaire editor values', () => {
  it('drops what the question kind and role hide, and empty notes; unset scores become null', () => {
    const d = normalizeDefinition({
      title: text('标题', 'Title'),
      introduction: text('开场', 'Intro'),
      closing: text('结束', 'End'),
      questions: [
        {
          code: ' Q1 ',
          kind: 'single',
          role: 'overall',
          domain: 'medical',
          text: text('满意吗', 'Satisfied?'),
          note: text('', ' '),
          options: [{ id: 'a', label: text('满意', 'Yes'), skipTo: '' }, { id: 'b', label: text('不满意', 'No'), score: 0, dissatisfied: true, skipTo: 'Q3' }],
        },
        { code: 'Q2', kind: 'open', role: 'problem', text: text('问题', 'Problem'), options: [{ id: 'x', label: text('x', 'x') }], required: false },
      ],
    });
    expect(d.questions[0]).toEqual({
      code: 'Q1',
      kind: 'single',
      role: 'overall',
      text: text('满意吗', 'Satisfied?'),
      options: [
        { id: 'a', label: text('满意', 'Yes'), score: null, excludedFromBase: false, satisfied: false, dissatisfied: false, screensOut: false },
        { id: 'b', label: text('不满意', 'No'), score: 0, excludedFromBase: false, satisfied: false, dissatisfied: true, screensOut: false, skipTo: 'Q3' },
      ],
      required: true,
    });
    expect(d.questions[1]).toMatchObject({ kind: 'open', options: [], required: false });
  });

  it('numbers new questions after the ones in use', () => {
    expect(nextQuestionCode([{ code: 'Q1' }, { code: 'Q3' }])).toBe('Q4');
    expect(nextQuestionCode([{ code: 'S1' }, { code: 'Q2' }])).toBe('Q3');
  });

  it('finds the question an issue path points at', () => {
    expect(issueQuestionIndex('definition.questions.12.options.1.skipTo')).toBe(12);
    expect(issueQuestionIndex('definition.questions')).toBeNull();
    expect(issueQuestionIndex('definition.title.en')).toBeNull();
  });
});
