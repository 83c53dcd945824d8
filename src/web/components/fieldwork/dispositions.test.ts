import { describe, expect, it } from 'vitest';
import { listDispositions } from '../../../server/modules/fieldwork/index.ts';
import { COMPLETE, groupDispositions, NOT_ELIGIBLE, timeFieldOf } from './dispositions.ts';

const { items } = listDispositions();

describe('the outcome picker', () => {
  it('offers every disposition once, complete first, temporary outcomes before final ones', () => {
    const groups = groupDispositions(items);
    expect(groups.flatMap((g) => g.items).map((d) => d.code).sort()).toEqual(items.map((d) => d.code).sort());
    expect(groups[0]!.items[0]!.code).toBe(COMPLETE);
    for (const g of groups) {
      const finals = g.items.map((d) => d.final);
      expect(finals).toEqual([...finals].sort((a, b) => Number(a) - Number(b)));
    }
    const notReached = groups.find((g) => g.section === 'notReached')!.items.map((d) => d.code);
    expect(notReached.slice(0, 4)).toEqual(['T3.12', 'T3.13', 'T3.14', 'T3.16']);
    expect(groups.find((g) => g.section === 'notEligible')!.items.map((d) => d.code)).toContain(NOT_ELIGIBLE);
  });

  it('asks for an appointment on scheduled codes, a callback time on other temporary ones, nothing on final ones', () => {
    const byCode = new Map(items.map((d) => [d.code, d]));
    expect(timeFieldOf(byCode.get('T2.21'))).toBe('appointment');
    expect(timeFieldOf(byCode.get('T2.12'))).toBe('appointment');
    expect(timeFieldOf(byCode.get('T3.13'))).toBe('callback');
    expect(timeFieldOf(byCode.get('1.1'))).toBeNull();
    expect(timeFieldOf(byCode.get('4.31'))).toBeNull();
  });
});
