/** Every @example in this folder's JSDoc, run as written: an example that stops being true fails here. */
import { describe, expect, it } from 'vitest';
import {
  ZAidItem,
  ZAidStandard,
  ZAcknowledgement,
  ZAidGiven,
  ZCampaignDefinition,
  ZCampaignPeriod,
  ZClientId,
  ZCode,
  ZDoneRule,
  ZFen,
  ZGoodsQuantity,
  ZGoodsStandard,
  ZRaisedProblem,
  ZTownshipBudget,
  ZUtcInstant,
  ZVisitRecord,
  addDays,
  aidItemsByCode,
  canonicalJson,
  checkAidLine,
  compareRecords,
  computeCoverage,
  findAidConflicts,
  remainingDeliveries,
  townshipAidTotals,
  visitTiming,
} from './index.ts';

describe('JSDoc examples', () => {
  it('campaign schemas', () => {
    expect(ZFen.parse(50000)).toBe(50000);
    expect(ZFen.safeParse(-1).success).toBe(false);
    expect(ZFen.safeParse(12.5).success).toBe(false);
    expect(ZCode.parse('rice_10kg')).toBe('rice_10kg');
    expect(ZCode.safeParse('Rice').success).toBe(false);
    expect(ZGoodsQuantity.parse(2)).toBe(2);
    expect(ZGoodsStandard.parse({ code: 'rice', name: '大米', unit: '袋', quantity: 1 })).toBeTruthy();
    expect(ZAidItem.parse({ code: 'spring_cash', name: '春节慰问金', amountFen: 50000 }).deliveriesPerHousehold).toBe(1);
    expect(ZAidStandard.parse({ categoryCode: 'dibao', items: [{ code: 'dibao_cash', name: '低保户慰问金', amountFen: 30000 }] })).toBeTruthy();
    expect(ZTownshipBudget.parse({ townshipCode: '370921104', budgetFen: 2_000_000 })).toBeTruthy();
    expect(ZCampaignPeriod.parse({ startsOn: '2026-11-15', endsOn: '2026-12-31' })).toBeTruthy();
    expect(ZDoneRule.parse({ deadline: '2026-12-31', minVisitsHardship: 2 }).minVisits).toBe(1);
    const campaign = ZCampaignDefinition.parse({
      kind: 'hardship',
      name: '2026年冬季集中走访慰问',
      period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
      done: { deadline: '2026-12-31', minVisitsHardship: 2 },
      aidStandards: [{ categoryCode: 'tekun', items: [{ code: 'tekun_cash', name: '特困慰问金', amountFen: 50000 }] }],
      budgets: [{ townshipCode: '370921104', budgetFen: 2_000_000 }],
      graceDays: 7,
    });
    expect(aidItemsByCode(campaign).get('tekun_cash')?.amountFen).toBe(50000);
  });

  it('visit schemas', () => {
    expect(ZClientId.parse('3f1c2a9e-8b7d-4c6e-9f01-23456789abcd')).toBeTruthy();
    expect(ZClientId.safeParse('3F1C2A9E-8B7D-4C6E-9F01-23456789ABCD').success).toBe(false);
    expect(ZUtcInstant.parse('2026-11-28T15:30:00Z')).toBe('2026-11-28T15:30:00.000Z');
    expect(ZUtcInstant.safeParse('2026-11-28T23:30:00+08:00').success).toBe(false);
    expect(ZRaisedProblem.parse({ text: '村口路灯坏了', domain: 'public_security' })).toBeTruthy();
    expect(ZAidGiven.parse({ itemCode: 'tekun_cash', amountFen: 50000 })).toBeTruthy();
    expect(ZAcknowledgement.parse({ kind: 'cannot_sign', witnessName: '李四' })).toBeTruthy();
    expect(
      ZVisitRecord.parse({
        clientId: '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd',
        campaignId: '7',
        householdId: '1024',
        visitedAt: '2026-12-01T02:30:00Z',
        kind: 'home',
        situation: '老人身体尚可，冬季取暖需要帮助',
        aid: [{ itemCode: 'tekun_cash', amountFen: 50000 }],
        acknowledgement: { kind: 'cannot_sign', witnessName: '李四' },
      }),
    ).toBeTruthy();
  });

  it('coverage', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    const rule = { deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2, graceDays: 3 };
    expect(visitTiming({ householdId: '1', visitedAt: '2026-12-31T15:30:00Z', voided: false }, rule, new Date('2027-02-01T00:00:00Z'))).toBe('on_time');
    const report = computeCoverage({
      targets: [{ householdId: '1', villageCode: '370921104201', hardship: true }],
      visits: [{ householdId: '1', visitedAt: '2026-12-01T02:00:00Z', voided: false }],
      rule: { deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2, graceDays: 7 },
      now: new Date('2026-12-02T00:00:00Z'),
    });
    expect(report.households[0]!.status).toBe('due');
  });

  it('aid ledger', () => {
    const items = new Map([['cash', { code: 'cash', amountFen: 50000, goods: [], deliveriesPerHousehold: 1 }]]);
    const d = { campaignId: '7', householdId: '1024', townshipCode: '370921104', itemCode: 'cash', amountFen: 50000, voided: false };
    expect(findAidConflicts([{ ...d, id: 'phone-a', recordedAt: '2026-12-01T02:00:00Z' }, { ...d, id: 'phone-b', recordedAt: '2026-12-01T03:00:00Z' }], items)).toEqual([
      { campaignId: '7', householdId: '1024', itemCode: 'cash', allowed: 1, deliveryIds: ['phone-a', 'phone-b'], excess: 1 },
    ]);
    expect(remainingDeliveries([], { campaignId: '7', householdId: '1024', itemCode: 'cash' }, items)).toBe(1);
    expect(checkAidLine({ itemCode: 'cash', amountFen: 60000 }, items)).toEqual([{ code: 'amount_above_standard', itemCode: 'cash', amountFen: 60000, standardFen: 50000 }]);
    expect(
      townshipAidTotals(
        [{ id: 'a', campaignId: '7', householdId: '1', townshipCode: '370921104', itemCode: 'cash', amountFen: 50000, recordedAt: '2026-12-01T02:00:00Z', voided: false }],
        [{ townshipCode: '370921104', budgetFen: 50000 }],
      ),
    ).toEqual([{ townshipCode: '370921104', deliveredFen: 50000, voidedFen: 0, deliveries: 1, budgetFen: 50000, remainingFen: 0, overBudget: false }]);
  });

  it('sync rule', () => {
    expect(canonicalJson({ b: 1, a: [2, undefined], c: undefined })).toBe('{"a":[2,null],"b":1}');
    expect(canonicalJson({ x: -0 }) === canonicalJson({ x: 0 })).toBe(true);
    expect(compareRecords({ id: 'x', amountFen: 500 }, { amountFen: 500, id: 'x' })).toEqual({ outcome: 'same' });
    expect(compareRecords({ id: 'x', amountFen: 600 }, { id: 'x', amountFen: 500 })).toEqual({ outcome: 'different', paths: ['amountFen'] });
    expect(compareRecords({ id: 'x' }, undefined)).toEqual({ outcome: 'new' });
  });
});
