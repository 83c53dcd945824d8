/**
 * The work package on the phone (pure): the check that it holds masked numbers only, what a
 * household's visit form offers (the aid items of its categories' standards) and how many
 * deliveries of an item remain once what this phone has recorded but not yet synced is counted.
 * The rules themselves are the shared ones (`src/shared/visits`): nothing is re-decided here.
 */
import { idCheckCharacter } from '../../shared/registry/id-number.ts';
import { remainingDeliveries, type AidDelivery, type TAidItem, type TMyWork, type TWorkCampaign, type TWorkHousehold } from '../../shared/visits/index.ts';

/**
 * Where a full resident ID number (18 characters whose check character is right) appears in
 * `value`, as paths (`households.3.address`); empty when there is none.
 *
 * @example
 * findFullIdNumbers({ a: ['370921********123X'] }); // []
 * findFullIdNumbers({ a: ['11010519491231002X'] }); // ['a.0']
 */
export function findFullIdNumbers(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    for (const match of value.toUpperCase().matchAll(/(?=(\d{17}[\dX]))/g)) {
      const candidate = match[1]!;
      if (idCheckCharacter(candidate.slice(0, 17)) === candidate[17]) return [path];
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findFullIdNumbers(v, path ? `${path}.${i}` : String(i)));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findFullIdNumbers(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** A masked number shows its mask; one with seven digits in a row and no `*` is not masked. */
const looksUnmasked = (v: string | null) => v !== null && !v.includes('*') && /\d{7}/.test(v);

/**
 * Refuses a work package that would put a full ID number or an unmasked phone on the device
 * (issue 10: "no full ID numbers ever stored on the device"). Called before anything is stored.
 *
 * @example
 * assertMaskedOnly(work); // throws Error('work package holds a full ID number at households.0.address')
 */
export function assertMaskedOnly(work: TMyWork): void {
  const full = findFullIdNumbers(work);
  if (full.length > 0) throw new Error(`work package holds a full ID number at ${full[0]}`);
  const unmasked = work.households.findIndex((h) => looksUnmasked(h.headIdMasked) || looksUnmasked(h.phoneMasked));
  if (unmasked >= 0) throw new Error(`work package holds an unmasked number at households.${unmasked}`);
}

/**
 * The aid items a household may receive in a campaign: those of the standards of its hardship
 * categories, each once (item codes are unique in a campaign).
 *
 * @example
 * aidItemsFor(campaign, ['dibao']).map((i) => i.code); // ['dibao_cash', 'dibao_rice']
 */
export function aidItemsFor(campaign: Pick<TWorkCampaign, 'aidStandards'>, categoryCodes: readonly string[]): TAidItem[] {
  const seen = new Set<string>();
  const items: TAidItem[] = [];
  for (const standard of campaign.aidStandards) {
    if (!categoryCodes.includes(standard.categoryCode)) continue;
    for (const item of standard.items) {
      if (!seen.has(item.code)) items.push(item);
      seen.add(item.code);
    }
  }
  return items;
}

/** What the phone holds of an aid line it recorded: which household, campaign and item. */
export interface LocalAidLine {
  recordId: string;
  campaignId: string;
  householdId: string;
  itemCode: string;
  createdAt: string;
}

/**
 * Deliveries of `item` this household may still receive: the shared `remainingDeliveries` over
 * the server's count (`aidReceived` of the work package) and the lines recorded on this phone
 * since that package was made. Zero means a delivery now would be a conflict for the township.
 *
 * @example
 * remainingOnPhone(household, item, []); // 1 for a household that received nothing of a once-only item
 */
export function remainingOnPhone(household: Pick<TWorkHousehold, 'campaignId' | 'householdId' | 'aidReceived'>, item: TAidItem, local: readonly LocalAidLine[]): number {
  const received = household.aidReceived.find((a) => a.itemCode === item.code)?.deliveries ?? 0;
  const base = { campaignId: household.campaignId, householdId: household.householdId, townshipCode: '', itemCode: item.code, amountFen: 0, voided: false };
  const deliveries: AidDelivery[] = [
    ...Array.from({ length: received }, (_, i) => ({ ...base, id: `server-${i}`, recordedAt: '1970-01-01T00:00:00Z' })),
    ...local
      .filter((l) => l.campaignId === household.campaignId && l.householdId === household.householdId && l.itemCode === item.code)
      .map((l) => ({ ...base, id: `phone-${l.recordId}`, recordedAt: l.createdAt })),
  ];
  return remainingDeliveries(deliveries, { campaignId: household.campaignId, householdId: household.householdId, itemCode: item.code }, new Map([[item.code, item]]));
}

/**
 * Households matching a search by head's name, household number, village or address (case and
 * spaces ignored); all of them for an empty search.
 *
 * @example
 * searchHouseholds(work.households, '王庄').length;
 */
export function searchHouseholds<H extends Pick<TWorkHousehold, 'headName' | 'householdNo' | 'villageName' | 'address'>>(households: readonly H[], query: string): H[] {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (!q) return [...households];
  return households.filter((h) => [h.headName, h.householdNo, h.villageName, h.address].some((f) => f.replace(/\s+/g, '').toLowerCase().includes(q)));
}
