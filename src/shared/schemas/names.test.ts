import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { issueMessageZh } from '../issue-messages.ts';
import { hasInvisibleCharacters, INVISIBLE_CHARACTERS_MESSAGE, zName } from './common.ts';
import { ZOpenRegionRequest, ZRenameRegionRequest } from './regions.ts';
import { ZSaveHardshipCategoryRequest } from './registry.ts';
import { ZCreateUserRequest, ZUpdateUserRequest } from './users.ts';

/** Every code point the rule names, and the neighbours just outside each range. */
const REFUSED = [
  ...Array.from({ length: 5 }, (_, i) => 0x200b + i),
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
  0xfeff,
].map((c) => String.fromCodePoint(c));
const NEIGHBOURS = [0x200a, 0x2010, 0x2029, 0x202f, 0x2065, 0x206a, 0xfefe, 0xff00].map((c) => String.fromCodePoint(c));

const issuesOf = (result: z.ZodSafeParseResult<unknown>) => (result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]));

describe('names refuse invisible and direction-changing characters', () => {
  it('knows exactly the listed code points', () => {
    expect(REFUSED).toHaveLength(15);
    for (const c of REFUSED) expect(hasInvisibleCharacters(`张${c}三`)).toBe(true);
    for (const c of NEIGHBOURS) expect(hasInvisibleCharacters(`张${c}三`)).toBe(false);
  });

  it('refuses them anywhere in a name, also at the ends where trimming would hide a U+FEFF', () => {
    const name = zName(20);
    for (const c of REFUSED) {
      for (const value of [`${c}王伟`, `王${c}伟`, `王伟${c}`]) expect(issuesOf(name.safeParse(value))).toEqual([['', INVISIBLE_CHARACTERS_MESSAGE]]);
    }
    expect(name.parse('  王伟 ')).toBe('王伟');
    expect(name.parse('Anna-Lena O’Neil')).toBe('Anna-Lena O’Neil');
  });

  it('is used by the names of accounts, regions and hardship categories', () => {
    const user = { username: 'wang', displayName: '王伟', password: 'Passw0rd1', roles: ['village_cadre'], regionCode: '370921104201' };
    expect(issuesOf(ZCreateUserRequest.safeParse({ ...user, displayName: '王\u200B伟' }))).toEqual([['displayName', INVISIBLE_CHARACTERS_MESSAGE]]);
    expect(issuesOf(ZCreateUserRequest.safeParse({ ...user, username: '\uFEFFwang' }))).toEqual([['username', INVISIBLE_CHARACTERS_MESSAGE]]);
    expect(issuesOf(ZUpdateUserRequest.safeParse({ displayName: '\u202E伟王' }))).toEqual([['displayName', INVISIBLE_CHARACTERS_MESSAGE]]);
    const region = { parentCode: '370921104', code: '370921104299', name: '东庄村', openedOn: '2026-01-01' };
    expect(issuesOf(ZOpenRegionRequest.safeParse({ ...region, name: '东\u2067庄村' }))).toEqual([['name', INVISIBLE_CHARACTERS_MESSAGE]]);
    expect(issuesOf(ZOpenRegionRequest.safeParse({ ...region, nameEn: 'Dongzhuang\u200F' }))).toEqual([['nameEn', INVISIBLE_CHARACTERS_MESSAGE]]);
    expect(issuesOf(ZRenameRegionRequest.safeParse({ name: '西\u200D庄村', effectiveOn: '2026-01-01' }))).toEqual([['name', INVISIBLE_CHARACTERS_MESSAGE]]);
    const category = { name: '低保', nameEn: 'Subsistence allowance', sort: 1, active: true };
    expect(issuesOf(ZSaveHardshipCategoryRequest.safeParse({ ...category, name: '低\u200C保' }))).toEqual([['name', INVISIBLE_CHARACTERS_MESSAGE]]);
    for (const ok of [ZCreateUserRequest.safeParse(user), ZOpenRegionRequest.safeParse(region), ZSaveHardshipCategoryRequest.safeParse(category)]) expect(ok.success).toBe(true);
  });

  it('says so in Chinese as well', () => {
    expect(issueMessageZh(INVISIBLE_CHARACTERS_MESSAGE)).toMatch(/^不能包含不可见字符或改变文字方向的字符/);
  });
});
