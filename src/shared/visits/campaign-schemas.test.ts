import { describe, expect, it } from 'vitest';
import {
  MAX_FEN,
  ZAidItem,
  ZCampaignDefinition,
  ZCampaignPeriod,
  ZCode,
  ZDoneRule,
  ZFen,
  ZTownshipBudget,
  aidItemsByCode,
  type TCampaignDefinitionInput,
} from './campaign-schemas.ts';

const winter = (): TCampaignDefinitionInput => ({
  kind: 'hardship',
  name: '2026年冬季集中走访慰问',
  period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
  done: { deadline: '2026-12-31', minVisitsHardship: 2 },
  aidStandards: [
    { categoryCode: 'tekun', items: [{ code: 'tekun_cash', name: '特困慰问金', amountFen: 50000 }] },
    {
      categoryCode: 'dibao',
      items: [
        { code: 'dibao_cash', name: '低保慰问金', amountFen: 30000 },
        { code: 'dibao_goods', name: '米面油', goods: [{ code: 'rice', name: '大米', unit: '袋', quantity: 1 }], deliveriesPerHousehold: 2 },
      ],
    },
  ],
  budgets: [{ townshipCode: '370921104', budgetFen: 2_000_000 }],
  graceDays: 7,
});

const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('campaign definition', () => {
  it('parses the winter campaign and fills in the defaults', () => {
    const c = ZCampaignDefinition.parse(winter());
    expect(c.done).toEqual({ deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2 });
    expect(c.aidStandards[0]!.items[0]).toMatchObject({ deliveriesPerHousehold: 1, goods: [] });
    expect(c.aidStandards[1]!.items[1]!.deliveriesPerHousehold).toBe(2);
    const minimal = ZCampaignDefinition.parse({ kind: 'all_households', name: '心连心大走访', period: { startsOn: '2026-03-01', endsOn: '2026-03-01' }, done: { deadline: '2026-03-01' } });
    expect(minimal).toMatchObject({ aidStandards: [], budgets: [], graceDays: 0 });
  });

  it('indexes aid items by their campaign-wide code', () => {
    const items = aidItemsByCode(ZCampaignDefinition.parse(winter()));
    expect([...items.keys()]).toEqual(['tekun_cash', 'dibao_cash', 'dibao_goods']);
    expect(items.get('dibao_goods')!.goods[0]!.quantity).toBe(1);
  });

  it('refuses an end before the start, and a deadline outside the period', () => {
    expect(messages(ZCampaignPeriod.safeParse({ startsOn: '2026-12-31', endsOn: '2026-11-15' }))).toEqual(['endsOn: the end must not be before the start']);
    for (const deadline of ['2026-11-14', '2027-01-01']) {
      const r = ZCampaignDefinition.safeParse({ ...winter(), done: { deadline } });
      expect(messages(r)).toEqual(['done.deadline: the deadline must lie inside the period']);
    }
    // Both edges of the period are inside.
    for (const deadline of ['2026-11-15', '2026-12-31']) expect(ZCampaignDefinition.safeParse({ ...winter(), done: { deadline } }).success).toBe(true);
  });

  it('refuses impossible dates and unknown fields', () => {
    expect(ZCampaignPeriod.safeParse({ startsOn: '2026-02-30', endsOn: '2026-03-01' }).success).toBe(false);
    expect(ZCampaignPeriod.safeParse({ startsOn: '2026/11/15', endsOn: '2026-12-31' }).success).toBe(false);
    expect(ZCampaignDefinition.safeParse({ ...winter(), regions: [] }).success).toBe(false);
    expect(ZCampaignDefinition.safeParse({ ...winter(), kind: 'other' }).success).toBe(false);
  });

  it('takes money as whole, non-negative fen within the bound', () => {
    expect(ZFen.parse(0)).toBe(0);
    expect(ZFen.parse(MAX_FEN)).toBe(MAX_FEN);
    expect(messages(ZFen.safeParse(-1))).toEqual([': an amount must not be negative']);
    expect(ZFen.safeParse(MAX_FEN + 1).success).toBe(false);
    for (const bad of [0.5, 12.01, Number.NaN, Number.POSITIVE_INFINITY, '100']) expect(ZFen.safeParse(bad).success, String(bad)).toBe(false);
    expect(ZTownshipBudget.safeParse({ townshipCode: '370921104', budgetFen: -100 }).success).toBe(false);
    expect(ZTownshipBudget.safeParse({ townshipCode: '370921', budgetFen: 100 }).success).toBe(false);
  });

  it('wants an aid item to give money, goods or both, never a zero amount', () => {
    expect(messages(ZAidItem.safeParse({ code: 'empty', name: '空' }))).toEqual([': an aid item needs an amount, goods, or both']);
    expect(ZAidItem.safeParse({ code: 'zero', name: '零', amountFen: 0 }).success).toBe(false);
    expect(ZAidItem.safeParse({ code: 'both', name: '两样', amountFen: 100, goods: [{ code: 'oil', name: '油', unit: '桶', quantity: 1 }] }).success).toBe(true);
    expect(ZAidItem.safeParse({ code: 'neg', name: '负', goods: [{ code: 'oil', name: '油', unit: '桶', quantity: -1 }] }).success).toBe(false);
    expect(ZAidItem.safeParse({ code: 'frac', name: '半', goods: [{ code: 'oil', name: '油', unit: '桶', quantity: 1.5 }] }).success).toBe(false);
    const twice = ZAidItem.safeParse({ code: 'dup', name: '重', goods: [1, 2].map((quantity) => ({ code: 'oil', name: '油', unit: '桶', quantity })) });
    expect(messages(twice)).toEqual(['goods: goods oil listed twice']);
    for (const n of [0, 13, 1.5]) expect(ZAidItem.safeParse({ code: 'x1', name: '次', amountFen: 1, deliveriesPerHousehold: n }).success, String(n)).toBe(false);
  });

  it('refuses a category with two standards, an item code used twice, a township with two budgets', () => {
    const c = winter();
    const dupCategory = { ...c, aidStandards: [...c.aidStandards!, { categoryCode: 'tekun', items: [{ code: 'other', name: '其他', amountFen: 1 }] }] };
    expect(messages(ZCampaignDefinition.safeParse(dupCategory))).toEqual(['aidStandards: hardship category tekun has two standards']);
    const dupItem = { ...c, aidStandards: [...c.aidStandards!, { categoryCode: 'canji', items: [{ code: 'tekun_cash', name: '残疾慰问金', amountFen: 1 }] }] };
    expect(messages(ZCampaignDefinition.safeParse(dupItem))).toEqual(['aidStandards: aid item tekun_cash is used twice']);
    const dupBudget = { ...c, budgets: [...c.budgets!, { townshipCode: '370921104', budgetFen: 1 }] };
    expect(messages(ZCampaignDefinition.safeParse(dupBudget))).toEqual(['budgets: township 370921104 has two budgets']);
  });

  it('bounds the done-rule and the grace period', () => {
    expect(ZDoneRule.safeParse({ deadline: '2026-12-31', minVisits: 0 }).success).toBe(false);
    expect(ZDoneRule.safeParse({ deadline: '2026-12-31', minVisitsHardship: 21 }).success).toBe(false);
    expect(ZDoneRule.safeParse({ deadline: '2026-12-31', minVisits: 20 }).success).toBe(true);
    expect(ZCampaignDefinition.safeParse({ ...winter(), graceDays: -1 }).success).toBe(false);
    expect(ZCampaignDefinition.safeParse({ ...winter(), graceDays: 61 }).success).toBe(false);
    expect(ZCampaignDefinition.safeParse({ ...winter(), graceDays: 60 }).success).toBe(true);
  });

  it('trims names, refuses invisible characters and over-long names, counts Chinese as characters', () => {
    expect(ZCampaignDefinition.parse({ ...winter(), name: '  冬季走访  ' }).name).toBe('冬季走访');
    expect(ZCampaignDefinition.safeParse({ ...winter(), name: '冬季\u202E走访' }).success).toBe(false);
    expect(ZCampaignDefinition.safeParse({ ...winter(), name: '走'.repeat(80) }).success).toBe(true);
    expect(ZCampaignDefinition.safeParse({ ...winter(), name: '走'.repeat(81) }).success).toBe(false);
    expect(ZCampaignDefinition.safeParse({ ...winter(), name: '   ' }).success).toBe(false);
  });

  it('takes codes in lower case only', () => {
    for (const good of ['ab', 'rice_10kg', 'a'.repeat(40)]) expect(ZCode.safeParse(good).success, good).toBe(true);
    for (const bad of ['a', 'Rice', '1rice', 'rice-10', 'a'.repeat(41), '大米']) expect(ZCode.safeParse(bad).success, bad).toBe(false);
  });
});
