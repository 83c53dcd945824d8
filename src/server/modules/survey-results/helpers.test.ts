import { describe, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { rankEstimates } from '../../stats/index.ts';
import { rankingGroups } from './compute-wave-results.ts';
import { seededPick } from './draw-recheck-sample.ts';
import { viewerOf } from './find-report-wave.ts';
import { median } from './flag-interviews.ts';
import { provisionalCode, quotaShares } from './get-wave-progress.ts';
import { resultsQuestionnaire } from './read-questionnaire.ts';

describe('survey results helpers', () => {
  it('groups consecutive townships the tests cannot tell apart (homogeneous subsets, overlapping)', () => {
    // A ≈ B, B ≈ C, but A and C differ; D stands apart.
    const ranking = rankEstimates({
      items: [
        { id: 'A', estimate: 80, standardError: 1 },
        { id: 'B', estimate: 77, standardError: 1 },
        { id: 'C', estimate: 74, standardError: 1 },
        { id: 'D', estimate: 50, standardError: 1 },
      ],
    });
    const significant = (a: string, b: string) => ranking.comparisons.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a))!.significant;
    expect([significant('A', 'B'), significant('B', 'C'), significant('A', 'C')]).toEqual([false, false, true]);
    expect(rankingGroups(ranking)).toEqual([
      ['A', 'B'],
      ['B', 'C'],
    ]);
    expect(rankingGroups(rankEstimates({ items: [{ id: 'X', estimate: 1, standardError: 5 }, { id: 'Y', estimate: 2, standardError: 5 }, { id: 'Z', estimate: 3, standardError: 5 }] }))).toEqual([['Z', 'Y', 'X']]);
  });

  it('counts a case by its final, provisional or "not attempted" code', () => {
    expect(provisionalCode('1.1', 'T3.13')).toBe('1.1');
    expect(provisionalCode(null, 'T3.13')).toBe('3.13');
    expect(provisionalCode(null, 'T2.21')).toBe('2.21');
    expect(provisionalCode(null, null)).toBe('3.11');
  });

  it('reads phone quotas as shares', () => {
    expect(quotaShares({ mobile: 6, landline: 4 })).toEqual({ mobile: 0.6, landline: 0.4 });
    expect(quotaShares({ mobile: 1, landline: 0 })).toEqual({ mobile: 1, landline: 0 });
    expect(quotaShares(null)).toBeNull();
  });

  it('takes the median and draws a reproducible sample whatever the input order', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const ids = Array.from({ length: 100 }, (_, i) => String(i + 1));
    const a = seededPick({ ids, count: 5, seed: 's' });
    expect(a).toHaveLength(5);
    expect(seededPick({ ids: [...ids].reverse(), count: 5, seed: 's' })).toEqual(a);
    expect(seededPick({ ids, count: 5, seed: 't' })).not.toEqual(a);
  });

  it('reads the scored questions of the standard questionnaire by role', () => {
    const q = resultsQuestionnaire(STANDARD_QUESTIONNAIRE);
    expect(q.overall?.code).toBe('Q1');
    expect(q.domains.map((d) => d.code)).toEqual(['Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9']);
    expect(q.awareness.map((d) => d.code)).toEqual(['Q10a', 'Q10b', 'Q10c', 'Q10d']);
    expect(q.visited?.code).toBe('Q11');
    expect(q.codes).not.toContain('Q12');
    expect(q.scoreRange).toEqual({ min: 0, max: 100 });
  });

  it('lets county staff read the whole county and a township admin their own township only', () => {
    const wave = { county_path: '/1/5/' };
    expect(viewerOf({ regionPath: '/1/5/' }, wave)).toEqual({ kind: 'county' });
    expect(viewerOf({ regionPath: '/1/' }, wave)).toEqual({ kind: 'county' });
    expect(viewerOf({ regionPath: '/1/5/27/' }, wave)).toEqual({ kind: 'township', townshipId: '27' });
    expect(viewerOf({ regionPath: '/1/5/27/300/' }, wave)).toEqual({ kind: 'township', townshipId: '27' });
    expect(viewerOf({ regionPath: '/1/6/' }, wave)).toBeNull();
  });
});
