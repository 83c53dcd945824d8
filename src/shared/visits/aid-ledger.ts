/**
 * The aid ledger (慰问台账): "no aid given twice" and money against budget (issue 10, point 4).
 * Pure: the server runs it after each sync and for the township admin's conflict list; the
 * offline phone runs it on what it holds before a cadre hands something over.
 *
 * Rules:
 * - one household receives one aid item in one campaign at most `deliveriesPerHousehold` times
 *   (1 unless the standard allows more);
 * - deliveries beyond that form a *conflict group* (the household, the item, every active
 *   delivery of it): none is dropped, none is summed into another; the township admin resolves
 *   it by voiding one with a reason (作废), after which the group falls under the limit;
 * - a voided delivery is kept but counts for nothing (neither a delivery nor money);
 * - money is integer fen; sums stay safe integers because every amount is bounded (`ZFen`).
 */
import type { TAidItem, TTownshipBudget } from './campaign-schemas.ts';

/** One aid line as the ledger keeps it: a visit's aid for one item, with where and when. */
export interface AidDelivery {
  /** Unique per delivery, e.g. the visit's client id and the item code. */
  id: string;
  campaignId: string;
  householdId: string;
  /** The household's township (9-digit code) for the budget. */
  townshipCode: string;
  itemCode: string;
  amountFen: number;
  goods?: readonly { code: string; quantity: number }[];
  /** When the server received it (or, on the phone, when it was made); orders a conflict group. */
  recordedAt: string | Date;
  voided: boolean;
}

/** What the ledger needs of an aid item (a `TAidItem`). */
export type AidItemRule = Pick<TAidItem, 'code' | 'amountFen' | 'goods' | 'deliveriesPerHousehold'>;

/** Deliveries of one item to one household in one campaign beyond what the standard allows. */
export interface AidConflict {
  campaignId: string;
  householdId: string;
  itemCode: string;
  /** Deliveries the standard allows (1 for an unknown item). */
  allowed: number;
  /** Every active delivery of the group, earliest recorded first (ties by id). */
  deliveryIds: string[];
  /** How many must be voided to resolve it: deliveryIds.length − allowed. */
  excess: number;
}

const at = (v: string | Date) => (typeof v === 'string' ? Date.parse(v) : v.getTime());
const keyOf = (d: Pick<AidDelivery, 'campaignId' | 'householdId' | 'itemCode'>) => JSON.stringify([d.campaignId, d.householdId, d.itemCode]);

function assertUniqueIds(deliveries: readonly AidDelivery[]) {
  const seen = new Set<string>();
  for (const d of deliveries) {
    if (seen.has(d.id)) throw new Error(`delivery ${d.id} is listed twice`);
    seen.add(d.id);
  }
}

/**
 * The conflict groups among the deliveries, in a stable order (campaign, household, item).
 * `items` are the campaign's aid items by code (`aidItemsByCode`); an item not among them is
 * allowed once (and is also an error `checkAidLine` reports). A delivery id given twice throws:
 * resends are settled before the ledger (`compareRecords`).
 *
 * @example
 * const items = new Map([['cash', { code: 'cash', amountFen: 50000, goods: [], deliveriesPerHousehold: 1 }]]);
 * const d = { campaignId: '7', householdId: '1024', townshipCode: '370921104', itemCode: 'cash', amountFen: 50000, voided: false };
 * findAidConflicts([{ ...d, id: 'phone-a', recordedAt: '2026-12-01T02:00:00Z' }, { ...d, id: 'phone-b', recordedAt: '2026-12-01T03:00:00Z' }], items);
 * // [{ campaignId: '7', householdId: '1024', itemCode: 'cash', allowed: 1, deliveryIds: ['phone-a', 'phone-b'], excess: 1 }]
 */
export function findAidConflicts(deliveries: readonly AidDelivery[], items: ReadonlyMap<string, AidItemRule>): AidConflict[] {
  assertUniqueIds(deliveries);
  const groups = new Map<string, AidDelivery[]>();
  for (const d of deliveries) {
    if (d.voided) continue;
    const k = keyOf(d);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [d]);
    else g.push(d);
  }
  const conflicts: AidConflict[] = [];
  for (const [, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = group[0]!;
    const allowed = items.get(first.itemCode)?.deliveriesPerHousehold ?? 1;
    if (group.length <= allowed) continue;
    const ordered = [...group].sort((a, b) => at(a.recordedAt) - at(b.recordedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    conflicts.push({ campaignId: first.campaignId, householdId: first.householdId, itemCode: first.itemCode, allowed, deliveryIds: ordered.map((d) => d.id), excess: group.length - allowed });
  }
  return conflicts;
}

/**
 * How many more times this household may receive this item in this campaign, counting the
 * active deliveries already held (the phone asks before a cadre hands something over). An item
 * not in the standard has none left (`checkAidLine` refuses it).
 *
 * @example
 * remainingDeliveries([], { campaignId: '7', householdId: '1024', itemCode: 'cash' }, items); // 1
 */
export function remainingDeliveries(
  deliveries: readonly AidDelivery[],
  target: Pick<AidDelivery, 'campaignId' | 'householdId' | 'itemCode'>,
  items: ReadonlyMap<string, AidItemRule>,
): number {
  const allowed = items.get(target.itemCode)?.deliveriesPerHousehold ?? 0;
  const k = keyOf(target);
  const used = deliveries.filter((d) => !d.voided && keyOf(d) === k).length;
  return Math.max(0, allowed - used);
}

/** Why an aid line does not fit its standard: the server answers 422 with these. */
export type AidLineIssue =
  | { code: 'unknown_item'; itemCode: string }
  | { code: 'amount_invalid'; itemCode: string; amountFen: number }
  | { code: 'amount_above_standard'; itemCode: string; amountFen: number; standardFen: number }
  | { code: 'goods_not_in_standard'; itemCode: string; goodsCode: string }
  | { code: 'goods_above_standard'; itemCode: string; goodsCode: string; quantity: number; standardQuantity: number };

/**
 * Check one aid line against its item's standard: the item exists, the amount is a whole,
 * non-negative number of fen no higher than the standard's (0 when the standard gives no money),
 * every goods is in the standard and no more than its quantity. An empty list means it fits.
 *
 * @example
 * checkAidLine({ itemCode: 'cash', amountFen: 60000 }, items);
 * // [{ code: 'amount_above_standard', itemCode: 'cash', amountFen: 60000, standardFen: 50000 }]
 */
export function checkAidLine(
  line: { itemCode: string; amountFen?: number | undefined; goods?: readonly { code: string; quantity: number }[] },
  items: ReadonlyMap<string, AidItemRule>,
): AidLineIssue[] {
  const item = items.get(line.itemCode);
  if (item === undefined) return [{ code: 'unknown_item', itemCode: line.itemCode }];
  const issues: AidLineIssue[] = [];
  const amount = line.amountFen ?? 0;
  const standardFen = item.amountFen ?? 0;
  if (!Number.isSafeInteger(amount) || amount < 0) issues.push({ code: 'amount_invalid', itemCode: item.code, amountFen: amount });
  else if (amount > standardFen) issues.push({ code: 'amount_above_standard', itemCode: item.code, amountFen: amount, standardFen });
  for (const g of line.goods ?? []) {
    const standard = item.goods.find((s) => s.code === g.code);
    if (standard === undefined) issues.push({ code: 'goods_not_in_standard', itemCode: item.code, goodsCode: g.code });
    else if (g.quantity > standard.quantity) issues.push({ code: 'goods_above_standard', itemCode: item.code, goodsCode: g.code, quantity: g.quantity, standardQuantity: standard.quantity });
  }
  return issues;
}

/** One township's money: delivered (active deliveries) against its budget. */
export interface TownshipAidTotal {
  townshipCode: string;
  /** Sum of active deliveries, conflicting ones included (the money was handed over until one is voided). */
  deliveredFen: number;
  /** Sum of voided deliveries, shown apart, never in `deliveredFen`. */
  voidedFen: number;
  deliveries: number;
  budgetFen: number | null;
  /** budget − delivered (negative when over); null without a budget. */
  remainingFen: number | null;
  /** Delivered strictly more than the budget; exactly at the budget is not over. */
  overBudget: boolean;
}

/**
 * Money per township, in code order: every township with a budget or a delivery.
 *
 * @example
 * townshipAidTotals([{ id: 'a', campaignId: '7', householdId: '1', townshipCode: '370921104', itemCode: 'cash', amountFen: 50000, recordedAt: '2026-12-01T02:00:00Z', voided: false }],
 *   [{ townshipCode: '370921104', budgetFen: 50000 }]);
 * // [{ townshipCode: '370921104', deliveredFen: 50000, voidedFen: 0, deliveries: 1, budgetFen: 50000, remainingFen: 0, overBudget: false }]
 */
export function townshipAidTotals(deliveries: readonly AidDelivery[], budgets: readonly TTownshipBudget[]): TownshipAidTotal[] {
  assertUniqueIds(deliveries);
  const totals = new Map<string, TownshipAidTotal>();
  const get = (code: string) => {
    let t = totals.get(code);
    if (t === undefined) totals.set(code, (t = { townshipCode: code, deliveredFen: 0, voidedFen: 0, deliveries: 0, budgetFen: null, remainingFen: null, overBudget: false }));
    return t;
  };
  for (const b of budgets) {
    const t = get(b.townshipCode);
    if (t.budgetFen !== null) throw new Error(`township ${b.townshipCode} has two budgets`);
    t.budgetFen = b.budgetFen;
  }
  for (const d of deliveries) {
    if (!Number.isSafeInteger(d.amountFen) || d.amountFen < 0) throw new Error(`delivery ${d.id} has an invalid amount`);
    const t = get(d.townshipCode);
    if (d.voided) t.voidedFen += d.amountFen;
    else {
      t.deliveredFen += d.amountFen;
      t.deliveries += 1;
    }
  }
  for (const t of totals.values()) {
    if (t.budgetFen === null) continue;
    t.remainingFen = t.budgetFen - t.deliveredFen;
    t.overBudget = t.deliveredFen > t.budgetFen;
  }
  return [...totals.values()].sort((a, b) => (a.townshipCode < b.townshipCode ? -1 : a.townshipCode > b.townshipCode ? 1 : 0));
}
