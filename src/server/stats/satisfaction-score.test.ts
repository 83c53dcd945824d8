import { describe, expect, it } from 'vitest';
import { respondentIndex, scoreAnswer, summarizeAnswers, validateScale, type AnswerScale } from './satisfaction-score.ts';

// Scales are configuration: these are two of the brief's examples, not constants of the code.
const THREE_LEVEL: AnswerScale = {
  options: [
    { id: '满意', score: 100, satisfied: true },
    { id: '基本满意', score: 60, satisfied: true },
    { id: '不满意', score: 0, dissatisfied: true },
    { id: '不了解', score: null, excludedFromBase: true },
  ],
};

const FIVE_LEVEL: AnswerScale = {
  options: [
    { id: 'very-satisfied', score: 100, satisfied: true },
    { id: 'satisfied', score: 80, satisfied: true },
    { id: 'neutral', score: 60 },
    { id: 'dissatisfied', score: 40, dissatisfied: true },
    { id: 'very-dissatisfied', score: 0, dissatisfied: true },
    { id: 'dont-know', score: null, excludedFromBase: true },
  ],
};

describe('summarizeAnswers', () => {
  it('scores each respondent, excludes 不了解 and missing answers from the base', () => {
    const summary = summarizeAnswers({ scale: THREE_LEVEL, answers: ['满意', '基本满意', '不满意', '不了解', null, '满意', undefined, '基本满意'] });
    expect(summary.scores).toEqual([100, 60, 0, null, null, 100, null, 60]);
    // Base 5 answers: (100 + 60 + 0 + 100 + 60) / 5 = 64; satisfied 4/5; dissatisfied 1/5.
    expect(summary).toMatchObject({
      n: 5,
      excluded: 1,
      missing: 2,
      index: 64,
      satisfied: 4,
      dissatisfied: 1,
      satisfactionRate: 0.8,
      dissatisfactionRate: 0.2,
      counts: { 满意: 2, 基本满意: 2, 不满意: 1, 不了解: 1 },
    });
  });

  it('works with a five-level scale where the middle option is neither satisfied nor dissatisfied', () => {
    const summary = summarizeAnswers({ scale: FIVE_LEVEL, answers: ['very-satisfied', 'neutral', 'neutral', 'very-dissatisfied', 'dont-know'] });
    // (100 + 60 + 60 + 0) / 4 = 55.
    expect(summary).toMatchObject({ n: 4, index: 55, satisfactionRate: 0.25, dissatisfactionRate: 0.25 });
    expect(summary.counts.satisfied).toBe(0);
  });

  it('gives null index and rates, not NaN, when nobody is in the base', () => {
    const summary = summarizeAnswers({ scale: THREE_LEVEL, answers: ['不了解', null] });
    expect(summary).toMatchObject({ n: 0, index: null, satisfactionRate: null, dissatisfactionRate: null });
    expect(summarizeAnswers({ scale: THREE_LEVEL, answers: [] })).toMatchObject({ n: 0, index: null });
  });

  it('changing the scores in the configuration changes the index, not the rates', () => {
    const answers = ['满意', '基本满意', '不满意', '基本满意'];
    const rescored: AnswerScale = {
      options: THREE_LEVEL.options.map((o) => (o.id === '基本满意' ? { ...o, score: 80 } : o)),
    };
    expect(summarizeAnswers({ scale: THREE_LEVEL, answers }).index).toBe(55);
    expect(summarizeAnswers({ scale: rescored, answers }).index).toBe(65);
    expect(summarizeAnswers({ scale: rescored, answers }).satisfactionRate).toBe(0.75);
  });

  it('rejects answers that are not options of the scale', () => {
    expect(() => summarizeAnswers({ scale: THREE_LEVEL, answers: ['很满意'] })).toThrow(/not an option/);
  });
});

describe('scoreAnswer and respondentIndex', () => {
  it('scores one answer', () => {
    expect(scoreAnswer({ scale: THREE_LEVEL, answer: '基本满意' })).toBe(60);
    expect(scoreAnswer({ scale: THREE_LEVEL, answer: '不了解' })).toBeNull();
    expect(scoreAnswer({ scale: THREE_LEVEL, answer: null })).toBeNull();
    expect(() => scoreAnswer({ scale: THREE_LEVEL, answer: 'x' })).toThrow(RangeError);
  });

  it('averages a respondent’s valid answers across questions with different scales', () => {
    const items = [
      { scale: THREE_LEVEL, answer: '满意' },
      { scale: FIVE_LEVEL, answer: 'satisfied' },
      { scale: FIVE_LEVEL, answer: 'dont-know' },
      { scale: THREE_LEVEL, answer: null },
    ];
    expect(respondentIndex({ items })).toBe(90);
    expect(respondentIndex({ items, minValid: 3 })).toBeNull();
    expect(respondentIndex({ items: [{ scale: THREE_LEVEL, answer: '不了解' }] })).toBeNull();
    expect(() => respondentIndex({ items, minValid: 0 })).toThrow(RangeError);
  });
});

describe('validateScale', () => {
  it('accepts the configured scales', () => {
    expect(() => validateScale(THREE_LEVEL)).not.toThrow();
    expect(() => validateScale(FIVE_LEVEL)).not.toThrow();
  });

  it.each([
    ['no options', { options: [] }],
    ['duplicate ids', { options: [{ id: 'a', score: 1 }, { id: 'a', score: 2 }] }],
    ['a base option without a score', { options: [{ id: 'a', score: null }] }],
    ['a non-finite score', { options: [{ id: 'a', score: Number.NaN }] }],
    ['an excluded option counted as satisfied', { options: [{ id: 'a', score: null, excludedFromBase: true, satisfied: true }] }],
    ['satisfied and dissatisfied at once', { options: [{ id: 'a', score: 50, satisfied: true, dissatisfied: true }] }],
  ] as [string, AnswerScale][])('rejects %s', (_name, scale) => {
    expect(() => validateScale(scale)).toThrow(RangeError);
  });
});
