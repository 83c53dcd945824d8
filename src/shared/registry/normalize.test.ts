import { describe, expect, it } from 'vitest';
import { normalizeDigits, normalizeName, normalizeText } from './normalize.ts';

describe('normalisation of spreadsheet input', () => {
  it('turns full-width digits, letters and spaces into ASCII', () => {
    expect(normalizeText('３７０９２１ＡＢＣ　ｘ')).toBe('370921ABC x');
  });
  it('trims and collapses white space of every kind', () => {
    expect(normalizeText('\u00A0 a \t\u3000 b\uFEFF ')).toBe('a b');
  });
  it('strips separators from number-like fields and upper-cases the X', () => {
    expect(normalizeDigits(' 370921 1980-0101.123x ')).toBe('370921198001011 23X'.replace(' ', ''));
  });
  it('removes spaces between Han characters in names, keeps them in Latin names', () => {
    expect(normalizeName(' 张　三 ')).toBe('张三');
    expect(normalizeName('Ayshe  Tursun')).toBe('Ayshe Tursun');
  });
});
