import { describe, expect, it } from 'vitest';
import { ZAidItem, type TMyWork, type TWorkHousehold } from '../../shared/visits/index.ts';
import { aidItemsFor, assertMaskedOnly, findFullIdNumbers, remainingOnPhone, searchHouseholds } from './work-package.ts';

const household: TWorkHousehold = {
  campaignId: '7',
  householdId: '1024',
  householdNo: '3709211042010001',
  headName: '王秀英',
  headIdMasked: '370921********123X',
  phoneMasked: '138****5678',
  address: '王庄村 3 组 12 号',
  villageCode: '370921104201',
  villageName: '王庄村',
  hardship: true,
  categoryCodes: ['dibao'],
  required: 2,
  visitsCounted: 0,
  status: 'due',
  lastVisitedAt: null,
  aidReceived: [],
  assignedToMe: true,
};

const cash = ZAidItem.parse({ code: 'dibao_cash', name: '低保户慰问金', amountFen: 30000 });
const rice = ZAidItem.parse({ code: 'rice', name: '大米', goods: [{ code: 'rice', name: '大米', unit: '袋', quantity: 1 }], deliveriesPerHousehold: 2 });
const oil = ZAidItem.parse({ code: 'oil', name: '食用油', goods: [{ code: 'oil', name: '食用油', unit: '桶', quantity: 1 }] });

const work = (households: TWorkHousehold[]): TMyWork => ({
  generatedAt: '2026-12-01T00:00:00.000Z',
  today: '2026-12-01',
  campaigns: [],
  households,
  policies: [],
  hardshipCategories: [],
});

describe('no full ID number on the device', () => {
  it('finds a full ID number wherever it hides, and passes masked ones and look-alikes', () => {
    expect(findFullIdNumbers({ households: [household] })).toEqual([]);
    expect(findFullIdNumbers({ a: [{ b: '户主 11010519491231002x 住址' }] })).toEqual(['a.0.b']);
    // 18 digits whose check character is wrong are not an ID number (e.g. a long household number).
    expect(findFullIdNumbers(['110105194912310021'])).toEqual([]);
  });

  it('refuses a package with a full ID number or an unmasked phone', () => {
    expect(() => assertMaskedOnly(work([household]))).not.toThrow();
    expect(() => assertMaskedOnly(work([{ ...household, headIdMasked: '11010519491231002X' }]))).toThrow(/full ID number at households\.0\.headIdMasked/);
    expect(() => assertMaskedOnly(work([{ ...household, address: '11010519491231002X' }]))).toThrow(/households\.0\.address/);
    expect(() => assertMaskedOnly(work([{ ...household, phoneMasked: '13812345678' }]))).toThrow(/unmasked number at households\.0/);
    expect(() => assertMaskedOnly(work([{ ...household, headIdMasked: null, phoneMasked: null }]))).not.toThrow();
  });
});

describe('aid on the phone', () => {
  const campaign = {
    aidStandards: [
      { categoryCode: 'dibao', items: [cash, rice] },
      { categoryCode: 'tekun', items: [oil, rice] },
    ],
  };

  it("offers the items of the household's categories, each once", () => {
    expect(aidItemsFor(campaign, ['dibao']).map((i) => i.code)).toEqual(['dibao_cash', 'rice']);
    expect(aidItemsFor(campaign, ['dibao', 'tekun']).map((i) => i.code)).toEqual(['dibao_cash', 'rice', 'oil']);
    expect(aidItemsFor(campaign, [])).toEqual([]);
  });

  it('counts what the server holds and what this phone recorded but did not send yet', () => {
    expect(remainingOnPhone(household, cash, [])).toBe(1);
    expect(remainingOnPhone({ ...household, aidReceived: [{ itemCode: 'dibao_cash', deliveries: 1 }] }, cash, [])).toBe(0);
    const local = [{ recordId: 'a', campaignId: '7', householdId: '1024', itemCode: 'rice', createdAt: '2026-12-01T01:00:00Z' }];
    expect(remainingOnPhone(household, rice, local)).toBe(1);
    expect(remainingOnPhone({ ...household, aidReceived: [{ itemCode: 'rice', deliveries: 1 }] }, rice, local)).toBe(0);
    // Another household's or campaign's lines do not count.
    expect(remainingOnPhone(household, rice, [{ ...local[0]!, householdId: '9' }, { ...local[0]!, campaignId: '8' }])).toBe(2);
  });
});

describe('searchHouseholds', () => {
  it('matches name, number, village or address, ignoring spaces and case', () => {
    const other = { ...household, householdId: '2', headName: '李四', villageName: '李家村', address: '李家村 1 组', householdNo: 'B-2' };
    expect(searchHouseholds([household, other], '').length).toBe(2);
    expect(searchHouseholds([household, other], '王 庄').map((h) => h.headName)).toEqual(['王秀英']);
    expect(searchHouseholds([household, other], 'b-2').map((h) => h.headName)).toEqual(['李四']);
    expect(searchHouseholds([household, other], '张')).toEqual([]);
  });
});
