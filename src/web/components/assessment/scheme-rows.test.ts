import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n/index.tsx';
import { zhCN } from '../../i18n/zh-CN.ts';
import { rowsToScheme, schemeRows, type SchemeRow } from './scheme-rows.ts';

const t: Translate = (key, vars) => zhCN[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
const edit = (rows: SchemeRow[], key: SchemeRow['key'], patch: Partial<SchemeRow>) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r));

describe('the scheme editor’s rows', () => {
  it('round-trips a scheme with both scalings, unticked components keeping their natural direction', () => {
    const scheme = {
      components: [
        { key: 'survey_index' as const, weight: 0.5, scaling: { kind: 'fixed' as const, worst: 60, best: 100 } },
        { key: 'survey_dissatisfaction' as const, weight: 0.5, scaling: { kind: 'relative' as const, higherIsBetter: false } },
      ],
      waveIds: ['7'],
    };
    const rows = schemeRows(scheme);
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.key === 'case_response')).toMatchObject({ included: false, kind: 'relative', higherIsBetter: true });
    const back = rowsToScheme(t, 'zh-CN', rows, ['7']);
    expect(back).toEqual({ ok: true, scheme });
  });

  it('offers fixed scaling with a best below the worst (lower is better), as the server accepts', () => {
    let rows = edit(schemeRows(null), 'survey_dissatisfaction', { included: true, weight: 1, kind: 'fixed', worst: 0.3, best: 0.05 });
    expect(rowsToScheme(t, 'zh-CN', rows, [])).toEqual({ ok: true, scheme: { components: [{ key: 'survey_dissatisfaction', weight: 1, scaling: { kind: 'fixed', worst: 0.3, best: 0.05 } }], waveIds: [] } });
    rows = edit(rows, 'survey_dissatisfaction', { kind: 'relative' });
    expect(rowsToScheme(t, 'zh-CN', rows, [])).toMatchObject({ ok: true, scheme: { components: [{ scaling: { kind: 'relative', higherIsBetter: false } }] } });
  });

  it('refuses what the server refuses, in Chinese: no component, weights not adding up to 1, a fixed range without its ends, a weight of 0', () => {
    expect(rowsToScheme(t, 'zh-CN', schemeRows(null), [])).toEqual({ ok: false, problems: ['至少选择一个考核项目'] });
    const half = edit(schemeRows(null), 'survey_index', { included: true, weight: 0.5 });
    expect(rowsToScheme(t, 'zh-CN', half, [])).toEqual({ ok: false, problems: ['权重合计为 0.5，应为 1'] });
    const noEnds = edit(schemeRows(null), 'case_resolution', { included: true, weight: 1, kind: 'fixed', worst: 0.5, best: null });
    expect(rowsToScheme(t, 'zh-CN', noEnds, [])).toEqual({ ok: false, problems: ['诉求解决率 按固定区间折算，须填写最差值和最优值'] });
    const zero = edit(edit(schemeRows(null), 'survey_index', { included: true, weight: 1 }), 'visit_coverage', { included: true, weight: 0 });
    expect(rowsToScheme(t, 'en', zero, [])).toMatchObject({ ok: false, problems: [expect.stringContaining('Visit coverage')] });
  });

  it('refuses a wave listed twice through the shared schema', () => {
    const rows = edit(schemeRows(null), 'survey_index', { included: true, weight: 1 });
    expect(rowsToScheme(t, 'zh-CN', rows, ['7', '7'])).toEqual({ ok: false, problems: ['方案填写有误'] });
  });
});
