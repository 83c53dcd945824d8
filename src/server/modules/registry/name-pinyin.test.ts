import { describe, expect, it } from 'vitest';
import { classifyQuery, namePinyin } from './name-pinyin.ts';

describe('namePinyin', () => {
  it.each([
    ['张三', 'zhangsan', 'zs'],
    ['单雄信', 'shanxiongxin', 'sxx'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['仇大伟', 'qiudawei', 'qdw'],
    ['吕小红', 'lvxiaohong', 'lxh'],
    ['欧阳娜娜', 'ouyangnana', 'oynn'],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(namePinyin(name)).toEqual({ full, initials });
  });
  it('keeps Latin letters of non-Han names', () => {
    expect(namePinyin('Ayshe')).toEqual({ full: 'ayshe', initials: 'a' });
  });
});

describe('classifyQuery', () => {
  it.each([
    ['zs', 'pinyin', 'zs'],
    ['ZhangS', 'pinyin', 'zhangs'],
    ['张三', 'name', '张三'],
    ['张 三', 'name', '张三'],
    ['123x', 'digits', '123X'],
    ['5678', 'digits', '5678'],
    ['13812345678', 'phone', '13812345678'],
    ['05385621234', 'phone', '05385621234'],
    ['37092119800101123x', 'id', '37092119800101123X'],
  ])('%s is a %s query', (q, kind, value) => {
    expect(classifyQuery(q)).toEqual({ kind, value });
  });
});
