import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n/index.tsx';
import { zhCN } from '../../i18n/zh-CN.ts';
import { checkEntry, type EntryForm } from './spot-check-entry.ts';

const t: Translate = (key, vars) => zhCN[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
const day = (d: string) => ({ format: () => d });
const good: EntryForm = { period: [day('2026-07-01'), day('2026-09-30')], figure: 'satisfaction', estimate: 92.5, lower: 90, upper: 95, n: 400, source: '市联系服务办〔2026〕12号', cityRank: 3, cityCounties: 9 };

describe('the spot check’s hand entry', () => {
  it('sends rates as shares and the index as it is', () => {
    expect(checkEntry(t, good)).toEqual({
      ok: true,
      body: { periodStart: '2026-07-01', periodEnd: '2026-09-30', figure: 'satisfaction', estimate: 0.925, lower: 0.9, upper: 0.95, n: 400, source: '市联系服务办〔2026〕12号', cityRank: 3, cityCounties: 9 },
    });
    expect(checkEntry(t, { ...good, figure: 'index', estimate: 88.4, lower: null, upper: null })).toMatchObject({ ok: true, body: { estimate: 88.4, lower: null, upper: null } });
  });

  it('marks each wrong field with a message in the page’s language', () => {
    const fields = (v: EntryForm) => {
      const r = checkEntry(t, v);
      return r.ok ? [] : r.fields.map((f) => [f.name, f.errors[0]]);
    };
    expect(fields({ ...good, period: [day('2026-09-30'), day('2026-07-01')] })).toEqual([['period', '结束日期不能早于开始日期']]);
    expect(fields({ ...good, estimate: 120, lower: null, upper: null })).toEqual([['estimate', '率须在 0% 到 100% 之间']]);
    expect(fields({ ...good, upper: null })).toEqual([['upper', '区间上下限须同时填写或同时不填']]);
    expect(fields({ ...good, lower: 93 })).toEqual([['lower', '区间须包含数值']]);
    expect(fields({ ...good, cityRank: 10 })).toEqual([['cityRank', '位次不能大于县区数，且须为正整数']]);
    expect(fields({ ...good, n: 0 })).toEqual([['n', '请填写正整数']]);
    expect(fields({ ...good, source: '  ' })).toEqual([['source', '请填写此项']]);
  });
});
