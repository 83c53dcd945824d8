import { describe, expect, it } from 'vitest';
import { checkAidLine, findAidConflicts, remainingDeliveries, townshipAidTotals, type AidDelivery, type AidItemRule } from './aid-ledger.ts';
import { MAX_FEN, ZCampaignDefinition, aidItemsByCode } from './campaign-schemas.ts';

const T1 = '370921104';
const T2 = '370921105';

const ITEMS = new Map<string, AidItemRule>([
  ['cash', { code: 'cash', amountFen: 50000, goods: [], deliveriesPerHousehold: 1 }],
  ['goods', { code: 'goods', goods: [{ code: 'rice', name: '大米', unit: '袋', quantity: 2 }], deliveriesPerHousehold: 2 }],
]);

let n = 0;
const d = (over: Partial<AidDelivery> = {}): AidDelivery => ({
  id: `d${++n}`,
  campaignId: '7',
  householdId: '1024',
  townshipCode: T1,
  itemCode: 'cash',
  amountFen: 50000,
  recordedAt: '2026-12-01T02:00:00Z',
  voided: false,
  ...over,
});

describe('no aid given twice', () => {
  it('finds nothing in single deliveries, and nothing within an item that allows more', () => {
    expect(findAidConflicts([d({ householdId: '1' }), d({ householdId: '2' }), d({ householdId: '1', itemCode: 'goods' }), d({ householdId: '1', itemCode: 'goods' })], ITEMS)).toEqual([]);
    // The same household and item in another campaign is another delivery.
    expect(findAidConflicts([d(), d({ campaignId: '8' })], ITEMS)).toEqual([]);
  });

  it('keeps two phones recording the same aid as one conflict with both deliveries, earliest first', () => {
    const phoneB = d({ id: 'phone-b', recordedAt: '2026-12-01T09:00:00Z' });
    const phoneA = d({ id: 'phone-a', recordedAt: new Date('2026-12-01T08:00:00Z') });
    expect(findAidConflicts([phoneB, phoneA], ITEMS)).toEqual([{ campaignId: '7', householdId: '1024', itemCode: 'cash', allowed: 1, deliveryIds: ['phone-a', 'phone-b'], excess: 1 }]);
    // Recorded at the same instant: ordered by id, whatever the input order.
    const same = [d({ id: 'z' }), d({ id: 'a' }), d({ id: 'm' })];
    expect(findAidConflicts(same, ITEMS)[0]!.deliveryIds).toEqual(['a', 'm', 'z']);
    expect(findAidConflicts([...same].reverse(), ITEMS)[0]).toMatchObject({ deliveryIds: ['a', 'm', 'z'], excess: 2 });
  });

  it('is resolved by voiding, and voided deliveries stay out of every group', () => {
    const a = d({ id: 'a' });
    const b = d({ id: 'b' });
    expect(findAidConflicts([a, b], ITEMS)).toHaveLength(1);
    expect(findAidConflicts([a, { ...b, voided: true }], ITEMS)).toEqual([]);
    const third = d({ id: 'c', voided: true });
    expect(findAidConflicts([a, b, third], ITEMS)[0]!.deliveryIds).toEqual(['a', 'b']);
  });

  it('allows what the standard allows and no more', () => {
    const goods = (id: string) => d({ id, itemCode: 'goods', amountFen: 0 });
    expect(findAidConflicts([goods('1'), goods('2')], ITEMS)).toEqual([]);
    expect(findAidConflicts([goods('1'), goods('2'), goods('3')], ITEMS)).toEqual([{ campaignId: '7', householdId: '1024', itemCode: 'goods', allowed: 2, deliveryIds: ['1', '2', '3'], excess: 1 }]);
    // An unknown item is allowed once.
    expect(findAidConflicts([d({ itemCode: 'mystery' }), d({ itemCode: 'mystery' })], ITEMS)[0]).toMatchObject({ allowed: 1, excess: 1 });
  });

  it('lists groups in a stable order, and refuses a delivery given twice', () => {
    const all = [d({ householdId: '2' }), d({ householdId: '1' }), d({ householdId: '2' }), d({ householdId: '1' }), d({ householdId: '1', campaignId: '6' }), d({ householdId: '1', campaignId: '6' })];
    const order = (list: AidDelivery[]) => findAidConflicts(list, ITEMS).map((c) => `${c.campaignId}/${c.householdId}`);
    expect(order(all)).toEqual(['6/1', '7/1', '7/2']);
    expect(order([...all].reverse())).toEqual(['6/1', '7/1', '7/2']);
    const x = d();
    expect(() => findAidConflicts([x, x], ITEMS)).toThrow(`delivery ${x.id} is listed twice`);
  });

  it('tells the phone how many deliveries are left', () => {
    const key = { campaignId: '7', householdId: '1024', itemCode: 'goods' };
    expect(remainingDeliveries([], key, ITEMS)).toBe(2);
    expect(remainingDeliveries([d({ itemCode: 'goods' })], key, ITEMS)).toBe(1);
    expect(remainingDeliveries([d({ itemCode: 'goods' }), d({ itemCode: 'goods', voided: true })], key, ITEMS)).toBe(1);
    expect(remainingDeliveries([d({ itemCode: 'goods' }), d({ itemCode: 'goods' }), d({ itemCode: 'goods' })], key, ITEMS)).toBe(0);
    expect(remainingDeliveries([d({ itemCode: 'goods', householdId: '9' })], key, ITEMS)).toBe(2);
    expect(remainingDeliveries([], { ...key, itemCode: 'mystery' }, ITEMS)).toBe(0);
  });

  it('agrees with a direct count on random ledgers (conflicts exactly where active deliveries exceed the limit)', () => {
    let seed = 7;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (let round = 0; round < 50; round += 1) {
      const list = Array.from({ length: 40 }, (_, i) => d({ id: `r${round}-${i}`, householdId: String(rand(6)), itemCode: rand(2) ? 'cash' : 'goods', voided: rand(4) === 0 }));
      const conflicts = findAidConflicts(list, ITEMS);
      for (const h of ['0', '1', '2', '3', '4', '5']) {
        for (const item of ['cash', 'goods']) {
          const active = list.filter((x) => x.householdId === h && x.itemCode === item && !x.voided);
          const c = conflicts.find((x) => x.householdId === h && x.itemCode === item);
          const allowed = ITEMS.get(item)!.deliveriesPerHousehold;
          if (active.length > allowed) expect(c?.deliveryIds.slice().sort()).toEqual(active.map((x) => x.id).sort());
          else expect(c).toBeUndefined();
          expect(remainingDeliveries(list, { campaignId: '7', householdId: h, itemCode: item }, ITEMS)).toBe(Math.max(0, allowed - active.length));
        }
      }
    }
  });
});

describe('aid against its standard', () => {
  it('accepts what fits, up to the standard exactly', () => {
    expect(checkAidLine({ itemCode: 'cash', amountFen: 50000 }, ITEMS)).toEqual([]);
    expect(checkAidLine({ itemCode: 'cash', amountFen: 30000 }, ITEMS)).toEqual([]);
    expect(checkAidLine({ itemCode: 'goods', goods: [{ code: 'rice', quantity: 2 }] }, ITEMS)).toEqual([]);
  });

  it('names each way a line does not fit', () => {
    expect(checkAidLine({ itemCode: 'cash', amountFen: 50001 }, ITEMS)).toEqual([{ code: 'amount_above_standard', itemCode: 'cash', amountFen: 50001, standardFen: 50000 }]);
    expect(checkAidLine({ itemCode: 'mystery', amountFen: 1 }, ITEMS)).toEqual([{ code: 'unknown_item', itemCode: 'mystery' }]);
    expect(checkAidLine({ itemCode: 'cash', amountFen: -1 }, ITEMS)).toEqual([{ code: 'amount_invalid', itemCode: 'cash', amountFen: -1 }]);
    expect(checkAidLine({ itemCode: 'cash', amountFen: 0.5 }, ITEMS)).toEqual([{ code: 'amount_invalid', itemCode: 'cash', amountFen: 0.5 }]);
    // Money on an item of goods only: its standard amount is 0.
    expect(checkAidLine({ itemCode: 'goods', amountFen: 100, goods: [{ code: 'rice', quantity: 3 }, { code: 'oil', quantity: 1 }] }, ITEMS)).toEqual([
      { code: 'amount_above_standard', itemCode: 'goods', amountFen: 100, standardFen: 0 },
      { code: 'goods_above_standard', itemCode: 'goods', goodsCode: 'rice', quantity: 3, standardQuantity: 2 },
      { code: 'goods_not_in_standard', itemCode: 'goods', goodsCode: 'oil' },
    ]);
  });

  it('reads the items of a parsed campaign', () => {
    const campaign = ZCampaignDefinition.parse({
      kind: 'hardship',
      name: '冬季慰问',
      period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
      done: { deadline: '2026-12-31' },
      aidStandards: [{ categoryCode: 'tekun', items: [{ code: 'tekun_cash', name: '特困慰问金', amountFen: 80000 }] }],
    });
    expect(checkAidLine({ itemCode: 'tekun_cash', amountFen: 80001 }, aidItemsByCode(campaign))).toHaveLength(1);
    expect(checkAidLine({ itemCode: 'tekun_cash', amountFen: 80000 }, aidItemsByCode(campaign))).toEqual([]);
  });
});

describe('money per township', () => {
  it('is not over budget exactly at the limit, and is one fen past it', () => {
    const at = [d({ amountFen: 30000 }), d({ amountFen: 20000, householdId: '2' })];
    expect(townshipAidTotals(at, [{ townshipCode: T1, budgetFen: 50000 }])).toEqual([
      { townshipCode: T1, deliveredFen: 50000, voidedFen: 0, deliveries: 2, budgetFen: 50000, remainingFen: 0, overBudget: false },
    ]);
    const past = [...at, d({ amountFen: 1, householdId: '3' })];
    expect(townshipAidTotals(past, [{ townshipCode: T1, budgetFen: 50000 }])[0]).toMatchObject({ deliveredFen: 50001, remainingFen: -1, overBudget: true });
  });

  it('leaves voided deliveries out of the money and counts conflicting ones until voided', () => {
    const totals = townshipAidTotals([d({ id: 'a' }), d({ id: 'b' }), d({ id: 'c', voided: true, amountFen: 7 })], [{ townshipCode: T1, budgetFen: 100000 }]);
    expect(totals[0]).toMatchObject({ deliveredFen: 100000, voidedFen: 7, deliveries: 2, overBudget: false });
  });

  it('lists townships with a budget and no delivery, and deliveries without a budget, in code order', () => {
    const totals = townshipAidTotals([d({ townshipCode: T2, amountFen: 10 })], [{ townshipCode: T1, budgetFen: 0 }]);
    expect(totals).toEqual([
      { townshipCode: T1, deliveredFen: 0, voidedFen: 0, deliveries: 0, budgetFen: 0, remainingFen: 0, overBudget: false },
      { townshipCode: T2, deliveredFen: 10, voidedFen: 0, deliveries: 1, budgetFen: null, remainingFen: null, overBudget: false },
    ]);
  });

  it('stays exact at the largest amounts and refuses bad input', () => {
    const big = Array.from({ length: 50 }, (_, i) => d({ id: `big${i}`, amountFen: MAX_FEN }));
    expect(townshipAidTotals(big, [])[0]!.deliveredFen).toBe(50 * MAX_FEN);
    expect(Number.isSafeInteger(50 * MAX_FEN)).toBe(true);
    expect(() => townshipAidTotals([d({ amountFen: -5 })], [])).toThrow('invalid amount');
    expect(() => townshipAidTotals([], [{ townshipCode: T1, budgetFen: 1 }, { townshipCode: T1, budgetFen: 2 }])).toThrow('two budgets');
  });
});
