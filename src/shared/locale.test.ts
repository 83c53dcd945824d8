import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.ts';

describe('pickLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5,zh-TW;q=0.9', 'zh-CN'],
    ['zh;q=0.1,en-GB;q=0.2', 'en'],
    ['fr-FR,de;q=0.8', 'zh-CN'],
    ['fr,en;q=0', 'zh-CN'],
    ['*', 'zh-CN'],
    ['garbage;;;q=x,en', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });
});
