import { describe, expect, it } from 'vitest';
import { AAPOR_GROUPS, DISPOSITIONS, countDispositions, dispositionGroup, findDisposition } from './aapor-dispositions.ts';

describe('DISPOSITIONS table', () => {
  it('has unique codes and both labels on every row', () => {
    const codes = DISPOSITIONS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of DISPOSITIONS) {
      expect(d.zh.trim(), d.code).not.toBe('');
      expect(d.en.trim(), d.code).not.toBe('');
      expect(AAPOR_GROUPS).toContain(d.group);
    }
  });

  it('puts each final code in the group its AAPOR number says (1.1 I, 1.2 P, 2.1x R, 2.2x NC, 2.3x O, 3.1x UH, 3.2x/3.9 UO, 4.x NE)', () => {
    const expected: Record<string, string> = { '1.1': 'I', '1.2': 'P', '2.1': 'R', '2.2': 'NC', '2.3': 'O', '3.1': 'UH', '3.2': 'UO', '3.9': 'UO', '4.': 'NE' };
    for (const d of DISPOSITIONS.filter((row) => row.final)) {
      const prefix = Object.keys(expected).find((p) => d.code.startsWith(p));
      expect(prefix, d.code).toBeDefined();
      expect(d.group, d.code).toBe(expected[prefix ?? '']);
    }
  });

  it('final rows have no retry; temporary rows have a retry and become a final row of the same group', () => {
    for (const d of DISPOSITIONS) {
      if (d.final) {
        expect(d.retry, d.code).toBeNull();
        expect(d.finalCode, d.code).toBeNull();
        continue;
      }
      expect(d.retry, d.code).not.toBeNull();
      expect(d.code).toBe(`T${d.finalCode}`);
      const target = findDisposition(d.finalCode ?? '');
      expect(target?.final, d.code).toBe(true);
      expect(target?.group, d.code).toBe(d.group);
      if (d.retry?.kind === 'after') expect(d.retry.minMinutes).toBeLessThanOrEqual(d.retry.maxMinutes);
    }
  });

  it('has the usual CATI retry defaults', () => {
    expect(findDisposition('T3.12')?.retry).toEqual({ kind: 'after', minMinutes: 15, maxMinutes: 15 }); // busy
    expect(findDisposition('T3.13')?.retry).toEqual({ kind: 'after', minMinutes: 60, maxMinutes: 120 }); // no answer
    expect(findDisposition('T3.14')?.retry).toEqual({ kind: 'after', minMinutes: 120, maxMinutes: 120 }); // answering machine
    expect(findDisposition('T2.21')?.retry).toEqual({ kind: 'scheduled' }); // appointment
    expect(findDisposition('T2.11')?.retry).toEqual({ kind: 'after', minMinutes: 2 * 24 * 60, maxMinutes: 2 * 24 * 60 }); // soft refusal
  });

  it('covers the codes of the brief', () => {
    for (const code of ['1.1', '1.2', '2.11', '2.12', '2.21', '2.22', '3.12', '3.13', '3.14', '4.20', '4.31', '4.32', '4.51', '4.70']) {
      expect(findDisposition(code), code).toBeDefined();
    }
    expect(findDisposition('4.31')?.zh).toBe('空号');
    expect(findDisposition('4.32')?.zh).toBe('停机');
    expect(findDisposition('9.9')).toBeUndefined();
  });
});

describe('dispositionGroup', () => {
  it.each([
    ['1.1', 'I'],
    ['1.2', 'P'],
    ['2.10', 'R'],
    ['2.11', 'R'],
    ['2.111', 'R'],
    ['2.12', 'R'],
    ['2.20', 'NC'],
    ['2.21', 'NC'],
    ['2.221', 'NC'],
    ['2.30', 'O'],
    ['2.331', 'O'],
    ['3.10', 'UH'],
    ['3.13', 'UH'],
    ['3.161', 'UH'],
    ['3.20', 'UO'],
    ['3.90', 'UO'],
    ['4.10', 'NE'],
    ['4.70', 'NE'],
    ['T3.13', 'UH'],
    ['T2.111', 'R'],
  ])('%s → %s', (code, group) => {
    expect(dispositionGroup(code)).toBe(group);
  });

  it.each(['', '5.1', '1.3', '2.4', '3.3', 'abc', '1', '2.', 'X1.1'])('rejects %j', (code) => {
    expect(() => dispositionGroup(code)).toThrow(RangeError);
  });
});

describe('countDispositions', () => {
  it('counts codes by group, temporary ones as their final code', () => {
    expect(countDispositions(['1.1', '1.1', '1.2', '2.11', '2.12', 'T2.21', '2.33', '3.12', 'T3.13', '3.21', '4.31', '4.70'])).toEqual({
      I: 2,
      P: 1,
      R: 2,
      NC: 1,
      O: 1,
      UH: 2,
      UO: 1,
      NE: 2,
    });
    expect(countDispositions([])).toEqual({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });
  });
});
