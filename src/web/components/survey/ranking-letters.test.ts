import { describe, expect, it } from 'vitest';
import { rankingLetters } from './ranking-letters.ts';

describe('ranking groups as letters', () => {
  it('gives overlapping groups their letters and a lone township its own', () => {
    const letters = rankingLetters(['A', 'B', 'C', 'D', 'E'], [['A', 'B'], ['B', 'C', 'D']]);
    expect(Object.fromEntries(letters)).toEqual({ A: 'a', B: 'ab', C: 'b', D: 'b', E: 'c' });
  });

  it('gives every township a letter of its own when all differ', () => {
    expect(Object.fromEntries(rankingLetters(['A', 'B'], []))).toEqual({ A: 'a', B: 'b' });
  });

  it('lists one letter when none can be told apart', () => {
    expect(Object.fromEntries(rankingLetters(['A', 'B', 'C'], [['A', 'B', 'C']]))).toEqual({ A: 'a', B: 'a', C: 'a' });
  });
});
