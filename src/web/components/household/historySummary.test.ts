import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n/index.tsx';
import { zhCN } from '../../i18n/zh-CN.ts';
import { coveragePercent } from '../pairing/coverage.ts';
import { historySummary } from './historySummary.ts';

const t: Translate = (key, vars) => zhCN[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
const nameOf = (code: string) => ({ dibao: '低保户' })[code] ?? code;
const entry = (action: string, before: unknown, after: unknown) => ({ at: '2026-11-29T02:00:00Z', actorName: 'gangcheng', action, before, after });

describe('historySummary', () => {
  it('names the category, its date and source', () => {
    expect(historySummary(t, nameOf, entry('household.hardship_added', null, { categoryCode: 'dibao', validFrom: '2026-11-01', source: '民政局' }))).toBe(
      '低保户 · 2026-11-01 起 · 来源 / 依据：民政局',
    );
  });

  it('shows a transfer as from → to, with the reason', () => {
    expect(historySummary(t, nameOf, entry('household.pairing_transferred', { cadre: 'a' }, { cadre: 'b', role: 'responsible', startedOn: '2026-11-29', reason: '调岗' }))).toBe(
      'a → b · 负责干部 · 2026-11-29 起 · 原因：调岗',
    );
  });

  it('dates the end of a pairing and of a label differently', () => {
    expect(historySummary(t, nameOf, entry('household.pairing_ended', { cadre: 'a', role: 'helper' }, { endedOn: '2026-11-29', reason: '脱困' }))).toBe('a · 帮扶干部 · 结束日期 2026-11-29 · 原因：脱困');
    expect(historySummary(t, nameOf, entry('household.hardship_ended', { categoryCode: 'dibao' }, { categoryCode: 'dibao', validTo: '2026-12-01' }))).toBe('低保户 · 终止日期 2026-12-01');
  });

  it('counts what an import changed, leaving out zeros, and survives free-form data', () => {
    expect(historySummary(t, nameOf, entry('household.imported', null, { residentsInserted: 3, residentsUpdated: 0, phonesAdded: 2, labelsAdded: 0 }))).toBe('新增成员 3 人 · 新增电话 2 个');
    expect(historySummary(t, nameOf, entry('something.else', 'text', [1, 2]))).toBe('');
  });
});

describe('coveragePercent', () => {
  it('is the share with a responsible cadre, rounded down to 0.1, and 100 when there is nobody to pair', () => {
    expect(coveragePercent({ hardshipHouseholds: 3, withResponsible: 1 })).toBe(33.3);
    expect(coveragePercent({ hardshipHouseholds: 3, withResponsible: 2 })).toBe(66.6);
    expect(coveragePercent({ hardshipHouseholds: 0, withResponsible: 0 })).toBe(100);
  });
});
