import { describe, expect, it } from 'vitest';
import { DUPLICATE_SIMILARITY_THRESHOLD, bigrams, caseTextSimilarity, foldText, textSimilarity } from './text-similarity.ts';

describe('foldText', () => {
  it('folds full-width characters, case, punctuation and spaces', () => {
    expect(foldText('村口 路灯，不亮！ＡＢ')).toBe('村口路灯不亮ab');
    expect(foldText('  Road-Lamp 12 ')).toBe('roadlamp12');
    expect(foldText('１２３')).toBe('123');
    expect(foldText('……！？ 。')).toBe('');
    expect(foldText('')).toBe('');
  });
});

describe('bigrams', () => {
  it('counts overlapping pairs, repeated pairs more than once', () => {
    expect(bigrams('路灯灯')).toEqual(new Map([['路灯', 1], ['灯灯', 1]]));
    expect(bigrams('哈哈哈')).toEqual(new Map([['哈哈', 2]]));
    expect(bigrams('ab，cd')).toEqual(new Map([['ab', 1], ['bc', 1], ['cd', 1]]));
  });
  it('keeps one character as its own unit, and nothing for an empty text', () => {
    expect(bigrams('水')).toEqual(new Map([['水', 1]]));
    expect(bigrams('')).toEqual(new Map());
    expect(bigrams('！')).toEqual(new Map());
  });
  it('treats characters outside the BMP as one character each', () => {
    expect(bigrams('𠮷野')).toEqual(new Map([['𠮷野', 1]]));
  });
});

describe('textSimilarity', () => {
  it('is 1 for the same text and for texts equal after folding', () => {
    expect(textSimilarity('村口路灯不亮', '村口路灯不亮')).toBe(1);
    expect(textSimilarity('村口路灯不亮！', ' 村口 路灯 不亮')).toBe(1);
    expect(textSimilarity('水', '水')).toBe(1);
  });
  it('is 0 when nothing is shared or a side is empty', () => {
    expect(textSimilarity('路灯不亮', '低保申请')).toBe(0);
    expect(textSimilarity('', '路灯')).toBe(0);
    expect(textSimilarity('路灯', '')).toBe(0);
    expect(textSimilarity('', '')).toBe(0);
    expect(textSimilarity('。', '，')).toBe(0);
  });
  it('is symmetric and between 0 and 1', () => {
    const texts = ['村口路灯不亮', '村口的路灯不亮了', '路灯坏了', '低保申请没有回音', '哈哈哈哈', 'a', 'ab', ''];
    for (const a of texts) {
      for (const b of texts) {
        const s = textSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(textSimilarity(b, a)).toBeCloseTo(s, 12);
      }
    }
  });
  it('computes the Dice coefficient of the pair multisets', () => {
    // 村口 口路 路灯 灯不 不亮 (5) vs 村口 口的 的路 路灯 灯不 不亮 亮了 (7): 4 shared → 8/12
    expect(textSimilarity('村口路灯不亮', '村口的路灯不亮了')).toBeCloseTo(8 / 12, 12);
    // 哈哈×2 vs 哈哈×3: min is 2 → 4/5
    expect(textSimilarity('哈哈哈', '哈哈哈哈')).toBeCloseTo(4 / 5, 12);
    // a single character against a text that contains it as a pair: no shared unit
    expect(textSimilarity('水', '水管')).toBe(0);
  });
  it('does not depend on word order as much as a plain prefix would', () => {
    expect(textSimilarity('路灯不亮村口', '村口路灯不亮')).toBeGreaterThan(0.7);
  });
});

describe('caseTextSimilarity', () => {
  it('marks a retelling of the same problem as likely duplicate and a different problem not', () => {
    const a = { title: '村口路灯不亮', description: '村口三盏路灯已经坏了两周，晚上出行不便' };
    const b = { title: '路灯坏了', description: '村口的路灯坏了两周了，晚上看不见路' };
    const c = { title: '低保申请', description: '家里老人生病，想申请低保，不知道怎么办' };
    expect(caseTextSimilarity(a, b)).toBeGreaterThanOrEqual(DUPLICATE_SIMILARITY_THRESHOLD);
    expect(caseTextSimilarity(a, c)).toBeLessThan(DUPLICATE_SIMILARITY_THRESHOLD);
    expect(caseTextSimilarity(a, a)).toBe(1);
  });
  it('joins title and description so neither alone decides', () => {
    const a = { title: '反映问题', description: '自来水停水三天' };
    const b = { title: '反映问题', description: '孩子上学路远没有校车' };
    expect(caseTextSimilarity(a, b)).toBeLessThan(DUPLICATE_SIMILARITY_THRESHOLD);
  });
});
